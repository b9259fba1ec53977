"""The kiosk's own CSS and JS go out minified; vendored files as they are."""

import pytest

from kiosk.config import STATIC_DIR


def _static(app, name: str) -> str:
    return f"{app.static_url_path}/{name}"


@pytest.mark.parametrize("name", ["css/kiosk.css", "js/kiosk.js", "js/read-aloud.js"])
def test_our_files_are_sent_without_comments(app, client, name):
    source = (STATIC_DIR / name).read_bytes()
    response = client.get(_static(app, name))
    assert response.status_code == 200
    assert b"/*" in source and b"/*" not in response.data
    assert len(response.data) < 0.9 * len(source)
    again = client.get(
        _static(app, name), headers={"If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304


def test_vendored_htmx_is_sent_as_it_is(app, client):
    name = next(STATIC_DIR.glob("vendor/htmx-*.min.js")).relative_to(STATIC_DIR)
    with client.get(_static(app, str(name))) as response:
        assert response.data == (STATIC_DIR / name).read_bytes()


def test_a_changed_file_is_minified_again(tmp_path):
    from kiosk.assets import minified

    path = tmp_path / "a.css"
    path.write_text("a { color: red; } /* one */")
    first, _etag = minified(path, 1)
    path.write_text("b { color: blue; }")
    assert minified(path, 2)[0] == b"b{color:blue}" != first


@pytest.mark.parametrize("name", ["js/missing.js", "../kiosk/__init__.py", "js/"])
def test_no_file_outside_or_missing_is_sent(app, client, name):
    assert client.get(_static(app, name)).status_code == 404
