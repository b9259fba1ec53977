"""Test helper: submit a session request over HTTP like a browser without JavaScript."""

import http.cookiejar
import re
import urllib.parse
import urllib.request

SHOWN_CODE = re.compile(r'class="request-code"><bdi dir="ltr">([A-Z2-9]{6})</bdi>')


def code_on_page(page: str) -> str | None:
    """Return the request or sign-up code a confirmation page shows, or None."""
    found = SHOWN_CODE.search(page)
    return found.group(1) if found else None


def submit_request(kiosk_url: str, name: str) -> str:
    """Fetch the form, post it with its CSRF token, return the code it shows."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(kiosk_url + "/en/request", timeout=30).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form)
    data = urllib.parse.urlencode(
        {
            "csrf_token": token.group(1),
            "name": name,
            "unit": "A",
            "topics": "cv",
            "session_format": "one-to-one",
            "conversation_language": "en",
        }
    ).encode()
    with opener.open(kiosk_url + "/en/request", data, timeout=60) as answer:
        return code_on_page(answer.read().decode())


def post_form(kiosk_url: str, path: str, fields: dict) -> str:
    """Fetch a form page, post it with its CSRF token; return the page answered."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(kiosk_url + path, timeout=30).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form)
    data = urllib.parse.urlencode({"csrf_token": token.group(1), **fields}).encode()
    with opener.open(kiosk_url + path, data, timeout=60) as answer:
        return answer.read().decode()
