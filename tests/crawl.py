"""Test helper: read the URLs a page points to, and crawl a Flask app from a start."""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "srcset", "data"}
HTMX_URL_ATTRIBUTES = {"hx-get", "hx-post", "hx-put", "hx-patch", "hx-delete"}


class PageReader(HTMLParser):
    """Collect every URL-bearing attribute and the ``<html>`` attributes."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.html_attributes: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_attributes = {k: v or "" for k, v in attributes.items()}
        for name, value in attributes.items():
            if value and (name in URL_ATTRIBUTES or name in HTMX_URL_ATTRIBUTES):
                self.urls.append(value)
        style = attributes.get("style") or ""
        self.urls.extend(re.findall(r"url\(([^)]*)\)", style))


def read_page(html: str) -> PageReader:
    """Parse ``html`` and return what it points to."""
    reader = PageReader()
    reader.feed(html)
    return reader


def is_inside(url: str) -> bool:
    """Tell whether ``url`` stays on the kiosk: a path, no scheme, no host."""
    parts = urlsplit(url.strip())
    return not parts.scheme and not parts.netloc and not url.strip().startswith("//")


def crawl(client, start: str, limit: int = 6000) -> dict[str, object]:
    """Follow every in-kiosk link from ``start``, breadth first; responses by path."""
    seen: dict[str, object] = {}
    queue = deque([start])
    while queue and len(seen) < limit:
        path = queue.popleft()
        if path in seen:
            continue
        response = client.get(path)
        seen[path] = response
        if response.mimetype != "text/html":
            continue
        for url in read_page(response.get_data(as_text=True)).urls:
            target = urljoin(path, url).split("#", 1)[0]
            if is_inside(url) and target not in seen and "/static/" not in target:
                queue.append(target)
    return seen
