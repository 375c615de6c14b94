from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanhmanh.agencies import policy
from lanhmanh.agencies.models import Agency
from lanhmanh.agencies.queries import agencies_of

from . import actions, tracking
from .forms import AgencyStatusFilter, PlanForm, ProgressForm, UploadForm, formsets
from .models import SHOWN_STATUS_LABELS, Duty, Plan, PlanStatus, TaskAgency, TaskRole
from .queries import get_plan_for_user, get_progress_for_user, plans_for_user


@login_required
def plan_list(request):
    plans = plans_for_user(request.user).select_related("jurisdiction")
    status = request.GET.get("status", "")
    if status in PlanStatus.values:
        plans = plans.filter(status=status)
    year = request.GET.get("year", "")
    if year.isdigit():
        plans = plans.filter(first_year__lte=int(year), last_year__gte=int(year))
    plans = plans.annotate(n_targets=Count("targets", distinct=True))
    page = Paginator(plans.order_by("-issued_on", "-pk"), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/plan_list.html",
        {
            "page": page,
            "statuses": PlanStatus.choices,
            "status": status,
            "year": year,
            "can_import": policy.can(request.user, "plan.import"),
        },
    )


@login_required
def plan_import(request):
    # Asked before the upload is read: extraction is for those who import plans.
    if not policy.can(request.user, "plan.import"):
        return render(request, "403.html", status=403)
    plans = plans_for_user(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, plans=plans)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > actions.MAX_UPLOAD_BYTES:
            form.add_error("file", _("The file is larger than 20 MB."))
        else:
            try:
                result = actions.import_plan(
                    request.user, upload.name, upload.read(), parent=form.cleaned_data["parent"]
                )
            except ValidationError as exc:
                form.add_error("file", exc.messages[0])
            else:
                if result.duplicate:
                    messages.warning(
                        request, _("This file was imported before: here is that plan.")
                    )
                    return redirect("plans:detail", result.plan.pk)
                messages.success(
                    request, _("The plan was read. Check it against the text, then confirm.")
                )
                return redirect("plans:review", result.plan.pk)
    return render(
        request, "plans/plan_import.html", {"form": form}, status=400 if form.errors else 200
    )


def highlighted(plan: Plan) -> str:
    """The document's text with each target and duty marked where it was read from."""
    text = plan.source_text
    marks = []
    for target in plan.targets.all():
        if target.span_start is not None and target.span_end:
            marks.append((target.span_start, target.span_end, f"target-{target.pk}", "t"))
    for duty in plan.duties.all():
        if duty.span_start is not None and duty.span_end:
            marks.append((duty.span_start, duty.span_end, f"duty-{duty.pk}", "d"))
    marks.sort()
    out, position = [], 0
    for start, end, anchor, kind in marks:
        if start < position or end > len(text):
            continue  # overlapping or stale spans are skipped, not mangled
        out.append(escape(text[position:start]))
        out.append(f'<mark id="src-{anchor}" class="mark-{kind}">{escape(text[start:end])}</mark>')
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


# The confirm step's choice; without one, a plan whose years are over becomes history.
KEEP_AS = {"history": True, "active": False}


