from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lanhmanh.inspections.actions import import_establishments
from lanhmanh.inspections.importing import ImportRejected
from lanhmanh.monitoring import freshness
from lanhmanh.places.models import AdministrativeUnit, Level


class Command(BaseCommand):
    help = "Import establishments from an .xlsx or .csv file: every row or none."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--province", default="40", help="province code (default 40)")

    def handle(self, *args, file, province, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"no such file: {file}", returncode=2)
        unit = (
            AdministrativeUnit.objects.current()
            .filter(level=Level.PROVINCE, code=province.zfill(2))
            .first()
        )
        if unit is None:
            raise CommandError(f"no current province with code {province!r}", returncode=2)
        try:
            # Run on the server by its operator: the system itself (no user to ask about).
            report = import_establishments(None, path.name, path.read_bytes(), unit)
        except ImportRejected as exc:
            rows = "; ".join(f"row {n}: {why}" for n, why in exc.errors[:20])
            raise CommandError(
                f"nothing imported, {len(exc.errors)} bad row(s): {rows}", returncode=2
            ) from exc
        freshness.changed()
        self.stdout.write(f"Imported {report.created} new, merged {report.merged} existing.")
