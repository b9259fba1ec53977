"""Prisons: one install can serve many, each with its own kiosk listener and data.

A single-prison install has one prison, ``default``, made by the migration, and
never has to think about this. A central install adds a prison per listener and
gives each counsellor the prisons they work for; a county coordinator sees all.
"""

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.models import Prison, StaffPrison, StaffUser

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NAME_MAX = 200


class PrisonError(ValueError):
    """A prison that cannot be added or found, with a message for the operator."""


def all_prisons(session: Session) -> list[Prison]:
    """Return every prison, by name."""
    return list(session.scalars(select(Prison).order_by(Prison.name, Prison.slug)))


def find(session: Session, slug: str) -> Prison | None:
    """Return the prison with ``slug``, or None."""
    return session.scalars(select(Prison).where(Prison.slug == slug)).first()


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > NAME_MAX or not name.isprintable():
        raise PrisonError(f"a name of 1 to {NAME_MAX} printable characters")
    return name


def add(session: Session, slug: str, name: str, region: str = "") -> Prison:
    """Add a prison; ``slug`` names its kiosk listener (``KIOSK_PRISON``)."""
    if not SLUG.match(slug):
        raise PrisonError("the slug is lower-case letters, digits and dashes")
    if find(session, slug) is not None:
        raise PrisonError(f"there is a prison {slug!r} already")
    prison = Prison(slug=slug, name=_clean_name(name), region=region.strip())
    session.add(prison)
    session.commit()
    return prison


def rename(session: Session, slug: str, name: str) -> Prison:
    """Give a prison a new name (its slug and data stay)."""
    prison = find(session, slug)
    if prison is None:
        raise PrisonError(f"no prison {slug!r}")
    prison.name = _clean_name(name)
    session.commit()
    return prison


def served_by_kiosk(session: Session, slug: str | None) -> Prison:
    """Return the prison one kiosk listener serves: ``slug``, or the only one."""
    if slug:
        prison = find(session, slug)
        if prison is None:
            raise PrisonError(
                f"KIOSK_PRISON={slug}: no such prison (kiosk prison list)"
            )
        return prison
    prisons = all_prisons(session)
    if len(prisons) != 1:
        raise PrisonError("several prisons: set KIOSK_PRISON to the one to serve")
    return prisons[0]


def visible_to(session: Session, user: StaffUser) -> list[Prison]:
    """Return the prisons a staff member may see and change."""
    if user.all_prisons:
        return all_prisons(session)
    query = (
        select(Prison)
        .join(StaffPrison, StaffPrison.prison_id == Prison.id)
        .where(StaffPrison.staff_id == user.id)
        .order_by(Prison.name, Prison.slug)
    )
    return list(session.scalars(query))


def grant(session: Session, user: StaffUser, slugs: list[str]) -> None:
    """Let a staff member work for the prisons ``slugs`` (the caller commits)."""
    for slug in slugs:
        prison = find(session, slug)
        if prison is None:
            raise PrisonError(f"no prison {slug!r}")
        if session.get(StaffPrison, (user.id, prison.id)) is None:
            session.add(StaffPrison(staff_id=user.id, prison_id=prison.id))
