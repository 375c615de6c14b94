from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from lanhmanh.plans.models import Plan
from lanhmanh.reporting.compile import FORMATS, compile_report
from lanhmanh.reporting.models import ReportingPeriod


class Command(BaseCommand):
    help = "Write the compiled report of a plan for one period as DOCX, PDF or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="the plan's number (118/KH-UBND) or id")
        parser.add_argument("--period", required=True, help="2026, 2026-H1, 2026-Q2 or 2026-05")
        parser.add_argument("--format", dest="fmt", choices=sorted(FORMATS), default="docx")
        parser.add_argument("--out", required=True, help="file to write")

    def handle(self, *args, plan, period, fmt, out, **options):
        query = Q(number__iexact=plan.strip())
        if plan.strip().isdigit():
            query |= Q(pk=int(plan))
        plans = Plan.objects.filter(query).exclude(status="draft")
        if plans.count() != 1:
            found = "no" if not plans.exists() else "several"
            raise CommandError(f"{found} active or closed plan matches {plan!r}", returncode=2)
        found_period = ReportingPeriod.objects.filter(plan=plans.get(), key=period).first()
        if found_period is None:
            raise CommandError(f"the plan has no reporting period {period!r}", returncode=2)
        writer, _content_type = FORMATS[fmt]
        try:
            data = writer(compile_report(found_period))
        except RuntimeError as exc:
            raise CommandError(str(exc).splitlines()[0], returncode=2) from exc
        try:
            Path(out).write_bytes(data)
        except OSError as exc:
            raise CommandError(f"cannot write {out}: {exc.strerror}", returncode=2) from exc
        self.stdout.write(f"Wrote {out} ({len(data)} bytes).")
