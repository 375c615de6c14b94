"""Dashboards, trends, the map and their exports: thin views over ``queries``/``pages``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lanhmanh import tables
from lanhmanh.agencies.policy import can

from . import freshness, pages
from .figures import MEASURES
from .queries import REPORT_LISTS, area_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _unit_param(request):
    raw = request.GET.get("unit", "")
    if raw and not raw.isdigit():
        raise Http404
    return int(raw) if raw else None


def _year_param(request, today):
    raw = request.GET.get("year", "")
    if not raw:
        return today.year
    if not raw.isdigit() or not 2000 <= int(raw) <= today.year:
        raise Http404
    return int(raw)


def _area(request):
    return area_for(request.user, _unit_param(request))


def _common(request, area):
    return {
        "area": area,
        "area_name": pages.area_name(area),
        "unit_query": f"unit={area.unit_id}" if area.unit_id else "",
        "measures": list(MEASURES.values()),
        # A leader (who reads but does not work the programme) gets the one-page summary.
        "leader": not can(request.user, "dashboard.work"),
    }


def _download(table: pages.Table, fmt: str, name: str) -> HttpResponse:
    if fmt == "csv":
        data, content_type = tables.csv_bytes(table.headers, table.rows), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        data, content_type = tables.xlsx_bytes(table.title, table.headers, table.rows), XLSX
    else:
        raise Http404
    response = HttpResponse(data, content_type=content_type)
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    return response


# --- the dashboard ----------------------------------------------------------------------


def _dashboard_data(request, area) -> dict:
    user = request.user
    return freshness.kept(
        ("dashboard", user.pk, tuple(area.unit_ids), area.national),
        lambda: pages.dashboard_data(user, area),
    )


@login_required
def dashboard(request):
    """The page's body is kept rendered, as its figures are (same key, same life): drawing
    a province's hundreds of commune rows costs more than reading the kept figures. It
    holds no form and no token of the session, only what the user and the area decide."""
    area = _area(request)
    user = request.user
    common = _common(request, area)

    def body():
        context = common | _dashboard_data(request, area)
        return render_to_string("monitoring/_dashboard_body.html", context)

    html = freshness.kept(("dashboard page", user.pk, tuple(area.unit_ids), area.national), body)
    context = common | {"body": mark_safe(html)}  # noqa: S308 - a template rendered it
    return render(request, "monitoring/dashboard.html", context)


@login_required
def dashboard_export(request, table, fmt):
    area = _area(request)
    data = _dashboard_data(request, area)
    if table not in data["tables"]:
        raise Http404
    return _download(data["tables"][table], fmt, f"bang-dieu-khien-{table}")


@login_required
def dashboard_pdf(request):
    """The dashboard on one A4 page, drawn by WeasyPrint from its own print template."""
    from weasyprint import HTML

    area = _area(request)
    data = _dashboard_data(request, area)
    html = render_to_string(
        "monitoring/dashboard_pdf.html", _common(request, area) | data, request=request
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="bang-dieu-khien-{stamp}.pdf"'
    return response


# --- reports behind the figures -----------------------------------------------------------


def _reports(request, which):
    if which not in REPORT_LISTS:
        raise Http404
    if not can(request.user, "report.read"):
        raise PermissionDenied
    area = _area(request)
    reports = (
        REPORT_LISTS[which](request.user, area, timezone.localdate())
        .select_related("period__plan", "agency")
        .order_by("period__due", "agency__name_search", "pk")
    )
    return area, reports


@login_required
def reports(request, which):
    area, reports = _reports(request, which)
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    title = pages.reports_table([], which).title
    context = _common(request, area) | {"page": page, "which": which, "title": title}
    return render(request, "monitoring/reports.html", context)


@login_required
def reports_export(request, which, fmt):
    _unused, reports = _reports(request, which)
    return _download(pages.reports_table(reports, which), fmt, f"bao-cao-{which}")


# --- trends ------------------------------------------------------------------------------


@login_required
def trend(request, key):
    area = _area(request)
    measure = pages.measure_or_404(key, over_time=True)
    data = pages.trend(area, measure, timezone.localdate())
    if request.GET.get("format") in ("csv", "xlsx"):
        return _download(data["table"], request.GET["format"], f"xu-huong-{key}")
    context = _common(request, area) | {"measure": measure, "svg": mark_safe(data["svg"])}  # noqa: S308 - built from escaped parts
    context["table"] = data["table"]
    return render(request, "monitoring/trend.html", context)


@login_required
def target(request, pk):
    from lanhmanh.plans.models import Target
    from lanhmanh.plans.queries import plans_for_user

    if not can(request.user, "dashboard.read"):
        raise PermissionDenied
    try:
        target = Target.objects.select_related("plan").get(
            pk=pk, plan__in=plans_for_user(request.user)
        )
    except (Target.DoesNotExist, ValueError):
        raise Http404 from None
    data = pages.target_trend(target)
    if request.GET.get("format") in ("csv", "xlsx"):
        table = data["table"]
        if request.GET.get("table") == "units":
            if not data["units"]:
                raise Http404
            table = data["units"]["table"]
        return _download(table, request.GET["format"], f"chi-tieu-{target.pk}")
    context = {
        "target": target,
        "svg": mark_safe(data["svg"]),  # noqa: S308 - built from escaped parts
        "table": data["table"],
        "indicator": data["indicator"],
        "units": data["units"],
        "units_svg": mark_safe(data["units"]["svg"]) if data["units"] else None,  # noqa: S308
    }
    return render(request, "monitoring/target.html", context)


# --- map and comparison ------------------------------------------------------------------


@login_required
def map_view(request):
    area = _area(request)
    measure = pages.measure_or_404(request.GET.get("measure") or "inspection_coverage")
    today = timezone.localdate()
    start, end = pages.year_range(_year_param(request, today), today)
    data = pages.compare(area, measure, start, end, today)
    if request.GET.get("format") in ("csv", "xlsx"):
        return _download(data["table"], request.GET["format"], f"so-sanh-{measure.key}")
    context = _common(request, area) | data
    context["measure"] = measure
    context["map"] = mark_safe(data["map"])  # noqa: S308 - built from escaped parts
    context["bars"] = mark_safe(data["bars"])  # noqa: S308 - built from escaped parts
    context["years"] = list(range(today.year, today.year - 5, -1))
    context["year"] = start.year
    context["title"] = _("Map and comparison of units")
    return render(request, "monitoring/map.html", context)
