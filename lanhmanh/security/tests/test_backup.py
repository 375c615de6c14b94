"""Backup and restore: write records, back up, destroy the database, restore, and find
every record, encrypted contacts still readable. Runs on SQLite and PostgreSQL (CI)."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from lanhmanh.security import backup as backups

# The figures' generation is not a record: the restore itself bumps it (below).
NOT_RECORDS = {"monitoring.FiguresGeneration"}


def counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label not in {"sessions", "contenttypes"}
        and not m._meta.proxy
        and m._meta.label not in NOT_RECORDS
    }


@pytest.fixture
def data_key(settings):
    settings.DATA_KEYS = [Fernet.generate_key().decode()]


@pytest.fixture
def written(transactional_db, data_key):
    from lanhmanh.demo.replay import load_demo
    from lanhmanh.testing import make_cast
    from lanhmanh.tips import actions
    from lanhmanh.tips.models import Category, Channel

    load_demo()
    cast = make_cast()
    tip = actions.receive_tip(
        cast.inside["police"],
        channel=Channel.HOTLINE,
        commune=cast.commune,
        category=Category.PROSTITUTION,
        content="Tin báo thử nghiệm cho sao lưu.",
        contact={"name": "Người gửi sao lưu", "phone": "0900000001", "email": ""},
    )
    return tip


def test_backup_destroy_restore_finds_every_record(written, tmp_path):
    from lanhmanh.monitoring import freshness
    from lanhmanh.tips.models import Tip

    before = counts()
    generation = freshness.generation()
    assert before["tips.Tip"] > 1 and before["inspections.Establishment"] > 100
    target = tmp_path / "lanhmanh.backup"
    call_command("backup", str(target))
    raw = target.read_bytes()
    assert raw.startswith(backups.MAGIC)
    assert "Nghệ An".encode() not in raw and b"CREATE TABLE" not in raw  # encrypted

    call_command("flush", interactive=False, verbosity=0)  # the database is gone
    assert Tip.objects.count() == 0

    call_command("restore", str(target), "--yes")
    assert counts() == before
    assert freshness.generation() > generation  # no dashboard kept from before counts
    tip = Tip.objects.get(pk=written.pk)
    assert tip.read_contact() == {
        "name": "Người gửi sao lưu",
        "phone": "0900000001",
        "email": "",
    }


def test_a_backup_needs_its_data_key(written, tmp_path, settings):
    target = tmp_path / "lanhmanh.backup"
    backups.backup(target)
    settings.DATA_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(CommandError, match="another data key") as failed:
        call_command("restore", str(target), "--yes")
    assert failed.value.returncode == 2


def test_a_damaged_or_cut_backup_is_refused_whole(written, tmp_path):
    from lanhmanh.tips.models import Tip

    target = tmp_path / "lanhmanh.backup"
    backups.backup(target)
    data = target.read_bytes()
    cut = tmp_path / "cut.backup"
    cut.write_bytes(data[: len(data) // 2])
    before = Tip.objects.count()
    with pytest.raises(backups.BackupError):
        backups.restore(cut)
    flipped = tmp_path / "flipped.backup"
    flipped.write_bytes(data[:-10] + bytes(b ^ 1 for b in data[-10:]))
    with pytest.raises(backups.BackupError):
        backups.restore(flipped)
    other = tmp_path / "other.bin"
    other.write_bytes(b"not a backup")
    with pytest.raises(backups.BackupError, match="not a lanhmanh backup"):
        backups.restore(other)
    assert Tip.objects.count() == before


def test_restore_of_a_missing_file_exits_2(db, data_key, tmp_path):
    with pytest.raises(CommandError) as failed:
        call_command("restore", str(tmp_path / "none.backup"), "--yes")
    assert failed.value.returncode == 2
