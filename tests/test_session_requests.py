"""The request queue as plain Python: codes, positions, filters, changes, purge, CSV."""

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest

from kiosk import audit, session_requests
from kiosk.models import SessionRequest, UnitCount
from kiosk.session_requests import (
    CODE_ALPHABET,
    NewRequest,
    QueueFilter,
    RequestError,
)

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def new(name="Ola Nordmann", unit="A", topics=("cv",), language="nb", **extra):
    return NewRequest(
        name=name,
        unit=unit,
        topics=list(topics),
        conversation_language=language,
        page_language=language,
        **extra,
    )


def test_codes_use_only_unambiguous_characters():
    codes = {session_requests.new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(code) == 6 for code in codes)
    assert set("".join(codes)) <= set(CODE_ALPHABET)
    assert not set("01OIL") & set(CODE_ALPHABET)


def test_submit_stores_every_field(db_session):
    stored = session_requests.submit(
        db_session,
        new(
            name="  Åse  ",
            topics=("cv", "pay"),
            session_format="group",
            interpreter=True,
            message="Hei",
        ),
        now=T0,
    )
    db_session.expire_all()
    row = db_session.get(SessionRequest, stored.id)
    assert (row.name, row.unit, row.topic_list) == ("Åse", "A", ["cv", "pay"])
    assert (row.session_format, row.interpreter, row.message) == ("group", True, "Hei")
    assert row.status == "waiting" and row.created_at == T0


def test_find_by_code_accepts_lower_case_and_spaces(db_session):
    stored = session_requests.submit(db_session, new())
    code = stored.request_code
    typed = f" {code[:3].lower()} {code[3:]} "
    assert session_requests.find_by_code(db_session, typed).id == stored.id
    assert session_requests.find_by_code(db_session, "ZZZZZZ") is None
    assert session_requests.find_by_code(db_session, "") is None


def test_queue_position_counts_earlier_waiting_requests(db_session):
    first = session_requests.submit(db_session, new("A"), now=T0)
    second = session_requests.submit(db_session, new("B"), now=T0 + timedelta(1))
    third = session_requests.submit(db_session, new("C"), now=T0 + timedelta(2))
    assert session_requests.queue_position(db_session, third) == 3
    session_requests.close(db_session, first, "anne", "withdrawn")
    assert session_requests.queue_position(db_session, second) == 1
    assert session_requests.queue_position(db_session, third) == 2
    assert session_requests.queue_position(db_session, first) is None


def test_no_show_reads_as_closed_for_the_inmate(db_session):
    stored = session_requests.submit(db_session, new())
    session_requests.close(db_session, stored, "anne", "no-show")
    assert session_requests.status_for_inmate(stored) == "closed"


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        (QueueFilter(), ["a", "b", "c"]),
        (QueueFilter(newest_first=True), ["c", "b", "a"]),
        (QueueFilter(unit="B"), ["b"]),
        (QueueFilter(language="ar"), ["c"]),
        (QueueFilter(topic="pay"), ["b", "c"]),
        (QueueFilter(topic="paid-unpaid-work"), []),
        (QueueFilter(status="withdrawn"), ["d"]),
        (QueueFilter(status="all"), ["a", "b", "c", "d"]),
    ],
)
def test_queue_filters(db_session, wanted, expected):
    session_requests.submit(db_session, new("a", "A", ["cv"]), now=T0)
    session_requests.submit(
        db_session, new("b", "B", ["pay"]), now=T0 + timedelta(hours=1)
    )
    session_requests.submit(
        db_session, new("c", "A", ["cv", "pay"], "ar"), now=T0 + timedelta(hours=2)
    )
    closed = session_requests.submit(db_session, new("d"), now=T0 + timedelta(3))
    session_requests.close(db_session, closed, "anne", "withdrawn")
    listed = session_requests.list_queue(db_session, wanted)
    assert [row.name for row in listed] == expected


def test_likely_duplicates_match_name_and_unit_of_open_requests(db_session):
    one = session_requests.submit(db_session, new("Ola  Nordmann", "A"))
    two = session_requests.submit(db_session, new("ola nordmann", "A"))
    other_unit = session_requests.submit(db_session, new("Ola Nordmann", "B"))
    assert session_requests.likely_duplicates(db_session) == {one.id, two.id}
    session_requests.close(db_session, two, "anne", "done")
    assert session_requests.likely_duplicates(db_session) == set()
    assert other_unit.id not in session_requests.likely_duplicates(db_session)


