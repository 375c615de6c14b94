"""The ``lanhmanh`` console script: the project's management commands under friendly names.

``lanhmanh serve``, ``lanhmanh demo``, ``lanhmanh create-token USER``… are the management
commands ``serve``, ``demo``, ``create_token``; any other Django command works as well
(``lanhmanh migrate``, ``lanhmanh createsuperuser``).
"""

import os
import sys

# What `lanhmanh help` lists first: the commands a user of this project reaches for.
PROJECT_COMMANDS = {
    "serve": "serve the web site (default http://127.0.0.1:8000)",
    "demo": "load the demo province, agencies and users (idempotent)",
    "load-units": "load administrative units from the vietnam-provinces package",
    "extract-plan": "read a plan file and print it as lanhmanh.plan/v1 JSON",
    "score-extraction": "score extraction against reference answers: GOLD_DIR DOC_DIR",
    "export-report": "write a plan's compiled report: --plan --period --format --out",
    "send-reminders": "e-mail reminders of reports due or overdue (daily, from cron)",
    "import-establishments": "import establishments from .xlsx or .csv (all or nothing)",
    "rebuild-tallies": "recount the inspections' monthly tallies (after a bulk load)",
    "create-token": "print a new API token for USER",
    "revoke-token": "revoke API tokens of USER (or one by its prefix)",
    "reset-two-factor": "USER lost phone and codes: enrol again (--by ADMIN)",
    "rotate-key": (
        "new data key; re-encrypt identities, case notes, sanction identities and tip contacts"
    ),
    "erase-spent-identities": "erase sanctioned people's identities once spent (daily)",
    "backup": "write an encrypted backup of the database to FILE (daily, from cron)",
    "restore": "replace the database with an encrypted backup FILE (--yes)",
    "migrate": "create or update the database tables",
}


def _usage() -> str:
    lines = ["usage: lanhmanh COMMAND [ARGS]", "", "commands:"]
    lines += [f"  {name:<23}{text}" for name, text in PROJECT_COMMANDS.items()]
    lines += ["", "Any Django management command works too: lanhmanh help --commands"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        print(_usage())
        return
    if argv[0] == "help" and len(argv) == 1:
        print(_usage())
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lanhmanh.settings")
    from django.core.management import execute_from_command_line

    command = argv[0].replace("-", "_")
    execute_from_command_line(["lanhmanh", command, *argv[1:]])


if __name__ == "__main__":
    main()
