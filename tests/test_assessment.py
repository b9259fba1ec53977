"""The booklet's self-assessment in plain Python: questions, answers, changes."""

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from kiosk import assessment, events, feedback, prisons, session_requests
from kiosk.config import CONTENT_DIR, PROJECT_ROOT
from kiosk.models import DEFAULT_PRISON, AssessmentAnswer, Event
from kiosk.session_requests import NewRequest

PARTS = assessment.load_parts(CONTENT_DIR / "assessment.toml")
BOOKLET = PROJECT_ROOT.parent / "shared" / "seed" / "000_5e1d472efcb75bfd.txt"


def plain(text: str) -> str:
    """Booklet text without line-break hyphens and with single spaces."""
    return " ".join(re.sub(r"-\s*\n\s*", "", text).split())


def test_four_parts_in_the_booklet_order_with_their_question_counts():
    assert [(part.key, len(part.questions)) for part in PARTS] == [
        ("availability", 8),
        ("content", 7),
        ("coherence", 5),
        ("quality", 4),
    ]
    assert len({q.key for q in assessment.all_questions(PARTS)}) == 24


def test_every_question_is_in_the_booklet_word_for_word():
    if not BOOKLET.exists():
        pytest.skip("the booklet (../shared/seed) is not beside this checkout")
    booklet = plain(BOOKLET.read_text(encoding="utf-8"))
    for question in assessment.all_questions(PARTS):
        words = plain(question.nb.rstrip("?"))
        assert words in booklet, question.key
    for part in PARTS:
        assert plain(part.nb.split(" til ")[0]) in booklet


def test_every_tip_reference_exists():
    for part in PARTS:
        assert len(part.tips_nb) == len(part.tips_en)
        for question in part.questions:
            assert all(0 <= index < len(part.tips_nb) for index in question.tips)


def answer_all(db_session, item, answer="no"):
    answers = {q.key: (answer, "", "gjør noe") for q in assessment.all_questions(PARTS)}
    assessment.save(db_session, item, PARTS, answers, {"availability": "Notat"})


def test_round_trip_copy_and_compare(db_session):
    first = assessment.create(db_session, "anne")
    answer_all(db_session, first, "no")
    second = assessment.create(db_session, "anne", copy_of=first)
    copied = assessment.answers_of(db_session, second)
    assert {row.answer for row in copied.values()} == {"no"}
    assert second.notes == first.notes
    answers = {key: (row.answer, row.how, row.todo) for key, row in copied.items()}
    answers["groups"] = ("yes", "To grupper i måneden", "")
    answers["release-routines"] = ("yes", "Avtale med NAV", "")
    assessment.save(db_session, second, PARTS, answers, {})
    assert assessment.changes(db_session, first, second) == {
        "groups": ("no", "yes"),
        "release-routines": ("no", "yes"),
    }
    assert assessment.previous(db_session, second).id == first.id
    assert assessment.changes(db_session, None, first) == {}


def test_scores_are_the_share_of_yes_per_part(db_session):
    item = assessment.create(db_session, "anne")
    assert set(assessment.scores(db_session, item, PARTS).values()) == {None}
    answers = {q.key: ("no", "", "") for q in assessment.all_questions(PARTS)}
    answers["groups"] = ("yes", "", "")
    answers["one-to-one"] = ("yes", "", "")
    answers["quality-framework"] = ("yes", "", "")
    assessment.save(db_session, item, PARTS, answers, {})
    scores = assessment.scores(db_session, item, PARTS)
    assert scores == {
        "availability": 2 / 8,
        "content": 0.0,
        "coherence": 0.0,
        "quality": 1 / 4,
    }


def test_unknown_answers_and_notes_are_not_stored(db_session):
    item = assessment.create(db_session, "anne")
    assessment.save(
        db_session, item, PARTS, {"groups": ("maybe", "x" * 5000, "")}, {"bad": "x"}
    )
    row = assessment.answers_of(db_session, item)["groups"]
    assert row.answer is None and len(row.how) == assessment.TEXT_MAX
    assert item.notes == "{}"


def test_csv_export_has_every_question_in_order(db_session):
    item = assessment.create(db_session, "anne")
    answer_all(db_session, item, "yes")
    rows = list(csv.reader(io.StringIO(assessment.export_csv(db_session, item, PARTS))))
    assert rows[0][:4] == ["part", "number", "question", "answer"]
    assert len(rows) == 25
    assert rows[1][:2] == ["availability", "1"] and rows[-1][:2] == ["quality", "4"]
    assert {row[3] for row in rows[1:]} == {"yes"}


