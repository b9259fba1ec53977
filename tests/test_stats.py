"""Statistics on a seeded set of requests: counts, medians and percentiles."""

import csv
import io
from datetime import UTC, datetime, timedelta

from kiosk import prisons, session_requests, stats
from kiosk.models import DEFAULT_PRISON, Prison
from kiosk.session_requests import NewRequest

START = datetime(2026, 11, 2, tzinfo=UTC)  # Monday of ISO week 45, at midnight


def seed(db_session):
    """Ten requests over two weeks; waits to scheduling of 1..10 days."""
    made = []
    for number in range(10):
        created = START + timedelta(days=number)
        language = ["nb", "pl", "ar"][number % 3]
        new = NewRequest(
            f"P{number}",
            "A" if number < 6 else "B",
            ["cv", "pay"] if number % 2 else ["cv"],
            language,
            language,
            session_format="group" if number == 9 else "one-to-one",
            interpreter=language == "ar",
        )
        request = session_requests.submit(db_session, new, now=created)
        request.first_scheduled_at = created + timedelta(days=number + 1)
        if number < 4:
            request.status, request.closed_at = (
                "done",
                created + timedelta(days=2 * (number + 1)),
            )
        made.append(request)
    db_session.commit()
    return made


def test_counts_medians_and_percentiles(db_session):
    seed(db_session)
    figures = stats.request_statistics(
        db_session, START, START + timedelta(days=14), {"pl", "ar"}
    )
    assert figures.total == 10
    assert figures.per_week == {"2026-W45": 7, "2026-W46": 3}
    assert figures.by_language == {"nb": 4, "pl": 3, "ar": 3}
    assert figures.by_topic["cv"] == 10 and figures.by_topic["pay"] == 5
    assert figures.by_unit == {"A": 6, "B": 4}
    assert figures.by_format == {"one-to-one": 9, "group": 1}
    assert figures.interpreter == 3
    assert figures.in_draft_languages == {"pl": 3, "ar": 3}
    # waits to scheduling: 1, 2, ..., 10 days; median 5.5 days, nearest-rank p90 9 days
    assert figures.to_scheduled.count == 10
    assert figures.to_scheduled.median_hours == 5.5 * 24
    assert figures.to_scheduled.p90_hours == 9 * 24
    # waits to done: 2, 4, 6, 8 days
    assert figures.to_done.median_hours == 5 * 24
    assert figures.to_done.p90_hours == 8 * 24


def test_units_survive_the_purge_as_anonymous_counts(db_session):
    made = seed(db_session)
    for request in made[:4]:
        request.closed_at = START - timedelta(days=200)
    db_session.commit()
    session_requests.purge(db_session, 90, now=START + timedelta(days=14))
    figures = stats.request_statistics(
        db_session, START, START + timedelta(days=14), set()
    )
    assert figures.by_unit == {"A": 6, "B": 4}


def test_a_partial_first_week_never_counts_units_twice(db_session):
    made = seed(db_session)
    for request in made:
        request.closed_at = START - timedelta(days=200)
    db_session.commit()
    session_requests.purge(db_session, 90, now=START + timedelta(days=14))
    later = START + timedelta(days=2, hours=8)  # Wednesday: week 45 is partial
    figures = stats.request_statistics(
        db_session, later, START + timedelta(days=14), set()
    )
    assert sum(figures.by_unit.values()) <= figures.total == 7
    assert stats.full_weeks(later, START + timedelta(days=14)) == {"2026-W46"}


def test_empty_period_and_empty_weeks(db_session):
    figures = stats.request_statistics(
        db_session, START, START + timedelta(days=8), set()
    )
    assert figures.total == 0
    assert figures.per_week == {"2026-W45": 0, "2026-W46": 0}
    assert figures.to_scheduled.median_hours is None


def test_nearest_rank():
    assert stats.nearest_rank([5, 1, 3, 2, 4], 0.9) == 5
    assert stats.nearest_rank(list(range(1, 101)), 0.9) == 90


def test_csv(db_session):
    seed(db_session)
    figures = stats.request_statistics(
        db_session, START, START + timedelta(days=14), set()
    )
    rows = list(csv.reader(io.StringIO(stats.export_csv(figures))))
    assert ["per_week", "2026-W45", "7"] in rows
    assert ["total", "requests", "10"] in rows


def test_statistics_page(staff, db_session):
    seed(db_session)
    page = staff.get("/statistics?days=365").get_data(as_text=True)
    assert '<section class="chart-block" aria-labelledby="per-week">' in page
    assert "<rect" in page
    response = staff.get("/statistics.csv?days=365")
    assert response.mimetype == "text/csv" and "total,requests" in response.get_data(
        as_text=True
    )
    unknown = staff.get("/statistics?days=7").get_data(as_text=True)
    assert '<option value="90" selected>' in unknown  # an unknown period: 90 days


