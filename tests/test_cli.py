"""The ``kiosk`` command line."""

from kiosk import _guidance_pages, db


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


def test_i18n_check_is_clean_on_the_committed_tree(run_kiosk):
    result = run_kiosk("i18n", "check")
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output


def test_i18n_check_reports_each_broken_file_and_exits_1(run_kiosk, tmp_path):
    import shutil

    from kiosk.config import CONTENT_DIR, TRANSLATIONS_DIR

    translations, content = tmp_path / "translations", tmp_path / "content"
    shutil.copytree(
        TRANSLATIONS_DIR, translations, ignore=shutil.ignore_patterns("*.mo")
    )
    shutil.copytree(CONTENT_DIR, content)
    nb_po = translations / "nb" / "LC_MESSAGES" / "messages.po"
    text = nb_po.read_text(encoding="utf-8")
    text = text.replace('"Din plass i køen: %(position)s"', '"Din plass: %(plass)s"')
    nb_po.write_text(text, encoding="utf-8")
    ar_po = translations / "ar" / "LC_MESSAGES" / "messages.po"
    ar_po.write_text(
        ar_po.read_text(encoding="utf-8") + '\nmsgid "A <b>tag</b>"\nmsgstr "<b>وسم"\n',
        encoding="utf-8",
    )
    pl_po = translations / "pl" / "LC_MESSAGES" / "messages.po"
    pl_po.write_text(pl_po.read_text(encoding="utf-8") + '\nmsgid "broken\n')
    source = content / "nb" / "websites.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nEn ny linje.\n")

    result = run_kiosk(
        "i18n", "check", "--translations", str(translations), "--content", str(content)
    )
    assert result.exit_code == 1
    lines = result.output.splitlines()
    for path, words in [
        (nb_po, "placeholder"),
        (ar_po, "HTML tags differ"),
        (pl_po, "syntax"),
        (content / "en" / "websites.md", "outdated"),
    ]:
        assert any(
            line.startswith(f"{path}:")
            and line.split(":")[1].isdigit()
            and words in line
            for line in lines
        ), (path, words)


def test_i18n_status_as_json(run_kiosk):
    import json

    result = run_kiosk("i18n", "status", "--format", "json")
    rows = {row["code"]: row for row in json.loads(result.output)}
    assert rows["nb"]["strings_percent"] == 100
    assert rows["ar"]["review"] in ("draft", "reviewed")
    assert rows["ar"]["page_states"]["guides/cv"] in ("draft", "reviewed", "outdated")
    assert rows["pl"]["pages_total"] == rows["nb"]["pages_total"]


def test_mark_reviewed_then_status_per_page(run_kiosk, tmp_path):
    import shutil

    from kiosk.config import CONTENT_DIR, TRANSLATIONS_DIR

    translations, content = tmp_path / "translations", tmp_path / "content"
    shutil.copytree(
        TRANSLATIONS_DIR, translations, ignore=shutil.ignore_patterns("*.mo")
    )
    shutil.copytree(CONTENT_DIR, content)
    tree = ["--translations", str(translations), "--content", str(content)]
    done = run_kiosk("i18n", "mark-reviewed", "en", "guides/cv", "--by", "Kari", *tree)
    assert done.exit_code == 0, done.output
    assert "en guides/cv: reviewed by Kari" in done.output
    pages = run_kiosk("i18n", "status", "en", *tree).output.splitlines()
    assert any(
        line.startswith("guides/cv ") and "reviewed by Kari" in line for line in pages
    )
    assert any(
        line.startswith("guides/interview ") and "draft" in line for line in pages
    )
    missing = run_kiosk(
        "i18n", "mark-reviewed", "en", "guides/nope", "--by", "K", *tree
    )
    assert missing.exit_code == 1 and "no page" in missing.output


def test_content_check_is_clean_on_the_committed_tree(run_kiosk):
    result = run_kiosk("content", "check")
    assert result.exit_code == 0, result.output
    assert "0 problem(s)" in result.output


def test_content_check_reports_bad_facts_with_file_and_line(run_kiosk, tmp_path):
    from tests.library_fixture import write_library

    content = write_library(tmp_path / "content")
    page = content / "nb" / "occupations" / "welder.md"
    page.write_text(page.read_text().replace('styrk: "7212"', 'styrk: "72"'))
    result = run_kiosk("content", "check", "--content", str(content))
    assert result.exit_code == 1
    assert f"{page}:1: styrk must be a four-digit STYRK-08 code" in result.output


