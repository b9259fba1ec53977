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


def test_staff_add_list_disable(run_kiosk):
    result = run_kiosk(
        "staff", "add", "Anne", "--password-stdin", stdin="a long secret\n"
    )
    assert result.exit_code == 0, result.output
    assert "created anne" in result.output
    assert "a long secret" not in result.output
    assert "anne\tactive" in run_kiosk("staff", "list").output
    assert run_kiosk("staff", "disable", "anne").exit_code == 0
    assert "anne\tdisabled" in run_kiosk("staff", "list").output


def test_staff_add_refuses_a_short_password(run_kiosk):
    result = run_kiosk("staff", "add", "anne", "--password-stdin", stdin="short\n")
    assert result.exit_code != 0
    assert "at least 10 characters" in result.output


def test_staff_add_prompts_twice_without_stdin_flag(run_kiosk):
    result = run_kiosk("staff", "add", "anne", stdin="a long secret\na long secret\n")
    assert result.exit_code == 0, result.output


def test_demo_counsellor_is_printed_once(run_kiosk):
    first = run_kiosk("staff", "demo")
    assert "username: demo" in first.output and "password: " in first.output
    assert run_kiosk("staff", "demo").output == ""


def test_disable_unknown_account_fails_clearly(run_kiosk):
    result = run_kiosk("staff", "disable", "ghost")
    assert result.exit_code != 0 and "no account named 'ghost'" in result.output


def test_purge_command_reports_what_it_erased(run_kiosk):
    result = run_kiosk("purge")
    assert result.exit_code == 0
    assert (
        "erased personal data of 0 request(s) closed over 90 days ago" in result.output
    )
