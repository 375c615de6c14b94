from django.core.management.base import BaseCommand

from lanhmanh.demo.loader import DEMO_PASSWORD, USERS, load_demo


class Command(BaseCommand):
    help = "Load the demo (Nghệ An province, its agencies, one user per role). Idempotent."

    def handle(self, *args, **options):
        result = load_demo()
        if result.created_users or result.plans:
            self.stdout.write(
                f"Demo loaded: {result.agencies} agencies, {result.users} users, "
                f"{result.plans} new plans."
            )
        else:
            self.stdout.write("Demo already loaded; nothing changed.")
        self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD}):")
        for username, (role, _agency, _name) in USERS.items():
            self.stdout.write(f"  {username:<12} {role.label}")