@login_required
def plan_review(request, pk):
    plan = get_plan_for_user(request.user, pk, action="plan.edit")
    agencies = Agency.objects.filter(
        pk__in=[a.pk for a in actions.candidate_agencies(plan.jurisdiction)]
    )
    plans = plans_for_user(request.user)
    data = request.POST if request.method == "POST" else None
    plan_form = PlanForm(data, instance=plan, plans=plans, agencies=agencies, prefix="plan")
    edit_sets = formsets(data, plan=plan, agencies=agencies)
    if request.method == "POST":
        valid = plan_form.is_valid() & all([f.is_valid() for f in edit_sets.values()])
        if valid:
            actions.save_review(request.user, plan, plan_form, edit_sets)
            if "confirm" in request.POST:
                from lanhmanh.reporting.actions import activate_plan

                try:
                    activate_plan(
                        request.user,
                        plan,
                        create_missing_agencies="create_missing" in request.POST,
                        historic=KEEP_AS.get(request.POST.get("keep_as", "")),
                    )
                except ValidationError as exc:
                    messages.error(request, exc.messages[0])
                    return redirect("plans:review", plan.pk)
                if plan.status == PlanStatus.CLOSED:
                    messages.success(request, _("The plan is kept as history."))
                else:
                    messages.success(request, _("The plan is active."))
                return redirect("plans:detail", plan.pk)
            messages.success(request, _("Your corrections were saved."))
            return redirect("plans:review", plan.pk)
        messages.error(request, _("Some fields need correcting: see the marked fields below."))
    return render(
        request,
        "plans/plan_review.html",
        {
            "plan": plan,
            "plan_form": plan_form,
            "sets": edit_sets,
            "source": highlighted(plan),
            "unmatched": plan.duties.filter(agency__isnull=True).count(),
            "years_over": plan.is_over(timezone.localdate()),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def plan_discard(request, pk):
    plan = get_plan_for_user(request.user, pk, action="plan.edit")
    try:
        actions.discard_draft(request.user, plan)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("plans:detail", plan.pk)
    messages.success(request, _("The draft was discarded."))
    return redirect("plans:list")


@login_required
def plan_detail(request, pk):
    plan = get_plan_for_user(request.user, pk)
    tasks = plan.tasks.prefetch_related(
        Prefetch("agencies", queryset=TaskAgency.objects.select_related("agency"))
    )
    from lanhmanh.reporting.queries import plan_progress

    progress = {p.target.pk: p for p in plan_progress(plan)} if plan.status != "draft" else {}
    targets = list(plan.targets.all())
    for target in targets:
        target.progress = progress.get(target.pk)
    # Each task and duty carries its lead agencies' lines (status, result, link).
    tracked = _tracked(plan)
    tasks = list(tasks)
    for task in tasks:
        task.tracked = tracked.get(("task", task.pk), [])
    duties = tracking.duties_with_mappings(plan, plan.duties.select_related("agency"))
    for duty in duties:
        duty.tracked = tracked.get(("duty", duty.pk), [])
        # A duty to every commune is counted here, its agencies listed on their own page.
        duty.summary = None
        if tracking.is_kind_duty(duty) and plan.status != PlanStatus.DRAFT:
            duty.summary = tracking.KindDutySummary(duty, duty.tracked)
            duty.tracked = []
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "targets": targets,
            "duties": duties,
            "tasks": tasks,
            "rules": plan.reporting_rules.select_related("recipient"),
            "children": plans_for_user(request.user).filter(parent=plan),
            "can_edit": policy.can(request.user, "plan.edit", plan),
        },
    )


def _tracked(plan: Plan) -> dict:
    """The plan's tracked lines by task and duty: {("task", pk): [lines]}."""
    if plan.status == PlanStatus.DRAFT:
        return {}
    grouped: dict = {}
    for line in tracking.lines(Plan.objects.filter(pk=plan.pk), timezone.localdate()):
        grouped.setdefault((line.kind, line.item.pk), []).append(line)
    return grouped


@login_required
def my_duties(request):
    agency_ids = agencies_of(request.user)
    active = plans_for_user(request.user).filter(status=PlanStatus.ACTIVE)
    # Tasks it leads and duties given to it, by name or as one of a kind ("UBND các
    # xã"), are tracked (status, result); the tasks it takes part in are listed.
    today = timezone.localdate()
    tracked = tracking.lines(active, today, agency_ids=agency_ids)
    duties = list({line.item.pk: line.item for line in tracked if line.kind == "duty"}.values())
    tasks = (
        TaskAgency.objects.filter(
            task__plan__in=active, agency_id__in=agency_ids, role=TaskRole.PARTNER
        )
        .select_related("task", "task__plan")
        .order_by("-task__plan__issued_on", "task__order")
    )
    plan_ids = {d.plan_id for d in duties} | {t.task.plan_id for t in tasks}
    plan_ids |= {line.plan.pk for line in tracked}
    plans = (
        Plan.objects.filter(pk__in=plan_ids)
        .prefetch_related("targets")
        .order_by("-issued_on", "-pk")
    )
    return render(
        request,
        "plans/my_duties.html",
        {
            "plans": plans,
            "duties": duties,
            "tasks": tasks,
            "tracked": tracked,
            "today": today,
            "has_agency": bool(agency_ids),
        },
    )


