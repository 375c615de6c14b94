"""Under CI nothing is skipped: a skip while running or collecting, an importorskip, a
skipif, an XFAIL and an XPASS each fail the run, for every truthy spelling of ``CI``.

The decision is tested directly (``ci_is_on``, ``verdict``) and end to end: a pytest
session in a subprocess, with a copy of this checkout's root ``conftest.py``, runs a
small suite of tests that do not run in every way pytest knows.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from lanhmanh.ci_guard import ci_is_on, verdict

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("value", ["true", "TRUE", "True", "1", "yes", "YES", "on", " true "])
def test_every_truthy_ci_turns_the_guard_on(value):
    assert ci_is_on(value)


@pytest.mark.parametrize("value", [None, "", "0", "false", "no", "off"])
def test_no_ci_leaves_skips_alone(value):
    assert not ci_is_on(value)


def _report(outcome, longrepr=None, **extra):
    return SimpleNamespace(
        outcome=outcome,
        passed=outcome == "passed",
        skipped=outcome == "skipped",
        failed=outcome == "failed",
        longrepr=longrepr,
        **extra,
    )


def test_the_verdict_names_each_way_of_not_running():
    assert "skipped" in verdict(_report("skipped", ("f.py", 1, "Skipped: no chromium")))
    assert "no chromium" in verdict(_report("skipped", ("f.py", 1, "Skipped: no chromium")))
    assert "XPASS" in verdict(_report("passed", wasxfail="known bug"))
    assert "XFAIL" in verdict(_report("skipped", wasxfail="known bug"))
    assert verdict(_report("passed")) is None
    assert verdict(_report("failed")) is None


SUITE = {
    "test_runs.py": "def test_runs():\n    assert True\n",
    "test_skip_at_runtime.py": (
        "import pytest\n\ndef test_skips():\n    pytest.skip('no chromium here')\n"
    ),
    "test_skip_mark.py": (
        "import pytest\n\n@pytest.mark.skipif(True, reason='not on this machine')\n"
        "def test_marked():\n    pass\n"
    ),
    "test_skip_module.py": (
        "import pytest\n\npytest.skip('whole module skipped', allow_module_level=True)\n\n"
        "def test_never():\n    pass\n"
    ),
    "test_importorskip.py": (
        "import pytest\n\npytest.importorskip('no_such_module_anywhere')\n\n"
        "def test_never():\n    pass\n"
    ),
    "test_xpass.py": (
        "import pytest\n\n@pytest.mark.xfail(reason='believed broken')\n"
        "def test_passes_anyway():\n    pass\n"
    ),
}


@pytest.fixture
def suite(pytester, monkeypatch):
    """A pytest session in a subprocess with this checkout's root conftest."""
    pytester.makeconftest((ROOT / "conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile(**{name[:-3]: text for name, text in SUITE.items()})
    pythonpath = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    monkeypatch.setenv("PYTHONPATH", pythonpath)
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "lanhmanh.settings")

    def run(ci):
        if ci is None:
            monkeypatch.delenv("CI", raising=False)
        else:
            monkeypatch.setenv("CI", ci)
        return pytester.runpytest_subprocess(
            "-p", "no:cacheprovider", "--continue-on-collection-errors", "-rA"
        )

    return run


@pytest.mark.parametrize("ci", ["1"])
def test_under_ci_nothing_is_skipped(suite, ci):
    result = suite(ci)
    text = result.stdout.str()
    assert result.ret != 0, text
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed") == 1, text  # test_runs, the only test that ran
    assert "skipped" not in outcomes and "xpassed" not in outcomes, text
    # the runtime skip and the XPASS fail as tests; the skip mark (decided while the
    # test is set up) and the two modules skipped while collecting fail as errors
    assert outcomes.get("failed") == 2, text
    assert outcomes.get("errors", outcomes.get("error")) == 3, text
    for why in (
        "no chromium here",
        "not on this machine",
        "whole module skipped",
        "no_such_module_anywhere",
        "believed broken",
    ):
        assert why in text, why


def test_without_ci_a_skip_is_a_skip(suite):
    result = suite(None)
    text = result.stdout.str()
    assert result.ret == 0, text
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed") == 1 and outcomes.get("skipped") == 4, text
    assert outcomes.get("xpassed") == 1, text
