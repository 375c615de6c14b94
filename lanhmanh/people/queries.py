"""Scoped queries of the people register, shared by the pages and the API.

Cases are scoped by the commune they are handled in (``scoping.scope``, kind
``support_case``): case workers and coordinators of the area read codes and facts.
Identities, notes and case work belong to each case's own team (its assigned members,
``policy`` actions ``case.read_identity`` and ``case.work``). People are reached only
through their cases: no record of another register (a sanction, a tip) reaches them.
"""

from django.db.models import F, Q
from django.http import Http404

from lanhmanh.agencies.models import Agency, Membership
from lanhmanh.agencies.queries import agencies_of
from lanhmanh.agencies.roles import Kind, Role
from lanhmanh.agencies.scoping import NATIONAL, get_for_user, reach, scope
from lanhmanh.audit.models import AccessLog
from lanhmanh.places.areas import Area, area_of
from lanhmanh.places.models import AdministrativeUnit, Level, UnitContainment

from .models import Case, Person, Service


def cases_for_user(user, write: bool = False):
    return scope(Case.objects.all(), user, Kind.SUPPORT_CASE, unit_field="commune", write=write)


def team_cases_for_user(user):
    """The cases of the user's area whose team the user is on."""
    return cases_for_user(user).filter(members=user)


def get_case_for_user(user, pk, action: str = "case.read") -> Case:
    """The case (404 outside the user's area), if the user may do ``action`` on it (403)."""
    return get_for_user(
        Case.objects.select_related("person", "team", "commune"),
        user,
        pk,
        Kind.SUPPORT_CASE,
        unit_field="commune",
        action=action,
    )


def people_for_user(user):
    """People with a case in the user's area (codes and facts only)."""
    return Person.objects.filter(pk__in=cases_for_user(user).values("person_id"))


def get_person_for_user(user, pk) -> Person:
    from django.http import Http404

    try:
        return people_for_user(user).select_related("commune").get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def duplicate_candidates(cases):
    """People who may be looked among for repeat records: those with a case in ``cases``
    (already scoped to an area; never another province's people)."""
    return Person.objects.filter(pk__in=cases.values("person_id"))


def cases_in_province_of(commune):
    """The cases of the province a commune lies in (for a search without a user)."""
    province = getattr(commune, "province", None) or commune
    inside = UnitContainment.objects.filter(outer=province).values("inner_id")
    return Case.objects.filter(commune__in=inside)


def communes_for_user(user):
    """Current communes where the user may open cases."""
    communes = AdministrativeUnit.objects.current().filter(level=Level.COMMUNE)
    return scope(communes, user, Kind.SUPPORT_CASE, unit_field="pk", write=True).order_by(
        "name_search"
    )


def teams_for_user(user):
    """The user's own agencies, which can hold cases."""
    return Agency.objects.filter(pk__in=agencies_of(user)).active_on().order_by("name_search")


def assignable(case: Case, with_members: bool = False):
    """Case workers of the case's own agency who are not on its team yet (with its
    members too, to choose whom to remove)."""
    from django.contrib.auth import get_user_model

    workers = Membership.objects.filter(agency=case.team_id, role=Role.CASE_WORKER)
    condition = Q(is_active=True, pk__in=workers.values("user_id"))
    members = case.members.values("pk")
    if with_members:
        condition |= Q(pk__in=members)
    users = get_user_model().objects.filter(condition)
    if not with_members:
        users = users.exclude(pk__in=members)
    return users.order_by("username")


def providers():
    """Agencies that exist today and can receive referrals."""
    return Agency.objects.active_on().select_related("jurisdiction").order_by("name_search")


def referrals_for_provider(user):
    """Referrals to the user's agencies (codes and services only)."""
    return Service.objects.filter(provider_id__in=agencies_of(user)).select_related(
        "case__person", "provider"
    )


def break_glass_reads(user):
    """Break-glass reads of identities of the people of the user's area, newest first."""
    codes = people_for_user(user).values("code")
    return (
        AccessLog.objects.filter(access=AccessLog.Access.BREAK_GLASS, subject__in=codes)
        .select_related("actor")
        .order_by("-at", "-pk")
    )


# --- the area of the statistics page and the API ------------------------------------------


def stats_area(user, unit_id=None) -> Area:
    """The area whose people figures ``user`` may see: what the user's roles reach for the
    support register or the dashboards, narrowed to ``unit_id`` (a unit inside that
    reach; Http404 outside). The same parts as the user's dashboard."""
    kinds = (Kind.SUPPORT_CASE, Kind.DASHBOARD)
    if unit_id not in (None, ""):
        for kind in kinds:
            try:
                unit = get_for_user(
                    AdministrativeUnit.objects.select_related("parent"),
                    user,
                    unit_id,
                    kind,
                    unit_field="pk",
                )
            except Http404:
                continue
            return area_of(unit)
        raise Http404
    reached = [reach(user, kind) for kind in kinds]
    if NATIONAL in reached:
        provinces = (
            AdministrativeUnit.objects.current().filter(level=Level.PROVINCE).order_by("code")
        )
        return Area(unit=None, roots=list(provinces), national=True)
    ids = set().union(*reached)
    # A unit inside another of the user's is a part of it, not a root of its own.
    ids -= set(
        UnitContainment.objects.filter(outer_id__in=ids, inner_id__in=ids)
        .exclude(inner_id=F("outer_id"))
        .values_list("inner_id", flat=True)
    )
    roots = list(AdministrativeUnit.objects.filter(pk__in=ids).order_by("level", "code"))
    if len(roots) == 1:
        return area_of(roots[0])
    return Area(unit=None, roots=roots)
