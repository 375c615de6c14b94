from django.core.management.base import BaseCommand, CommandError

from lanhmanh.security.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write an encrypted backup of the whole database to FILE (the data key opens it)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            meta = backup(file)
        except (BackupError, OSError) as exc:
            raise CommandError(f"backup failed: {exc}", returncode=2) from exc
        self.stdout.write(f"Backup of the {meta['engine']} database written: {file}")
