from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanhmanh.agencies import policy
from lanhmanh.agencies.queries import agencies_of
from lanhmanh.indicators.registry import records_url
from lanhmanh.monitoring import freshness
from lanhmanh.plans.models import ProgressStatus
from lanhmanh.plans.tracking import agency_lines

from . import actions
from .compile import compile_report, export_bytes
from .forms import ReopenForm, ReportForm, ReturnForm
from .queries import (
    agency_progress,
    by_unit,
    get_period_for_user,
    get_report_for_user,
    plan_indicators,
    progress_units_for_user,
    register_values,
    report_indicators,
    reporting_rate,
    reports_for_user,
    reports_overview,
    rollup,
)
from .validation import check_values, previous_values


@login_required
def report_list(request):
    """The user's unit's reports; for a coordinator also the area's periods, overdue
    reports and rates by unit, figures kept until the next change (``freshness``)."""
    mine = agencies_of(request.user)
    reports = (
        reports_for_user(request.user)
        .filter(period__plan__status="active")
        .select_related("period__plan", "agency")
        .order_by("period__due", "agency__name_search")
    )
    context = {
        "own": list(reports.filter(agency_id__in=mine)),
        "periods": [],
        "overdue": [],
        "overdue_count": 0,
        "by_agency": [],
    }
    if policy.can(request.user, "report.review"):
        context |= freshness.kept(
            ("reports overview", request.user.pk),
            lambda: reports_overview(reports, timezone.localdate()),
        )
    return render(request, "reporting/report_list.html", context)


@login_required
def report_detail(request, pk):
    report = get_report_for_user(request.user, pk)
    may_fill = policy.can(request.user, "report.fill", report)
    if request.method == "POST":
        # Asked before the form is read; a locked report is the action's answer.
        policy.require(request.user, "report.fill", report)
        if "submit" in request.POST:
            policy.require(request.user, "report.submit", report)
    indicators = report_indicators(report)
    editable = may_fill and not report.is_locked
    # The registers' figures are shown, and stored only when the report is saved: a GET
    # changes nothing.
    registers = register_values(report, indicators) if editable else {}
    reviewer = policy.can(request.user, "report.review", report)
    form = ReportForm(
        request.POST if request.method == "POST" else None,
        report=report,
        indicators=indicators,
        computed=registers,
    )
    if request.method == "POST":
        if form.is_valid():
            values = {
                indicator.code: actions.ValueInput(
                    form.cleaned_data[field], form.cleaned_data[comment]
                )
                for indicator, field, comment in form.rows
            }
            try:
                actions.save_report(
                    request.user,
                    report,
                    version=form.cleaned_data["version"],
                    values=values,
                    results=form.cleaned_data["results"],
                    difficulties=form.cleaned_data["difficulties"],
                    proposals=form.cleaned_data["proposals"],
                )
                if "submit" in request.POST:
                    actions.submit_report(request.user, report, version=report.version)
                    messages.success(request, _("The report was submitted."))
                else:
                    messages.success(request, _("The report was saved."))
                return redirect("reporting:report", report.pk)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
                if isinstance(exc, actions.ReportConflict):
                    return redirect("reporting:report", report.pk)
                report.refresh_from_db()
                form = ReportForm(None, report=report, indicators=indicators, computed=registers)
        else:
            messages.error(request, _("Some values need correcting: see the marked fields."))
    previous = previous_values(report)
    computed = set(report.values.filter(computed=True).values_list("indicator_id", flat=True))
    computed |= set(registers)
    links = {
        i.pk: records_url(i, report.agency.jurisdiction_id, report.period.end, request.user)
        for i in indicators
        if i.pk in computed
    }
    return render(
        request,
        "reporting/report_detail.html",
        {
            "report": report,
            "form": form,
            "rows": [
                (i, v, c, previous.get(i.code), links.get(i.pk)) for i, v, c in form.bound_rows()
            ],
            "register_rows": [
                (i, v, previous.get(i.code), links.get(i.pk)) for i, v in form.register_rows
            ],
            "editable": editable,
            "may_submit": editable and policy.can(request.user, "report.submit", report),
            "reviewer": reviewer,
            "warnings": [p for p in check_values(report) if not p.blocking],
            "return_form": ReturnForm(),
            "reopen_form": ReopenForm(),
            "events": report.events.select_related("user"),
            **_task_section(request.user, report),
        },
        status=400 if request.method == "POST" else 200,
    )


def _task_section(user, report) -> dict:
    """The unit's tasks in the plan, each with its status; updated through the task's
    own page (``plans:progress``), which comes back here."""
    lines, may_update = agency_lines(
        report.period.plan, report.agency_id, user, timezone.localdate()
    )
    return {"tasks": lines, "may_update_tasks": may_update, "statuses": ProgressStatus.choices}


