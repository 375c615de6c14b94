"""Pages of the people register. Thin: queries and actions do the work.

Identities and notes appear only to the case's own team (or by break-glass), on the case
and person pages, and only through ``identity.read_identity``, which asks the permission
door and logs each read. Lists, exports and the statistics page show codes and counts,
never an identity. Every permission is asked of ``policy`` (``case.read``, ``case.work``,
``case.read_identity``, ``case.break_glass``, ``case.assign``, ``case.review_access``);
templates get its answers as booleans. Pages with an identity or notes are not cached.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanhmanh import tables
from lanhmanh.agencies import policy
from lanhmanh.places.models import AdministrativeUnit, Level

from . import actions, counts, identity, rights, violations
from .forms import (
    AnswerForm,
    AssessmentForm,
    AssignForm,
    CaseFilterForm,
    CloseForm,
    ConsentForm,
    ExportForm,
    FindForm,
    FollowUpDoneForm,
    FollowUpForm,
    IdentityForm,
    IntakeForm,
    ReasonForm,
    RequestForm,
    ServiceForm,
    StatsForm,
    TransferForm,
)
from .models import Consent, DuplicateFlag, FollowUp, Service
from .queries import (
    assignable,
    break_glass_reads,
    cases_for_user,
    communes_for_user,
    get_case_for_user,
    get_person_for_user,
    providers,
    referrals_for_provider,
    stats_area,
    team_cases_for_user,
    teams_for_user,
)


def add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _no_store(response):
    """Pages with an identity are never cached by a browser or a proxy."""
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
def case_list(request):
    user = request.user
    has_referrals = referrals_for_provider(user).exists()
    if not policy.can(user, "case.read") and not has_referrals:
        raise PermissionDenied
    form = CaseFilterForm(request.GET or None)
    cases = cases_for_user(user).select_related("person", "commune", "team")
    reached = None
    if form.is_valid():
        if form.cleaned_data["status"]:
            cases = cases.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["code"]:
            cases = cases.filter(person__code__iexact=form.cleaned_data["code"].strip())
        cases, reached = counts.filter_cases(
            cases,
            form.cleaned_data["unit"],
            form.cleaned_data["reached_from"],
            form.cleaned_data["reached_to"],
        )
    page = Paginator(cases.order_by("-opened_on", "-pk"), 50).get_page(request.GET.get("page"))
    mine = team_cases_for_user(user)
    due = (
        FollowUp.objects.filter(case__in=mine.open_cases(), done_on__isnull=True)
        .filter(due_on__lte=timezone.localdate() + datetime.timedelta(days=7))
        .select_related("case__person")
        .order_by("due_on")[:20]
    )
    return render(
        request,
        "people/case_list.html",
        {
            "form": form,
            "page": page,
            "due": due,
            "today": timezone.localdate(),
            "can_create": policy.can(user, "case.open"),
            "can_requests": policy.can(user, "case.read"),
            "can_review_access": policy.can(user, "case.review_access"),
            # People the police refer to the user's agency (``sanctions:referrals``).
            "police_referrals": policy.can(user, "sanction_referral.respond"),
            "reached": reached,
            "has_referrals": has_referrals,
            # Flags the user can act on: both records in the user's area, one of them on
            # the user's team (never another province's code).
            "duplicates": DuplicateFlag.objects.filter(
                resolved=False,
                person__cases__in=mine.open_cases(),
                other__cases__in=cases_for_user(user),
            )
            .select_related("person", "other")
            .distinct()[:20],
        },
    )


@login_required
def intake(request):
    if not policy.can(request.user, "case.open"):
        raise PermissionDenied
    form = IntakeForm(
        request.POST or None,
        communes=communes_for_user(request.user),
        teams=teams_for_user(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = actions.intake(request.user, **data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("The person was registered as %(code)s. Record their consent next.")
                % {"code": case.person.code},
            )
            return redirect("people:consent", case.pk)
    return _no_store(
        render(
            request,
            "people/form.html",
            {"form": form, "title": _("Intake"), "submit": _("Register")},
            status=400 if form.errors else 200,
        )
    )


def _history(user, person, team: bool):
    """The violation history: the case team sees spent violations (marked), others only
    those that still count."""
    items = violations.sanctions_for([person.code]).get(person.code, [])
    ends = violations.spent_dates(items)
    today = timezone.localdate()
    rows = [
        {"violation": v, "spent_on": end, "spent": end <= today}
        for v, end in sorted(zip(items, ends, strict=True), key=lambda p: p[0].decided_on)
    ]
    live = sum(1 for row in rows if not row["spent"])
    if not team:
        rows = [row for row in rows if not row["spent"]]
    return rows, live


def _glass(request, person, allowed: bool):
    """The break-glass form for someone of the area not on the team, and the identity it
    opened (None until a reason in real words was given)."""
    if not allowed:
        return None, None
    form = ReasonForm(request.POST or None)
    shown = None
    if request.method == "POST" and form.is_valid():
        try:
            shown = identity.read_identity(
                request.user, person, form.cleaned_data["reason"], break_glass=True
            )
        except ValidationError as exc:
            add_errors(form, exc)
    return form, shown


@login_required
def case_detail(request, pk):
    user = request.user
    case = get_case_for_user(user, pk, action="case.read")
    person = case.person
    may = policy.allowed(
        user,
        ["case.work", "case.read_identity", "case.break_glass", "case.assign"],
        case,
    )
    shown = glass_form = None
    if identity.may_read(user, person):
        shown = identity.read_identity(user, person, _("case page"))
    else:
        glass_form, shown = _glass(request, person, may["case_break_glass"])
    # Notes are the team's, and what a break-glass read opens.
    show_notes = may["case_work"] or shown is not None
    history, live = _history(user, person, may["case_work"])
    assign_form = None
    if may["case_assign"]:
        assign_form = AssignForm(candidates=assignable(case))
    return _no_store(
        render(
            request,
            "people/case_detail.html",
            {
                "case": case,
                "person": person,
                "identity": shown,
                "birth": identity.birth_year_display(shown) if shown else "",
                "glass_form": glass_form,
                "can_write": may["case_work"],
                "can_assign": may["case_assign"],
                "show_notes": show_notes,
                "members": case.members.order_by("username") if show_notes else (),
                "assign_form": assign_form,
                "consents": person.consents.select_related("agency"),
                "services": case.services.select_related("provider"),
                "follow_ups": case.follow_ups.all(),
                "events": case.events.select_related("user", "from_team", "to_team", "member"),
                "history": history,
                "live_violations": live,
                "today": timezone.localdate(),
                "other_cases": person.cases.exclude(pk=case.pk).count(),
            },
        )
    )


@login_required
def person_detail(request, pk):
    """A person of the user's area: code and facts; the identity to the team of an open
    case of theirs (logged), to others of the area only by break-glass."""
    user = request.user
    person = get_person_for_user(user, pk)
    shown = glass_form = None
    if identity.may_read(user, person):
        shown = identity.read_identity(user, person, _("person page"))
    else:
        glass_form, shown = _glass(request, person, identity.may_break_glass(user, person))
    team = any(policy.can(user, "case.work", c) for c in person.cases.all())
    history, live = _history(user, person, team)
    return _no_store(
        render(
            request,
            "people/person_detail.html",
            {
                "person": person,
                "identity": shown,
                "birth": identity.birth_year_display(shown) if shown else "",
                "glass_form": glass_form,
                "cases": cases_for_user(user).filter(person=person).select_related("commune"),
                "history": history,
                "live_violations": live,
            },
        )
    )


@login_required
@require_POST
def assign(request, pk):
    """A member of the team assigns a colleague of the case's agency, or removes one."""
    case = get_case_for_user(request.user, pk, action="case.assign")
    candidates = assignable(case, with_members=True)
    form = AssignForm(request.POST, candidates=candidates)
    if form.is_valid():
        try:
            actions.assign_member(
                request.user,
                case,
                form.cleaned_data["member"],
                assigned=form.cleaned_data["action"] != "remove",
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The case's team was changed."))
    else:
        messages.error(request, _("Choose a case worker of the case's agency."))
    return redirect("people:case", case.pk)


@login_required
def access_review(request):
    """Break-glass reads of the people of the coordinator's area: who, when, why."""
    if not policy.can(request.user, "case.review_access"):
        raise PermissionDenied
    page = Paginator(break_glass_reads(request.user), 50).get_page(request.GET.get("page"))
    return _no_store(render(request, "people/access_review.html", {"page": page}))


def _case_form(request, case, form, title, submit, run, success):
    if request.method == "POST" and form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("people:case", case.pk)
    return _no_store(
        render(
            request,
            "people/form.html",
            {"form": form, "title": title, "submit": submit, "case": case},
            status=400 if form.errors else 200,
        )
    )


@login_required
def consent(request, pk):
    case = get_case_for_user(request.user, pk, action="case.work")
    form = ConsentForm(request.POST or None, agencies=providers())
    return _case_form(
        request,
        case,
        form,
        _("Record a consent"),
        _("Record"),
        lambda d: actions.record_consent(request.user, case, **d),
        _("The consent was recorded."),
    )


@login_required
@require_POST
def withdraw(request, pk, consent_pk):
    case = get_case_for_user(request.user, pk, action="case.work")
    given = get_object_or_404(Consent, pk=consent_pk, person=case.person)
    try:
        actions.withdraw_consent(request.user, case, given)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The consent was withdrawn: nothing more is shared under it."))
    return redirect("people:case", case.pk)


@login_required
def assess(request, pk):
    case = get_case_for_user(request.user, pk, action="case.work")
    form = AssessmentForm(
        request.POST or None,
        initial={"needs": case.needs, "note": case.assessment_note, "plan": case.plan},
    )
    return _case_form(
        request,
        case,
        form,
        _("Needs and case plan"),
        _("Save"),
        lambda d: actions.assess_needs(request.user, case, d["needs"], d["note"], d["plan"]),
        _("Your changes were saved."),
    )


@login_required
def add_service(request, pk):
    case = get_case_for_user(request.user, pk, action="case.work")
    form = ServiceForm(request.POST or None, agencies=providers(), initial={"provider": case.team})
    return _case_form(
        request,
        case,
        form,
        _("Record a service or referral"),
        _("Record"),
        lambda d: actions.add_service(request.user, case, **d),
        _("The service was recorded."),
    )


@login_required
def answer(request, service_pk):
    service = get_object_or_404(
        Service.objects.select_related("case__person", "provider"), pk=service_pk
    )
    if not actions.may_answer(request.user, service):
        raise Http404
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.answer_referral(
                request.user, service, data["answer"] == "accept", data["on"], data["note"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The answer was recorded."))
            if policy.can(request.user, "case.work", service.case):
                return redirect("people:case", service.case_id)
            return redirect("people:referrals")
    return render(
        request,
        "people/form.html",
        {
            "form": form,
            "title": _("Answer a referral"),
            "submit": _("Save"),
            "service": service,
        },
        status=400 if form.errors else 200,
    )


@login_required
def referrals(request):
    """Referrals to the user's agencies: codes and services, never identities."""
    services = referrals_for_provider(request.user).order_by("-referred_on", "-pk")
    page = Paginator(services, 50).get_page(request.GET.get("page"))
    return render(request, "people/referral_list.html", {"page": page})


@login_required
def follow_up(request, pk):
    case = get_case_for_user(request.user, pk, action="case.work")
    form = FollowUpForm(request.POST or None)
    return _case_form(
        request,
        case,
        form,
        _("Plan a follow-up"),
        _("Save"),
        lambda d: actions.add_follow_up(request.user, case, d["due_on"], d["note"]),
        _("The follow-up was planned."),
    )


@login_required
def follow_up_done(request, pk, follow_up_pk):
    case = get_case_for_user(request.user, pk, action="case.work")
    item = get_object_or_404(FollowUp, pk=follow_up_pk, case=case)
    form = FollowUpDoneForm(request.POST or None)
    return _case_form(
        request,
        case,
        form,
        _("Record the follow-up"),
        _("Save"),
        lambda d: actions.complete_follow_up(request.user, item, d["done_on"], d["note"]),
        _("The follow-up was recorded."),
    )


@login_required
def close(request, pk):
    case = get_case_for_user(request.user, pk, action="case.work")
    form = CloseForm(request.POST or None)
    return _case_form(
        request,
        case,
        form,
        _("Close the case"),
        _("Close"),
        lambda d: actions.close_case(request.user, case, d["outcome"], d["closed_on"], d["note"]),
        _("The case was closed."),
    )


@login_required
@require_POST
def reopen(request, pk):
    case = get_case_for_user(request.user, pk, action="case.work")
    try:
        actions.reopen_case(request.user, case)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The case was reopened."))
    return redirect("people:case", case.pk)


@login_required
def transfer(request, pk):
    case = get_case_for_user(request.user, pk, action="case.work")
    communes = AdministrativeUnit.objects.current().filter(level=Level.COMMUNE)
    form = TransferForm(request.POST or None, agencies=providers(), communes=communes)
    form.fields["commune"].widget.attrs["size"] = 1
    return _case_form(
        request,
        case,
        form,
        _("Transfer the case"),
        _("Transfer"),
        lambda d: actions.transfer_case(request.user, case, d["team"], d["commune"], d["note"]),
        _("The case was transferred to the receiving team."),
    )


@login_required
@require_POST
def duplicate(request, flag_pk):
    flag = get_object_or_404(DuplicateFlag.objects.select_related("person", "other"), pk=flag_pk)
    try:
        if request.POST.get("action") == "merge":
            keep = flag.other if request.POST.get("keep") == "other" else flag.person
            actions.merge_duplicate(request.user, flag, keep)
            messages.success(request, _("The two records were merged."))
        else:
            actions.dismiss_duplicate(request.user, flag)
            messages.success(request, _("The records were marked as different people."))
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("people:list")


# --- counts for everybody outside the team ---------------------------------------------


def _stats(request):
    """The area (``?unit=``, 404 outside the user's) and the period (``?period=``) of the
    statistics, or the form with its error."""
    from lanhmanh.agencies import policy

    if not policy.can(request.user, "people.stats"):
        raise PermissionDenied
    form = StatsForm(request.GET or None)
    area = stats_area(request.user, request.GET.get("unit") or None)
    period = form.cleaned_data["period"] if form.is_valid() else None
    if not request.GET.get("period") and period is None:
        period = counts.current_year()
    return form, area, period


@login_required
def stats(request):
    form, area, period = _stats(request)
    table = counts.publish_people_table(area, period) if period else None
    status = 200 if table else 400
    query = request.GET.urlencode()
    return render(
        request,
        "people/stats.html",
        {"form": form, "table": table, "area": area, "query": query},
        status=status,
    )


@login_required
def stats_export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    form, area, period = _stats(request)
    if period is None:
        return HttpResponse(
            " ".join(form.errors.get("period", [])),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    table = counts.publish_people_table(area, period)
    headers = [_("Section"), _("Item"), _("People")]
    rows = table.rows()
    title = f"{_('People reached')} - {period.label}"
    if fmt == "csv":
        body, kind = tables.csv_bytes(headers, rows), "text/csv; charset=utf-8"
    else:
        body = tables.xlsx_bytes(title[:31], headers, rows, widths=(22, 40, 10))
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=kind)
    where = f"-{area.unit.code}" if area.unit is not None else ""
    response["Content-Disposition"] = f'attachment; filename="ho-tro-{period.key}{where}.{fmt}"'
    return response


# --- data-subject requests -------------------------------------------------------------


@login_required
def request_list(request):
    if not policy.can(request.user, "case.read"):
        raise PermissionDenied
    items = rights.requests_for_user(request.user).order_by(
        F("completed_on").asc(nulls_first=True), "acknowledge_by", "pk"
    )
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(
        request,
        "people/request_list.html",
        {
            "page": page,
            "rows": [
                (item, item.overdue(today), rights.may_handle(request.user, item)) for item in page
            ],
        },
    )


@login_required
def request_create(request, pk):
    case = get_case_for_user(request.user, pk, action="case.work")
    form = RequestForm(request.POST or None)
    return _case_form(
        request,
        case,
        form,
        _("Record a data-subject request"),
        _("Record"),
        lambda d: rights.receive_request(
            request.user, case.person, d["kind"], d["received_on"], d["note"]
        ),
        _("The request was recorded; acknowledge it within 2 working days."),
    )


def _request_for_user(user, pk):
    return get_object_or_404(rights.requests_for_user(user).select_related("person"), pk=pk)


@login_required
@require_POST
def request_step(request, pk, step):
    item = _request_for_user(request.user, pk)
    try:
        if step == "acknowledge":
            rights.acknowledge(request.user, item)
        elif step == "complete":
            rights.complete(request.user, item, note=request.POST.get("note", ""))
        else:
            raise Http404
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The request was updated."))
    return redirect("people:requests")


@login_required
def request_export(request, pk):
    item = _request_for_user(request.user, pk)
    if not rights.may_handle(request.user, item):
        raise Http404
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            body = rights.export_for_access(request.user, item, form.cleaned_data["password"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            response = HttpResponse(body, content_type="application/zip")
            response["Content-Disposition"] = f'attachment; filename="{item.person_code}.zip"'
            return _no_store(response)
    return _no_store(
        render(
            request,
            "people/form.html",
            {"form": form, "title": _("Export for an access request"), "submit": _("Download")},
            status=400 if form.errors else 200,
        )
    )


@login_required
def find(request):
    """Search by identity: POST only, so that nothing typed ends up in a URL or a log; in
    the user's area only (never another province's people)."""
    if not policy.can(request.user, "case.open"):
        raise PermissionDenied
    form = FindForm(request.POST or None)
    matches, searched = [], False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        matches = identity.find(
            request.user,
            cases_for_user(request.user, write=True),
            id_number=data["id_number"],
            full_name=data["full_name"],
            birth_year=data["birth_year"] or "",
        )
        searched = True
    return _no_store(
        render(
            request,
            "people/find.html",
            {"form": form, "matches": matches, "searched": searched},
            status=400 if form.errors else 200,
        )
    )


@login_required
def identity_edit(request, pk):
    """Correct the identity (a correction request, or a mistake at intake): team only."""
    case = get_case_for_user(request.user, pk, action="case.work")
    if not identity.may_read(request.user, case.person):
        raise PermissionDenied
    initial = None
    if request.method != "POST":
        initial = identity.read_identity(request.user, case.person, _("identity correction"))
    form = IdentityForm(request.POST or None, initial=initial)
    response = _case_form(
        request,
        case,
        form,
        _("Correct the identity"),
        _("Save"),
        lambda d: actions.update_identity(request.user, case.person, **d),
        _("Your changes were saved."),
    )
    return _no_store(response)