def test_csv_unit_names_cannot_become_formulas(db_session):
    """F4: statistics.csv repeats unit names; Norwegian Excel splits on ';'."""
    from tests.test_session_requests import every_cell, starts_formula

    for unit in ("Unit;=2+2", "A\n@SUM(1)", 'B;"=1'):
        session_requests.submit(
            db_session, NewRequest("P", unit, ["cv"], "nb", "nb"), now=START
        )
    figures = stats.request_statistics(
        db_session, START, START + timedelta(days=14), set()
    )
    exported = stats.export_csv(figures)
    assert "Unit;'=2+2" in exported
    assert not [cell for cell in every_cell(exported) if starts_formula(cell)]


def test_prisons_compared_by_requests_and_waits(db_session):
    bergen = prisons.add(db_session, "bergen", "Bergen fengsel")
    seed(db_session)  # ten requests in the default prison
    for hours in (10, 30):
        request = session_requests.submit(
            db_session,
            NewRequest("P", "A", ["cv"], "nb", "nb", prison_id=bergen.id),
            now=START,
        )
        request.first_scheduled_at = START + timedelta(hours=hours)
        request.status, request.closed_at = "done", START + timedelta(hours=2 * hours)
    db_session.commit()
    default = db_session.get(Prison, DEFAULT_PRISON)
    compared = stats.compare_prisons(
        db_session, START, START + timedelta(days=14), [default, bergen]
    )
    assert [(row.prison_id, row.name, row.total) for row in compared] == [
        (DEFAULT_PRISON, default.name, 10),
        (bergen.id, "Bergen fengsel", 2),
    ]
    assert compared[0].to_scheduled == stats.Waits(10, 5.5 * 24, 9 * 24)
    assert compared[1].to_scheduled == stats.Waits(2, 20.0, 30.0)
    assert compared[1].to_done == stats.Waits(2, 40.0, 60.0)


def test_csv_has_every_table_and_both_waits(db_session):
    seed(db_session)
    figures = stats.request_statistics(
        db_session, START, START + timedelta(days=14), set()
    )
    rows = list(csv.reader(io.StringIO(stats.export_csv(figures))))
    assert rows[0] == ["table", "key", "value"]
    for expected in [
        ["language", "pl", "3"],
        ["topic", "pay", "5"],
        ["topic", "sectors", "0"],
        ["unit", "B", "4"],
        ["format", "group", "1"],
        ["wait_to_scheduled", "median_hours", "132.0"],
        ["wait_to_scheduled", "p90_hours", "216.0"],
        ["wait_to_done", "median_hours", "120.0"],
        ["wait_to_done", "p90_hours", "192.0"],
    ]:
        assert expected in rows
    assert rows[-1] == ["total", "requests", "10"]


def test_waits_are_rounded_to_a_tenth_of_an_hour():
    assert stats.waits([0.24, 1.26, 2.37]) == stats.Waits(3, 1.3, 2.4)
    assert stats.waits([]) == stats.Waits(0, None, None)


def test_the_period_ends_before_its_end_and_only_done_counts_as_done(db_session):
    end = START + timedelta(days=7)
    for created, status in [(START, "withdrawn"), (START, "done"), (end, "done")]:
        request = session_requests.submit(
            db_session, NewRequest("P", "A", ["pay"], "nb", "nb"), now=created
        )
        request.status, request.closed_at = status, created + timedelta(hours=5)
    db_session.commit()
    figures = stats.request_statistics(db_session, START, end, set())
    assert figures.total == 2
    assert figures.to_done == stats.Waits(1, 5.0, 5.0)
    assert figures.by_topic["pay"] == 2 and figures.by_topic["cv"] == 0


def test_full_weeks_start_at_the_first_whole_monday(db_session):
    wednesday = START + timedelta(days=2, hours=10, minutes=35, seconds=20)
    assert stats.full_weeks(
        wednesday.replace(microsecond=500), START + timedelta(days=14)
    ) == {"2026-W46"}
    assert stats.full_weeks(START, START + timedelta(days=21)) == {
        "2026-W45",
        "2026-W46",
        "2026-W47",
    }


def test_kept_unit_counts_are_per_prison_and_a_missing_unit_shows_as_a_mark(
    db_session,
):
    bergen = prisons.add(db_session, "bergen", "Bergen fengsel")
    for unit, prison in [("", DEFAULT_PRISON), ("A", DEFAULT_PRISON), ("B", bergen.id)]:
        request = session_requests.submit(
            db_session,
            NewRequest("P", unit, ["cv"], "nb", "nb", prison_id=prison),
            now=START,
        )
        request.status, request.closed_at = "done", START
    db_session.commit()
    session_requests.purge(db_session, 90, now=START + timedelta(days=100))
    end = START + timedelta(days=7)
    mine = [DEFAULT_PRISON]
    assert stats.request_statistics(db_session, START, end, set(), mine).by_unit == {
        "?": 1,
        "A": 1,
    }
    everywhere = stats.request_statistics(db_session, START, end, set())
    assert everywhere.by_unit == {"?": 1, "A": 1, "B": 1}
