from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh.agencies.policy import can
from lanhmanh.forms import add_errors
from lanhmanh.places.filters import area_period
from lanhmanh.text import fold

from . import actions, indicators
from .forms import EstablishmentSearchForm, ImportForm, InspectionForm
from .importing import ImportRejected
from .models import Establishment, Inspection, InspectionPlan
from .queries import (
    areas_for_user,
    establishments_for_user,
    get_establishment_for_user,
    import_province,
    plans_for_user,
    suggested_for_inspection,
    teams_for_establishment,
)


def drill_down(establishments, data):
    """The dashboards' filters: inside a unit, inspected (or planned) between two days."""
    from lanhmanh.places.models import UnitContainment

    if data.get("unit"):
        inside = UnitContainment.objects.filter(outer_id=data["unit"]).values("inner_id")
        establishments = establishments.filter(commune__in=inside)
    start, end = data.get("inspected_from"), data.get("inspected_to")
    if start or end:
        held = Inspection.objects.filter(establishment=OuterRef("pk"))
        if start:
            held = held.filter(inspected_on__gte=start)
        if end:
            held = held.filter(inspected_on__lte=end)
        establishments = establishments.filter(Exists(held))
    start, end = data.get("planned_from"), data.get("planned_to")
    if start or end:
        plans = InspectionPlan.establishments.through.objects.filter(establishment=OuterRef("pk"))
        if start:
            plans = plans.filter(inspectionplan__ends_on__gte=start)
        if end:
            plans = plans.filter(inspectionplan__starts_on__lte=end)
        establishments = establishments.filter(Exists(plans))
    return establishments


def filtered_establishments(request, form):
    establishments = establishments_for_user(request.user).select_related("commune")
    if form.is_valid():
        if form.cleaned_data["q"]:
            establishments = establishments.filter(
                name_search__contains=fold(form.cleaned_data["q"])
            )
        if form.cleaned_data["kind"]:
            establishments = establishments.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["status"]:
            establishments = establishments.filter(status=form.cleaned_data["status"])
        establishments = drill_down(establishments, form.cleaned_data)
    # Links from a report's computed figure: ?area=&from=&to= (&inspected=1).
    linked = area_period(request.GET)
    if linked.area:
        if linked.start and linked.end:
            active = indicators.active_establishments({linked.area}, linked.start, linked.end)
            if request.GET.get("inspected"):
                active = active.filter(inspections__inspected_on__range=(linked.start, linked.end))
        else:
            active = Establishment.objects.filter(indicators._inside({linked.area}))
        establishments = establishments.filter(pk__in=active.values("pk"))
    return establishments


@login_required
def establishment_list(request):
    if not can(request.user, "establishment.read"):
        raise PermissionDenied
    form = EstablishmentSearchForm(request.GET or None)
    establishments = filtered_establishments(request, form)
    page = Paginator(establishments.order_by("name_search", "pk"), 50).get_page(
        request.GET.get("page")
    )
    today = timezone.localdate()
    start = today.replace(month=1, day=1)
    area = areas_for_user(request.user)
    # Each figure once (coverage is their ratio): at national scale each is a scan.
    active = indicators.count_active(area, start, today)
    inspected = indicators.inspected(area, start, today) if active else 0
    province = import_province(request.user)
    return render(
        request,
        "inspections/establishment_list.html",
        {
            "form": form,
            "page": page,
            "coverage": round(100 * inspected / active, 1) if active else None,
            "inspected": inspected,
            "active": active,
            "can_write": can(request.user, "establishment.record"),
            "suggested": suggested_for_inspection(
                establishments_for_user(request.user).select_related("commune"), today, limit=10
            )
            if can(request.user, "inspection.record")
            else [],
            "import_form": ImportForm(),
            "can_import": province is not None
            and can(request.user, "establishment.import", province),
        },
    )


