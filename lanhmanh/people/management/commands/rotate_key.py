"""``lanhmanh rotate-key``: a new data key first, everything re-encrypted under it, the
old key dropped.

With keys in ``var/data_keys``, the file is rewritten (new and old while the rotation
runs, so that a crash leaves everything readable; the new key alone afterwards). With
keys from ``LANHMANH_DATA_KEYS``, the new value to set is printed: set it and restart.
"""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lanhmanh import crypto
from lanhmanh.people.rotation import RotationError, rotate


def _write(path, keys):
    tmp = path.with_suffix(".tmp")
    tmp.touch(mode=0o600)
    tmp.write_text("".join(k + "\n" for k in keys))
    os.replace(tmp, path)


class Command(BaseCommand):
    help = "Generate a new data key, re-encrypt every identity, case note and contact under it."

    def handle(self, *args, **options):
        old = list(settings.DATA_KEYS)
        new = crypto.new_key()
        from_env = bool(os.environ.get("LANHMANH_DATA_KEYS", "").strip())
        path = settings.VAR_DIR / "data_keys"
        if not from_env:
            _write(path, [new, *old])
        try:
            done = rotate(old, new)
        except RotationError as exc:
            if not from_env:
                _write(path, old)
            raise CommandError(f"rotation stopped, nothing changed: {exc}") from None
        settings.DATA_KEYS = [new]
        if from_env:
            self.stdout.write(
                "Re-encrypted under a new key. Set this value and restart; the old key "
                "no longer opens anything:"
            )
            self.stdout.write(f"LANHMANH_DATA_KEYS={new}")
        else:
            _write(path, [new])
            self.stdout.write(f"New key written to {path}; the old key was dropped.")
        self.stdout.write(f"{done.people} people and {done.tips} tip contacts re-encrypted.")
        self.stdout.write(f"{done.notes} case notes re-encrypted.")
