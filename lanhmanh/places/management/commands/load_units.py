from django.core.management.base import BaseCommand

from lanhmanh.monitoring import freshness
from lanhmanh.places.loader import load_units


class Command(BaseCommand):
    help = "Load current and historic administrative units from the vietnam-provinces package."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="reload even if this release is loaded"
        )

    def handle(self, *args, force=False, **options):
        result = load_units(force=force)
        if result.skipped:
            self.stdout.write(f"Units already loaded ({result.units} units); nothing to do.")
        else:
            freshness.changed()
            self.stdout.write(
                f"Loaded {result.units} units, {result.successions} successions, "
                f"{result.containments} containment links."
            )
