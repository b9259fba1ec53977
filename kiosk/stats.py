"""Statistics for planning: who asks, in which language, about what, how long they wait.

Everything here is counted from request rows and the anonymous unit counts, so
the figures stay after personal data is erased. Percentiles use the nearest-rank
method: the 90th percentile is the value 90 % of the waits are at or below.
"""

import csv
import io
import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.models import SessionRequest, UnitCount
from kiosk.session_requests import TOPICS, in_prisons, iso_week, spreadsheet_safe


@dataclass
class Waits:
    """Median and 90th percentile of a set of waiting times, in hours."""

    count: int = 0
    median_hours: float | None = None
    p90_hours: float | None = None


@dataclass
class RequestStatistics:
    """The figures of one period."""

    total: int = 0
    per_week: dict[str, int] = field(default_factory=dict)
    by_language: dict[str, int] = field(default_factory=dict)
    by_topic: dict[str, int] = field(default_factory=dict)
    by_unit: dict[str, int] = field(default_factory=dict)
    by_format: dict[str, int] = field(default_factory=dict)
    interpreter: int = 0
    to_scheduled: Waits = field(default_factory=Waits)
    to_done: Waits = field(default_factory=Waits)
    in_draft_languages: dict[str, int] = field(default_factory=dict)


def nearest_rank(values: list[float], share: float) -> float:
    """Return the nearest-rank percentile ``share`` (0-1) of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def waits(hours: list[float]) -> Waits:
    """Return the median and 90th percentile of ``hours``."""
    if not hours:
        return Waits()
    return Waits(
        count=len(hours),
        median_hours=round(statistics.median(hours), 1),
        p90_hours=round(nearest_rank(hours, 0.9), 1),
    )


def _hours(later: datetime, earlier: datetime) -> float:
    return (later - earlier).total_seconds() / 3600


def weeks_between(start: datetime, end: datetime) -> list[str]:
    """Return every ISO week from ``start`` up to ``end``, so empty weeks show too."""
    found, day = [], start
    while day < end:
        week = iso_week(day)
        if week not in found:
            found.append(week)
        day += timedelta(days=1)
    return found


def request_statistics(
    session: Session,
    start: datetime,
    end: datetime,
    draft_languages: set[str],
    prison_ids=None,
) -> RequestStatistics:
    """Count the requests made from ``start`` up to ``end`` (in ``prison_ids``)."""
    query = (
        select(SessionRequest)
        .where(SessionRequest.created_at >= start)
        .where(SessionRequest.created_at < end)
    )
    rows = list(
        session.scalars(in_prisons(query, SessionRequest.prison_id, prison_ids))
    )
    result = RequestStatistics(total=len(rows))
    weeks = Counter(iso_week(row.created_at) for row in rows)
    result.per_week = {week: weeks.get(week, 0) for week in weeks_between(start, end)}
    result.by_language = dict(
        Counter(r.conversation_language for r in rows).most_common()
    )
    topics = Counter(topic for row in rows for topic in row.topic_list)
    result.by_topic = {topic: topics.get(topic, 0) for topic in TOPICS}
    result.by_unit = _units(session, rows, full_weeks(start, end), prison_ids)
    result.by_format = dict(Counter(row.session_format for row in rows))
    result.interpreter = sum(1 for row in rows if row.interpreter)
    result.to_scheduled = waits(
        [
            _hours(r.first_scheduled_at, r.created_at)
            for r in rows
            if r.first_scheduled_at
        ]
    )
    result.to_done = waits(
        [
            _hours(r.closed_at, r.created_at)
            for r in rows
            if r.status == "done" and r.closed_at
        ]
    )
    result.in_draft_languages = {
        code: count
        for code, count in result.by_language.items()
        if code in draft_languages
    }
    return result


def full_weeks(start: datetime, end: datetime) -> set[str]:
    """Return the ISO weeks that lie wholly from ``start`` up to ``end``."""
    first = (start - timedelta(days=start.weekday())).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    if first < start:
        first += timedelta(days=7)
    weeks, monday = set(), first
    while monday + timedelta(days=7) <= end:
        weeks.add(iso_week(monday))
        monday += timedelta(days=7)
    return weeks


def _units(session: Session, rows, weeks: set[str], prison_ids) -> dict[str, int]:
    """Units of the rows still holding one, plus the anonymous counts kept at purge.

    The kept counts are per week, so only weeks wholly inside the period count:
    a request purged in a partial week is left out rather than counted twice.
    """
    units = Counter(row.unit for row in rows if row.unit)
    query = select(UnitCount).where(UnitCount.week.in_(weeks))
    kept = session.scalars(in_prisons(query, UnitCount.prison_id, prison_ids))
    for count in kept:
        units[count.unit or "?"] += count.requests
    return dict(units.most_common())


def export_csv(figures: RequestStatistics) -> str:
    """Return the figures as CSV: table, key, value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["table", "key", "value"])
    tables = {
        "per_week": figures.per_week,
        "language": figures.by_language,
        "topic": figures.by_topic,
        "unit": figures.by_unit,
        "format": figures.by_format,
    }
    for name, table in tables.items():
        for key, value in table.items():
            writer.writerow([name, spreadsheet_safe(key), value])
    for name, wait in (
        ("to_scheduled", figures.to_scheduled),
        ("to_done", figures.to_done),
    ):
        writer.writerow([f"wait_{name}", "median_hours", wait.median_hours])
        writer.writerow([f"wait_{name}", "p90_hours", wait.p90_hours])
    writer.writerow(["total", "requests", figures.total])
    return buffer.getvalue()


@dataclass
class PrisonFigures:
    """One prison's requests and waiting times, for the county's comparison."""

    prison_id: int
    name: str
    total: int
    to_scheduled: Waits
    to_done: Waits


def compare_prisons(session: Session, start: datetime, end: datetime, prisons):
    """Return the requests and waiting times of each prison in ``prisons``."""
    compared = []
    for prison in prisons:
        figures = request_statistics(session, start, end, set(), [prison.id])
        compared.append(
            PrisonFigures(
                prison.id,
                prison.name,
                figures.total,
                figures.to_scheduled,
                figures.to_done,
            )
        )
    return compared
