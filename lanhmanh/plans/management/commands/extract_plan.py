"""``lanhmanh extract-plan FILE``: print the ``lanhmanh.plan/v1`` JSON of a plan file."""

import json

from django.core.management.base import BaseCommand, CommandError

from lanhmanh.plans.extraction import ExtractionError, extract


class Command(BaseCommand):
    help = "Extract targets, duties, reporting and funding from a plan (.txt, .md, .docx, .pdf)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the plan file")

    def handle(self, *args, **options):
        try:
            plan = extract(options["file"])
        except ExtractionError as error:
            raise CommandError(_one_line(error), returncode=2) from None
        except OSError as error:
            raise CommandError(
                _one_line(f"{options['file']}: {error.strerror or error}"), returncode=2
            ) from None
        self.stdout.write(json.dumps(plan, ensure_ascii=False, indent=2))


def _one_line(message) -> str:
    return " ".join(str(message).split())
