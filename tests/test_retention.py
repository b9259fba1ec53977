"""Retention: one purge erases everything old; the daily purge runs once a day."""

import threading
from datetime import UTC, datetime, timedelta

from kiosk import db, retention, session_requests
from kiosk.session_requests import NewRequest

NOW = datetime(2026, 12, 5, 3, 0, tzinfo=UTC)


def test_purge_all_counts_what_it_erased(db_session):
    old = session_requests.submit(
        db_session, NewRequest("Ola", "A", ["cv"], "nb", "nb")
    )
    session_requests.close(db_session, old, "anne", "done")
    old.closed_at = NOW - timedelta(days=200)
    db_session.commit()
    purged = retention.purge_all(db_session, 90, NOW)
    assert (purged.requests, purged.comments, purged.signups) == (1, 0, 0)


def test_the_daily_purge_runs_once_a_day(db_session):
    assert retention.purge_once_today(db_session, 90, NOW) is not None
    assert retention.purge_once_today(db_session, 90, NOW + timedelta(hours=5)) is None
    assert (
        retention.purge_once_today(db_session, 90, NOW + timedelta(days=1)) is not None
    )
    assert retention.last_purge(db_session) == (NOW + timedelta(days=1)).date()


def test_processes_purging_at_once_purge_once(database):
    results, start = [], threading.Barrier(4)

    def purge():
        with db.session_factory(database)() as session:
            start.wait()
            results.append(retention.purge_once_today(session, 90, NOW))

    threads = [threading.Thread(target=purge) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(result is not None for result in results) == 1
