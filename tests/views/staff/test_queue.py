"""The queue for counsellors: filters, duplicates, changes, CSV and the day list."""

import csv
import io
import unicodedata
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from kiosk import session_requests
from kiosk.models import AuditEvent
from kiosk.session_requests import NewRequest


def add_request(db_session, name="Ola", unit="A", topics=("cv",), language="nb", **kw):
    return session_requests.submit(
        db_session,
        NewRequest(
            name=name,
            unit=unit,
            topics=list(topics),
            conversation_language=language,
            page_language=language,
            **kw,
        ),
    )


def test_queue_lists_open_requests_oldest_first(staff, db_session):
    add_request(db_session, "First")
    add_request(db_session, "Second")
    page = staff.get("/queue").get_data(as_text=True)
    assert page.index("First") < page.index("Second")
    page = staff.get("/queue?order=newest").get_data(as_text=True)
    assert page.index("Second") < page.index("First")


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("unit=B", "Bea", "Ola"),
        ("language=ar", "Ali", "Ola"),
        ("topic=pay", "Bea", "Ola"),
    ],
)
def test_queue_filters(staff, db_session, query, shown, hidden):
    add_request(db_session, "Ola")
    add_request(db_session, "Bea", unit="B", topics=("pay",))
    add_request(db_session, "Ali", language="ar")
    page = staff.get(f"/queue?{query}").get_data(as_text=True)
    assert shown in page and hidden not in page


def test_duplicates_are_flagged(staff, db_session):
    add_request(db_session, "Ola Nordmann")
    add_request(db_session, "ola  nordmann")
    page = staff.get("/queue").get_data(as_text=True)
    assert page.count("Mulig duplikat") == 2 or page.count("Possible duplicate") == 2


def test_htmx_refresh_returns_only_the_rows(staff, db_session):
    add_request(db_session, "Ola")
    response = staff.get("/queue", headers={"HX-Request": "true"})
    page = response.get_data(as_text=True)
    assert page.startswith('<div id="queue-rows"')
    assert "<html" not in page and "Ola" in page
    assert "HX-Request" in response.headers["Vary"]


def test_schedule_then_inmate_sees_the_time(staff, client, db_session):
    stored = add_request(db_session)
    response = staff.post(
        f"/requests/{stored.id}/schedule",
        data={"day": "2026-12-03", "time": "10:30", "place": "Skolen, rom 2"},
    )
    assert response.status_code == 303
    db_session.expire_all()
    stored = session_requests.find_by_code(db_session, stored.request_code)
    assert stored.scheduled_at == datetime(
        2026, 12, 3, 10, 30, tzinfo=ZoneInfo("Europe/Oslo")
    )
    page = client.post("/nb/status", data={"code": stored.request_code}).get_data(
        as_text=True
    )
    assert "10:30" in page and "Skolen, rom 2" in page