@login_required
@require_POST
def report_review(request, pk, action):
    report = get_report_for_user(request.user, pk, action="report.review")
    try:
        if action == "approve":
            actions.approve_report(request.user, report)
            messages.success(request, _("The report was approved."))
        elif action == "return":
            form = ReturnForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Say what needs correcting."))
            actions.return_report(request.user, report, comment=form.cleaned_data["comment"])
            messages.success(request, _("The report was returned to the unit."))
        elif action == "reopen":
            form = ReopenForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Say why the report is reopened."))
            actions.reopen_report(request.user, report, reason=form.cleaned_data["reason"])
            messages.success(request, _("The report was reopened."))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("reporting:report", report.pk)


@login_required
def period_detail(request, pk):
    period = get_period_for_user(request.user, pk)
    reports = period.reports.select_related("agency").order_by("agency__name_search")
    values = rollup(period)
    indicators = plan_indicators(period.plan)
    return render(
        request,
        "reporting/period_detail.html",
        {
            "period": period,
            "reports": reports,
            "rate": reporting_rate(period),
            "rows": [(i, values.get(i.code)) for i in indicators],
            "table": by_unit(period),
        },
    )


@login_required
def period_export(request, pk, fmt):

    period = get_period_for_user(request.user, pk)
    try:
        data, content_type, suffix = export_bytes(compile_report(period), fmt)
    except RuntimeError:
        messages.error(request, _("PDF is not available on this server: download the Word file."))
        return redirect("reporting:period", period.pk)
    response = HttpResponse(data, content_type=content_type)
    name = f"bao-cao-{period.plan.pk}-{period.key}.{suffix}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def attachment_add(request, pk):
    report = get_report_for_user(request.user, pk, action="report.fill")
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to attach."))
    else:
        try:
            actions.attach_file(request.user, report, upload)
            messages.success(request, _("The file was attached."))
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
    return redirect("reporting:report", report.pk)


@login_required
def attachment_download(request, pk, attachment_id):
    from django.http import FileResponse, Http404

    report = get_report_for_user(request.user, pk)
    attachment = report.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
def agency_progress_view(request, plan_id):
    """Target progress per reporting unit: the unit's own figures beside the province's."""
    from django.http import Http404

    from lanhmanh.plans.queries import get_plan_for_user

    plan = get_plan_for_user(request.user, plan_id)
    units = progress_units_for_user(request.user, plan)
    chosen = request.GET.get("agency", "")
    mine = agencies_of(request.user)
    if chosen.isdigit() and len(chosen) < 10:
        unit = next((u for u in units if u.pk == int(chosen)), None)
        if unit is None:
            raise Http404
    else:
        unit = next((u for u in units if u.pk in mine), units[0] if units else None)
    rows = agency_progress(plan, unit.pk) if unit else []
    return render(
        request,
        "reporting/agency_progress.html",
        {"plan": plan, "units": units, "unit": unit, "rows": rows},
    )


@login_required
def assignments_view(request, plan_id):
    """Which reporting unit reports which indicator: the rules' proposal, and the
    coordinator's changes to it."""
    from lanhmanh.plans.queries import get_plan_for_user

    from .queries import assignment_matrix

    if request.method == "POST":
        plan = get_plan_for_user(request.user, plan_id, action="reporting.assign")
        codes = {c for c in request.POST.getlist("row") if c and len(c) <= 60}
        wanted: dict[int, set[str]] = {}
        for cell in request.POST.getlist("cell"):
            agency, _sep, code = cell.partition(":")
            if agency.isdigit() and len(agency) < 10 and code in codes:
                wanted.setdefault(int(agency), set()).add(code)
        try:
            changed = actions.set_indicator_assignments(request.user, plan, wanted, codes)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request, _("Saved: %(count)s change(s) to who reports what.") % {"count": changed}
            )
        return redirect("reporting:assignments", plan.pk)
    plan = get_plan_for_user(request.user, plan_id)
    add = request.GET.get("add", "")[:60]
    units, rows = assignment_matrix(plan, add=add)
    shown = {row.indicator.code for row in rows}
    from lanhmanh.indicators.models import Indicator

    return render(
        request,
        "reporting/assignments.html",
        {
            "plan": plan,
            "units": units,
            "rows": rows,
            "editable": policy.can(request.user, "reporting.assign", plan),
            "addable": Indicator.objects.filter(active=True)
            .exclude(code__in=shown)
            .order_by("code"),
        },
    )
