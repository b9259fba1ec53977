"""The ``kiosk`` command line."""

from kiosk import db


def test_init_db_migrates_the_data_dir_database(run_kiosk, tmp_path):
    result = run_kiosk("init-db")
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output
    url = f"sqlite:///{tmp_path / 'kiosk.sqlite3'}"
    assert db.migrations_current(url)
    db.engine_for(url).dispose()


def test_help_lists_the_commands(run_kiosk):
    result = run_kiosk("--help")
    assert result.exit_code == 0
    for command in ("serve", "init-db", "i18n"):
        assert command in result.output
