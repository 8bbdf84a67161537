"""?page_size= behaves as documented: a whole number from 1 (more than 500 gives 500); anything else is a 400."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["abc", "0", "0000000000", "-5", "2.5", "null"])
def test_a_page_size_that_is_not_a_whole_number_from_1_is_refused_in_the_callers_language(world, api, value):
    client = api.as_user(world.strategy)

    thai = client.get("/api/v1/indicators/", {"page_size": value})
    english = client.get("/api/v1/indicators/", {"page_size": value}, HTTP_ACCEPT_LANGUAGE="en")

    assert thai.status_code == english.status_code == 400
    assert thai.json() == {"page_size": ["page_size ต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป (สูงสุด 500 รายการต่อหน้า)"]}
    assert english.json() == {"page_size": ["page_size must be a whole number from 1 (at most 500 rows a page)"]}


def test_an_empty_or_good_page_size_lists(world, api):
    client = api.as_user(world.strategy)
    total = client.get("/api/v1/indicators/").json()["count"]

    empty = client.get("/api/v1/indicators/", {"page_size": ""})
    one = client.get("/api/v1/indicators/", {"page_size": "1"})
    huge = client.get("/api/v1/indicators/", {"page_size": "9" * 5000})

    assert empty.status_code == one.status_code == huge.status_code == 200
    assert len(empty.json()["results"]) == len(huge.json()["results"]) == total
    assert len(one.json()["results"]) == 1 and one.json()["count"] == total


def test_the_schema_states_the_page_parameters_in_thai_with_their_lower_bound(world, api):
    spec = api.as_user(world.strategy).get("/api/schema/?format=json").json()

    parameters = {p["name"]: p for p in spec["paths"]["/api/v1/indicators/"]["get"]["parameters"]}

    assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1}
    assert parameters["page"]["schema"] == {"type": "integer", "minimum": 1}
    assert "500" in parameters["page_size"]["description"] and "หน้า" in parameters["page"]["description"]
