"""The booklet's self-assessment in plain Python: questions, answers, changes."""

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest

from kiosk import assessment, session_requests
from kiosk.config import CONTENT_DIR, PROJECT_ROOT
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
    from kiosk import feedback

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
