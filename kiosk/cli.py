"""The ``kiosk`` command: serve, init-db, staff accounts, purge and translator tools."""

import gc
import json
import logging
import os
import sys
import time
from pathlib import Path

import click

from kiosk import (
    accounts,
    create_kiosk_app,
    create_staff_app,
    db,
    prisons,
    retention,
    server,
)
from kiosk.config import CONTENT_DIR, STATIC_DIR, TRANSLATIONS_DIR, load_settings
from kiosk.i18n import catalogs
from kiosk.i18n import check as i18n_check
from kiosk.library import markdown
from kiosk.library.markdown import MarkdownRenderer, icon_names


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
    listeners = settings["LISTENERS"]
    if listeners not in ("both", "kiosk", "staff"):
        raise click.ClickException("KIOSK_LISTENERS is both, kiosk or staff")
    if listeners != "staff":
        with _session() as session:  # fail now, not at the first page, if unclear
            try:
                served = prisons.served_by_kiosk(session, settings["PRISON"])
            except prisons.PrisonError as error:
                raise click.ClickException(str(error)) from None
        logging.getLogger(__name__).warning("kiosk listener serves %s", served.slug)
    kiosk_app = create_kiosk_app() if listeners != "staff" else None
    staff_app = create_staff_app() if listeners != "kiosk" else None
    # The content and library loaded at start live as long as the process: keep
    # them out of the garbage collector's full passes, which paused answers.
    gc.freeze()
    logging.getLogger(__name__).info("ready in %.2f s", time.perf_counter() - started)
    server.serve(
        kiosk_app,
        staff_app,
        threads=settings["SERVER_THREADS"],
        render_audio=settings["AUDIO_AT_START"],
    )


@main.command()
def purge() -> None:
    """Erase personal fields of requests closed longer ago than the retention."""
    settings = load_settings()
    days, open_days = settings["RETENTION_DAYS"], settings["OPEN_REQUEST_DAYS"]
    with _session() as session:
        purged = retention.purge_all(session, days, open_days=open_days)
    click.echo(
        f"erased personal data of {purged.requests} request(s) closed over "
        f"{days} days ago or left open and untouched for {open_days} days"
    )
    click.echo(f"erased {purged.comments} feedback comment(s) older than {days} days")
    click.echo(f"erased names and units of {purged.signups} event sign-up(s)")


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
@click.option(
    "--prison",
    "prison_slugs",
    multiple=True,
    help="A prison this counsellor works for (repeat for several).",
)
@click.option("--region", is_flag=True, help="A county coordinator: sees every prison.")
def staff_add(
    username: str, password_stdin: bool, prison_slugs: tuple[str, ...], region: bool
) -> None:
    """Create the account USERNAME for some prisons (or, with --region, all)."""
    password = _read_password(password_stdin)
    with _session() as session:
        try:
            user = accounts.add(
                session, username, password, list(prison_slugs), all_prisons=region
            )
        except accounts.AccountError as error:
            raise click.ClickException(str(error)) from None
        shown = (
            "every prison"
            if region
            else ", ".join(prison.slug for prison in prisons.visible_to(session, user))
        )
    click.echo(f"created {user.username} ({shown})")


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


@main.group()
def prison() -> None:
    """Prisons: one install can serve many, each with its own kiosk listener."""


@prison.command("add")
@click.argument("slug")
@click.argument("name")
@click.option("--region", default="", help="The county the prison belongs to.")
def prison_add(slug: str, name: str, region: str) -> None:
    """Add the prison SLUG called NAME (serve it with KIOSK_PRISON=SLUG)."""
    with _session() as session:
        try:
            added = prisons.add(session, slug, name, region)
        except prisons.PrisonError as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"added {added.slug}: {added.name}")


@prison.command("list")
def prison_list() -> None:
    """List the prisons."""
    with _session() as session:
        for found in prisons.all_prisons(session):
            click.echo(f"{found.slug}\t{found.name}\t{found.region}".rstrip())