def test_content_reindex_builds_the_search_index(run_kiosk, tmp_path):
    result = run_kiosk("content", "reindex")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "library-index.sqlite3").exists()


def test_backup_then_restore_gives_a_working_kiosk(run_kiosk, tmp_path, monkeypatch):
    from kiosk import create_kiosk_app, session_requests
    from kiosk.session_requests import NewRequest

    assert run_kiosk("init-db").exit_code == 0
    url = f"sqlite:///{tmp_path / 'kiosk.sqlite3'}"
    with db.session_factory(url)() as session:
        code = session_requests.submit(
            session, NewRequest("Ola", "A", ["cv"], "nb", "nb")
        ).request_code
    result = run_kiosk("backup", str(tmp_path / "backup.sqlite3"))
    assert result.exit_code == 0, result.output
    assert run_kiosk("backup", str(tmp_path / "backup.sqlite3")).exit_code != 0

    restored = tmp_path / "restored"
    restored.mkdir()
    (tmp_path / "backup.sqlite3").rename(restored / "kiosk.sqlite3")
    app = create_kiosk_app(
        {
            "TESTING": True,
            "DATA_DIR": restored,
            "DATABASE_URL": f"sqlite:///{restored / 'kiosk.sqlite3'}",
            "SECRET_KEY": "restore-test",
            "WTF_CSRF_ENABLED": False,
        }
    )
    page = app.test_client().post("/nb/status", data={"code": code})
    assert page.status_code == 200
    assert "status-waiting" in page.get_data(as_text=True)


def test_prison_add_list_rename_and_staff_for_prisons(run_kiosk):
    run_kiosk("init-db")
    assert run_kiosk("prison", "add", "bergen", "Bergen fengsel").exit_code == 0
    assert run_kiosk("prison", "add", "Bad Slug", "X").exit_code == 1
    renamed = run_kiosk("prison", "rename", "default", "Ringerike fengsel")
    assert "default is now called Ringerike fengsel" in renamed.output
    listed = run_kiosk("prison", "list").output.splitlines()
    assert listed == ["bergen\tBergen fengsel", "default\tRingerike fengsel"]
    vague = run_kiosk(
        "staff", "add", "anne", "--password-stdin", stdin="a long password\n"
    )
    assert vague.exit_code == 1 and "--prison" in vague.output
    anne = run_kiosk(
        "staff",
        "add",
        "anne",
        "--prison",
        "bergen",
        "--password-stdin",
        stdin="a long password\n",
    )
    assert "created anne (bergen)" in anne.output
    coordinator = run_kiosk(
        "staff",
        "add",
        "kari",
        "--region",
        "--password-stdin",
        stdin="a long password\n",
    )
    assert "created kari (every prison)" in coordinator.output


def test_import_sqlite_moves_an_install_into_a_prison(run_kiosk, tmp_path):
    from kiosk import db, session_requests
    from kiosk.session_requests import NewRequest

    old = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    db.migrate(old)
    with db.session_factory(old)() as session:
        code = session_requests.submit(
            session, NewRequest("Ola", "A", ["cv"], "nb", "nb")
        ).request_code
    db.engine_for(old).dispose()
    run_kiosk("init-db")
    missing = run_kiosk("import-sqlite", str(tmp_path / "old.sqlite3"), "--prison", "x")
    assert missing.exit_code == 1 and "kiosk prison add" in missing.output
    run_kiosk("prison", "add", "bergen", "Bergen fengsel")
    moved = run_kiosk(
        "import-sqlite", str(tmp_path / "old.sqlite3"), "--prison", "bergen"
    )
    assert moved.exit_code == 0, moved.output
    assert "1 requests" in moved.output
    with db.session_factory(f"sqlite:///{tmp_path / 'kiosk.sqlite3'}")() as session:
        assert session_requests.find_by_code(session, code) is not None


HOME = """\
---
title: Velkommen
nav: Hjem
order: 1
---
Her får du hjelp.

## Hva nå?

- Spør en veileder.
"""


