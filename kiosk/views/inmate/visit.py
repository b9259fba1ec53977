"""What one visit at a terminal keeps in its session, gone at the idle reset."""

from flask import session

MY_LIST_MAX = 5


def my_list() -> list[str]:
    """Return the occupations kept for this visit (gone at the idle reset)."""
    return [slug for slug in session.get("my_list", []) if isinstance(slug, str)]