def test_schedule_errors_keep_what_was_typed(staff, db_session):
    stored = add_request(db_session)
    response = staff.post(
        f"/requests/{stored.id}/schedule",
        data={"day": "not a day", "time": "10:30", "place": "Rom 7"},
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'value="Rom 7"' in page and 'aria-invalid="true"' in page


def test_close_and_reopen_with_an_audit_trail(staff, db_session):
    stored = add_request(db_session)
    staff.post(
        f"/requests/{stored.id}/schedule",
        data={"day": "2026-12-03", "time": "09:00", "place": "Rom 1"},
    )
    assert (
        staff.post(f"/requests/{stored.id}/close", data={"outcome": "done"}).status_code
        == 303
    )
    assert staff.post(f"/requests/{stored.id}/reopen").status_code == 303
    page = staff.get(f"/requests/{stored.id}").get_data(as_text=True)
    assert page.count("<bdi>anne</bdi>") >= 3
    assert "Rom 1" in page and "scheduled" in page and "done" in page


def test_closing_twice_is_refused_with_a_message(staff, db_session):
    stored = add_request(db_session)
    staff.post(f"/requests/{stored.id}/close", data={"outcome": "withdrawn"})
    response = staff.post(f"/requests/{stored.id}/close", data={"outcome": "done"})
    assert response.status_code == 422


def test_notes_are_saved(staff, db_session):
    stored = add_request(db_session)
    staff.post(f"/requests/{stored.id}/notes", data={"notes": "Ring skolen."})
    page = staff.get(f"/requests/{stored.id}").get_data(as_text=True)
    assert "Ring skolen.</textarea>" in page


def test_unknown_request_is_404(staff):
    assert staff.get("/requests/999").status_code == 404


PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_script_payloads_are_inert_in_queue_request_page_and_csv(staff, db_session):
    stored = add_request(db_session, name=PAYLOAD, unit=PAYLOAD, message=PAYLOAD)
    for path in ("/queue", f"/requests/{stored.id}"):
        page = staff.get(path).get_data(as_text=True)
        assert PAYLOAD not in page
        assert "&lt;script&gt;" in page
    body = staff.get("/queue.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[1][4] == PAYLOAD  # text, as typed, for the spreadsheet


def test_csv_export_is_audited_and_formula_safe(staff, db_session):
    add_request(db_session, name="=1+2")
    response = staff.get("/queue.csv?unit=A")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[1][4] == "'=1+2"
    events = db_session.scalars(select(AuditEvent)).all()
    assert [(e.actor, e.action) for e in events] == [("anne", "export")]
    assert '"unit": "A"' in events[0].after and '"rows": 1' in events[0].after


def test_today_lists_the_day_in_time_order(staff, db_session):
    zone = ZoneInfo("Europe/Oslo")
    today = datetime.now(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    later, earlier = add_request(db_session, "Later"), add_request(db_session, "Early")
    tomorrow = add_request(db_session, "Tomorrow")
    for stored, moment in (
        (later, today + timedelta(hours=14)),
        (earlier, today + timedelta(hours=9)),
        (tomorrow, today + timedelta(days=1, hours=9)),
    ):
        session_requests.schedule(db_session, stored, "anne", moment, "Rom 1")
    page = staff.get("/today").get_data(as_text=True)
    assert page.index("Early") < page.index("Later")
    assert "Tomorrow" not in page


def test_today_follows_the_kiosk_clock(staff, db_session, monkeypatch):
    """The day printed is the clock's day in Oslo, not the machine's own date."""
    from kiosk.views.staff import queue

    zone = ZoneInfo("Europe/Oslo")
    day = datetime(2031, 3, 4, tzinfo=zone)
    monkeypatch.setattr(queue, "utc_now", lambda: day.replace(hour=23, minute=30))
    that_day = add_request(db_session, "That day")
    real_today = add_request(db_session, "Real today")
    session_requests.schedule(
        db_session, that_day, "anne", day + timedelta(hours=9), "Rom 1"
    )
    now = datetime.now(zone).replace(hour=12, minute=0, second=0, microsecond=0)
    session_requests.schedule(db_session, real_today, "anne", now, "Rom 1")
    page = staff.get("/today").get_data(as_text=True)
    assert "That day" in page
    assert "Real today" not in page


def test_names_in_any_script_are_shown_isolated(staff, db_session):
    names = [
        "محمد علي",
        "Олена Коваль",
        "ሰላም ገብረ",
        "Máret Áile Niillas",
        "e\u0301\u200f",
    ]
    for name in names:
        add_request(db_session, name)
    page = staff.get("/queue").get_data(as_text=True)
    for name in names:  # stored in composed form (NFC), marks kept
        assert f'<bdi dir="auto">{unicodedata.normalize("NFC", name)}</bdi>' in page


def test_opening_a_request_is_written_to_the_audit_trail(staff, db_session):
    """F15: who read an inmate's name, unit and message, and when."""
    stored = add_request(db_session, "Private Person")
    page = staff.get(f"/requests/{stored.id}").get_data(as_text=True)
    staff.get(f"/requests/{stored.id}")  # again at once: one entry is enough
    reads = db_session.scalars(
        select(AuditEvent).where(AuditEvent.action == "read")
    ).all()
    assert [(r.actor, r.request_id) for r in reads] == [("anne", stored.id)]
    page = staff.get(f"/requests/{stored.id}").get_data(as_text=True)
    assert "Åpnet av" in page
    assert "Ingen endringer ennå" in page