@prison.command("rename")
@click.argument("slug")
@click.argument("name")
def prison_rename(slug: str, name: str) -> None:
    """Give the prison SLUG the new name NAME."""
    with _session() as session:
        try:
            renamed = prisons.rename(session, slug, name)
        except prisons.PrisonError as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"{renamed.slug} is now called {renamed.name}")


@main.command("import-sqlite")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--prison", "slug", required=True, help="The prison it becomes.")
def import_sqlite_command(path: Path, slug: str) -> None:
    """Move a single-prison SQLite install (PATH) into this database as a prison."""
    from kiosk import import_sqlite

    url = load_settings()["DATABASE_URL"]
    db.migrate(url)
    with _session() as session:
        prison = prisons.find(session, slug)
        if prison is None:
            raise click.ClickException(f"no prison {slug!r}: kiosk prison add first")
        prison_id = prison.id
    try:
        moved = import_sqlite.import_file(path, url, prison_id)
    except import_sqlite.MoveError as error:
        raise click.ClickException(str(error)) from None
    for kind, count in moved.counts.items():
        click.echo(f"{count} {kind}")
    click.echo(f"moved {path} into prison {slug}")


@main.group("content")
def content_group() -> None:
    """The content files: check, search index, read-aloud audio and recordings."""


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
    from kiosk.library.glossary import Glossary
    from kiosk.library.pages import GuidancePages

    problems = [
        *GuidancePages(content_dir, STATIC_DIR).problems,
        *_career_library(content_dir).problems,
        *Glossary(content_dir).problems,
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


def _kiosk_app(content_dir: Path):
    """Build the kiosk app the way ``serve`` does, to render its pages."""
    settings = load_settings()
    db.migrate(settings["DATABASE_URL"])
    return create_kiosk_app({"CONTENT_DIR": content_dir})


def _languages_option(app, langs: tuple[str, ...]) -> list[str]:
    from kiosk.i18n.page_language import languages_of

    served = list(languages_of(app))
    unknown = sorted(set(langs) - set(served))
    if unknown:
        raise click.ClickException(f"not a served language: {', '.join(unknown)}")
    return list(langs) or served


@content_group.command("audio")
@click.option("--lang", "langs", multiple=True, help="Only these languages.")
@click.option("--jobs", type=int, default=0, help="Files at once (default: cores).")
@click.option("--dry-run", is_flag=True, help="Only count what is missing.")
@click.option("--prune", is_flag=True, help="Delete audio no page reads any more.")
@click.option(
    "--content", "content_dir", type=click.Path(path_type=Path), default=CONTENT_DIR
)
def content_audio(
    langs: tuple[str, ...], jobs: int, dry_run: bool, prune: bool, content_dir: Path
) -> None:
    """Render the read-aloud audio that is missing or outdated."""
    from kiosk.library import speech
    from kiosk.views.inmate import listen

    app = _kiosk_app(content_dir)
    library = app.extensions["kiosk.audio"]
    wanted = listen.plan(app, _languages_option(app, langs))
    missing = library.missing(wanted)
    click.echo(f"{len(wanted)} paragraph(s) read aloud, {len(missing)} file(s) missing")
    if dry_run:
        return
    if missing and speech.missing_tools():
        tools = ", ".join(speech.missing_tools())
        raise click.ClickException(f"{tools} not installed: run make audio-deps")
    with click.progressbar(length=len(missing), label="Rendering audio") as bar:
        made, problems = speech.render_all(
            missing,
            library.audio_dir,
            jobs or os.cpu_count() or 1,
            done=lambda _name: bar.update(1),
        )
    library.add(made)
    click.echo(f"rendered {len(made)} file(s) into {library.audio_dir}")
    if prune:
        if langs:
            raise click.ClickException("--prune needs every language: drop --lang")
        keep = {name for p in wanted if (name := library.rendered_name(p))}
        click.echo(f"deleted {len(library.prune(keep))} file(s) no page reads")
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise SystemExit(1)


def _script(app, content_dir: Path, lang: str, page: str) -> list[str]:
    """The texts a recording of ``page`` in ``lang`` reads, in order."""
    from kiosk.library.audio import INTERFACE
    from kiosk.library.recordings import content_paragraphs
    from kiosk.views.inmate import listen

    if page != INTERFACE:
        renderer = MarkdownRenderer(icon_names(STATIC_DIR))
        texts = content_paragraphs(content_dir, lang, page, renderer)
        if not texts:
            raise click.ClickException(f"no page {page} in {content_dir / lang}")
        return texts
    wanted = listen.plan(app, [lang])
    return [p.text for p in wanted if p.page_id == INTERFACE and p.lang == lang]


@content_group.command("script")
@click.argument("lang")
@click.argument("page")
@click.option(
    "--content", "content_dir", type=click.Path(path_type=Path), default=CONTENT_DIR
)
def content_script(lang: str, page: str, content_dir: Path) -> None:
    """Print what to read aloud for PAGE in LANG ("interface" for the kiosk's words)."""
    app = _kiosk_app(content_dir)
    _languages_option(app, (lang,))
    for number, text in enumerate(_script(app, content_dir, lang, page), 1):
        click.echo(f"{number:02d}  {text}")


@content_group.command("record")
@click.argument("lang")
@click.argument("page")
@click.option("--file", "whole_file", help="One file for the whole page.")
@click.option("--starts", help="With --file: each paragraph's start, like 0 4.5 1:02")
@click.option(
    "--content", "content_dir", type=click.Path(path_type=Path), default=CONTENT_DIR
)
def content_record(
    lang: str, page: str, whole_file: str | None, starts: str | None, content_dir
) -> None:
    """Tie recorded files (01.wav, 02.wav, ... or one file) to PAGE's paragraphs."""
    from kiosk.library import recordings

    app = _kiosk_app(content_dir)
    _languages_option(app, (lang,))
    texts = _script(app, content_dir, lang, page)
    try:
        folder = recordings.folder_of(content_dir, lang, page)
        if whole_file:
            times = [recordings.parse_seconds(t) for t in (starts or "").split()]
            if not (folder / whole_file).is_file():
                raise recordings.RecordingError(f"no file {folder / whole_file}")
            path = recordings.record_whole_page(
                content_dir, lang, page, texts, whole_file, times
            )
        else:
            path = _record_numbered(folder, lang, page, texts)
    except recordings.RecordingError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"wrote {path}; run kiosk content audio to render it")


