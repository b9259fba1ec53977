"""Settings read from the environment (prefix ``KIOSK_``), with sane defaults."""

import hashlib
import hmac
import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = PROJECT_ROOT / "content"
STATIC_DIR = PROJECT_ROOT / "static"
TRANSLATIONS_DIR = PROJECT_ROOT / "translations"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def _int(env, name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}") from None


def load_settings(env=None) -> dict:
    """Return Flask config keys built from environment variables."""
    env = os.environ if env is None else env
    data_dir = Path(env.get("KIOSK_DATA_DIR") or PROJECT_ROOT / "instance").resolve()
    return {
        "DATA_DIR": data_dir,
        "DATABASE_URL": env.get("KIOSK_DATABASE_URL")
        or f"sqlite:///{data_dir / 'kiosk.sqlite3'}",
        "KIOSK_HOST": env.get("KIOSK_HOST", "127.0.0.1"),
        "KIOSK_PORT": _int(env, "KIOSK_PORT", 8080),
        "STAFF_HOST": env.get("STAFF_HOST", "127.0.0.1"),
        "STAFF_PORT": _int(env, "STAFF_PORT", 8081),
        # The address of a TLS proxy (nginx) in front of the staff listener, whose
        # X-Forwarded-For and X-Forwarded-Proto are trusted; empty: no proxy.
        "STAFF_TLS_PROXY": env.get("KIOSK_STAFF_TLS_PROXY", ""),
        "IDLE_SECONDS": _int(env, "KIOSK_IDLE_SECONDS", 120),
        "IDLE_WARNING_SECONDS": _int(env, "KIOSK_IDLE_WARNING_SECONDS", 30),
        "RETENTION_DAYS": _int(env, "KIOSK_RETENTION_DAYS", 90),
        "OPEN_REQUEST_DAYS": _int(env, "KIOSK_OPEN_REQUEST_DAYS", 180),
        "SECRET_KEY_FILE": Path(
            env.get("KIOSK_SECRET_KEY_FILE") or data_dir / "secret_key"
        ),
        "PRISON": env.get("KIOSK_PRISON", ""),
        "LISTENERS": env.get("KIOSK_LISTENERS", "both"),
        "DEFAULT_LANGUAGE": env.get("KIOSK_DEFAULT_LANGUAGE", "nb"),
        "STAFF_LANGUAGE": env.get("KIOSK_STAFF_LANGUAGE", "nb"),
        "SERVER_THREADS": _int(env, "KIOSK_THREADS", 8),
        "MAX_CONTENT_LENGTH": _int(env, "KIOSK_MAX_BODY_BYTES", 64 * 1024),
        # A recording a logged-in member uploads on the staff listener.
        "MAX_UPLOAD_BYTES": _int(env, "KIOSK_MAX_UPLOAD_BYTES", 40 * 1024 * 1024),
        "KIOSK_CONNECTION_LIMIT": _int(env, "KIOSK_CONNECTION_LIMIT", 300),
        "STAFF_CONNECTION_LIMIT": _int(env, "STAFF_CONNECTION_LIMIT", 100),
        "CONNECTIONS_PER_ADDRESS": _int(env, "KIOSK_CONNECTIONS_PER_ADDRESS", 64),
        "CONNECTION_TIMEOUT_SECONDS": _int(env, "KIOSK_CONNECTION_TIMEOUT", 15),
        "REQUEST_LIMIT": env.get("KIOSK_REQUEST_LIMIT", "5/hour"),
        "STATUS_LIMIT": env.get("KIOSK_STATUS_LIMIT", "20/10 minutes"),
        "FEEDBACK_LIMIT": env.get("KIOSK_FEEDBACK_LIMIT", "10/hour"),
        "LOGIN_LIMIT_PER_ADDRESS": env.get("KIOSK_LOGIN_LIMIT", "20/15 minutes"),
        "LOGIN_LIMIT_PER_ACCOUNT": env.get("KIOSK_LOGIN_ACCOUNT_LIMIT", "5/15 minutes"),
        "STAFF_IDLE_MINUTES": _int(env, "KIOSK_STAFF_IDLE_MINUTES", 30),
        "STAFF_MAX_HOURS": _int(env, "KIOSK_STAFF_MAX_HOURS", 12),
        "TIMEZONE": env.get("KIOSK_TIMEZONE", "Europe/Oslo"),
        # None: the data dir's audio/ folder (see audio_dir)
        "AUDIO_DIR": Path(env["KIOSK_AUDIO_DIR"]).resolve()
        if env.get("KIOSK_AUDIO_DIR")
        else None,
        "AUDIO_AT_START": env.get("KIOSK_AUDIO_AT_START", "1") not in ("0", "no", ""),
        # None: staff uploads go beside the content (see recordings_dir)
        "RECORDINGS_DIR": Path(env["KIOSK_RECORDINGS_DIR"]).resolve()
        if env.get("KIOSK_RECORDINGS_DIR")
        else None,
        "CONTENT_DIR": CONTENT_DIR,
        "TRANSLATIONS_DIR": TRANSLATIONS_DIR,
    }


def read_or_create_secret_key(path: Path) -> str:
    """Return the secret key stored at ``path``, creating it on first start."""
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it a moment ago
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


def listener_secret_key(secret: str, role: str) -> str:
    """Derive one listener's signing key (``kiosk`` or ``staff``) from the secret."""
    return hmac.new(
        secret.encode(), f"listener:{role}".encode(), hashlib.sha256
    ).hexdigest()


def audio_dir(config) -> Path:
    """Return the folder of rendered read-aloud audio for a Flask config."""
    return Path(config.get("AUDIO_DIR") or Path(config["DATA_DIR"]) / "audio")


def recordings_dir(config) -> Path:
    """Return where staff uploads of recordings go: beside the content by default."""
    return Path(config.get("RECORDINGS_DIR") or config["CONTENT_DIR"])
