from django.core.management.base import BaseCommand

from lanhmanh.inspections import tallies
from lanhmanh.monitoring import freshness


class Command(BaseCommand):
    help = (
        "Recompute the monthly tallies of the inspections register and each "
        "establishment's last inspection date from its records (after a bulk load that "
        "bypassed the register's actions)."
    )

    def handle(self, *args, **options):
        rows = tallies.rebuild()
        tallies.refresh_last_inspected()
        freshness.changed()
        self.stdout.write(
            f"Rebuilt {rows} monthly tallies of inspections and the last inspection dates."
        )