def _record_numbered(folder: Path, lang: str, page: str, texts: list[str]) -> Path:
    from kiosk.library import recordings

    found, missing = [], []
    for number, text in enumerate(texts, 1):
        files = [folder / f"{number:02d}{suffix}" for suffix in recordings.FORMATS]
        present = [path.name for path in files if path.is_file()]
        if present:
            found.append(recordings.RecordedParagraph(text, present[0]))
        else:
            missing.append(f"{number:02d}")
    if not found:
        raise recordings.RecordingError(
            f"no recording in {folder}: name the files 01.wav, 02.wav, ... "
            f"as numbered by kiosk content script {lang} {page}"
        )
    if missing:
        click.echo(f"not recorded yet: {', '.join(missing)}", err=True)
    return recordings.write_manifest(folder, lang, page, found)


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
    recordings = load_settings()["RECORDINGS_DIR"]
    problems = i18n_check.check_all(translations, content, STATIC_DIR, recordings)
    for problem in problems:
        click.echo(str(problem), err=problem.is_error)
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    click.echo(f"{errors} error(s), {warnings} warning(s)")
    if errors:
        raise SystemExit(1)


TREE_OPTIONS = (
    click.option(
        "--translations", type=click.Path(path_type=Path), default=TRANSLATIONS_DIR
    ),
    click.option("--content", type=click.Path(path_type=Path), default=CONTENT_DIR),
)


