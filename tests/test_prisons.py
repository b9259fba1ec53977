"""Prisons: added, listed, renamed; a kiosk serves one; staff see their own."""

import pytest

from kiosk import accounts, prisons
from kiosk.models import DEFAULT_PRISON


def test_a_fresh_install_has_one_prison_that_a_kiosk_serves(db_session):
    only = prisons.all_prisons(db_session)
    assert [(p.id, p.slug) for p in only] == [(DEFAULT_PRISON, "default")]
    assert prisons.served_by_kiosk(db_session, None).id == DEFAULT_PRISON


def test_several_prisons_need_kiosk_prison(db_session):
    prisons.add(db_session, "bergen", "Bergen fengsel", "Vestland")
    with pytest.raises(prisons.PrisonError, match="set KIOSK_PRISON"):
        prisons.served_by_kiosk(db_session, None)
    assert prisons.served_by_kiosk(db_session, "bergen").name == "Bergen fengsel"
    with pytest.raises(prisons.PrisonError, match="no such prison"):
        prisons.served_by_kiosk(db_session, "oslo")


@pytest.mark.parametrize(
    ("slug", "name", "problem"),
    [
        ("Bergen", "Bergen", "lower-case"),
        ("default", "Again", "already"),
        ("oslo", "   ", "printable"),
    ],
)
def test_unusable_prisons_are_refused(db_session, slug, name, problem):
    with pytest.raises(prisons.PrisonError, match=problem):
        prisons.add(db_session, slug, name)


def test_rename_keeps_the_slug(db_session):
    renamed = prisons.rename(db_session, "default", "Ringerike  fengsel")
    assert (renamed.slug, renamed.name) == ("default", "Ringerike fengsel")


def test_staff_see_only_their_prisons_and_coordinators_see_all(db_session):
    prisons.add(db_session, "bergen", "Bergen fengsel")
    prisons.add(db_session, "bjorgvin", "Bjørgvin fengsel")
    anne = accounts.add(db_session, "anne", "a long password", ["bergen"])
    kari = accounts.add(db_session, "kari", "a long password", ["bergen", "bjorgvin"])
    coordinator = accounts.add(db_session, "coord", "a long password", all_prisons=True)
    assert [p.slug for p in prisons.visible_to(db_session, anne)] == ["bergen"]
    assert [p.slug for p in prisons.visible_to(db_session, kari)] == [
        "bergen",
        "bjorgvin",
    ]
    assert len(prisons.visible_to(db_session, coordinator)) == 3


def test_with_several_prisons_an_account_must_say_which(db_session):
    prisons.add(db_session, "bergen", "Bergen fengsel")
    with pytest.raises(accounts.AccountError, match="--prison"):
        accounts.add(db_session, "anne", "a long password")
    with pytest.raises(accounts.AccountError, match="no prison 'oslo'"):
        accounts.add(db_session, "anne", "a long password", ["oslo"])
    assert accounts.find(db_session, "anne") is None
