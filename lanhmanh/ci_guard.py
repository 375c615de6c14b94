"""Under CI nothing is skipped: a pytest plugin the root ``conftest.py`` loads.

CI installs everything the suite needs (PostgreSQL, Chromium, ../shared), so a test
that does not run hides a gap. With ``CI`` set to a truthy value (``true``, ``1``,
``yes``, ``on``; any case) every way of not running a test fails the run:

- a skip while running (``pytest.skip`` in a test or fixture, a ``skip``/``skipif``
  mark, which pytest evaluates when the test is set up);
- a skip while collecting (a module-level ``pytest.skip(allow_module_level=True)``,
  ``pytest.importorskip`` at import, a ``skipif`` decided when the module is read);
- an expected failure, and an expected failure that passed (XPASS): CI has no known
  failures to carry.

The decision is plain functions (``ci_is_on``, ``verdict``) tested directly; the hooks
only apply it.
"""

from __future__ import annotations

import os

import pytest

TRUTHY = {"true", "1", "yes", "on", "y"}


def ci_is_on(value: str | None) -> bool:
    """Whether the ``CI`` variable's value turns the guard on."""
    return (value or "").strip().lower() in TRUTHY


def _reason(longrepr) -> str:
    if isinstance(longrepr, tuple):
        return str(longrepr[-1])
    return str(longrepr)


def verdict(report) -> str | None:
    """Why ``report`` (of a test or of a collected file) fails the run under CI, or
    None when it stands as it is."""
    if getattr(report, "wasxfail", None) is not None:
        if report.passed:
            return f"XPASS under CI, which counts as a failure: {report.wasxfail}"
        if report.skipped:
            return f"XFAIL under CI, which counts as a failure: {report.wasxfail}"
    if report.skipped:
        return f"skipped under CI, which counts as a failure: {_reason(report.longrepr)}"
    return None


def _apply(report) -> None:
    if not ci_is_on(os.environ.get("CI")):
        return
    why = verdict(report)
    if why is not None:
        report.outcome = "failed"
        report.longrepr = why
        if hasattr(report, "wasxfail"):
            del report.wasxfail


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    _apply(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    _apply(outcome.get_result())
