from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lanhmanh.api.actions import revoke_tokens


class Command(BaseCommand):
    help = "Revoke the API tokens of USER, or only the one whose prefix is given."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--prefix", help="the first characters of one token (lm_…)")

    def handle(self, *args, username, prefix=None, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r}", returncode=2)
        count = revoke_tokens(user, prefix=prefix, acting_user=None)
        if prefix and not count:
            raise CommandError(f"{username} has no active token starting {prefix!r}", returncode=2)
        self.stdout.write(f"Revoked {count} token(s) of {username}.")
