from django.core.management.base import BaseCommand, CommandError

from lanhmanh.monitoring import freshness
from lanhmanh.security.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the whole database with an encrypted backup made by `lanhmanh backup` "
        "(needs the same data key). Everything written since the backup is lost."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--yes", action="store_true", help="do not ask before replacing the database"
        )

    def handle(self, *args, file, yes, **options):
        if not yes:
            answer = input("Replace the whole database with this backup? Type yes: ")
            if answer.strip().lower() != "yes":
                raise CommandError("nothing restored", returncode=2)
        try:
            meta = restore(file)
        except (BackupError, OSError) as exc:
            raise CommandError(f"restore failed: {exc}", returncode=2) from exc
        freshness.changed()
        self.stdout.write(f"Restored the backup made on {meta.get('created', '?')}.")
