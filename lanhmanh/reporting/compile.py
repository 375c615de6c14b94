"""The compiled provincial report of one period: the database turned into the plain
structure that ``exports`` writes as DOCX, XLSX or PDF."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lanhmanh.plans.models import Plan, TargetOp
from lanhmanh.plans.tracking import lines, summarised

from .exports import (
    NOT_ASKED,
    IndicatorTable,
    Narrative,
    ProvincialReport,
    TargetRow,
    TaskRow,
    docx_bytes,
    format_value,
    pdf_bytes,
    xlsx_bytes,
)
from .labels import period_name, status_labels
from .models import ReportingPeriod, ReportStatus
from .queries import asked_codes, by_unit, plan_indicators, plan_progress, rollup, unit_codes

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {
    "docx": (docx_bytes, DOCX),
    "xlsx": (xlsx_bytes, XLSX),
    "pdf": (pdf_bytes, "application/pdf"),
}


def target_label(target) -> str:
    unit = "%" if target.kind == "percent" else ""
    value = format_value(float(target.value)) + unit
    if target.op == TargetOp.RANGE and target.value_max is not None:
        return f"{value} – {format_value(float(target.value_max))}{unit}"
    return f"{TargetOp(target.op).label} {value}"


def compile_report(period: ReportingPeriod) -> ProvincialReport:
    """The report in Vietnamese whatever the reader's language: it is the official document."""
    with translation.override("vi"):
        return _compile(period)


def _compile(period: ReportingPeriod) -> ProvincialReport:
    plan = period.plan
    labels = status_labels()
    reports = list(period.reports.select_related("agency").order_by("agency__name_search"))
    counted = [r for r in reports if r.status == ReportStatus.APPROVED]
    codes = unit_codes(plan)
    progress = plan_progress(plan, codes)
    targets = []
    for item in progress:
        unit = "%" if item.indicator and item.indicator.kind == "percent" else ""
        targets.append(
            TargetRow(
                section=item.target.section,
                text=item.target.text,
                target=target_label(item.target),
                value=None if item.current is None else format_value(float(item.current)) + unit,
                status=labels[item.status],
                status_code=item.status,
                note="; ".join(item.notes),
            )
        )
    indicators = plan_indicators(plan, codes)
    asked = {r.agency_id: asked_codes(r.agency_id, codes, indicators) for r in counted}
    values = rollup(period)
    table_values = by_unit(period)

    def cell(report, indicator):
        if indicator.code not in asked[report.agency_id]:
            return NOT_ASKED  # not this unit's work: not a missing value
        value = table_values.get(report.agency_id, {}).get(indicator.code)
        return None if value is None else float(value)

    table = IndicatorTable(
        units=[r.agency.short_name or r.agency.name for r in counted],
        rows=[
            (
                i.name,
                i.unit_label,
                [cell(r, i) for r in counted],
                None if values.get(i.code) is None else float(values[i.code]),
            )
            for i in indicators
        ],
    )
    narratives = {
        _("Results achieved"): [Narrative(r.agency.name, r.results) for r in counted if r.results],
        _("Difficulties"): [
            Narrative(r.agency.name, r.difficulties) for r in counted if r.difficulties
        ],
        _("Proposals"): [Narrative(r.agency.name, r.proposals) for r in counted if r.proposals],
    }
    missing = [
        r.agency.name
        for r in reports
        if r.status not in (ReportStatus.SUBMITTED, ReportStatus.APPROVED)
    ]
    late = [r.agency.name for r in reports if r.is_late]
    issuer = plan.issuing_agency
    coordinator = plan.duties.filter(order=0).select_related("agency").first()
    place = plan.jurisdiction.name.split(" ", 1)[-1] if plan.jurisdiction else ""
    for prefix in ("phố ",):
        place = place.removeprefix(prefix)
    return ProvincialReport(
        issuer_parent=(issuer.name.upper() if issuer else None),
        issuer=(coordinator.agency.name.upper() if coordinator and coordinator.agency else ""),
        number=None,
        place=place,
        date=timezone.localdate(),
        title=_("REPORT"),
        subtitle=_("Results of carrying out plan %(plan)s, %(period)s")
        % {"plan": plan.number or plan.title, "period": period_name(period.key)},
        period_label=period_name(period.key),
        targets=targets,
        table=table,
        narratives=narratives,
        missing=missing,
        late=late,
        recipients=[issuer.name] if issuer else [],
        signer_title=_("DIRECTOR"),
        tasks=task_rows(plan),
    )


def task_rows(plan) -> list[TaskRow]:
    """Each lead agency's task and each agency's duties, where it stands today; a duty
    addressed to a kind of agency ("UBND các xã") in one row, its agencies counted."""
    found = lines(Plan.objects.filter(pk=plan.pk), timezone.localdate())
    return [
        TaskRow(
            text=line.item.title if line.kind == "task" else _("Duties assigned in the plan"),
            agency=line.item.agency_name if line.kind == "kind_duty" else line.agency.name,
            due=line.due.strftime("%d/%m/%Y") if line.due else "",
            status=line.status_label,
            status_code=line.status,
            result=line.label if line.kind == "kind_duty" else line.result,
        )
        for line in summarised(found)
    ]


def export_bytes(report: ProvincialReport, fmt: str) -> tuple[bytes, str, str]:
    if fmt not in FORMATS:
        raise Http404
    writer, content_type = FORMATS[fmt]
    return writer(report), content_type, fmt
