"""The ``kiosk`` command: serve, init-db and the translator tools."""

import logging
import time

import click

from kiosk import catalogs, create_kiosk_app, create_staff_app, db, server
from kiosk.config import load_settings


@click.group()
def main() -> None:
    """Karriere-kiosken: career guidance kiosk for prison library terminals."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s"
    )


@main.command("init-db")
def init_db() -> None:
    """Create the database or bring it to the newest schema."""
    url = load_settings()["DATABASE_URL"]
    db.migrate(url)
    click.echo("database is up to date")


@main.command()
def serve() -> None:
    """Serve the kiosk and staff listeners until Ctrl-C or SIGTERM."""
    started = time.perf_counter()
    settings = load_settings()
    db.migrate(settings["DATABASE_URL"])
    kiosk_app, staff_app = create_kiosk_app(), create_staff_app()
    logging.getLogger(__name__).info("ready in %.2f s", time.perf_counter() - started)
    server.serve(kiosk_app, staff_app, threads=settings["SERVER_THREADS"])


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
