"""Scoped queries of the people register, shared by the pages and the API.

Cases are scoped by the commune they are handled in (``scoping.scope``, kind
``support_case``): case workers read and write in their team's area, coordinators read
(codes and facts, never identities without break-glass). People are reached through
their cases, or — for the police — through the sanctions they issued.
"""

from django.db.models import Q

from lanhmanh.agencies.models import Agency
from lanhmanh.agencies.queries import agencies_of
from lanhmanh.agencies.roles import Kind
from lanhmanh.agencies.scoping import can, get_for_user, scope
from lanhmanh.places.models import AdministrativeUnit, Level

from .models import Case, Person, Service
from .violations import sanctioned_by_user


def cases_for_user(user, write: bool = False):
    return scope(Case.objects.all(), user, Kind.SUPPORT_CASE, unit_field="commune", write=write)


def get_case_for_user(user, pk, write: bool = False) -> Case:
    return get_for_user(
        Case.objects.select_related("person", "team", "commune"),
        user,
        pk,
        Kind.SUPPORT_CASE,
        unit_field="commune",
        write=write,
    )


def people_for_user(user):
    """People the user may reach: with a case in the user's area (case workers: open
    cases only), or sanctioned by the user's agency (police)."""
    condition = Q(pk__in=[])
    if can(user, Kind.SUPPORT_CASE, write=True):
        condition |= Q(pk__in=cases_for_user(user, write=True).open_cases().values("person_id"))
    if can(user, Kind.SUPPORT_CASE):
        condition |= Q(pk__in=cases_for_user(user).values("person_id"))
    codes = sanctioned_by_user(user)
    if codes:
        condition |= Q(code__in=codes)
    return Person.objects.filter(condition)


def get_person_for_user(user, pk) -> Person:
    from django.http import Http404

    try:
        return people_for_user(user).select_related("commune").get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def communes_for_user(user):
    """Current communes where the user may open cases."""
    communes = AdministrativeUnit.objects.current().filter(level=Level.COMMUNE)
    return scope(communes, user, Kind.SUPPORT_CASE, unit_field="pk", write=True).order_by(
        "name_search"
    )


def teams_for_user(user):
    """The user's own agencies, which can hold cases."""
    return Agency.objects.filter(pk__in=agencies_of(user)).active_on().order_by("name_search")


def providers():
    """Agencies that exist today and can receive referrals."""
    return Agency.objects.active_on().select_related("jurisdiction").order_by("name_search")


def referrals_for_provider(user):
    """Referrals to the user's agencies (codes and services only)."""
    return Service.objects.filter(provider_id__in=agencies_of(user)).select_related(
        "case__person", "provider"
    )
