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


def _beside(page: str, question: str) -> str:
    """Return the text of the evidence box of one question."""
    block = page.split(f'id="q-{question}"')[1].split("</fieldset>")[0]
    evidence = block.split('<div class="evidence">')[1].split("</div>")[0]
    return " ".join(re.sub(r"<[^>]+>", " ", evidence).split())


def test_evidence_from_the_kiosk_stands_beside_its_question(staff, db_session):
    from kiosk import prison_offer
    from kiosk.config import CONTENT_DIR, STATIC_DIR
    from kiosk.library.documents import CareerLibrary
    from kiosk.library.markdown import MarkdownRenderer, icon_names

    offer = prison_offer.Offer(one_to_one=True, groups=False, languages=["ar", "pl"])
    prison_offer.save(db_session, prison_offer.clean(offer, ["nb", "ar", "pl"]))
    db_session.commit()
    page = staff.get(new_assessment(staff)).get_data(as_text=True)
    languages = _beside(page, "relevant-language")
    assert languages.index("العربية") < languages.index("Polski")  # our offer first
    assert "Vårt tilbud, en til en: ja." in _beside(page, "one-to-one")
    library = CareerLibrary(CONTENT_DIR, MarkdownRenderer(icon_names(STATIC_DIR)))
    jobs = len(library.of_kind("occupations"))
    assert f"{jobs} " in _beside(page, "knowledge")
    assert "staff-know" in page and "q-staff-know" in page
    assert (
        '<div class="evidence">'
        not in page.split('id="q-staff-know"')[1].split("</fieldset>")[0]
    )  # no evidence where the kiosk knows nothing


def test_the_booklet_frames_each_part_where_staff_answer(staff):
    page = staff.get(new_assessment(staff)).get_data(as_text=True)
    assert "gjennom hele soningsforløpet, og være tilgjengelig" in page  # part 1
    assert "<li>Inntakskrav til utdanninger</li>" in page  # the topics behind 2.1
    assert "jf. definisjonen side 5" in page  # part 4 keeps the booklet's reference
    assert "både fysisk og digitalt" in page  # the definition itself
    assert "Dette er ingen uttømmende liste" in page
    coherence = page.split('id="part-coherence"')[1].split('id="part-quality"')[0]
    assert '<details class="tips"' not in coherence  # no tips the booklet lacks


def test_unknown_assessment_is_404(staff):
    assert staff.get("/assessments/999").status_code == 404
