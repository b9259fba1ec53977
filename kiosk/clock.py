"""The one place the kiosk asks for the time, so tests and statistics agree on UTC."""

from datetime import UTC, datetime


def utc_now() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)
