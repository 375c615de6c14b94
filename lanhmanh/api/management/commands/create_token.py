from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lanhmanh.api.actions import create_token


class Command(BaseCommand):
    help = (
        "Print a new API token for USER (shown once; store it safely). It ends after "
        "LANHMANH_TOKEN_DAYS_SENSITIVE days if USER may read identities, else after "
        "LANHMANH_TOKEN_DAYS."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="what the token is for")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no active user named {username!r}", returncode=2)
        _token, secret = create_token(user, name=name or "command line", acting_user=None)
        self.stdout.write(secret)
