import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Serve lanhmanh on this machine (Django's server: for a laptop or a demo; "
        "see README, Deploying, for a real server)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))

    def handle(self, *args, host, port, **options):
        if not str(port).isdigit() or not 0 < int(port) < 65536:
            raise CommandError(f"PORT must be a number from 1 to 65535, not {port!r}", returncode=2)
        if not settings.DEBUG:
            call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"lanhmanh is at http://{host}:{port}/  (Ctrl+C stops it)")
        call_command("runserver", f"{host}:{port}", use_reloader=settings.DEBUG)