def _progress_page(request, progress, form, http_status=200):
    today = timezone.localdate()
    events = list(progress.events.select_related("by")) if progress.pk else []
    for event in events:
        before, after = event.changes.get("status", [None, None])
        if after:
            event.status_change = (SHOWN_STATUS_LABELS.get(before, ""), SHOWN_STATUS_LABELS[after])
    status = progress.shown_status(today)
    return render(
        request,
        "plans/progress_detail.html",
        {
            "progress": progress,
            "item": progress.item,
            "plan": progress.plan,
            "kind": "task" if progress.task_id else "duty",
            "status": status,
            "status_label": SHOWN_STATUS_LABELS[status],
            "form": form,
            "events": events,
            "may_update": progress.plan.status == PlanStatus.ACTIVE
            and policy.can(request.user, "task.update", progress),
        },
        status=http_status,
    )


DUTY_AGENCIES_PER_PAGE = 50


@login_required
def duty_agencies(request, pk):
    """The agencies a duty addressed to a kind of agency reaches, each with its status:
    filtered by status, a page at a time."""
    from django.http import Http404

    duty = Duty.objects.filter(pk=pk).first()
    if duty is None or not tracking.is_kind_duty(duty):
        raise Http404
    duty.plan = get_plan_for_user(request.user, duty.plan_id)
    if duty.plan.status == PlanStatus.DRAFT:
        raise Http404
    found = tracking.kind_duty_lines(duty, timezone.localdate())
    summary = tracking.KindDutySummary(duty, found)
    form = AgencyStatusFilter(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    if status:
        found = [line for line in found if line.status == status]
    page = Paginator(found, DUTY_AGENCIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/duty_agencies.html",
        {"duty": duty, "plan": duty.plan, "summary": summary, "page": page, "form": form},
    )


@login_required
def progress_detail(request, kind, item, agency):
    """One lead agency's task (or its duty): where it stands, its history, and for the
    agency's working members the form to update it."""
    from django.utils.http import url_has_allowed_host_and_scheme

    if request.method != "POST":
        progress = get_progress_for_user(request.user, kind, item, agency)
        initial = {"status": progress.status, "result": progress.result}
        initial["evidence"] = progress.evidence
        return _progress_page(request, progress, ProgressForm(initial=initial))
    progress = get_progress_for_user(request.user, kind, item, agency, action="task.update")
    form = ProgressForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.update_progress(
                request.user,
                progress,
                status=form.cleaned_data["status"],
                result=form.cleaned_data["result"],
                # The unit report's short form sends no evidence: the recorded one stays.
                evidence=form.cleaned_data["evidence"] if "evidence" in request.POST else None,
                upload=form.cleaned_data["attachment"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, _("The task's status was saved."))
            back = request.POST.get("next", "")
            if back and url_has_allowed_host_and_scheme(back, {request.get_host()}):
                return redirect(back)
            return redirect(request.path)
    return _progress_page(request, progress, form, http_status=400)


@login_required
def progress_file(request, kind, item, agency):
    from django.http import FileResponse, Http404

    progress = get_progress_for_user(request.user, kind, item, agency)
    if not progress.attachment:
        raise Http404
    return FileResponse(
        progress.attachment.open("rb"), as_attachment=True, filename=progress.attachment_name
    )
