"""Encrypted backups of the whole database, and their restore.

- SQLite: the online backup API (a consistent copy while the site keeps running).
- PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --clean`` (the client tools
  of the server's major version must be on PATH, Debian: postgresql-client).

The file is encrypted with the data keys (``settings.DATA_KEYS``, as ``lanhmanh.crypto``:
the first encrypts, any of them decrypts, so a rotated key still opens older backups):
a header line, then chunks of at most 1 MiB, each a Fernet token (AES + HMAC) that
carries its own number and whether it is the last, so a file cut short, reordered or
altered is refused as a whole. Without the data key a backup cannot be read, and it
cannot be restored on a server with other keys.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import struct
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import connection
from django.utils import timezone

MAGIC = b"LANHMANH-BACKUP-1\n"
CHUNK = 1 << 20
_FRAME = struct.Struct(">QB")  # chunk number, last?


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is one line for the user."""


def _box() -> MultiFernet:
    return MultiFernet(
        [Fernet(k.encode() if isinstance(k, str) else k) for k in settings.DATA_KEYS]
    )


def _engine() -> str:
    return connection.vendor  # "sqlite" or "postgresql"


# -- the encrypted container -------------------------------------------------------------


def _write_encrypted(source: BinaryIO, target: BinaryIO, meta: dict) -> None:
    box = _box()
    target.write(MAGIC)
    target.write(json.dumps(meta).encode() + b"\n")
    number = 0
    data = source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        last = not following
        token = box.encrypt(_FRAME.pack(number, last) + data)
        target.write(struct.pack(">I", len(token)) + token)
        if last:
            return
        number, data = number + 1, following


def _read_encrypted(source: BinaryIO) -> tuple[dict, Iterator[bytes]]:
    if source.read(len(MAGIC)) != MAGIC:
        raise BackupError("not a lanhmanh backup file")
    try:
        meta = json.loads(source.readline())
    except ValueError:
        raise BackupError("the backup file's header is damaged") from None
    box = _box()

    def chunks():
        expected = 0
        while True:
            size = source.read(4)
            if len(size) < 4:
                raise BackupError("the backup file is cut short")
            token = source.read(struct.unpack(">I", size)[0])
            try:
                plain = box.decrypt(token)
            except InvalidToken:
                raise BackupError(
                    "the backup cannot be opened: damaged, or made with another data key"
                ) from None
            number, last = _FRAME.unpack_from(plain)
            if number != expected:
                raise BackupError("the backup file's parts are out of order")
            yield plain[_FRAME.size :]
            if last:
                return
            expected += 1

    return meta, chunks()


# -- backup --------------------------------------------------------------------------------


def backup(path: str | os.PathLike) -> dict:
    """Write an encrypted backup of the database to ``path``; what was written."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = {"engine": _engine(), "created": timezone.now().isoformat(), "format": 1}
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "dump"
        if meta["engine"] == "sqlite":
            _sqlite_backup(plain)
        elif meta["engine"] == "postgresql":
            _pg_dump(plain)
        else:
            raise BackupError(f"backups of {meta['engine']} databases are not supported")
        partial = target.with_name(target.name + ".partial")
        with plain.open("rb") as source, partial.open("wb") as out:
            os.chmod(partial, 0o600)
            _write_encrypted(source, out, meta)
        partial.replace(target)
    meta["bytes"] = target.stat().st_size
    return meta


def _sqlite_backup(plain: Path) -> None:
    connection.ensure_connection()
    raw = connection.connection
    copy = sqlite3.connect(plain)
    try:
        raw.backup(copy)
    finally:
        copy.close()


def _pg_args() -> list[str]:
    s = connection.settings_dict
    args = ["--dbname", s["NAME"]]
    if s.get("HOST"):
        args += ["--host", s["HOST"]]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", s["USER"]]
    return args


def _pg_env() -> dict:
    env = dict(os.environ)
    if connection.settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return found


def _pg_dump(plain: Path) -> None:
    done = subprocess.run(  # noqa: S603 - fixed tool, arguments from settings
        [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(plain), *_pg_args()],
        env=_pg_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError("pg_dump failed: " + (done.stderr.strip().splitlines() or ["?"])[-1])


# -- restore -------------------------------------------------------------------------------


def restore(path: str | os.PathLike) -> dict:
    """Replace the database's content with the backup at ``path``."""
    source_path = Path(path)
    if not source_path.is_file():
        raise BackupError(f"{source_path}: no such file")
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "dump"
        with source_path.open("rb") as source:
            meta, chunks = _read_encrypted(source)
            if meta.get("engine") != _engine():
                raise BackupError(
                    f"this is a backup of a {meta.get('engine')} database; "
                    f"this server uses {_engine()}"
                )
            with plain.open("wb") as out:
                for chunk in chunks:
                    out.write(chunk)
        if meta["engine"] == "sqlite":
            _sqlite_restore(plain)
        else:
            _pg_restore(plain)
    return meta


def _sqlite_restore(plain: Path) -> None:
    copy = sqlite3.connect(plain)
    try:
        if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError("the database inside the backup is damaged")
        connection.ensure_connection()
        copy.backup(connection.connection)
    finally:
        copy.close()


def _pg_restore(plain: Path) -> None:
    connection.close()  # pg_restore --clean drops the tables this connection may hold
    done = subprocess.run(  # noqa: S603 - fixed tool, arguments from settings
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *_pg_args(),
            str(plain),
        ],
        env=_pg_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError("pg_restore failed: " + (done.stderr.strip().splitlines() or ["?"])[-1])
