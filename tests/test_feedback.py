"""Anonymous feedback as plain Python: storing, summing up, erasing old comments."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import inspect

from kiosk import feedback
from kiosk.models import Feedback

NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)


def test_feedback_holds_nothing_that_points_to_a_person(database):
    from kiosk import db

    columns = {
        c["name"] for c in inspect(db.engine_for(database)).get_columns("feedback")
    }
    assert columns == {
        "id",
        "prison_id",
        "created_at",
        "rating",
        "helped",
        "missing",
        "language",
    }


def test_submit_keeps_known_choices_only(db_session):
    entry = feedback.submit(
        db_session, 4, ["library", "hack", "conversation"], "  Mer om fagbrev  ", "nb"
    )
    assert entry.helped == "conversation,library"
    assert entry.missing == "Mer om fagbrev"
    with pytest.raises(ValueError):
        feedback.submit(db_session, 9, [], "", "nb")


def test_summary_counts_ratings_and_what_helped(db_session):
    for rating, helped, missing in [
        (5, ["library"], ""),
        (5, ["library", "plan"], "Mer tid"),
        (2, [], ""),
    ]:
        feedback.submit(db_session, rating, helped, missing, "pl", now=NOW)
    result = feedback.summary(feedback.since(db_session, NOW - timedelta(days=1)))
    assert result["total"] == 3
    assert result["ratings"] == {1: 0, 2: 1, 3: 0, 4: 0, 5: 2}
    assert result["helped"]["library"] == 2 and result["helped"]["plan"] == 1
    assert [entry.missing for entry in result["comments"]] == ["Mer tid"]


def test_old_comments_are_erased_and_the_ratings_stay(db_session):
    old = feedback.submit(db_session, 3, [], "gammel", "nb", now=NOW - timedelta(100))
    new = feedback.submit(db_session, 4, [], "ny", "nb", now=NOW - timedelta(10))
    assert feedback.purge_comments(db_session, 90, now=NOW) == 1
    db_session.expire_all()
    assert db_session.get(Feedback, old.id).missing is None
    assert db_session.get(Feedback, old.id).rating == 3
    assert db_session.get(Feedback, new.id).missing == "ny"
