"""The demo replayed for tests is the demo: the same rows as loading it, and a real load
whenever the database is not as it was when it was kept."""

import pytest
from django.db import transaction

from lanhmanh.demo import replay
from lanhmanh.testing import make_agency, make_user, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_loads(monkeypatch):
    """The options of each real load of the demo, as they happen."""
    calls = []
    real = replay.load_for_real

    def counted(**options):
        calls.append(options)
        return real(**options)

    monkeypatch.setattr(replay, "load_for_real", counted)
    return calls


def _kept_then_emptied():
    """Load the demo (kept for replay), then take it out again."""
    replay._kept.clear()
    mark = transaction.savepoint_create()
    loaded = replay.load_demo(with_reports=False)
    after_load = _everything()
    transaction.savepoint_rollback(mark)
    return loaded, after_load


def _everything():
    return {t: sorted(map(repr, replay._rows(t)[1])) for t in replay._tables()}


def test_a_replay_writes_the_rows_the_load_wrote(monkeypatch):
    loaded, after_load = _kept_then_emptied()
    assert replay._state(replay._tables()) is not None  # empty again but for the reference

    def no_real_load(**options):
        raise AssertionError("loaded for real where it could replay")

    monkeypatch.setattr(replay, "load_for_real", no_real_load)
    replayed = replay.load_demo(with_reports=False)
    assert replayed == loaded
    assert _everything() == after_load
    # the ids go on after the replayed rows
    make_agency(jurisdiction=unit("40"), name="Cơ quan sau khi phát lại (thử nghiệm)")
    make_user(username="sau-khi-phat-lai")


def test_a_database_with_rows_of_its_own_loads_for_real(real_loads):
    _kept_then_emptied()
    make_user(username="nguoi-dung-truoc-demo")
    real_loads.clear()
    replay.load_demo(with_reports=False)
    assert real_loads == [{"with_plans": True, "with_reports": False}]


def test_reference_rows_made_again_load_for_real(real_loads):
    """After a flush the legal bases (and units) come back with new keys: the rows kept
    refer to the old ones, so the demo is loaded for real."""
    from lanhmanh.inspections.legal_bases import seed_legal_bases
    from lanhmanh.inspections.models import LegalBasis

    _kept_then_emptied()
    LegalBasis.objects.all().delete()
    seed_legal_bases(LegalBasis)  # the same rows, new keys
    real_loads.clear()
    replay.load_demo(with_reports=False)
    assert len(real_loads) == 1