def test_evidence_counts_requests_of_the_last_90_days(db_session):
    now = datetime(2026, 11, 26, tzinfo=UTC)
    for days, fmt in [
        (1, "one-to-one"),
        (10, "group"),
        (30, "one-to-one"),
        (120, "group"),
    ]:
        session_requests.submit(
            db_session,
            NewRequest("Ola", "A", ["cv"], "nb", "nb", session_format=fmt),
            now=now - timedelta(days=days),
        )
    feedback.submit(db_session, 5, [], "", "nb", now=now - timedelta(days=2))
    assert assessment.evidence(db_session, now=now) == {
        "group_events": 0,
        "employer_visits": 0,
        "feedback": 1,
        "one-to-one": 2,
        "groups": 1,
        "requests": 3,
        "days": 90,
    }


FULL_BOOKLET = """
definition_nb = "Definisjon"
definition_en = "Definition"
tips_note_nb = "Våre ord"
tips_note_en = "Our words"
literature = ["Bok 1", "Bok 2"]

[[parts]]
key = "p"
nb = "Del"
en = "Part"
tips_nb = ["Tips"]
tips_en = ["Tip"]
principles_nb = ["Prinsipp"]
principles_en = ["Principle"]
topics_nb = ["Tema"]
topics_en = ["Topic"]
goal_nb = "Mål"
goal_en = "Goal"

[[parts.questions]]
key = "q1"
nb = "Spørsmål?"
en = "Question?"
evidence = "requests"
tips = [0]

[[parts.questions]]
key = "q2"
nb = "Neste?"
en = "Next?"

[[parts]]
key = "bare"
nb = "Tom"
en = "Bare"
questions = []
"""


def test_the_booklet_file_is_read_whole(tmp_path):
    path = tmp_path / "assessment.toml"
    path.write_text(FULL_BOOKLET, encoding="utf-8")
    booklet = assessment.load_booklet(path)
    assert booklet.definition_nb == "Definisjon"
    assert booklet.definition_en == "Definition"
    assert (booklet.tips_note_nb, booklet.tips_note_en) == ("Våre ord", "Our words")
    assert booklet.literature == ("Bok 1", "Bok 2")
    assert assessment.load_parts(path) == list(booklet.parts)
    part, bare = booklet.parts
    assert part == assessment.Part(
        "p",
        "Del",
        "Part",
        (
            assessment.Question(
                "q1", "p", 1, "Spørsmål?", "Question?", "requests", (0,)
            ),
            assessment.Question("q2", "p", 2, "Neste?", "Next?", "", ()),
        ),
        ("Tips",),
        ("Tip",),
        principles_nb=("Prinsipp",),
        principles_en=("Principle",),
        topics_nb=("Tema",),
        topics_en=("Topic",),
        goal_nb="Mål",
        goal_en="Goal",
    )
    assert bare == assessment.Part("bare", "Tom", "Bare", (), (), ())


def test_a_booklet_without_its_texts_has_empty_ones(tmp_path):
    path = tmp_path / "assessment.toml"
    path.write_text('[[parts]]\nkey = "p"\nnb = "Del"\nen = "Part"\nquestions = []\n')
    booklet = assessment.load_booklet(path)
    assert booklet == assessment.Booklet("", "", "", "", (), booklet.parts)


def test_a_new_assessment_belongs_to_its_prison_and_has_no_notes(db_session):
    bergen = prisons.add(db_session, "bergen", "Bergen fengsel")
    item = assessment.create(db_session, "anne", prison_id=bergen.id)
    assert item.prison_id == bergen.id
    assert json.loads(item.notes) == {}
    assert assessment.history(db_session, [bergen.id]) == [item]


def test_history_is_oldest_first_and_per_prison(db_session):
    bergen = prisons.add(db_session, "bergen", "Bergen fengsel")
    first = assessment.create(db_session, "anne")
    other = assessment.create(db_session, "anne", prison_id=bergen.id)
    second = assessment.create(db_session, "anne")
    first.created_at, second.created_at = second.created_at, first.created_at
    db_session.commit()
    assert assessment.history(db_session) == [second, other, first]
    assert assessment.history(db_session, [DEFAULT_PRISON]) == [second, first]
    assert assessment.history(db_session, [bergen.id]) == [other]


