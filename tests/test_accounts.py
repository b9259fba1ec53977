"""Staff accounts: argon2id hashes, one answer for every failure, one demo account."""

import pytest

from kiosk import accounts
from kiosk.accounts import AccountError


def test_passwords_are_stored_as_argon2id(db_session):
    user = accounts.add(db_session, "Anne", "a long password")
    assert user.username == "anne"
    assert user.password_hash.startswith("$argon2id$")
    assert "a long password" not in user.password_hash


@pytest.mark.parametrize(
    ("username", "password"),
    [("anne", "short"), ("", "a long password"), ("two words", "a long password")],
)
def test_bad_accounts_are_refused(db_session, username, password):
    with pytest.raises(AccountError):
        accounts.add(db_session, username, password)


def test_a_taken_name_is_refused(db_session):
    accounts.add(db_session, "anne", "a long password")
    with pytest.raises(AccountError, match="exists"):
        accounts.add(db_session, "ANNE", "another password")


def test_authenticate(db_session):
    accounts.add(db_session, "anne", "a long password")
    assert accounts.authenticate(db_session, " Anne ", "a long password").username == (
        "anne"
    )
    assert accounts.authenticate(db_session, "anne", "wrong password") is None
    assert accounts.authenticate(db_session, "nobody", "a long password") is None


def test_a_disabled_account_cannot_log_in(db_session):
    accounts.add(db_session, "anne", "a long password")
    accounts.set_active(db_session, "anne", False)
    assert accounts.authenticate(db_session, "anne", "a long password") is None
    accounts.set_active(db_session, "anne", True)
    assert accounts.authenticate(db_session, "anne", "a long password") is not None


def test_demo_counsellor_only_when_no_account_exists(db_session):
    username, password = accounts.create_demo_counsellor(db_session)
    assert username == "demo" and len(password) >= 12
    assert accounts.authenticate(db_session, "demo", password) is not None
    assert accounts.create_demo_counsellor(db_session) is None
    assert [user.username for user in accounts.all_accounts(db_session)] == ["demo"]
