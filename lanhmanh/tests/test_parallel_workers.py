"""`make test` runs the suite in parallel workers: each has its own test database and its
own files under var/ (uploads, kept figures), so two workers never see each other's."""

import os

from django.conf import settings
from django.core.cache import caches
from django.db import connection


def test_each_worker_has_its_own_database_and_files():
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    figures = caches["figures"]._dir
    database = str(connection.settings_dict["NAME"])
    if worker:
        own = settings.VAR_DIR / "test-workers" / worker
        assert own / "media" == settings.MEDIA_ROOT
        assert figures == str(own / "cache")
        assert database.endswith(f"_{worker}") or f"_{worker}." in database
    else:
        assert settings.MEDIA_ROOT == settings.VAR_DIR / "media"
        assert figures == str(settings.VAR_DIR / "cache" / "figures")
