"""Settings from the environment, and the secret key kept in the data directory."""

import stat

import pytest

from kiosk.config import load_settings, read_or_create_secret_key


def test_defaults_serve_on_loopback(tmp_path):
    settings = load_settings({"KIOSK_DATA_DIR": str(tmp_path)})
    assert (settings["KIOSK_HOST"], settings["KIOSK_PORT"]) == ("127.0.0.1", 8080)
    assert (settings["STAFF_HOST"], settings["STAFF_PORT"]) == ("127.0.0.1", 8081)
    assert settings["IDLE_SECONDS"] == 120
    assert settings["RETENTION_DAYS"] == 90
    assert settings["DATABASE_URL"] == f"sqlite:///{tmp_path / 'kiosk.sqlite3'}"


def test_environment_overrides(tmp_path):
    settings = load_settings(
        {
            "KIOSK_DATA_DIR": str(tmp_path),
            "KIOSK_PORT": "9000",
            "STAFF_HOST": "10.0.0.5",
            "STAFF_PORT": "9001",
            "KIOSK_IDLE_SECONDS": "60",
            "KIOSK_DATABASE_URL": "postgresql://kiosk@db/kiosk",
        }
    )
    assert settings["KIOSK_PORT"] == 9000
    assert (settings["STAFF_HOST"], settings["STAFF_PORT"]) == ("10.0.0.5", 9001)
    assert settings["IDLE_SECONDS"] == 60
    assert settings["DATABASE_URL"] == "postgresql://kiosk@db/kiosk"


def test_a_bad_number_stops_with_a_clear_message():
    with pytest.raises(SystemExit, match="KIOSK_PORT must be a whole number"):
        load_settings({"KIOSK_PORT": "eighty"})


def test_secret_key_is_created_once_and_private(tmp_path):
    path = tmp_path / "data" / "secret_key"
    first = read_or_create_secret_key(path)
    assert len(first) >= 40
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_or_create_secret_key(path) == first
