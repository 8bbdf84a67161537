"""Score pages in the browser's words: who may open them and what they show."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from agencies.models import RoleKind
from tests.factories import (
    AgencyFactory,
    DistrictFactory,
    JointParticipantFactory,
    MissionGroupFactory,
    RoleFactory,
    ScoredIndicatorFactory,
    SubmittedReportFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(fiscal_year, agency, other_agency):
    """OWN reaches level 4 on a weight-10 KPI (8/10 = 80 %); OTHER reaches level 5 (100 %)."""
    for owner, level in [(agency, 4), (other_agency, 5)]:
        indicator = ScoredIndicatorFactory(
            fiscal_year=fiscal_year, agency=owner, name=f"ตัวชี้วัดของ {owner.code}", weight=D(10)
        )
        SubmittedReportFactory(indicator=indicator, quarter=4, level_reached=D(level))


def test_anonymous_users_are_sent_to_log_in(client, scored):
    for url in (reverse("scoring:ranking", args=[2567]), reverse("scoring:scorecard", args=[2567, "OWN"])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_staff_see_their_own_scorecard(client, staff_user, scored):
    client.force_login(staff_user)
    response = client.get(reverse("scoring:scorecard", args=[2567, "OWN"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "ตัวชี้วัดของ OWN" in page
    assert "พ.ศ. 2567" in page
    assert "8 / 10" in page
    assert "รายงานของหน่วยงาน" in page  # source marked: self-reported, not audited


def test_a_joint_kpi_of_another_agency_names_its_owner(client, fiscal_year, agency, other_agency, staff_user):
    other_agency.abbreviation = "สนอ."
    other_agency.save()
    joint = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=other_agency, number=4, name="ตัวชี้วัดร่วมของเมือง")
    JointParticipantFactory(indicator=joint, agency=agency, weight=D(5))
    client.force_login(staff_user)
    page = client.get(reverse("scoring:scorecard", args=[2567, "OWN"])).content.decode()
    assert "ตัวชี้วัดร่วมของเมือง" in page and "ตัวชี้วัดร่วม ของ สนอ." in page


def test_another_agencys_scorecard_is_404(client, staff_user, scored):
    client.force_login(staff_user)
    assert client.get(reverse("scoring:scorecard", args=[2567, "OTHER"])).status_code == 404


def test_an_unknown_year_is_404(client, strategy_user, scored):
    client.force_login(strategy_user)
    assert client.get(reverse("scoring:scorecard", args=[2599, "OWN"])).status_code == 404
    assert client.get(reverse("scoring:ranking", args=[2599])).status_code == 404


def test_agency_staff_see_only_their_own_row_with_the_city_wide_rank(client, staff_user, scored):
    client.force_login(staff_user)
    response = client.get(reverse("scoring:ranking", args=[2567]))
    assert response.status_code == 200
    rows = [(row.rank, row.scorecard.agency.code) for row in response.context["overall"]]
    assert rows == [(2, "OWN")]
    assert "สำนักงานอื่น" not in response.content.decode()


def test_the_strategy_office_sees_the_whole_ranking_with_bars(client, strategy_user, scored):
    client.force_login(strategy_user)
    response = client.get(reverse("scoring:ranking", args=[2567]))
    rows = [(row.rank, row.scorecard.agency.code) for row in response.context["overall"]]
    assert rows == [(1, "OTHER"), (2, "OWN")]
    page = response.content.decode()
    assert 'width="100.00"' in page and 'width="80.00"' in page


def test_a_committee_member_sees_their_mission_groups_agencies(client, fiscal_year, agency, other_agency, scored):
    group = MissionGroupFactory(fiscal_year=fiscal_year, name="กลุ่มทดสอบ", members=[agency])
    member = RoleFactory(kind=RoleKind.COMMITTEE_MEMBER, agency=None, mission_group=group).user
    client.force_login(member)
    response = client.get(reverse("scoring:ranking", args=[2567]))
    assert [row.scorecard.agency.code for row in response.context["overall"]] == ["OWN"]
    assert [g.name for g in response.context["mission_groups"]] == [f"{group.number}. กลุ่มทดสอบ"]
    assert client.get(reverse("scoring:scorecard", args=[2567, "OWN"])).status_code == 200
    assert client.get(reverse("scoring:scorecard", args=[2567, "OTHER"])).status_code == 404


def test_steering_members_see_district_group_rankings(client, fiscal_year, scored):
    district = DistrictFactory()
    indicator = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=district)
    SubmittedReportFactory(indicator=indicator, quarter=4, level_reached=D(3))
    steering = RoleFactory(kind=RoleKind.STEERING_MEMBER, agency=None).user
    client.force_login(steering)
    response = client.get(reverse("scoring:ranking", args=[2567]))
    assert len(response.context["overall"]) == 3
    assert [[r.scorecard.agency for r in g.rows] for g in response.context["district_groups"]] == [[district]]


def test_a_quarter_shows_the_provisional_ranking(client, strategy_user, fiscal_year, agency, scored):
    early = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency, number=50, weight=D(10))
    SubmittedReportFactory(indicator=early, quarter=1, level_reached=D(5))
    client.force_login(strategy_user)
    response = client.get(reverse("scoring:scorecard", args=[2567, "OWN"]), {"quarter": "1"})
    card = response.context["card"]
    assert (card.total_points, card.max_points) == (D(10), D(20))  # the Q4 result is not counted yet
    assert "ไตรมาสที่ 1" in response.content.decode()


def test_a_bad_quarter_is_explained_next_to_the_field(client, strategy_user, scored):
    client.force_login(strategy_user)
    response = client.get(reverse("scoring:ranking", args=[2567]), {"quarter": "9"})
    assert response.status_code == 200
    assert "เลือกไตรมาส 1-4" in response.content.decode()
    assert response.context["quarter"] is None


def test_users_without_roles_see_an_empty_ranking(client, scored):
    client.force_login(UserFactory())
    response = client.get(reverse("scoring:ranking", args=[2567]))
    assert response.status_code == 200
    assert response.context["overall"] == []


def test_the_index_goes_to_the_current_year(client, strategy_user, fiscal_year):
    client.force_login(strategy_user)
    assert client.get(reverse("scoring:index")).url == reverse("scoring:ranking", args=[2567])


def test_the_ranking_page_has_a_fixed_query_count(client, strategy_user, fiscal_year, django_assert_max_num_queries):
    for _ in range(12):
        indicator = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=AgencyFactory())
        SubmittedReportFactory(indicator=indicator, quarter=4, level_reached=D(3))
    client.force_login(strategy_user)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("scoring:ranking", args=[2567])).status_code == 200


def test_the_admin_shows_an_indicators_points(client, fiscal_year, agency):
    indicator = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency, weight=D(20))
    SubmittedReportFactory(indicator=indicator, quarter=2, level_reached=D(4))
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.get(reverse("admin:indicators_indicator_change", args=[indicator.pk]))
    assert response.status_code == 200
    assert "16 / 20 คะแนน (ระดับ 4)" in response.content.decode()


def test_the_scorecard_has_no_blank_heading_cells(client, staff_user, scored):
    """A blank <th> is read as an empty column or row heading; the element rows' empty cells are data cells."""
    from tests.markup import empty_header_cells

    client.force_login(staff_user)
    assert empty_header_cells(client.get(reverse("scoring:scorecard", args=[2567, "OWN"])).content.decode()) == []
