"""Test configuration shared by the whole suite.

- Fast password hashing; the administrative units loaded once per test database.
- Under CI (``CI`` = true, 1, yes, ...) a test that does not run fails the run: CI has
  everything, so a skip hides a gap (``lanhmanh/ci_guard.py``: skips while running or
  collecting, XFAIL and XPASS).
"""

import os

import pytest

pytest_plugins = ["lanhmanh.ci_guard"]

SHARED_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "shared")


def pytest_configure(config):
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests render templates without running collectstatic first: static files come
    # from the finders.
    # Tests change records through the ORM between two requests, which no request bumps
    # the figures' generation for; the tests of monitoring.freshness turn it back on.
    settings.LANHMANH_FIGURES_CACHE_SECONDS = 0
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # `make test` runs the suite in parallel workers (pytest-xdist), each on its own test
    # database (pytest-django names it after the worker): the uploads and the kept
    # figures, files under var/, are each worker's own too.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        own = settings.VAR_DIR / "test-workers" / worker
        settings.MEDIA_ROOT = own / "media"
        settings.CACHES = {
            **settings.CACHES,
            "figures": {**settings.CACHES["figures"], "LOCATION": str(own / "cache")},
        }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Browser tests flush the tables when they end; a reused test database gets the
    # reference data back here.
    from lanhmanh.testing import load_reference_data

    with django_db_blocker.unblock():
        load_reference_data()


def _flushes_the_database(item) -> bool:
    """A transactional test (browser, concurrency, backup) ends by emptying every table."""
    if {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())):
        return True
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    return bool(marker.kwargs.get("transaction", marker.args[0] if marker.args else False))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test has emptied the tables, the units and legal bases come
    back at once, committed: the tests after it on the same worker (in any order, as
    pytest-xdist hands them out) find the reference data the session set up."""
    yield
    if not _flushes_the_database(item):
        return
    from pytest_django.plugin import blocking_manager_key

    from lanhmanh.testing import load_reference_data

    with item.config.stash[blocking_manager_key].unblock():
        load_reference_data()


@pytest.fixture
def shared_dir():
    """../shared beside the checkout (seeds, gold answers, specs)."""
    if not os.path.isdir(SHARED_DIR):
        pytest.skip("../shared is not beside this checkout")
    return SHARED_DIR


@pytest.fixture
def cast(db):
    from lanhmanh.testing import make_cast

    return make_cast()
