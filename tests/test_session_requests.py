"""The request queue as plain Python: codes, positions, filters, changes, purge, CSV."""

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk import audit, prisons, session_requests
from kiosk.clock import utc_now
from kiosk.models import DEFAULT_PRISON, AuditEvent, SessionRequest, UnitCount
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
    codes = [session_requests.new_code() for _ in range(2000)]
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


def test_name_key_ignores_invisible_characters(db_session):
    """F20: bidi marks and zero-width characters do not make a second person."""
    assert session_requests.name_key("Kari\u200bNordmann") == "karinordmann"
    assert session_requests.name_key("\u202eKari Nordmann\u202c") == "kari nordmann"
    assert session_requests.name_key("محمد\u200f") == "محمد"
    first = session_requests.submit(db_session, new("KariNordmann", "A"))
    second = session_requests.submit(db_session, new("Kari\u200bNordmann", "A"))
    assert session_requests.likely_duplicates(db_session) == {first.id, second.id}


def test_purge_erases_abandoned_open_requests_and_every_trace(db_session):
    """F14: open requests untouched for a long time go; so do place and audit text."""
    now = T0 + timedelta(days=400)
    forgotten = session_requests.submit(
        db_session, new("Moved Away", "A", message="old words"), now=T0
    )
    scheduled = session_requests.submit(db_session, new("Also Gone", "B"), now=T0)
    session_requests.schedule(
        db_session, scheduled, "anne", T0 + timedelta(days=2), "Room of Zebra Canary"
    )
    db_session.execute(  # that change was long ago too
        AuditEvent.__table__.update().values(at=T0 + timedelta(days=1))
    )
    touched = session_requests.submit(db_session, new("Recently Seen", "C"), now=T0)
    session_requests.set_notes(db_session, touched, "anne", "called")
    db_session.execute(  # a counsellor worked on this one ten days ago
        AuditEvent.__table__.update()
        .where(AuditEvent.request_id == touched.id)
        .values(at=now - timedelta(days=10))
    )
    fresh = session_requests.submit(db_session, new("New Here", "D"), now=now)
    audit.record_read(db_session, "anne", forgotten.id, at=now - timedelta(days=1))
    db_session.commit()

    erased = session_requests.purge(db_session, 90, now=now, open_days=180)

    assert erased == 2
    db_session.expire_all()
    for gone in (forgotten, scheduled):
        row = db_session.get(SessionRequest, gone.id)
        assert row.status == "withdrawn" and row.erased_at == now
        fields = [getattr(row, name) for name in session_requests.PERSONAL_FIELDS]
        assert fields == [None] * len(fields)
        trail = audit.events_for_request(db_session, gone.id)
        assert trail[-1].actor == "purge"
        assert all("Zebra" not in e.before + e.after for e in trail)
    assert db_session.get(SessionRequest, touched.id).name == "Recently Seen"
    assert db_session.get(SessionRequest, fresh.id).name == "New Here"


def test_purge_erases_the_place_of_closed_requests(db_session):
    stored = session_requests.submit(db_session, new("Ola", "A"), now=T0)
    session_requests.schedule(
        db_session, stored, "anne", T0 + timedelta(days=1), "Room of Zebra Canary"
    )
    session_requests.close(db_session, stored, "anne", "done")
    stored.closed_at = T0 + timedelta(days=2)
    db_session.commit()
    assert session_requests.purge(db_session, 90, now=T0 + timedelta(days=100)) == 1
    db_session.expire_all()
    assert db_session.get(SessionRequest, stored.id).place is None
    trail = audit.events_for_request(db_session, stored.id)
    assert all("Zebra" not in e.before + e.after for e in trail)


FORMULA_SIGNS = "=+-@|%\uff1d\uff0b\uff0d\uff20"
HOSTILE_CELLS = [
    "Ola;=1+1;",
    "hei\n=2+2;",
    "x;=HYPERLINK(CHAR(104)&CHAR(116)&D2);",
    "=cmd|' /C calc'!A0",
    'a;"=1+1',
    "a,\t-2+3",
    "line\r\n@SUM(A1)",
    'a;" =1',
    "\u00a0=1",
    "x;\u3000+1",
    "Unit;=2+2",
]


def every_cell(text: str):
    """Yield every cell a spreadsheet could make of ``text``, however it splits.

    Parsed as CSV with a comma, a semicolon or a tab, and also cut naively at
    every separator and line break (a program that ignores quotes).
    """
    for delimiter in (",", ";", "\t"):
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            yield from row
    yield from re.split(r"[,;\t\r\n]", text)


