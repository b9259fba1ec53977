"""The ``kiosk`` command: serve, init-db, staff accounts, purge and translator tools."""

import gc
import json
import logging
import sys
import time
from pathlib import Path

import click

from kiosk import (
    accounts,
    create_kiosk_app,
    create_staff_app,
    db,
    events,
    feedback,
    server,
    session_requests,
)
from kiosk.config import CONTENT_DIR, STATIC_DIR, TRANSLATIONS_DIR, load_settings
from kiosk.i18n import catalogs
from kiosk.i18n import check as i18n_check
from kiosk.library import markdown


def _session():
    settings = load_settings()
    db.migrate(settings["DATABASE_URL"])
    return db.session_factory(settings["DATABASE_URL"])()


@click.group()
def main() -> None:
    """Karriere-kiosken: career guidance kiosk for prison library terminals."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )


@main.command("init-db")
def init_db() -> None:
    """Create the database or bring it to the newest schema."""
    db.migrate(load_settings()["DATABASE_URL"])
    click.echo("database is up to date")


@main.command()
def serve() -> None:
    """Serve the kiosk and staff listeners until Ctrl-C or SIGTERM."""
    started = time.perf_counter()
    settings = load_settings()
    db.migrate(settings["DATABASE_URL"])
    kiosk_app, staff_app = create_kiosk_app(), create_staff_app()
    # The content and library loaded at start live as long as the process: keep
    # them out of the garbage collector's full passes, which paused answers.
    gc.freeze()
    logging.getLogger(__name__).info("ready in %.2f s", time.perf_counter() - started)
    server.serve(kiosk_app, staff_app, threads=settings["SERVER_THREADS"])


@main.command()
def purge() -> None:
    """Erase personal fields of requests closed longer ago than the retention."""
    settings = load_settings()
    days, open_days = settings["RETENTION_DAYS"], settings["OPEN_REQUEST_DAYS"]
    with _session() as session:
        erased = session_requests.purge(session, days, open_days=open_days)
        comments = feedback.purge_comments(session, days)
        signups = events.purge(session, days)
    click.echo(
        f"erased personal data of {erased} request(s) closed over {days} days ago"
        f" or left open and untouched for {open_days} days"
    )
    click.echo(f"erased {comments} feedback comment(s) older than {days} days")
    click.echo(f"erased names and units of {signups} event sign-up(s)")


@main.command("backup")
@click.argument("target", type=click.Path(path_type=Path))
def backup_command(target: Path) -> None:
    """Copy the database to TARGET, consistently, while the kiosk runs."""
    if target.exists():
        raise click.ClickException(f"{target} exists already; choose a new file name")
    try:
        db.backup(load_settings()["DATABASE_URL"], target)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"copied the database to {target}")


@main.group()
def staff() -> None:
    """Staff accounts: add, disable, enable, list, demo."""


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@staff.command("add")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin.")
def staff_add(username: str, password_stdin: bool) -> None:
    """Create the account USERNAME."""
    password = _read_password(password_stdin)
    with _session() as session:
        try:
            user = accounts.add(session, username, password)
        except accounts.AccountError as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"created {user.username}")


@staff.command("disable")
@click.argument("username")
def staff_disable(username: str) -> None:
    """Disable USERNAME; their sessions end at the next page."""
    _set_active(username, False)


@staff.command("enable")
@click.argument("username")
def staff_enable(username: str) -> None:
    """Enable USERNAME again."""
    _set_active(username, True)


def _set_active(username: str, active: bool) -> None:
    with _session() as session:
        try:
            user = accounts.set_active(session, username, active)
        except accounts.AccountError as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"{user.username} is {'enabled' if active else 'disabled'}")


@staff.command("list")
def staff_list() -> None:
    """List the accounts."""
    with _session() as session:
        for user in accounts.all_accounts(session):
            state = "active" if user.active else "disabled"
            click.echo(f"{user.username}\t{state}\t{user.created_at:%Y-%m-%d}")


@staff.command("demo")
def staff_demo() -> None:
    """Create a demo counsellor with a random password, only if no account exists."""
    with _session() as session:
        created = accounts.create_demo_counsellor(session)
    if created:
        username, password = created
        click.echo(
            "Demo counsellor for the staff listener (shown once):\n"
            f"  username: {username}\n  password: {password}"
        )


@main.group("content")
def content_group() -> None:
    """The content files: check them, rebuild the library's search index."""


