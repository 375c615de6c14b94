"""Pages of the inspection work: the inspections register, inspection plans, Đội 178
teams, and creating and editing establishments. (views.py holds the establishments list,
detail, import and export.)"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh import tables
from lanhmanh.agencies.models import Membership
from lanhmanh.agencies.policy import can
from lanhmanh.audit.queries import history_rows
from lanhmanh.forms import add_errors
from lanhmanh.places.filters import area_period
from lanhmanh.places.models import UnitContainment
from lanhmanh.text import fold

from . import actions
from .forms import (
    EstablishmentForm,
    InspectionEditForm,
    InspectionPlanForm,
    InspectionSearchForm,
    PlanTeamForm,
)
from .models import Inspection, TeamMember, Violation
from .queries import (
    communes_for_user,
    establishments_for_user,
    follow_ups_due,
    get_establishment_for_user,
    get_inspection_for_user,
    get_plan_for_user,
    inspections_count_for_user,
    inspections_for_user,
    plannable_teams,
    plans_for_user,
    ranked_for_inspection,
    teams_for_establishment,
    teams_for_user,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- Inspections register -------------------------------------------------------------


def filtered_inspections(request):
    form = InspectionSearchForm(request.GET or None, teams=teams_for_user(request.user))
    inspections = inspections_for_user(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            inspections = inspections.filter(establishment__name_search__contains=fold(data["q"]))
        if data["team"]:
            inspections = inspections.filter(team=data["team"])
        if data["kind"]:
            inspections = inspections.filter(kind=data["kind"])
        if data["start"]:
            inspections = inspections.filter(inspected_on__gte=data["start"])
        if data["end"]:
            inspections = inspections.filter(inspected_on__lte=data["end"])
        if data["violations"]:
            inspections = inspections.filter(
                Exists(Violation.objects.filter(inspection=OuterRef("pk")))
            )
    # Links from a report's computed figure: ?area= (with the form's start and end).
    linked = area_period(request.GET)
    if linked.area:
        from .indicators import _inside
        from .models import Establishment

        inside = Establishment.objects.filter(_inside({linked.area}))
        inspections = inspections.filter(establishment__in=inside.values("pk"))
    # The count as a subquery, not a join and GROUP BY: the page's 50 rows are taken from
    # the date index and only their violations counted (and COUNT(*) has no GROUP BY).
    violations = (
        Violation.objects.filter(inspection=OuterRef("pk"))
        .order_by()
        .values("inspection")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return form, inspections.annotate(violation_count=Coalesce(Subquery(violations), 0)).order_by(
        "-inspected_on", "-pk"
    )


@login_required
def inspection_list(request):
    if not can(request.user, "inspection.read"):
        raise PermissionDenied
    form, inspections = filtered_inspections(request)
    paginator = Paginator(inspections.select_related("establishment__commune", "team"), 50)
    if not set(request.GET) - {"page"}:  # the whole register the user reaches
        paginator.count = inspections_count_for_user(request.user)
    page = paginator.get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(
        request,
        "inspections/inspection_list.html",
        {
            "form": form,
            "page": page,
            "query": request.GET.urlencode(),
            "follow_ups": follow_ups_due(inspections_for_user(request.user), today)[:10],
            "today": today,
        },
    )


@login_required
def inspection_export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    if not can(request.user, "inspection.read"):
        raise PermissionDenied
    _form, inspections = filtered_inspections(request)
    headers = [
        _("Date"),
        _("Kind"),
        _("Establishment"),
        _("Commune"),
        _("Inspection team"),
        _("Findings"),
        _("Violations"),
        _("Re-inspect by"),
    ]
    rows = (
        [
            i.inspected_on,
            i.get_kind_display(),
            i.establishment.name,
            i.establishment.commune.name,
            i.team.name,
            i.findings,
            i.violation_count,
            i.follow_up_by,
        ]
        for i in inspections.select_related("establishment__commune", "team")
    )
    if fmt == "csv":
        data, content_type = tables.csv_bytes(headers, rows), "text/csv; charset=utf-8"
    else:
        data = tables.xlsx_bytes(_("Inspections"), headers, rows, widths=(12, 12, 36, 24, 30, 50))
        content_type = XLSX
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="kiem-tra-{timezone.localdate():%Y%m%d}.{fmt}"'
    )
    return response


@login_required
def inspection_detail(request, pk):
    inspection = get_inspection_for_user(request.user, pk)
    violations = inspection.violations.select_related("legal_basis", "sanction")
    writable = can(request.user, "inspection.edit", inspection)
    return render(
        request,
        "inspections/inspection_detail.html",
        {
            "inspection": inspection,
            "violations": violations,
            "follow_ups": inspection.follow_ups.select_related("team"),
            "writable": writable,
            "can_sanction": can(request.user, "sanction.record", inspection.commune),
            "history": history_rows(inspection),
        },
    )


@login_required
def inspection_edit(request, pk):
    inspection = get_inspection_for_user(request.user, pk, action="inspection.edit")
    form = InspectionEditForm(
        request.POST or None,
        instance=inspection,
        teams=teams_for_establishment(inspection.establishment),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.update_inspection(
                request.user,
                inspection,
                version=data["version"],
                **{name: data[name] for name in actions.INSPECTION_FIELDS},
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect("inspections:inspection", inspection.pk)
    return render(
        request,
        "inspections/simple_form.html",
        {
            "form": form,
            "title": _("Correct the inspection record"),
            "back": (inspection.establishment.name, inspection.get_absolute_url()),
        },
        status=400 if form.errors else 200,
    )


# --- Inspection plans -----------------------------------------------------------------


@login_required
def plan_list(request):
    if not can(request.user, "inspection.read"):
        raise PermissionDenied
    plans = (
        plans_for_user(request.user)
        .select_related("team")
        .annotate(planned=Count("establishments", distinct=True))
        .order_by("-starts_on", "-pk")
    )
    page = Paginator(plans, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/plan_list.html",
        {"page": page, "can_create": can(request.user, "inspection_plan.edit")},
    )


@login_required
def plan_create(request):
    if not can(request.user, "inspection_plan.edit"):
        raise PermissionDenied
    teams = plannable_teams(request.user)
    team_form = PlanTeamForm(request.GET or None, teams=teams)
    if not team_form.is_valid():
        return render(
            request,
            "inspections/plan_form.html",
            {"team_form": team_form, "form": None},
            status=400 if request.GET else 200,
        )
    team = team_form.cleaned_data["team"]
    inside = UnitContainment.objects.filter(outer_id=team.jurisdiction_id).values("inner_id")
    candidates = ranked_for_inspection(
        establishments_for_user(request.user, write=False).filter(commune__in=inside)
    ).select_related("commune")
    today = timezone.localdate()
    form = InspectionPlanForm(
        request.POST or None,
        candidates=candidates,
        initial={
            "title": _("Inspections of %(team)s, %(month)s")
            % {"team": team.name, "month": today.strftime("%m/%Y")},
            "starts_on": today,
            "ends_on": today.replace(day=28),
            "establishments": [e.pk for e in candidates[:10]],
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = actions.create_inspection_plan(request.user, team=team, **data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The inspection plan was saved."))
            return redirect("inspections:plan", plan.pk)
    return render(
        request,
        "inspections/plan_form.html",
        {"team_form": team_form, "team": team, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def plan_detail(request, pk):
    plan = get_plan_for_user(request.user, pk)
    # Done: inspected under the plan, or by its team during its period.
    done = Inspection.objects.filter(
        Q(plan=plan) | Q(team=plan.team, inspected_on__range=(plan.starts_on, plan.ends_on)),
        establishment=OuterRef("pk"),
    )
    items = (
        plan.establishments.select_related("commune")
        .annotate(done=Exists(done))
        .order_by("-risk", "name_search")
    )
    visible = set(establishments_for_user(request.user).values_list("pk", flat=True))
    items = list(items)
    return render(
        request,
        "inspections/plan_detail.html",
        {
            "plan": plan,
            "items": items,
            "visible": visible,
            "done_count": sum(item.done for item in items),
            "writable": can(request.user, "inspection.record"),
        },
    )


# --- Teams ----------------------------------------------------------------------------


@login_required
def team_list(request):
    if not can(request.user, "inspection.read"):
        raise PermissionDenied
    teams = teams_for_user(request.user).prefetch_related(
        Prefetch(
            "member_agencies",
            queryset=TeamMember.objects.select_related("agency"),
        ),
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("user").order_by("user__username"),
            to_attr="people",
        ),
    )
    return render(request, "inspections/team_list.html", {"teams": teams.order_by("name_search")})


# --- Establishments: create and edit --------------------------------------------------


def _establishment_form_page(request, form, title, establishment=None):
    back = (
        (establishment.name, establishment.get_absolute_url())
        if establishment
        else (_("Establishments"), "/establishments/")
    )
    return render(
        request,
        "inspections/simple_form.html",
        {
            "form": form,
            "title": title,
            "back": back,
            "history": history_rows(establishment) if establishment else None,
        },
        status=400 if form.errors else 200,
    )


@login_required
def establishment_create(request):
    if not can(request.user, "establishment.record"):
        raise PermissionDenied
    form = EstablishmentForm(request.POST or None, communes=communes_for_user(request.user))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in actions.ESTABLISHMENT_FIELDS}
        try:
            establishment = actions.create_establishment(request.user, **data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The establishment was registered."))
            return redirect("inspections:detail", establishment.pk)
    return _establishment_form_page(request, form, _("Register an establishment"))


@login_required
def establishment_edit(request, pk):
    establishment = get_establishment_for_user(request.user, pk, action="establishment.edit")
    form = EstablishmentForm(
        request.POST or None, instance=establishment, communes=communes_for_user(request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in actions.ESTABLISHMENT_FIELDS}
        try:
            actions.update_establishment(
                request.user, establishment, version=form.cleaned_data["version"], **data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect("inspections:detail", establishment.pk)
    return _establishment_form_page(request, form, _("Edit the establishment"), establishment)
