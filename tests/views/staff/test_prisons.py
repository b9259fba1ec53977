"""Staff of one prison see and change nothing of another; coordinators see all."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from kiosk import (
    accounts,
    assessment,
    audit,
    events,
    feedback,
    prison_offer,
    prison_settings,
    prisons,
    session_requests,
)
from kiosk.models import DEFAULT_PRISON
from kiosk.session_requests import NewRequest
from tests.conftest import STAFF_PASSWORD


def _seed(db_session, prison_id: int, mark: str) -> dict:
    made = session_requests.submit(
        db_session,
        NewRequest(
            f"{mark} Name", f"{mark} Unit", ["cv"], "nb", "nb", prison_id=prison_id
        ),
    )
    session_requests.schedule(
        db_session, made, "seed", datetime.now(UTC) + timedelta(hours=1), f"{mark} Room"
    )
    event = events.create(
        db_session,
        "seed",
        "workshop",
        {"nb": f"{mark} Event"},
        datetime.now(UTC) + timedelta(days=2),
        f"{mark} Hall",
        5,
        [],
        prison_id,
    )
    events.sign_up(db_session, event, f"{mark} Signer", "U")
    feedback.submit(db_session, 4, [], f"{mark} Comment", "nb", prison_id=prison_id)
    done = assessment.create(db_session, "seed", prison_id=prison_id)
    done.notes = f'{{"availability": "{mark} Notes"}}'
    prison_settings.save(db_session, [f"{mark} Setting"], "5/hour", prison_id)
    offer = prison_offer.Offer(note=f"{mark} Offer", note_language="nb")
    prison_offer.save(db_session, prison_offer.clean(offer, ["nb"]), prison_id)
    audit.record(db_session, "seed", "offer", prison_id=prison_id, after={"m": mark})
    db_session.commit()
    return {"request": made.id, "event": event.id, "assessment": done.id}


@pytest.fixture
def two_prisons(db_session):
    prisons.add(db_session, "bravo", "Bravo fengsel")
    bravo = prisons.find(db_session, "bravo").id
    return {
        "alfa": _seed(db_session, DEFAULT_PRISON, "ALFA"),
        "bravo": _seed(db_session, bravo, "BRAVO"),
    }


def _login(staff_client, db_session, username, **access):
    accounts.add(db_session, username, STAFF_PASSWORD, **access)
    response = staff_client.post(
        "/login", data={"username": username, "password": STAFF_PASSWORD}
    )
    assert response.status_code == 303
    return staff_client


def _urls(app, ids: dict) -> list[str]:
    """Every GET rule of the staff app, with the ids of one prison's objects."""
    fill = {
        "request_id": ids["request"],
        "event_id": ids["event"],
        "assessment_id": ids["assessment"],
        "code": "nb",
        "page_id": "guides/cv",
        "name": "0123456789abcdef.opus",  # a recording's audio (not per prison)
    }
    adapter = app.url_map.bind("localhost")
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        values = {name: fill[name] for name in rule.arguments}
        urls.append(adapter.build(rule.endpoint, values))
    return urls


def test_a_counsellor_of_one_prison_finds_nothing_of_another(
    staff_client, db_session, two_prisons
):
    client = _login(staff_client, db_session, "anne", prison_slugs=["default"])
    walked = 0
    for url in _urls(client.application, two_prisons["alfa"]):
        page = client.get(url).get_data(as_text=True)
        assert "BRAVO" not in page, url
        walked += 1
    assert walked > 15
    for url in _urls(client.application, two_prisons["bravo"]):
        if any(part.isdigit() for part in url.split("/")):
            assert client.get(url).status_code == 404, url
    bravo = two_prisons["bravo"]
    for url, data in [
        (f"/requests/{bravo['request']}/notes", {"notes": "x"}),
        (f"/requests/{bravo['request']}/close", {"outcome": "done"}),
        (f"/events/{bravo['event']}/attendance", {}),
        (f"/assessments/{bravo['assessment']}", {}),
    ]:
        assert client.post(url, data=data).status_code == 404, url


def test_the_counsellors_own_prison_is_all_there(staff_client, db_session, two_prisons):
    client = _login(staff_client, db_session, "anne", prison_slugs=["default"])
    assert "ALFA Name" in client.get("/queue").get_data(as_text=True)
    assert "ALFA Event" in client.get("/events").get_data(as_text=True)
    assert "ALFA Comment" in client.get("/feedback").get_data(as_text=True)
    assert "ALFA Setting" in client.get("/settings").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(client.get("/queue.csv").get_data(True))))
    assert [row[0] for row in rows[1:]] == ["Fengselet"]


def test_a_coordinator_sees_every_prison_and_can_pick_one(
    staff_client, db_session, two_prisons
):
    client = _login(staff_client, db_session, "coord", all_prisons=True)
    queue = client.get("/queue").get_data(as_text=True)
    assert "ALFA Name" in queue and "BRAVO Name" in queue
    stats = client.get("/statistics").get_data(as_text=True)
    assert "Bravo fengsel" in stats and "Ventetider sammenlignet" in stats
    settings = client.get("/settings").get_data(as_text=True)
    assert "Velg fengselet" in settings  # settings belong to one prison
    bravo = prisons.find(db_session, "bravo").id
    client.post("/scope", data={"prison": str(bravo), "back": "/queue"})
    queue = client.get("/queue").get_data(as_text=True)
    assert "BRAVO Name" in queue and "ALFA Name" not in queue
    assert "BRAVO Setting" in client.get("/settings").get_data(as_text=True)


def test_a_counsellor_cannot_pick_a_prison_that_is_not_theirs(
    staff_client, db_session, two_prisons
):
    client = _login(staff_client, db_session, "anne", prison_slugs=["default"])
    bravo = prisons.find(db_session, "bravo").id
    client.post("/scope", data={"prison": str(bravo), "back": "/queue"})
    assert "BRAVO" not in client.get("/queue").get_data(as_text=True)
