"""Staff pages of the self-assessment: create, answer, compare, report, CSV."""

import re


def new_assessment(staff, copy="0") -> str:
    response = staff.post("/assessments", data={"copy": copy})
    assert response.status_code == 303
    return response.headers["Location"]


def test_assessment_pages_need_a_login(staff_client):
    assert staff_client.get("/assessments").status_code == 302


def test_create_answer_and_see_the_changes(staff):
    first = new_assessment(staff)
    page = staff.get(first).get_data(as_text=True)
    assert page.count('<fieldset class="question') == 24
    assert "Kjenner de ansatte til tilbudet om karriereveiledning" in page
    answers = {
        f"answer-{key}": "no" for key in re.findall(r'name="answer-([a-z-]+)"', page)
    }
    answers["todo-groups"] = "Starte en gruppe om CV"
    assert staff.post(first, data=answers).status_code == 303
    page = staff.get(first).get_data(as_text=True)
    assert "Starte en gruppe om CV</textarea>" in page
    assert '<details class="tips" open>' in page  # tips beside every NO

    second = new_assessment(staff, copy="1")
    changed = {**answers, "answer-groups": "yes", "answer-one-to-one": "yes"}
    staff.post(second, data=changed)
    page = staff.get(second).get_data(as_text=True)
    assert page.count("question-changed") == 2
    assert re.search(r": 2 \w+", page)  # "…: 2 answers have changed", in nb


def test_overview_chart_report_and_csv(staff):
    location = new_assessment(staff)
    staff.post(location, data={"answer-groups": "yes"})
    overview = staff.get("/assessments").get_data(as_text=True)
    assert '<svg class="chart"' in overview and "<rect" in overview
    assert "12 %" in overview  # 1 of 8 in the first part
    report = staff.get(location + "/report").get_data(as_text=True)
    assert "Tilbys karriereveiledning i grupper?" in report
    export = staff.get(location + ".csv")
    assert export.mimetype == "text/csv"
    assert "Tilbys karriereveiledning i grupper?,yes" in export.get_data(as_text=True)


def test_evidence_from_the_kiosk_stands_beside_its_question(staff):
    page = staff.get(new_assessment(staff)).get_data(as_text=True)
    assert "العربية" in page  # languages served, beside the language question
    assert "60" in page  # occupations in the library


def test_unknown_assessment_is_404(staff):
    assert staff.get("/assessments/999").status_code == 404