def test_previous_is_the_one_just_before(db_session):
    first = assessment.create(db_session, "anne")
    second = assessment.create(db_session, "anne")
    third = assessment.create(db_session, "anne")
    assert assessment.previous(db_session, third) == second
    assert assessment.previous(db_session, second) == first
    assert assessment.previous(db_session, first) is None


def test_changes_count_a_question_answered_only_once(db_session):
    first = assessment.create(db_session, "anne")
    second = assessment.create(db_session, "anne")
    for item, question, answer in [
        (first, "groups", "no"),
        (second, "one-to-one", "yes"),
    ]:
        db_session.add(
            AssessmentAnswer(assessment_id=item.id, question=question, answer=answer)
        )
    db_session.commit()
    assert assessment.changes(db_session, first, second) == {
        "groups": ("no", None),
        "one-to-one": (None, "yes"),
    }


def test_evidence_counts_only_its_prison_and_period(db_session):
    now = datetime(2024, 6, 1, tzinfo=UTC)  # well before the clock of any test run
    since = now - timedelta(days=90)
    bergen = prisons.add(db_session, "bergen", "Bergen fengsel")
    for when, prison in [(since, DEFAULT_PRISON), (since, bergen.id)]:
        session_requests.submit(
            db_session,
            NewRequest("Ola", "A", ["cv"], "nb", "nb", prison_id=prison),
            now=when,
        )
        feedback.submit(db_session, 4, [], "", "nb", now=when, prison_id=prison)
    session_requests.submit(
        db_session,
        NewRequest("Kari", "A", ["cv"], "nb", "nb"),
        now=since - timedelta(seconds=1),
    )
    feedback.submit(db_session, 4, [], "", "nb", now=since - timedelta(seconds=1))
    for starts, prison in [
        (now - timedelta(days=3), DEFAULT_PRISON),
        (now - timedelta(days=3), bergen.id),
        (now + timedelta(days=9), DEFAULT_PRISON),
    ]:
        titles = {"nb": "Gruppe"}
        events.create(db_session, "anne", "group-guidance", titles, starts, "", 5, [])
        db_session.query(Event).order_by(Event.id.desc()).first().prison_id = prison
    db_session.commit()
    assert assessment.evidence(db_session, now=now) == {
        "group_events": 1,
        "employer_visits": 0,
        "feedback": 1,
        "one-to-one": 1,
        "groups": 0,
        "requests": 1,
        "days": 90,
    }


def test_evidence_of_a_quiet_prison_is_all_zero(db_session):
    assert assessment.evidence(db_session, days=30) == {
        "group_events": 0,
        "employer_visits": 0,
        "feedback": 0,
        "one-to-one": 0,
        "groups": 0,
        "requests": 0,
        "days": 30,
    }


def test_csv_export_names_every_column_and_leaves_unanswered_cells_empty(db_session):
    item = assessment.create(db_session, "anne")
    header, *rows = csv.reader(
        io.StringIO(assessment.export_csv(db_session, item, PARTS))
    )
    assert header == ["part", "number", "question", "answer", "how", "what_can_be_done"]
    assert {tuple(row[3:]) for row in rows} == {("", "", "")}
    answers = {"groups": ("yes", "To grupper", "Flere")}
    assessment.save(db_session, item, PARTS, answers, {})
    rows = list(csv.reader(io.StringIO(assessment.export_csv(db_session, item, PARTS))))
    by_question = {row[2]: row[3:] for row in rows[1:]}
    groups = next(q.nb for q in assessment.all_questions(PARTS) if q.key == "groups")
    assert by_question.pop(groups) == ["yes", "To grupper", "Flere"]
    assert set(map(tuple, by_question.values())) == {("", "", "")}


def test_a_copy_keeps_how_and_what_can_be_done(db_session):
    first = assessment.create(db_session, "anne")
    answers = {"groups": ("no", "Ingen grupper", "Starte en gruppe")}
    assessment.save(db_session, first, PARTS, answers, {})
    copy = assessment.create(db_session, "anne", copy_of=first)
    row = assessment.answers_of(db_session, copy)["groups"]
    assert (row.answer, row.how, row.todo) == answers["groups"]