def starts_formula(cell: str) -> bool:
    """Tell whether a spreadsheet would run ``cell`` (a leading ' makes it text)."""
    first = cell.lstrip(' \t\r\n\u00a0\u3000"')[:1]
    return first != "" and first in FORMULA_SIGNS


def test_csv_is_safe_with_any_separator_and_any_line_break(db_session):
    """F4: Norwegian Excel splits on ';'; newlines inside cells start rows."""
    for index, text in enumerate(HOSTILE_CELLS):
        session_requests.submit(
            db_session, new(name=text, unit=text[::-1], message=text + f" {index}")
        )
    exported = session_requests.export_csv(
        session_requests.list_queue(db_session, QueueFilter())
    )
    cells = list(every_cell(exported))
    assert len(cells) > 100
    assert [cell for cell in cells if starts_formula(cell)] == []
    # The text itself is all there, each formula sign only behind a quote mark.
    rows = list(csv.reader(io.StringIO(exported, newline="")))
    assert rows[1][4].replace("'", "") == HOSTILE_CELLS[0].replace("'", "")


@given(
    st.text(alphabet=st.sampled_from(list(",;\t\r\n \"'=+-@|%a1\u00a0")), max_size=40)
)
def test_no_text_gives_a_formula_cell(text):
    safe = session_requests.spreadsheet_safe(text)
    buffer = io.StringIO()
    csv.writer(buffer).writerow(["CODE", safe, "end"])
    assert not any(starts_formula(cell) for cell in every_cell(buffer.getvalue()))
    assert safe.replace("'", "") == text.replace("'", "")


def refusal(change) -> str:
    """Return the reason a refused change gives (its message is the reason too)."""
    with pytest.raises(RequestError) as caught:
        change()
    assert str(caught.value) == caught.value.reason
    return caught.value.reason


def test_each_refused_change_says_why(db_session):
    stored = session_requests.submit(db_session, new())
    assert refusal(lambda: session_requests.reopen(db_session, stored, "anne")) == (
        "open"
    )
    assert refusal(
        lambda: session_requests.close(db_session, stored, "anne", "exploded")
    ) == ("unknown-outcome")
    session_requests.close(db_session, stored, "anne", "done")
    assert refusal(
        lambda: session_requests.schedule(db_session, stored, "anne", T0, "Rom 1")
    ) == ("closed")
    assert refusal(
        lambda: session_requests.close(db_session, stored, "anne", "done")
    ) == ("closed")
    session_requests.purge(db_session, 0, now=utc_now() + timedelta(days=1))
    assert refusal(lambda: session_requests.reopen(db_session, stored, "anne")) == (
        "erased"
    )
    assert refusal(
        lambda: session_requests.set_notes(db_session, stored, "anne", "x")
    ) == ("erased")


def test_the_inmate_sees_open_statuses_as_they_are(db_session):
    stored = session_requests.submit(db_session, new())
    assert session_requests.status_for_inmate(stored) == "waiting"
    session_requests.schedule(db_session, stored, "anne", T0, "Rom 1")
    assert session_requests.status_for_inmate(stored) == "scheduled"


def test_reopen_without_a_time_waits_again_and_is_audited(db_session):
    stored = session_requests.submit(db_session, new())
    session_requests.close(db_session, stored, "anne", "withdrawn")
    session_requests.reopen(db_session, stored, "anne")
    assert stored.status == "waiting" and stored.closed_at is None
    reopened = audit.events_for_request(db_session, stored.id)[-1]
    assert reopened.action == "reopen"
    assert audit.changes(reopened) == [("status", "withdrawn", "waiting")]


def test_notes_trail_says_how_long_they_were(db_session):
    bergen = prisons.add(db_session, "bergen", "Bergen fengsel")
    stored = session_requests.submit(db_session, new(prison_id=bergen.id))
    session_requests.set_notes(db_session, stored, "anne", "   ")  # nothing to store
    assert audit.events_for_request(db_session, stored.id) == []
    session_requests.set_notes(db_session, stored, "anne", " called once ")
    (event,) = audit.events_for_request(db_session, stored.id)
    assert (event.actor, event.action, event.prison_id) == ("anne", "notes", bergen.id)
    assert audit.changes(event) == [("notes", "0 characters", "11 characters")]


