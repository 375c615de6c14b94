"""``lanhmanh erase-spent-identities``: erase the identity kept on every sanction decision
whose violation is spent (DESIGN.md, people's data, rule 4). Idempotent; run it daily
(cron, systemd timer). The pages and the API hide a spent identity even before it runs."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from lanhmanh.sanctions.identity import erase_spent


class Command(BaseCommand):
    help = "Erase the identities of sanctioned individuals whose violation is spent (daily)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="YYYY-MM-DD (default: today)")

    def handle(self, *args, **options):
        today = None
        if options.get("today"):
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today takes a date, YYYY-MM-DD") from None
        erased = erase_spent(today)
        self.stdout.write(f"{erased} identities erased.")
