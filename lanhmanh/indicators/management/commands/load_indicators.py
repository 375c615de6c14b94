from django.core.management.base import BaseCommand

from lanhmanh.indicators.loader import load_indicators
from lanhmanh.monitoring import freshness


class Command(BaseCommand):
    help = "Load or update the indicator catalogue (idempotent)."

    def handle(self, *args, **options):
        self.stdout.write(f"{load_indicators()} indicators in the catalogue.")
        freshness.changed()