def test_likely_duplicates_of_the_prisons_asked_only(db_session):
    bergen = prisons.add(db_session, "bergen", "Bergen fengsel")
    here = [session_requests.submit(db_session, new("Ola", "A")) for _ in range(2)]
    there = [
        session_requests.submit(db_session, new("Ola", "A", prison_id=bergen.id))
        for _ in range(2)
    ]
    assert session_requests.likely_duplicates(db_session, [bergen.id]) == {
        request.id for request in there
    }
    assert session_requests.likely_duplicates(db_session) == {
        request.id for request in here + there
    }


def test_purge_of_abandoned_requests_is_audited_as_a_close(db_session):
    bergen = prisons.add(db_session, "bergen", "Bergen fengsel")
    now = T0 + timedelta(days=400)
    forgotten = session_requests.submit(
        db_session, new("Moved Away", prison_id=bergen.id), now=T0
    )
    session_requests.purge(db_session, 90, now=now, open_days=180)
    closing = audit.events_for_request(db_session, forgotten.id)[-1]
    assert (closing.actor, closing.action) == ("purge", "close")
    assert (closing.at, closing.prison_id) == (now, bergen.id)
    assert audit.changes(closing) == [("status", "waiting", "withdrawn")]


def test_requests_untouched_for_exactly_the_open_days_stay(db_session):
    now = T0 + timedelta(days=400)
    cutoff = now - timedelta(days=180)
    made_then = session_requests.submit(db_session, new("A"), now=cutoff)
    changed_then = session_requests.submit(db_session, new("B"), now=T0)
    session_requests.set_notes(db_session, changed_then, "anne", "called")
    db_session.execute(
        AuditEvent.__table__.update()
        .where(AuditEvent.request_id == changed_then.id)
        .values(at=cutoff)
    )
    meeting_then = session_requests.submit(db_session, new("C"), now=T0)
    meeting_then.status, meeting_then.scheduled_at = "scheduled", cutoff
    db_session.commit()
    assert session_requests.purge(db_session, 90, now=now, open_days=180) == 0
    db_session.expire_all()
    statuses = [
        db_session.get(SessionRequest, r.id).status
        for r in (made_then, changed_then, meeting_then)
    ]
    assert statuses == ["waiting", "waiting", "scheduled"]


def test_scheduled_between_lists_the_period_by_time_and_place(db_session):
    bergen = prisons.add(db_session, "bergen", "Bergen fengsel")
    start, end = T0, T0 + timedelta(days=1)
    meetings = {}
    for name, when, place, prison in [
        ("late", start + timedelta(hours=5), "Rom 1", DEFAULT_PRISON),
        ("b", start + timedelta(hours=2), "Rom 2", DEFAULT_PRISON),
        ("a", start + timedelta(hours=2), "Rom 1", DEFAULT_PRISON),
        ("first", start, "Rom 3", DEFAULT_PRISON),
        ("at end", end, "Rom 1", DEFAULT_PRISON),
        ("before", start - timedelta(minutes=1), "Rom 1", DEFAULT_PRISON),
        ("bergen", start + timedelta(hours=3), "Rom 1", bergen.id),
    ]:
        stored = session_requests.submit(db_session, new(name, prison_id=prison))
        session_requests.schedule(db_session, stored, "anne", when, place)
        meetings[name] = stored
    session_requests.close(db_session, meetings["late"], "anne", "done")
    between = session_requests.scheduled_between
    assert [r.name for r in between(db_session, start, end)] == [
        "first",
        "a",
        "b",
        "bergen",
    ]
    assert [r.name for r in between(db_session, start, end, [bergen.id])] == ["bergen"]


def test_units_in_use_are_those_with_personal_data(db_session):
    bergen = prisons.add(db_session, "bergen", "Bergen fengsel")
    for unit in ["B", "A", "A"]:
        session_requests.submit(db_session, new(unit=unit))
    session_requests.submit(db_session, new(unit="C", prison_id=bergen.id))
    erased = session_requests.submit(db_session, new(unit="D"), now=T0)
    session_requests.close(db_session, erased, "anne", "done")
    erased.closed_at = T0
    db_session.commit()
    session_requests.purge(db_session, 90, now=T0 + timedelta(days=100))
    assert session_requests.units_in_use(db_session) == ["A", "B", "C"]
    assert session_requests.units_in_use(db_session, [bergen.id]) == ["C"]