def _tree_options(command):
    for option in reversed(TREE_OPTIONS):
        command = option(command)
    return command


@i18n.command()
@click.argument("lang", required=False)
@click.option(
    "--format", "output", type=click.Choice(["table", "json"]), default="table"
)
@_tree_options
def status(lang: str | None, output: str, translations: Path, content: Path) -> None:
    """Show per language (or per page of LANG) what is reviewed, draft, outdated."""
    recordings = load_settings()["RECORDINGS_DIR"]
    rows = i18n_check.all_status(translations, content, recordings)
    if lang is not None:
        rows = [row for row in rows if row.code == lang]
        if not rows:
            raise click.ClickException(f"{lang} is not a served language")
    if output == "json":
        data = [_status_json(row) for row in rows]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    elif lang is not None:
        _echo_pages(rows[0])
    else:
        _echo_languages(rows)


def _status_json(row) -> dict:
    data = {**vars(row), "strings_percent": row.strings_percent}
    data["reviews"] = {item: vars(done) for item, done in row.reviews.items()}
    return data


def _echo_languages(rows) -> None:
    click.echo(
        "lang  review    strings         "
        "pages reviewed/draft/outdated/missing  catalogs  read aloud"
    )
    for row in rows:
        counts = "/".join(
            str(len(row.pages_in(state)))
            for state in ("reviewed", "draft", "outdated", "missing")
        )
        catalogs = " ".join(f"{d}:{s}" for d, s in row.catalog_states.items())
        click.echo(
            f"{row.code:<5} {row.review:<9} "
            f"{row.strings_translated:>4}/{row.strings_total:<4} "
            f"{row.strings_percent:>3}%   {counts:<14} of {row.pages_total:<4} "
            f"{catalogs}  {_audio_summary(row)}"
        )
    for row in rows:
        for page, texts in row.recordings_outdated.items():
            click.echo(
                f"{row.code}: recording of {page} outdated "
                f"({len(texts)} paragraph(s) changed): the kiosk does not play it"
            )


def _audio_summary(row) -> str:
    voice = f"speech ({row.voice})" if row.voice else "no voice: recordings only"
    recorded = f"{len(row.recorded_pages)} recorded, "
    return f"{voice}; {recorded}{len(row.recordings_outdated)} outdated"


def _echo_pages(row) -> None:
    for domain, state in row.catalog_states.items():
        click.echo(f"{'catalog:' + domain:<42} {state}")
    for page_id, state in row.page_states.items():
        done = row.reviews.get(page_id)
        by = f"  (reviewed by {done.by}, {done.on})" if done else ""
        click.echo(f"{page_id:<42} {state}{by if state == 'reviewed' else ''}")


@i18n.command("mark-reviewed")
@click.argument("lang")
@click.argument("page")
@click.option("--by", "reviewer", required=True, help="the reviewer's name")
@_tree_options
def mark_reviewed(
    lang: str, page: str, reviewer: str, translations: Path, content: Path
) -> None:
    """Record that a qualified person reviewed PAGE of LANG (or "catalog")."""
    from datetime import date

    from kiosk.i18n import review

    today = date.today()
    if page in review.CATALOG_ITEMS:
        domain = review.CATALOG_ITEMS[page]
        path = translations / lang / "LC_MESSAGES" / f"{domain}.po"
        if not path.exists():
            raise click.ClickException(f"no catalog {path}")
        done = review.review_of_catalog(path, page, reviewer.strip(), today)
    else:
        try:
            done = review.review_of_page(
                content, lang, page.removesuffix(".md"), reviewer.strip(), today
            )
        except FileNotFoundError as missing:
            raise click.ClickException(f"no page {missing}") from None
        except ValueError as outdated:
            raise click.ClickException(str(outdated)) from None
    if not reviewer.strip():
        raise click.ClickException("--by needs the reviewer's name")
    review.record(translations, lang, done)
    click.echo(f"{lang} {done.item}: reviewed by {done.by} on {done.on}")


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
