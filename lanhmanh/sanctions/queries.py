"""Scoped queries of sanctions, shared by the pages, the API and the statistics."""

from django.db.models import Q

from lanhmanh.agencies.models import Agency, Membership
from lanhmanh.agencies.roles import Kind, Role
from lanhmanh.agencies.scoping import get_for_user, scope
from lanhmanh.places.models import AdministrativeUnit, Level, UnitContainment
from lanhmanh.text import fold

from .models import Referral, ReferralStatus, Sanction


def sanctions_for_user(user, write: bool = False):
    return scope(Sanction.objects.all(), user, Kind.SANCTION, unit_field="commune", write=write)


def get_sanction_for_user(user, pk, action: str = "sanction.read") -> Sanction:
    """The decision, or 404 out of the user's area, or 403 if ``action`` is not allowed
    on it (``sanction.edit``: the owning agency only)."""
    return get_for_user(
        Sanction.objects.select_related(
            "commune",
            "establishment",
            "legal_basis",
            "issuing_agency",
            "recording_agency",
            "violation__inspection",
        ),
        user,
        pk,
        Kind.SANCTION,
        unit_field="commune",
        action=action,
    )


def recording_agencies_for(user):
    """The user's own agencies (existing today) in which they record sanctions: the
    choices of owner for a new decision, the first one the default."""
    return (
        Agency.objects.active_on()
        .filter(
            pk__in=Membership.objects.filter(
                user=user, role__in=[Role.POLICE, Role.INSPECTOR]
            ).values("agency_id")
        )
        .order_by("pk")
    )


def referral_agencies_for(sanction: Sanction):
    """Agencies existing today with case workers whose area holds the decision's commune:
    where its police may refer the person."""
    around = UnitContainment.objects.filter(inner_id=sanction.commune_id).values("outer_id")
    workers = Membership.objects.filter(role=Role.CASE_WORKER).values("agency_id")
    return (
        Agency.objects.active_on()
        .filter(pk__in=workers)
        .filter(Q(jurisdiction__in=around) | Q(jurisdiction__isnull=True))
        .order_by("name_search")
    )


def referrals_to_user(user):
    """Referrals sent to an agency in which the user is a case worker (the list they
    answer); newest first."""
    agencies = Membership.objects.filter(user=user, role=Role.CASE_WORKER).values("agency_id")
    return Referral.objects.filter(to_agency__in=agencies).select_related(
        "sanction__commune", "to_agency", "case", "person"
    )


def cases_to_link(user, referral: Referral):
    """The open cases of the user's own team (the agency referred to) they are assigned
    to: where an accepted referral may be linked."""
    from lanhmanh.people.models import Case

    return (
        Case.objects.open_cases()
        .filter(team=referral.to_agency_id, members=user)
        .select_related("person", "commune")
        .order_by("person__code")
    )


def pending(referrals):
    return referrals.filter(status=ReferralStatus.PENDING)


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
