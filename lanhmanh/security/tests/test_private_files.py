"""What lanhmanh keeps on disk is readable by its own user only.

``var/`` holds the SQLite database (identities are encrypted there, but not the rest of
the registers), the keys, the figures cache and uploads. A fresh start under the usual
umask (022) must create ``var/`` 0700 and the database with its -wal/-shm 0600, and tighten
a database file created before this rule.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]

START = textwrap.dedent(
    """
    import os, django
    os.umask(0o022)
    django.setup()
    from django.core.cache import caches
    from django.db import connection
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS t (x TEXT)")
        cursor.execute("INSERT INTO t VALUES ('a')")
        # The -wal/-shm files exist while a connection is open.
        caches["figures"].set("figure", 42)
        from lanhmanh.security.backup import backup
        backup(os.environ["BACKUP_TO"])
        var = os.environ["LANHMANH_VAR_DIR"]
        for name in sorted(os.listdir(var)):
            print(name, oct(os.stat(os.path.join(var, name)).st_mode & 0o777))
    """
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def start(var: Path, backup_to: Path) -> dict[str, int]:
    """Start lanhmanh on ``var``, write to its database; the modes of var/'s entries
    while the connection is open (SQLite removes -wal and -shm when it closes)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "LANHMANH_DATA_KEYS", "LANHMANH_SECRET_KEY"}
    }
    env.update(
        LANHMANH_VAR_DIR=str(var),
        DJANGO_SETTINGS_MODULE="lanhmanh.settings",
        BACKUP_TO=str(backup_to),
    )
    done = subprocess.run(
        [sys.executable, "-c", START],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return {name: int(octal, 8) for name, octal in map(str.split, done.stdout.splitlines())}


def test_a_fresh_var_directory_is_private(tmp_path):
    var = tmp_path / "var"
    modes = start(var, tmp_path / "backups" / "night.lmb")
    assert mode(var) == 0o700
    for name in ("lanhmanh.sqlite3", "lanhmanh.sqlite3-wal", "lanhmanh.sqlite3-shm"):
        assert modes[name] == 0o600, name
    for name in ("secret_key", "data_keys"):
        assert modes[name] == 0o600, name
    assert modes["cache"] & 0o077 == 0
    cached = [p for p in (var / "cache").rglob("*") if p.is_file()]
    assert cached and all(mode(p) == 0o600 for p in cached)
    assert all(mode(p) & 0o077 == 0 for p in (var / "cache").rglob("*") if p.is_dir())
    assert mode(tmp_path / "backups" / "night.lmb") == 0o600


def test_files_made_before_the_rule_are_tightened(tmp_path):
    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    os.chmod(var, 0o755)  # noqa: S103 - the loose mode of an older install
    (var / "lanhmanh.sqlite3").touch()
    os.chmod(var / "lanhmanh.sqlite3", 0o644)
    modes = start(var, tmp_path / "night.lmb")
    assert mode(var) == 0o700
    assert modes["lanhmanh.sqlite3"] == modes["lanhmanh.sqlite3-wal"] == 0o600
    assert mode(var / "lanhmanh.sqlite3") == 0o600


@pytest.mark.django_db
def test_uploads_are_private(settings):
    assert settings.FILE_UPLOAD_PERMISSIONS == 0o600
    assert settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS == 0o700