def test_schedule_close_reopen_are_audited_with_before_and_after(db_session):
    stored = session_requests.submit(db_session, new())
    when = T0 + timedelta(days=3)
    session_requests.schedule(db_session, stored, "anne", when, " Skolen ")
    assert (stored.status, stored.scheduled_at, stored.place) == (
        "scheduled",
        when,
        "Skolen",
    )
    session_requests.close(db_session, stored, "bjorn", "done")
    session_requests.reopen(db_session, stored, "anne")
    assert stored.status == "scheduled" and stored.closed_at is None
    events = audit.events_for_request(db_session, stored.id)
    assert [(e.actor, e.action) for e in events] == [
        ("anne", "schedule"),
        ("bjorn", "close"),
        ("anne", "reopen"),
    ]
    assert json.loads(events[0].before)["status"] == "waiting"
    assert json.loads(events[0].after)["place"] == "Skolen"
    assert audit.changes(events[1]) == [("status", "scheduled", "done")]


def test_closed_requests_cannot_be_scheduled_or_closed_again(db_session):
    stored = session_requests.submit(db_session, new())
    session_requests.close(db_session, stored, "anne", "done")
    with pytest.raises(RequestError):
        session_requests.schedule(db_session, stored, "anne", T0, "Rom 1")
    with pytest.raises(RequestError):
        session_requests.close(db_session, stored, "anne", "done")
    with pytest.raises(RequestError):
        session_requests.close(db_session, stored, "anne", "exploded")


def test_notes_changes_are_audited_without_the_text(db_session):
    stored = session_requests.submit(db_session, new())
    session_requests.set_notes(db_session, stored, "anne", "secret detail")
    session_requests.set_notes(db_session, stored, "anne", "secret detail")
    events = audit.events_for_request(db_session, stored.id)
    assert len(events) == 1
    assert "secret" not in events[0].before + events[0].after
    assert stored.notes == "secret detail"


def test_purge_erases_exactly_the_personal_fields_of_old_closed_requests(db_session):
    now = T0 + timedelta(days=200)
    old = session_requests.submit(
        db_session, new("Old", "A", message="private"), now=T0
    )
    session_requests.set_notes(db_session, old, "anne", "note")
    session_requests.close(db_session, old, "anne", "done")
    old.closed_at = T0 + timedelta(days=1)
    recent = session_requests.submit(db_session, new("Recent", "B", message="keep"))
    session_requests.close(db_session, recent, "anne", "done")
    recent.closed_at = now - timedelta(days=89)
    still_open = session_requests.submit(db_session, new("Open", "C"), now=T0)
    db_session.commit()

    assert session_requests.purge(db_session, 90, now=now) == 1
    db_session.expire_all()
    old = db_session.get(SessionRequest, old.id)
    assert (old.name, old.name_key, old.unit, old.message, old.notes) == (None,) * 5
    assert old.erased_at == now
    assert (old.status, old.topic_list, old.created_at) == ("done", ["cv"], T0)
    assert db_session.get(SessionRequest, recent.id).message == "keep"
    assert db_session.get(SessionRequest, still_open.id).name == "Open"
    assert db_session.get(UnitCount, (1, "2026-W45", "A")).requests == 1
    assert session_requests.purge(db_session, 90, now=now) == 0


def test_waiting_time_stops_when_closed(db_session):
    stored = session_requests.submit(db_session, new(), now=T0)
    assert session_requests.waiting_time(stored, T0 + timedelta(hours=5)) == timedelta(
        hours=5
    )
    session_requests.close(db_session, stored, "anne", "done")
    stored.closed_at = T0 + timedelta(days=2)
    assert session_requests.waiting_time(stored, T0 + timedelta(days=9)).days == 2


def test_csv_neutralises_formulas_and_keeps_text(db_session):
    session_requests.submit(
        db_session,
        new(name='=HYPERLINK("http://x")', unit="+A", message='@SUM(1) "quoted"'),
    )
    session_requests.submit(db_session, new(name="-2+3", unit="<b>B</b>"))
    rows = list(
        csv.reader(
            io.StringIO(
                session_requests.export_csv(
                    session_requests.list_queue(db_session, QueueFilter())
                )
            )
        )
    )
    assert rows[0][:4] == ["prison", "request_code", "created_utc", "status"]
    assert rows[1][4] == '\'=HYPERLINK("http://x")'
    assert rows[1][5] == "'+A"
    assert rows[1][12] == '\'@SUM(1) "quoted"'
    assert rows[2][4] == "'-2+3" and rows[2][5] == "<b>B</b>"


@pytest.mark.parametrize(
    ("text", "newlines", "refused"),
    [
        ("Ola", False, False),
        ("عَلِيّ", False, False),
        ("Áile Ánde", False, False),
        ("\u200fمحمد\u200e", False, False),
        ("ab\x00c", False, True),
        ("line\nbreak", False, True),
        ("line\nbreak", True, False),
        ("bell\x07", True, True),
    ],
)
def test_control_characters(text, newlines, refused):
    assert session_requests.has_control_characters(text, newlines) is refused
