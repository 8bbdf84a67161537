"""English is a real choice: the footer switcher changes the UI language, Thai stays the default."""
from django.urls import reverse
from django.utils import translation

from agencies.models import RoleKind
from tests.pdf.conftest import pdf_text, squeeze


def switch_to_english(client, next_url="/"):
    response = client.post(reverse("set_language"), {"language": "en", "next": next_url})
    assert response.status_code == 302
    return response


def test_footer_offers_language_switcher(client):
    html = client.get(reverse("login")).content.decode()
    assert f'action="{reverse("set_language")}"' in html
    assert "ภาษา / Language" in html
    assert '<option value="th" lang="th" selected>ภาษาไทย</option>' in html
    assert '<option value="en" lang="en">English</option>' in html


def test_thai_is_the_default_for_a_new_session(client, staff_user, fiscal_year):
    client.force_login(staff_user)
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="th">' in html
    assert "หน่วยงานของฉัน" in html
    assert "ออกจากระบบ" in html
    assert "My agencies" not in html


def test_logged_in_user_switches_home_page_to_english(client, staff_user, agency, fiscal_year):
    client.force_login(staff_user)
    response = switch_to_english(client, next_url=reverse("home"))
    assert response.url == reverse("home")

    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in html
    assert "My agencies" in html  # page heading
    assert "Log out" in html  # menu
    assert "Scores and rankings" in html
    assert f"Dashboard {agency.name_th}" in html  # agency names stay Thai data
    assert "Strategy and Evaluation Department, Bangkok Metropolitan Administration" in html
    assert "หน่วยงานของฉัน" not in html
    assert '<option value="en" lang="en" selected>' in html


def test_login_page_in_english_after_switching(client):
    switch_to_english(client, next_url=reverse("login"))
    html = client.get(reverse("login")).content.decode()
    assert "<h1>Log in</h1>" in html
    assert "BMA Performance Agreement Indicator System" in html
    assert "เข้าสู่ระบบ" not in html


def test_english_choice_survives_login(client, staff_user):
    switch_to_english(client, next_url=reverse("login"))
    response = client.post(reverse("login"), {"username": staff_user.username, "password": "test-password-123"})
    assert response.status_code == 302
    assert "My agencies" in client.get(reverse("home")).content.decode()


def test_switching_back_to_thai(client, staff_user, fiscal_year):
    client.force_login(staff_user)
    switch_to_english(client)
    client.post(reverse("set_language"), {"language": "th", "next": "/"})
    assert "หน่วยงานของฉัน" in client.get(reverse("home")).content.decode()


def test_model_choice_labels_translate():
    with translation.override("en"):
        assert str(RoleKind.AGENCY_STAFF.label) == "Indicator owner"
        assert str(RoleKind.STRATEGY_OFFICE.label) == "Strategy and Evaluation Department staff"
    with translation.override("th"):
        assert str(RoleKind.AGENCY_STAFF.label) == "ผู้รับผิดชอบตัวชี้วัด"


def test_official_pdf_stays_thai_for_an_english_reader(client, skj_results, skj_staff):
    """The quarterly report PDF is an official Thai form: status labels stay Thai after switching to English."""
    client.force_login(skj_staff)
    switch_to_english(client)
    assert "My agencies" in client.get(reverse("home")).content.decode()

    response = client.get(reverse("indicators:pdf_quarterly_report", kwargs={"year": 2567, "code": "SKJ", "quarter": 2}))
    text = squeeze(pdf_text(response.content, mode="raw"))
    assert squeeze("ส่งแล้ว") in text
    assert "Submitted" not in text


def test_it_keeps_pages_thai_for_an_english_browser_until_english_is_chosen(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "เข้าสู่ระบบ" in response.content.decode()


def test_it_lets_the_api_answer_in_the_language_the_client_asks_for(client):
    response = client.get("/api/v1/agencies/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code in (401, 403)
    assert "credentials" in response.json()["detail"].lower()


def test_the_indicator_form_is_labelled_in_english():
    from indicators.forms_negotiation import MeetingForm, RubricLevelForm

    with translation.override("en"):
        assert str(RubricLevelForm().fields["success_percent"].label) == "Success percentage criterion"
        assert RubricLevelForm({"level": "5", "threshold": "๑๐"}).errors["criterion"] == [
            "Required when this row is used"
        ]
        assert "Buddhist Era" in str(MeetingForm.base_fields["held_on"].label)


def test_the_stale_report_message_follows_the_users_language():
    from indicators.services.reporting import STALE_MESSAGE

    with translation.override("en"):
        assert str(STALE_MESSAGE).startswith("Not saved: someone else edited this report")
    with translation.override("th"):
        assert str(STALE_MESSAGE).startswith("บันทึกไม่สำเร็จ")


def test_buddhist_era_years_are_labelled_in_the_readers_language(client, staff_user, agency, fiscal_year):
    client.force_login(staff_user)
    package_url = reverse("indicators:package", args=[fiscal_year.year_be, agency.code])
    assert "พ.ศ. 2567" in client.get(package_url).content.decode()

    switch_to_english(client, next_url=package_url)
    html = client.get(package_url).content.decode()
    assert "B.E. 2567" in html  # heading, crumbs and title
    assert "พ.ศ." not in html
