"""Files lanhmanh keeps on disk are readable by its own user only.

``settings`` makes ``var/`` 0700 (and uploads 0600). The SQLite database is created by
SQLite itself under the process's umask, usually 0644; every new connection therefore
tightens the database file and its companions (-wal, -shm, -journal, which SQLite
creates with the database's own mode) to 0600. Backups are written 0600
(``security.backup``) and the figures cache 0600 by Django's file cache.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_FILE = 0o600
COMPANIONS = ("", "-wal", "-shm", "-journal")


def restrict(path: Path, mode: int = PRIVATE_FILE) -> None:
    """Take away what ``mode`` does not allow, if ``path`` exists and is ours."""
    try:
        current = path.stat().st_mode & 0o777
        if current & ~mode:
            os.chmod(path, current & mode)
    except OSError:  # gone in between, or not ours: nothing to tighten
        pass


def sqlite_path(settings_dict: dict) -> Path | None:
    """The database file of a SQLite connection, or None (in memory)."""
    name = str(settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        return None
    return Path(name)


def restrict_sqlite_files(sender, connection, **kwargs) -> None:
    """``connection_created`` handler: the SQLite files of ``connection`` 0600."""
    if connection.vendor != "sqlite":
        return
    path = sqlite_path(connection.settings_dict)
    if path is None:
        return
    for suffix in COMPANIONS:
        restrict(path.with_name(path.name + suffix))
