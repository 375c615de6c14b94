from django.core.management.base import BaseCommand

from lanhmanh.inspections import tallies
from lanhmanh.monitoring import freshness


class Command(BaseCommand):
    help = (
        "Recompute the monthly tallies of the inspections register, each "
        "establishment's last inspection date and each inspection's copy of its "
        "establishment's commune from the records (after a bulk load that bypassed the "
        "register's actions)."
    )

    def handle(self, *args, **options):
        tallies.copy_communes()
        rows = tallies.rebuild()
        tallies.refresh_last_inspected()
        freshness.changed()
        self.stdout.write(
            f"Rebuilt {rows} monthly tallies of inspections, the last inspection dates and "
            "the inspections' communes."
        )