def small_content(tmp_path):
    """A content folder with one short guidance page in Norwegian."""
    content = tmp_path / "content"
    (content / "nb").mkdir(parents=True)
    (content / "nb" / "home.md").write_text(HOME, encoding="utf-8")
    return content


def missing_count(output: str) -> int:
    return int(output.split(" file(s) missing")[0].rsplit(", ", 1)[1])


def test_content_audio_renders_what_is_missing_then_only_what_changed(
    run_kiosk, tmp_path
):
    content = small_content(tmp_path)
    audio = ("content", "audio", "--lang", "nb", "--content", str(content))
    first = run_kiosk(*audio)
    assert first.exit_code == 0, first.output
    rendered = missing_count(first.output)
    assert rendered > 4  # the page and the kiosk's own words read in nb
    assert f"rendered {rendered} file(s)" in first.output
    assert len(list((tmp_path / "audio").glob("*.opus"))) == rendered
    assert missing_count(run_kiosk(*audio, "--dry-run").output) == 0
    page = content / "nb" / "home.md"
    page.write_text(HOME.replace("Spør en veileder.", "Spør en ansatt."), "utf-8")
    _guidance_pages.cache_clear()  # a new run of the command is a new process
    again = run_kiosk(*audio)
    assert missing_count(again.output) == 1
    assert "rendered 1 file(s)" in again.output


def test_content_audio_refuses_an_unknown_language(run_kiosk, tmp_path):
    result = run_kiosk("content", "audio", "--lang", "xx", "--dry-run")
    assert result.exit_code != 0
    assert "not a served language: xx" in result.output


def test_a_translator_records_a_page_with_numbered_files(run_kiosk, tmp_path):
    from kiosk.library import audio, speech

    content = small_content(tmp_path)
    script = run_kiosk("content", "script", "nb", "home", "--content", str(content))
    assert script.exit_code == 0, script.output
    assert script.output.splitlines()[:2] == ["01  Velkommen", "02  Her får du hjelp."]
    folder = content / "nb" / "audio" / "home"
    folder.mkdir(parents=True)
    voice = speech.speech_wav(audio.speech("nb", "En person leser"))
    (folder / "02.wav").write_bytes(voice)
    record = run_kiosk("content", "record", "nb", "home", "--content", str(content))
    assert record.exit_code == 0, record.output
    assert "not recorded yet: 01, 03, 04" in record.output
    manifest = (folder / "recording.toml").read_text(encoding="utf-8")
    assert 'text = "Her får du hjelp."\nfile = "02.wav"' in manifest
    audio_run = run_kiosk("content", "audio", "--lang", "nb", "--content", str(content))
    assert audio_run.exit_code == 0, audio_run.output


def test_one_file_for_a_page_needs_a_start_per_paragraph(run_kiosk, tmp_path):
    content = small_content(tmp_path)
    folder = content / "nb" / "audio" / "home"
    folder.mkdir(parents=True)
    (folder / "page.wav").write_bytes(b"RIFF")
    args = ("content", "record", "nb", "home", "--content", str(content))
    result = run_kiosk(*args, "--file", "page.wav", "--starts", "0 2.5")
    assert result.exit_code != 0
    assert "4 paragraph(s) but 2 start time(s)" in result.output
    result = run_kiosk(*args, "--file", "page.wav", "--starts", "0 2.5 4 0:06")
    assert result.exit_code == 0, result.output
    assert "start = 6" in (folder / "recording.toml").read_text(encoding="utf-8")


def test_status_shows_which_languages_have_a_voice(run_kiosk):
    result = run_kiosk("i18n", "status")
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.output.splitlines()[1:]}
    assert "speech (nb)" in lines["nn"]
    for code in ("se", "so", "ti"):
        assert "no voice" in lines[code]


def test_serve_freezes_what_it_loaded_before_it_listens(run_kiosk, monkeypatch):
    """Loaded content stays out of full collections (bench: tens of ms each)."""
    import gc

    from kiosk import server

    frozen = []
    monkeypatch.setenv("KIOSK_AUDIO_AT_START", "0")
    monkeypatch.setattr(
        server, "serve", lambda *args, **kwargs: frozen.append(gc.get_freeze_count())
    )
    try:
        assert run_kiosk("serve").exit_code == 0
    finally:
        gc.unfreeze()
    assert frozen and frozen[0] > 10_000
