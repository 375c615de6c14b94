import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lanhmanh.reporting.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail reminders for reports due within 3 days or overdue (run daily from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="YYYY-MM-DD, to replay a day (default: today)")

    def handle(self, *args, today=None, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today must be YYYY-MM-DD, not {today!r}", returncode=2) from None
        count = send_reminders(day)
        self.stdout.write(f"{count} reminder(s) sent.")
