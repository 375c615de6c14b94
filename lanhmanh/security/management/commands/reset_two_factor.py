from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from lanhmanh.security.actions import reset_two_factor


class Command(BaseCommand):
    help = (
        "Reset the two-factor sign-in of USER, who lost both phone and recovery codes "
        "(USER enrols again at the next sign-in). --by names the administrator doing it, "
        "for the audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--by", required=True, help="the administrator's user name")

    def handle(self, *args, username, by, **options):
        users = get_user_model().objects
        user = users.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r}", returncode=2)
        admin = users.filter(username=by, is_active=True).first()
        if admin is None:
            raise CommandError(f"no active user named {by!r}", returncode=2)
        try:
            reset_two_factor(user, acting_user=admin)
        except PermissionDenied:
            raise CommandError(f"{by} is not an administrator", returncode=2) from None
        self.stdout.write(f"Two-factor sign-in of {username} reset; they enrol at next sign-in.")