def test_csv_has_the_prison_name_topics_interpreter_and_time(db_session):
    session_requests.submit(
        db_session, new(topics=("cv", "pay"), interpreter=True), now=T0
    )
    scheduled = session_requests.submit(db_session, new(), now=T0)
    when = datetime(2026, 11, 5, 13, 30, 59, tzinfo=UTC)
    session_requests.schedule(db_session, scheduled, "anne", when, "Rom 1")
    listed = session_requests.list_queue(db_session, QueueFilter())
    header, first, second = csv.reader(
        io.StringIO(session_requests.export_csv(listed, {1: "Oslo fengsel"}))
    )
    cells = dict(zip(header, first, strict=True))
    assert cells["prison"] == "Oslo fengsel"
    assert (cells["topics"], cells["interpreter"]) == ("cv pay", "yes")
    assert (cells["scheduled_utc"], cells["place"]) == ("", "")
    cells = dict(zip(header, second, strict=True))
    assert (cells["topics"], cells["interpreter"]) == ("cv", "no")
    assert cells["scheduled_utc"] == "2026-11-05T13:30+00:00"
    _header, first, _second = csv.reader(
        io.StringIO(session_requests.export_csv(listed))
    )
    assert first[0] == "1"  # no names given: the prison's number


def test_the_queue_of_the_prisons_asked_with_ties_in_order_of_arrival(db_session):
    bergen = prisons.add(db_session, "bergen", "Bergen fengsel")
    arrivals = [("b", DEFAULT_PRISON), ("a", DEFAULT_PRISON), ("c", bergen.id)]
    for name, prison in arrivals:
        session_requests.submit(db_session, new(name, prison_id=prison), now=T0)
    session_requests.submit(db_session, new("later"), now=T0 + timedelta(hours=1))
    names = [r.name for r in session_requests.list_queue(db_session, QueueFilter())]
    assert names == ["b", "a", "c", "later"]
    newest = QueueFilter(newest_first=True, prison_ids=(DEFAULT_PRISON,))
    names = [r.name for r in session_requests.list_queue(db_session, newest)]
    assert names == ["later", "b", "a"]


def test_the_first_scheduled_time_is_kept_when_moved(db_session):
    stored = session_requests.submit(db_session, new(), now=T0)
    before = utc_now()
    session_requests.schedule(db_session, stored, "anne", T0, "Rom 1")
    first = stored.first_scheduled_at
    assert first is not None and before <= first <= utc_now()
    session_requests.schedule(db_session, stored, "anne", T0 + timedelta(1), "Rom 2")
    assert stored.first_scheduled_at == first


def test_purge_keeps_requests_closed_exactly_the_retention_period_ago(db_session):
    now = T0 + timedelta(days=200)
    on_the_day = session_requests.submit(db_session, new("Kept", unit=""), now=T0)
    older = session_requests.submit(db_session, new("Gone", unit=""), now=T0)
    for request, days in [(on_the_day, 90), (older, 91)]:
        session_requests.close(db_session, request, "anne", "done")
        request.closed_at = now - timedelta(days=days)
    db_session.commit()
    assert session_requests.purge(db_session, 90, now=now) == 1
    db_session.expire_all()
    assert db_session.get(SessionRequest, on_the_day.id).name == "Kept"
    assert db_session.get(UnitCount, (1, "2026-W45", "")).requests == 1


def test_a_typed_code_is_cut_at_sixteen_characters():
    assert session_requests.clean_code("ab-" * 10) == "AB" * 8


def test_submit_gives_up_after_twenty_taken_codes(db_session):
    session_requests.submit(db_session, new("Kari"), draw=lambda: "TAKENC")
    draws = []

    def draw():
        draws.append(1)
        return "TAKENC"

    with pytest.raises(RuntimeError, match="^could not draw a free request code$"):
        session_requests.submit(db_session, new("Ola"), draw=draw)
    assert len(draws) == 20


def test_submit_keeps_the_first_five_occupations(db_session):
    jobs = ["welder", "carpenter", "cook", "baker", "painter", "roofer"]
    stored = session_requests.submit(db_session, new(occupations=jobs))
    db_session.expire_all()
    assert db_session.get(SessionRequest, stored.id).occupation_list == jobs[:5]


def test_a_code_taken_before_the_commit_is_drawn_again(db_session, monkeypatch):
    session_requests.submit(db_session, new("Kari"), draw=lambda: "RACEDC")
    # the check saw the code free; another request took it before this commit
    monkeypatch.setattr(session_requests, "code_taken", lambda session, code: False)
    codes = iter(["RACEDC", "SECOND"])
    stored = session_requests.submit(db_session, new("Ola"), draw=codes.__next__)
    assert stored.request_code == "SECOND"


def test_newlines_are_control_characters_unless_allowed():
    assert session_requests.has_control_characters("line\nbreak") is True
