"""Scoped queries of sanctions, shared by the pages, the API and the statistics."""

from django.db.models import Q

from lanhmanh.agencies.models import Agency
from lanhmanh.agencies.roles import Kind
from lanhmanh.agencies.scoping import get_for_user, scope
from lanhmanh.places.models import AdministrativeUnit, Level, UnitContainment
from lanhmanh.text import fold

from .models import Sanction


def sanctions_for_user(user, write: bool = False):
    return scope(Sanction.objects.all(), user, Kind.SANCTION, unit_field="commune", write=write)


def get_sanction_for_user(user, pk, write: bool = False) -> Sanction:
    return get_for_user(
        Sanction.objects.select_related(
            "commune", "establishment", "legal_basis", "issuing_agency", "violation__inspection"
        ),
        user,
        pk,
        Kind.SANCTION,
        unit_field="commune",
        write=write,
    )


def communes_for_user(user):
    communes = AdministrativeUnit.objects.current().filter(level=Level.COMMUNE)
    return scope(communes, user, Kind.SANCTION, unit_field="pk", write=True).order_by("name_search")


def issuing_agencies_for_user(user):
    """Agencies existing today whose area overlaps the user's: a province's police or
    people's committee decides for its communes, a commune's for itself."""
    reachable = scope(
        AdministrativeUnit.objects.all(), user, Kind.SANCTION, unit_field="pk", write=True
    ).values("pk")
    around = UnitContainment.objects.filter(inner_id__in=reachable).values("outer_id")
    return (
        Agency.objects.active_on()
        .filter(Q(jurisdiction__in=around) | Q(jurisdiction__in=reachable))
        .order_by("name_search")
    )


def filter_sanctions(
    queryset,
    *,
    q="",
    behaviour="",
    form="",
    subject="",
    commune=None,
    start=None,
    end=None,
    unpaid=False,
):
    if q:
        queryset = queryset.filter(search__contains=fold(q))
    if behaviour:
        queryset = queryset.filter(behaviour=behaviour)
    if form:
        queryset = queryset.filter(form=form)
    if subject:
        queryset = queryset.filter(subject=subject)
    if commune:
        inside = UnitContainment.objects.filter(outer_id=commune).values("inner_id")
        queryset = queryset.filter(commune__in=inside)
    if start:
        queryset = queryset.filter(decided_on__gte=start)
    if end:
        queryset = queryset.filter(decided_on__lte=end)
    if unpaid:
        queryset = queryset.filter(form="fine", paid_on__isnull=True)
    return queryset
