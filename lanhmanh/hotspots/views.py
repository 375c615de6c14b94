from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh.agencies.policy import can
from lanhmanh.audit.queries import history_rows
from lanhmanh.forms import add_errors
from lanhmanh.places.filters import area_period

from . import actions, exports
from .forms import CheckForm, HotspotCreateForm, HotspotForm, HotspotSearchForm, StatusChangeForm
from .queries import (
    check_agencies_for_user,
    communes_for_user,
    filter_hotspots,
    get_hotspot_for_user,
    hotspots_for_user,
)

EXPORTS = {
    "csv": (exports.csv_bytes, "text/csv; charset=utf-8"),
    "xlsx": (
        exports.xlsx_bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


def filtered(request):
    """The user's hotspots narrowed by the list's filters, and the filter form."""
    form = HotspotSearchForm(request.GET or None, communes=communes_for_user(request.user))
    hotspots = hotspots_for_user(request.user)
    if form.is_valid():
        hotspots = filter_hotspots(
            hotspots,
            q=form.cleaned_data["q"],
            status=form.cleaned_data["status"],
            commune=form.cleaned_data["commune"],
        )
    # Links from a report's computed figure: ?area=&from=&to= (broken up in those dates).
    linked = area_period(request.GET)
    if linked.area:
        from .indicators import hotspots_in

        hotspots = hotspots.filter(pk__in=hotspots_in(linked.area).values("pk"))
    if linked.start and linked.end:
        from .models import HotspotStatus, HotspotStatusChange

        hotspots = hotspots.filter(
            pk__in=HotspotStatusChange.objects.filter(
                to_status=HotspotStatus.BROKEN_UP, on__gte=linked.start, on__lte=linked.end
            ).values("hotspot_id")
        )
    # ?kept_from=&kept_to=: kept from recurring through those dates (cleared before them).
    kept = area_period({"from": request.GET.get("kept_from"), "to": request.GET.get("kept_to")})
    if kept.start and kept.end:
        from .indicators import kept_clear_among

        hotspots = kept_clear_among(hotspots, kept.start, kept.end)
    return form, hotspots.order_by("search", "pk")


@login_required
def hotspot_list(request):
    if not can(request.user, "hotspot.read"):
        raise PermissionDenied
    form, hotspots = filtered(request)
    page = Paginator(hotspots.select_related("commune"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "hotspots/hotspot_list.html",
        {
            "form": form,
            "page": page,
            "query": request.GET.urlencode(),
            "can_create": can(request.user, "hotspot.record"),
        },
    )


@login_required
def hotspot_export(request, fmt):
    if fmt not in EXPORTS:
        raise Http404
    if not can(request.user, "hotspot.read"):
        raise PermissionDenied
    _form, hotspots = filtered(request)
    build, content_type = EXPORTS[fmt]
    response = HttpResponse(build(hotspots), content_type=content_type)
    name = f"tu-diem-{timezone.localdate():%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def hotspot_detail(request, pk):
    hotspot = get_hotspot_for_user(request.user, pk)
    return render(
        request,
        "hotspots/hotspot_detail.html",
        {
            "hotspot": hotspot,
            "history": hotspot.status_changes.select_related("by").order_by("-on", "-pk"),
            "checks": hotspot.checks.select_related("agency", "by"),
            "can_edit": can(request.user, "hotspot.edit", hotspot),
            "changes": history_rows(hotspot),
        },
    )


def render_form(request, form, title, hotspot=None, submit=None):
    return render(
        request,
        "hotspots/hotspot_form.html",
        {"form": form, "title": title, "hotspot": hotspot, "submit": submit or _("Save")},
        status=400 if form.errors else 200,
    )


@login_required
def hotspot_create(request):
    if not can(request.user, "hotspot.record"):
        raise PermissionDenied
    form = HotspotCreateForm(request.POST or None, communes=communes_for_user(request.user, True))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            hotspot = actions.create_hotspot(
                request.user,
                status=data["status"],
                status_since=data["status_since"],
                **{name: data[name] for name in actions.EDITABLE_FIELDS},
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The hotspot was registered."))
            return redirect("hotspots:detail", hotspot.pk)
    return render_form(request, form, _("Register a hotspot"))


@login_required
def hotspot_edit(request, pk):
    hotspot = get_hotspot_for_user(request.user, pk, action="hotspot.edit")
    form = HotspotForm(
        request.POST or None, instance=hotspot, communes=communes_for_user(request.user, True)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.update_hotspot(
                request.user, hotspot, **{name: data[name] for name in actions.EDITABLE_FIELDS}
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect("hotspots:detail", hotspot.pk)
    return render_form(request, form, _("Edit the hotspot"), hotspot)


@login_required
def hotspot_status(request, pk):
    hotspot = get_hotspot_for_user(request.user, pk, action="hotspot.edit")
    form = StatusChangeForm(
        request.POST or None, hotspot=hotspot, initial={"on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.change_status(
                request.user, hotspot, data["to_status"], data["on"], note=data["note"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The status was changed."))
            return redirect("hotspots:detail", hotspot.pk)
    return render_form(request, form, _("Change the status"), hotspot, _("Change"))


@login_required
def hotspot_check(request, pk):
    hotspot = get_hotspot_for_user(request.user, pk, action="hotspot.edit")
    form = CheckForm(
        request.POST or None,
        agencies=check_agencies_for_user(request.user),
        initial={"on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        before = hotspot.status
        try:
            actions.record_check(
                request.user,
                hotspot,
                data["on"],
                data["found_activity"],
                agency=data["agency"],
                note=data["note"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if hotspot.status != before:
                messages.warning(request, _("Activity was found: the hotspot has recurred."))
            else:
                messages.success(request, _("The check was recorded."))
            return redirect("hotspots:detail", hotspot.pk)
    return render_form(request, form, _("Record a check"), hotspot, _("Record"))
