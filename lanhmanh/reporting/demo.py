"""The demo's decisions on who reports what in the 2026 provincial plan.

The plan's targets are about inspections, hotspots, communication in the communes and
support; the rules (:mod:`lanhmanh.indicators.concerns`) give the Department of Health (the
standing agency) and the Department of Education none of them. As a coordinator would,
the demo gives them the indicators of their own work: communication in the schools and
training for Education; communication, training of staff, supervision and support
services for Health."""

from __future__ import annotations

from django.contrib.auth import get_user_model

DEMO_ASSIGNMENTS = {
    "Sở Y tế tỉnh Nghệ An": (
        "conferences_held",
        "leaflets_produced",
        "training_courses_held",
        "staff_trained_pct",
        "supervision_visits",
        "sex_workers_supported_pct",
    ),
    "Sở Giáo dục và Đào tạo tỉnh Nghệ An": (
        "students_reached_pct",
        "conferences_held",
        "leaflets_produced",
        "training_courses_held",
    ),
}


def assign_demo_indicators() -> int:
    """Give the two departments their indicators in the demo's 2026 provincial plan (once:
    the coordinator's later changes are left alone). Returns the number of changes."""
    from lanhmanh.indicators.models import IndicatorAssignment
    from lanhmanh.plans.models import Plan

    from .actions import set_indicator_assignments
    from .queries import unit_codes

    plan = Plan.objects.filter(source_filename="ke-hoach-tinh-2026.docx", status="active").first()
    if plan is None or IndicatorAssignment.objects.filter(plan=plan).exists():
        return 0
    codes = unit_codes(plan)
    from lanhmanh.agencies.models import Agency

    units = {
        a.name: a.pk for a in Agency.objects.filter(pk__in=list(codes), name__in=DEMO_ASSIGNMENTS)
    }
    wanted = {
        units[name]: codes[units[name]] | set(extra)
        for name, extra in DEMO_ASSIGNMENTS.items()
        if name in units
    }
    if not wanted:
        return 0
    asked = set().union(*wanted.values())
    # Every other unit keeps what it reports.
    wanted |= {pk: mine & asked for pk, mine in codes.items() if pk not in wanted}
    coordinator = get_user_model().objects.filter(username="coordinator").first()
    if coordinator is None:
        return 0
    return set_indicator_assignments(coordinator, plan, wanted, asked)