def _career_library(content_dir: Path):
    from kiosk.library.documents import CareerLibrary
    from kiosk.library.markdown import MarkdownRenderer, icon_names

    return CareerLibrary(content_dir, MarkdownRenderer(icon_names(STATIC_DIR)))


@content_group.command("check")
@click.option(
    "--content", "content_dir", type=click.Path(path_type=Path), default=CONTENT_DIR
)
def content_check(content_dir: Path) -> None:
    """Check every page and library document; file:line: message, 1 on errors."""
    from kiosk.library.pages import GuidancePages

    problems = [
        *GuidancePages(content_dir, STATIC_DIR).problems,
        *_career_library(content_dir).problems,
    ]
    for problem in problems:
        click.echo(problem, err=True)
    click.echo(f"{len(problems)} problem(s)")
    if problems:
        raise SystemExit(1)


@content_group.command("reindex")
def content_reindex() -> None:
    """Rebuild the library's search index from the content files."""
    from kiosk.i18n.languages import load_languages
    from kiosk.i18n.page_language import chain_of
    from kiosk.library.search import build_index

    settings = load_settings()
    served, _problems = load_languages(TRANSLATIONS_DIR)
    chains = {code: chain_of(served, code) for code in served}
    path = Path(settings["DATA_DIR"]) / "library-index.sqlite3"
    rows = build_index(path, _career_library(CONTENT_DIR), chains)
    click.echo(f"indexed {rows} document version(s) in {path}")


@main.group()
def i18n() -> None:
    """Translator tools: extract, update, compile, new."""


@i18n.command()
def extract() -> None:
    """Collect interface strings into translations/messages.pot."""
    catalogs.extract()


@i18n.command()
def update() -> None:
    """Merge messages.pot into every language's catalog."""
    catalogs.update()


@i18n.command("compile")
def compile_catalogs() -> None:
    """Compile every catalog so the kiosk can use it."""
    compiled = catalogs.compile_all()
    click.echo(f"compiled {len(compiled)} catalog(s)")


@i18n.command()
@click.argument("lang")
def new(lang: str) -> None:
    """Start the catalog of a new language LANG."""
    catalogs.new_language(lang)


@i18n.command()
@click.option(
    "--translations", type=click.Path(path_type=Path), default=TRANSLATIONS_DIR
)
@click.option("--content", type=click.Path(path_type=Path), default=CONTENT_DIR)
def check(translations: Path, content: Path) -> None:
    """Report broken or outdated translations as file:line: message; 1 on errors."""
    problems = i18n_check.check_all(translations, content, STATIC_DIR)
    for problem in problems:
        click.echo(str(problem), err=problem.is_error)
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    click.echo(f"{errors} error(s), {warnings} warning(s)")
    if errors:
        raise SystemExit(1)


@i18n.command()
@click.option(
    "--format", "output", type=click.Choice(["table", "json"]), default="table"
)
def status(output: str) -> None:
    """Show per language how much is translated, outdated or missing."""
    rows = i18n_check.all_status(TRANSLATIONS_DIR, CONTENT_DIR)
    if output == "json":
        data = [{**vars(row), "strings_percent": row.strings_percent} for row in rows]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo("lang  review    strings          pages (present/outdated/missing)")
    for row in rows:
        click.echo(
            f"{row.code:<5} {row.review:<9} "
            f"{row.strings_translated:>4}/{row.strings_total:<4} "
            f"{row.strings_percent:>3}%"
            f"  fuzzy {row.strings_fuzzy:<3} "
            f"{row.pages_present}/{len(row.pages_outdated)}/{len(row.pages_missing)}"
            f" of {row.pages_total}"
        )


@i18n.command("mark-current")
@click.argument("lang")
@click.argument("page")
def mark_current(lang: str, page: str) -> None:
    """Record that PAGE in LANG translates the current Norwegian page (or "all")."""
    folder = CONTENT_DIR / lang
    if page == "all":
        files = i18n_check.content_files(folder, depth=0)
        slugs = sorted(p.relative_to(folder).with_suffix("").as_posix() for p in files)
    else:
        slugs = [page.removesuffix(".md")]
    for slug in slugs:
        if not (folder / f"{slug}.md").exists():
            raise click.ClickException(f"no page {folder / slug}.md")
        if not markdown.source_path(CONTENT_DIR, slug).exists():
            raise click.ClickException(f"no Norwegian source for {slug}")
        version = markdown.mark_current(CONTENT_DIR, lang, slug)
        click.echo(f"{lang}/{slug}.md translates source version {version}")