@login_required
def establishment_import(request):
    if request.method != "POST" or not can(request.user, "establishment.record"):
        raise PermissionDenied
    form = ImportForm(request.POST, request.FILES)
    province = import_province(request.user)
    if province is not None and not can(request.user, "establishment.import", province):
        raise PermissionDenied
    if form.is_valid() and province is not None:
        upload = form.cleaned_data["file"]
        try:
            report = actions.import_establishments(
                request.user, upload.name, upload.read(), province
            )
        except ImportRejected as exc:
            messages.error(
                request, _("Nothing was imported: fix these rows and send the file again.")
            )
            for number, why in exc.errors[:50]:
                messages.error(request, _("Row %(n)s: %(why)s") % {"n": number, "why": why})
        else:
            messages.success(
                request,
                _("Imported %(created)s new establishments; %(merged)s already known were updated.")
                % {"created": report.created, "merged": report.merged},
            )
    else:
        messages.error(request, _("Choose an .xlsx or .csv file."))
    return redirect("inspections:list")


def _linked(model_queryset, pk):
    try:
        return model_queryset.filter(pk=int(pk)).first() if pk else None
    except (TypeError, ValueError):
        return None


@login_required
def establishment_detail(request, pk):
    establishment = get_establishment_for_user(request.user, pk)
    writable = can(request.user, "inspection.record", establishment.commune)
    initial = {
        "plan": request.GET.get("plan"),
        "follow_up_of": request.GET.get("follow_up_of"),
    }
    if initial["follow_up_of"]:
        initial["kind"] = "periodic"
        earlier = _linked(establishment.inspections.all(), initial["follow_up_of"])
        if earlier:
            initial["team"] = earlier.team_id
    if initial["plan"]:
        plan = _linked(plans_for_user(request.user), initial["plan"])
        if plan:
            initial["team"] = plan.team_id
    form = InspectionForm(
        request.POST or None, teams=teams_for_establishment(establishment), initial=initial
    )
    if request.method == "POST":
        if not writable:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            violations = []
            if data["legal_basis"]:
                violations.append(
                    actions.ViolationInput(
                        data["legal_basis"],
                        data["proposed"],
                        data["fine_amount"],
                        data["description"],
                    )
                )
            try:
                inspection = actions.record_inspection(
                    request.user,
                    establishment=establishment,
                    team=data["team"],
                    inspected_on=data["inspected_on"],
                    kind=data["kind"],
                    findings=data["findings"],
                    violations=violations,
                    plan=_linked(plans_for_user(request.user), data["plan"]),
                    follow_up_of=_linked(establishment.inspections.all(), data["follow_up_of"]),
                    follow_up_by=data["follow_up_by"],
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The inspection was recorded."))
                return redirect("inspections:inspection", inspection.pk)
    inspections = establishment.inspections.select_related("team").prefetch_related(
        "violations__legal_basis"
    )
    return render(
        request,
        "inspections/establishment_detail.html",
        {
            "establishment": establishment,
            "inspections": inspections,
            "form": form,
            "writable": writable,
            "can_edit": can(request.user, "establishment.edit", establishment),
            "sanctions": establishment.sanctions.order_by("-decided_on")
            if can(request.user, "sanction.read", establishment)
            else [],
        },
        status=400 if form.errors else 200,
    )


@login_required
def establishment_export(request, fmt):
    from django.http import Http404, HttpResponse

    from lanhmanh import tables

    if not can(request.user, "establishment.read"):
        raise PermissionDenied
    if fmt not in ("csv", "xlsx"):
        raise Http404
    establishments = filtered_establishments(
        request, EstablishmentSearchForm(request.GET or None)
    ).order_by("name_search", "pk")
    headers = [
        _("Name"),
        _("Kind"),
        _("Address"),
        _("Commune"),
        _("Business registration no."),
        _("Owner (business)"),
        _("Status"),
        _("Opened on"),
        _("Closed or suspended on"),
        _("Risk"),
        _("Last inspected"),
    ]
    rows = (
        [
            e.name,
            e.get_kind_display(),
            e.address,
            e.commune.name,
            e.registration_number,
            e.owner,
            e.get_status_display(),
            e.opened_on,
            e.closed_on,
            e.get_risk_display(),
            e.last_inspected_on,
        ]
        for e in establishments
    )
    if fmt == "csv":
        data, content_type = tables.csv_bytes(headers, rows), "text/csv; charset=utf-8"
    else:
        data = tables.xlsx_bytes(_("Establishments"), headers, rows, widths=(36, 18, 30, 24))
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="co-so-kinh-doanh.{fmt}"'
    return response
