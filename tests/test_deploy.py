"""The lock-down files in deploy/: well-formed, strict, and described in the guide."""

import configparser
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
GUIDE = ROOT / "docs" / "terminal-setup.md"
KIOSK_ADDRESS = "http://127.0.0.1:8080/"


def load_policy() -> dict:
    return json.loads((DEPLOY / "chromium-policy.json").read_text(encoding="utf-8"))


def load_unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.read_string((DEPLOY / name).read_text(encoding="utf-8"), source=name)
    return parser


def is_kiosk_address(url: str) -> bool:
    parts = urlsplit(url)
    return (parts.scheme, parts.hostname, parts.port) == ("http", "127.0.0.1", 8080)


def test_policy_is_a_json_object():
    assert isinstance(load_policy(), dict)


def test_policy_blocks_everything_including_chromium_pages():
    blocklist = load_policy()["URLBlocklist"]
    assert "*" in blocklist
    # "*" does not cover chrome:// pages such as chrome://policy or chrome://settings.
    assert "chrome://*" in blocklist


def test_policy_allows_only_the_kiosk_address():
    allowlist = load_policy()["URLAllowlist"]
    assert allowlist
    assert all(is_kiosk_address(url) for url in allowlist), allowlist


def test_policy_start_pages_are_the_kiosk():
    policy = load_policy()
    assert is_kiosk_address(policy["HomepageLocation"])
    assert is_kiosk_address(policy["NewTabPageLocation"])
    assert policy["RestoreOnStartup"] == 4
    assert all(is_kiosk_address(url) for url in policy["RestoreOnStartupURLs"])


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DeveloperToolsAvailability", 2),
        ("DownloadRestrictions", 3),
        ("IncognitoModeAvailability", 2),
        ("ExtensionInstallBlocklist", ["*"]),
    ],
)
def test_policy_closes_the_browser(name, value):
    assert load_policy()[name] == value


@pytest.mark.parametrize(
    "name",
    [
        "PrintingEnabled",
        "PasswordManagerEnabled",
        "AutofillAddressEnabled",
        "AutofillCreditCardEnabled",
        "AllowFileSelectionDialogs",
    ],
)
def test_policy_switches_off(name):
    assert load_policy()[name] is False


@pytest.mark.parametrize("name", ["karriere-kiosk.service", "kiosk-terminal.service"])
def test_unit_has_the_three_sections(name):
    assert {"Unit", "Service", "Install"} <= set(load_unit(name).sections())


def test_server_unit_runs_kiosk_serve_hardened():
    service = load_unit("karriere-kiosk.service")["Service"]
    assert service["ExecStart"].endswith("kiosk serve")
    assert service["User"] == "kiosk"
    assert service["StateDirectory"] == "karriere-kiosk"
    assert service["NoNewPrivileges"] == "yes"
    assert service["ProtectSystem"] == "strict"
    assert service["IPAddressDeny"] == "any"


def test_terminal_unit_runs_chromium_in_kiosk_mode_under_cage():
    service = load_unit("kiosk-terminal.service")["Service"]
    command = service["ExecStart"]
    assert "cage" in command
    assert "--kiosk" in command
    assert KIOSK_ADDRESS in command
    assert service["User"] == "terminal"


def test_env_example_names_only_settings_the_server_reads():
    example = (DEPLOY / "karriere-kiosk.env.example").read_text(encoding="utf-8")
    names = re.findall(r"^#?([A-Z][A-Z0-9_]+)=", example, flags=re.MULTILINE)
    assert "KIOSK_HOST" in names and "STAFF_HOST" in names
    config = (ROOT / "kiosk" / "config.py").read_text(encoding="utf-8")
    assert [name for name in names if f'"{name}"' not in config] == []


def test_guide_mentions_every_deploy_file():
    guide = GUIDE.read_text(encoding="utf-8")
    files = [path.name for path in DEPLOY.iterdir() if path.is_file()]
    assert files
    assert [name for name in files if f"deploy/{name}" not in guide] == []


def test_the_tls_proxy_passes_what_the_staff_listener_trusts():
    """Code review 4-b: nginx forwards address and scheme and takes one recording."""
    from kiosk.config import load_settings

    conf = (DEPLOY / "nginx-staff.conf").read_text(encoding="utf-8")
    settings = load_settings({})
    assert f"proxy_pass http://127.0.0.1:{settings['STAFF_PORT']};" in conf
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in conf
    assert "proxy_set_header X-Forwarded-Proto https;" in conf
    megabytes = int(re.search(r"client_max_body_size (\d+)m;", conf)[1])
    assert megabytes * 1024 * 1024 >= settings["MAX_UPLOAD_BYTES"]
    assert "ssl_protocols       TLSv1.2 TLSv1.3;" in conf


def test_the_browser_forgets_on_its_own():
    """F1: besides the kiosk's own reset, the browser restarts empty when idle."""
    policy = load_policy()
    assert policy["SavingBrowserHistoryDisabled"] is True
    assert policy["IncognitoModeAvailability"] == 2
    assert "close_browsers" in policy["IdleTimeoutActions"]
    assert "clear_browsing_history" in policy["IdleTimeoutActions"]
    # After the kiosk's own reset (idle + warning), never before it.
    from kiosk.config import load_settings

    settings = load_settings({})
    reset_after = settings["IDLE_SECONDS"] + settings["IDLE_WARNING_SECONDS"]
    assert policy["IdleTimeout"] * 60 > reset_after
    command = load_unit("kiosk-terminal.service")["Service"]["ExecStart"]
    assert "--overscroll-history-navigation=0" in command
    guide = GUIDE.read_text(encoding="utf-8")
    for name in ("IdleTimeout", "IdleTimeoutActions", "SavingBrowserHistoryDisabled"):
        assert f"`{name}`" in guide
