from django.core.management.base import BaseCommand, CommandError

from lanhmanh.demo.loader import DEMO_PASSWORD, USERS, load_demo
from lanhmanh.monitoring import freshness
from lanhmanh.security.demo import DEMO_TOTP_SECRET, current_code


class Command(BaseCommand):
    help = (
        "Load the demo (Nghệ An province, its agencies, one user per role). Idempotent. "
        "With --scale national, also generate a national dataset for measurements."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["province", "national"], default="province")
        parser.add_argument(
            "--fraction",
            type=float,
            default=1.0,
            help="with --scale national: share of the national counts to generate (0–1]",
        )
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        if not 0 < options["fraction"] <= 1:
            raise CommandError("--fraction must be more than 0 and at most 1", returncode=2)
        result = load_demo()
        if result.created_users or result.plans:
            self.stdout.write(
                f"Demo loaded: {result.agencies} agencies, {result.users} users, "
                f"{result.plans} new plans."
            )
        else:
            self.stdout.write("Demo already loaded; nothing changed.")
        if options["scale"] == "national":
            from lanhmanh.demo.national import generate, stderr_progress

            made = generate(options["fraction"], options["seed"], progress=stderr_progress)
            if made:
                summary = ", ".join(
                    f"{k} {v:,}" for k, v in made.items() if k not in ("seconds", "stage_seconds")
                )
                stages = ", ".join(f"{k} {v} s" for k, v in made["stage_seconds"].items())
                self.stdout.write(f"National dataset in {made['seconds']} s: {summary}.")
                self.stdout.write(f"Stages: {stages}.")
            else:
                self.stdout.write("National dataset already there; nothing changed.")
        freshness.changed()
        self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD}):")
        for username, (role, _agency, _name) in USERS.items():
            self.stdout.write(f"  {username:<12} {role.label}")
        self.stdout.write(
            f"Admin, coordinator and caseworker also enter a code: add the secret "
            f"{DEMO_TOTP_SECRET} to an authenticator app, or run "
            f"`oathtool --totp -b {DEMO_TOTP_SECRET}`. Its code now: {current_code()}"
        )
