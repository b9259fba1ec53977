"""Settings staff change at run time, per prison: units and the request limit."""

from limits import parse_many
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.models import DEFAULT_PRISON, Setting
from kiosk.session_requests import UNIT_MAX

UNITS_KEY = "units"
REQUEST_LIMIT_KEY = "request_limit"
VERSION_KEY = "version"


class SettingError(ValueError):
    """A setting value that cannot be used; ``field`` names the setting."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def get(session: Session, prison_id: int, key: str) -> str | None:
    """Return one prison's setting ``key``, or None."""
    setting = session.get(Setting, (prison_id, key))
    return None if setting is None else setting.value


def all_values(session: Session, prison_id: int) -> dict[str, str]:
    """Return every setting of one prison, by key, in one query."""
    rows = session.scalars(select(Setting).where(Setting.prison_id == prison_id))
    return {row.key: row.value for row in rows}


def put(session: Session, prison_id: int, key: str, value: str) -> None:
    """Set one prison's setting ``key`` (the caller commits)."""
    setting = session.get(Setting, (prison_id, key)) or Setting(
        prison_id=prison_id, key=key
    )
    setting.value = value
    session.add(setting)


def version(session: Session, prison_id: int = DEFAULT_PRISON) -> int:
    """Return a number that grows whenever staff change a setting inmates see."""
    return int(get(session, prison_id, VERSION_KEY) or 0)


def bump_version(session: Session, prison_id: int = DEFAULT_PRISON) -> None:
    """Count one more change, so pages showing settings are rendered anew."""
    put(session, prison_id, VERSION_KEY, str(version(session, prison_id) + 1))


def units(session: Session, prison_id: int = DEFAULT_PRISON) -> list[str]:
    """Return the units inmates choose from (empty: they type their unit)."""
    return unit_list(get(session, prison_id, UNITS_KEY))


def unit_list(stored: str | None) -> list[str]:
    """Return the unit names of the stored setting, one per line."""
    return [line.strip() for line in (stored or "").splitlines() if line.strip()]


def request_limit(
    session: Session, default: str, prison_id: int = DEFAULT_PRISON
) -> str:
    """Return the request limit per terminal, in Flask-Limiter syntax."""
    return get(session, prison_id, REQUEST_LIMIT_KEY) or default


def clean_units(names: list[str]) -> list[str]:
    """Return the unit names without blanks or repeats; refuse unusable ones."""
    cleaned = list(dict.fromkeys(name.strip() for name in names if name.strip()))
    if any(len(name) > UNIT_MAX or not name.isprintable() for name in cleaned):
        raise SettingError(
            "units", f"unit names: printable, at most {UNIT_MAX} characters"
        )
    return cleaned


def clean_limit(limit: str) -> str:
    """Return a limit such as ``5/hour``; raise SettingError if it cannot be read."""
    limit = limit.strip()
    try:
        parse_many(limit)
    except ValueError as error:
        message = f"not a limit: {limit!r}, write for example 5/hour"
        raise SettingError("request_limit", message) from error
    return limit


def save(
    session: Session, unit_names: list[str], limit: str, prison_id: int = DEFAULT_PRISON
) -> dict:
    """Check both settings, then store both at once; return what was stored."""
    stored = {"units": clean_units(unit_names), "request_limit": clean_limit(limit)}
    put(session, prison_id, UNITS_KEY, "\n".join(stored["units"]))
    put(session, prison_id, REQUEST_LIMIT_KEY, stored["request_limit"])
    bump_version(session, prison_id)
    session.commit()
    return stored
