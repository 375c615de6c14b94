"""Scoped queries of establishments and inspections, shared by the pages and the API."""

from django.db.models import F, Sum

from lanhmanh.agencies import policy
from lanhmanh.agencies.models import Agency, AgencyKind
from lanhmanh.agencies.roles import Kind
from lanhmanh.agencies.scoping import NATIONAL, get_for_user, reach, scope
from lanhmanh.places.models import AdministrativeUnit, Level, UnitContainment

from .models import Establishment, Inspection, InspectionPlan, InspectionTally, Risk


def establishments_for_user(user, write=False):
    return scope(Establishment.objects.all(), user, Kind.ESTABLISHMENT, "commune", write=write)


def get_establishment_for_user(user, pk, action="establishment.read") -> Establishment:
    """One establishment: 404 outside the user's area, 403 if the door refuses ``action``."""
    return get_for_user(
        Establishment.objects.select_related("commune"),
        user,
        pk,
        Kind.ESTABLISHMENT,
        "commune",
        action=action,
    )


def communes_for_user(user):
    """Today's communes in which the user may register establishments (the door's
    ``establishment.record``, as a list): the choices of the establishment form."""
    communes = AdministrativeUnit.objects.current().filter(level=Level.COMMUNE)
    return scope(communes, user, Kind.ESTABLISHMENT, unit_field="pk", write=True).order_by(
        "name_search"
    )


def areas_for_user(user) -> set[int]:
    """The units of the coverage figures on the establishments page: the user's
    jurisdictions, or every province for a national user."""
    area = reach(user, Kind.ESTABLISHMENT)
    if area == NATIONAL:
        return set(
            AdministrativeUnit.objects.current()
            .filter(level=Level.PROVINCE)
            .values_list("pk", flat=True)
        )
    return set(area)


def import_province(user) -> AdministrativeUnit | None:
    """The province a user's import of establishments is for: the province of their
    writing area (None for a national user, who names none). Whether they may import
    it is the door's (``establishment.import``): not an officer of one commune."""
    area = reach(user, Kind.ESTABLISHMENT, write=True)
    if not area or area == NATIONAL:
        return None
    unit = AdministrativeUnit.objects.filter(pk__in=area).order_by("level", "pk").first()
    return unit.province or unit


def inspections_for_user(user, write=False):
    return scope(Inspection.objects.all(), user, Kind.INSPECTION, "commune", write=write)


def inspections_count_for_user(user) -> int:
    """How many inspections the user reaches, all dates: the sum of the monthly tallies
    (exact, the register's actions keep them) rather than a count over a million rows."""
    tallies = scope(InspectionTally.objects.all(), user, Kind.INSPECTION, "commune")
    return tallies.aggregate(n=Sum("inspections"))["n"] or 0


def ranked_for_inspection(establishments):
    """Active establishments to inspect next: the riskiest first, and among equals the
    longest since their last inspection (never inspected comes first)."""
    return (
        establishments.filter(status="active")
        .annotate(last_inspected=F("last_inspected_on"))
        .order_by("-risk", F("last_inspected_on").asc(nulls_first=True), "name_search", "pk")
    )


def suggested_for_inspection(establishments, today, limit=20) -> list[Establishment]:
    """The first ``limit`` of ``ranked_for_inspection``, one risk level at a time from the
    highest: the top level alone usually fills the list (a third of a province's
    establishments sorted, not all)."""
    chosen: list[Establishment] = []
    for risk in sorted(Risk.values, reverse=True):
        level = ranked_for_inspection(establishments.filter(risk=risk))
        chosen += level[: limit - len(chosen)]
        if len(chosen) >= limit:
            break
    return chosen


def get_inspection_for_user(user, pk, action="inspection.read") -> Inspection:
    """One inspection: 404 outside the user's area, 403 if the door refuses ``action``."""
    return get_for_user(
        Inspection.objects.select_related("establishment__commune", "team", "plan", "follow_up_of"),
        user,
        pk,
        Kind.INSPECTION,
        "commune",
        action=action,
    )


def teams_for_user(user):
    """Inspection teams existing today that work in the user's area: teams of its communes
    and the team of the province around them."""

    return scope(
        Agency.objects.active_on().filter(kind=AgencyKind.INSPECTION_TEAM),
        user,
        Kind.INSPECTION,
        "jurisdiction",
        include_enclosing=True,
    ).select_related("jurisdiction")


def plannable_teams(user):
    """The teams of ``teams_for_user`` whose plans the user may make (the door's
    ``inspection_plan.edit``: not the province's team for a commune's inspector)."""
    teams = list(teams_for_user(user))
    allowed = [t.pk for t in teams if policy.can(user, "inspection_plan.edit", t)]
    return teams_for_user(user).filter(pk__in=allowed)


def teams_for_establishment(establishment):

    around = UnitContainment.objects.filter(inner_id=establishment.commune_id).values("outer_id")
    return (
        Agency.objects.active_on()
        .filter(kind=AgencyKind.INSPECTION_TEAM, jurisdiction__in=around)
        .order_by("name_search")
    )


def plans_for_user(user):
    return scope(
        InspectionPlan.objects.all(),
        user,
        Kind.INSPECTION,
        "team__jurisdiction",
        include_enclosing=True,
    )


def get_plan_for_user(user, pk):
    return get_for_user(
        InspectionPlan.objects.select_related("team"),
        user,
        pk,
        Kind.INSPECTION,
        "team__jurisdiction",
        include_enclosing=True,
    )


def follow_ups_due(inspections, today):
    """Inspections whose violations must be checked again and have not been yet, the
    most overdue first."""
    return (
        inspections.filter(follow_up_by__isnull=False, follow_ups__isnull=True)
        .select_related("establishment__commune")
        .order_by("follow_up_by", "pk")
    )
