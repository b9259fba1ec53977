"""``/healthz`` on the staff listener: database, migrations, catalogs."""


def test_healthy_kiosk_answers_200(staff_client):
    response = staff_client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {
        "status": "ok",
        "database": "ok",
        "migrations": "current",
        "catalogs": "loaded",
    }


def test_healthz_is_not_on_the_kiosk_listener(client):
    assert client.get("/healthz").status_code == 404


def test_database_behind_on_migrations_is_503(settings, tmp_path):
    from kiosk import create_staff_app

    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    app = create_staff_app({**settings, "DATABASE_URL": url})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["migrations"] == "behind"


def test_missing_catalog_is_503(settings, database, tmp_path):
    import shutil

    from kiosk import create_staff_app
    from kiosk.config import TRANSLATIONS_DIR

    translations = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS_DIR, translations)
    (translations / "pl" / "LC_MESSAGES" / "messages.mo").unlink()
    app = create_staff_app({**settings, "TRANSLATIONS_DIR": translations})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["catalogs"] == "missing: pl"
