"""Every change to the people register. Views, the API, the demo and the CLI call these.

Each action takes the acting user, asks the permission door itself (``policy``: case
work is for the case's own team, ``case.work``), validates, changes the models and writes
history (``audit.record_change``, ``CaseEvent``) in one transaction. Log lines name codes
and ids, never an identity.
"""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh.agencies import policy
from lanhmanh.agencies.models import Agency, Membership
from lanhmanh.agencies.queries import agencies_of
from lanhmanh.agencies.roles import Role
from lanhmanh.audit.actions import record_change, snapshot
from lanhmanh.places.models import AdministrativeUnit, Level

from . import identity
from .models import (
    GROUP_FIELDS,
    Case,
    CaseEvent,
    CaseStatus,
    Consent,
    ConsentMethod,
    DuplicateFlag,
    FollowUp,
    Group,
    Need,
    Outcome,
    Person,
    Purpose,
    Service,
    ServiceKind,
    ServiceStatus,
)
from .queries import cases_for_user, cases_in_province_of, duplicate_candidates

log = logging.getLogger("lanhmanh.audit")
NOTE_MAX = 4000
CASE_FIELDS = ["status", "team", "commune", "needs", "closed_on", "outcome"]


def _user_id(user):
    return getattr(user, "pk", None) or "-"


def _today():
    return timezone.localdate()


def _not_future(day, label, errors):
    if day and day > _today():
        errors[label] = [_("The date cannot be in the future.")]


def _writer(user, case: Case) -> None:
    """Only the case's own team (its assigned members) works on it."""
    policy.require(user, "case.work", case)


def _on_team(user, person: Person) -> bool:
    """Whether the user is on the team of one of the person's cases."""
    return any(policy.can(user, "case.work", case) for case in person.cases.all())


# --- people ----------------------------------------------------------------------------


def _clean_identity(data: dict) -> tuple[dict, dict]:
    errors: dict[str, list[str]] = {}
    values = {k: " ".join(str(data.get(k) or "").split()) for k in identity.IDENTITY_FIELDS}
    if not values["full_name"]:
        errors["full_name"] = [_("Enter the person's full name.")]
    elif len(values["full_name"]) > 120:
        errors["full_name"] = [_("The name is longer than 120 characters.")]
    id_number = identity.normalised_id(values["id_number"])
    if values["id_number"] and not (id_number.isdigit() and len(id_number) in (9, 12)):
        errors["id_number"] = [_("An ID number has 9 or 12 digits.")]
    values["id_number"] = id_number
    birth = values["birth_date"]
    if birth:
        try:
            year = int(birth) if len(birth) == 4 else datetime.date.fromisoformat(birth).year
        except ValueError:
            errors["birth_date"] = [_("Give the birth date as YYYY-MM-DD or the birth year.")]
        else:
            if not 1900 <= year <= _today().year:
                errors["birth_date"] = [_("The birth year is not plausible.")]
    phone = values["phone"]
    if phone and (len(phone) > 20 or not all(ch.isdigit() or ch in " +-.()" for ch in phone)):
        errors["phone"] = [_("The phone number may hold only digits, spaces and + - . ( ).")]
    if len(values["address"]) > 300:
        errors["address"] = [_("The address is longer than 300 characters.")]
    return values, errors


def find_duplicates(person: Person, within=None):
    """Other people with the same keyed hash of the ID number, or of name and birth year,
    among the people with a case in ``within`` (cases already scoped to the acting user's
    area; by default the cases of the person's own province). Never across provinces: a
    transfer is the only door there."""
    if within is None:
        within = cases_in_province_of(person.commune)
    condition = Q(pk__in=[])
    if person.id_hash:
        condition |= Q(id_hash=person.id_hash)
    if person.name_year_hash:
        condition |= Q(name_year_hash=person.name_year_hash)
    if person.given_year_hash:
        condition |= Q(given_year_hash=person.given_year_hash)
    return duplicate_candidates(within).filter(condition).exclude(pk=person.pk)


def _flag_duplicates(person: Person, within) -> list[DuplicateFlag]:
    flags = []
    for other in find_duplicates(person, within):
        if person.id_hash and other.id_hash == person.id_hash:
            reason = DuplicateFlag.Reason.ID_NUMBER
        elif person.name_year_hash and other.name_year_hash == person.name_year_hash:
            reason = DuplicateFlag.Reason.NAME_YEAR
        else:
            reason = DuplicateFlag.Reason.GIVEN_YEAR
        flags.append(DuplicateFlag.objects.create(person=person, other=other, reason=reason))
    return flags


@transaction.atomic
def intake(
    user,
    *,
    full_name: str,
    commune: AdministrativeUnit | None,
    groups: list[str],
    id_number: str = "",
    birth_date: str = "",
    phone: str = "",
    address: str = "",
    team: Agency | None = None,
    intake_note: str = "",
    opened_on: datetime.date | None = None,
) -> Case:
    """Register a person and open their support case in the user's agency; the user is
    the case's first member. Repeat records are looked for in the user's area only."""
    values, errors = _clean_identity(
        {
            "full_name": full_name,
            "id_number": id_number,
            "birth_date": birth_date,
            "phone": phone,
            "address": address,
        }
    )
    if (
        commune is None
        or commune.level != Level.COMMUNE
        or not commune.is_current
        or not policy.can(user, "case.open", policy.Subject(unit_id=commune.pk))
    ):
        errors["commune"] = [_("Choose a current commune in your area.")]
    groups = list(dict.fromkeys(groups or []))
    if not groups or any(g not in Group.values for g in groups):
        errors["groups"] = [_("Choose at least one group.")]
    mine = agencies_of(user)
    if team is None:
        team = Agency.objects.filter(pk__in=mine).active_on().order_by("pk").first()
    if team is None or team.pk not in mine:
        errors["team"] = [_("Choose one of your own agencies as the team.")]
    opened_on = opened_on or _today()
    _not_future(opened_on, "opened_on", errors)
    if len(intake_note or "") > NOTE_MAX:
        errors["intake_note"] = [_("The note is too long.")]
    if errors:
        raise ValidationError(errors)
    person = Person(commune=commune, created_by=user)
    for group in groups:
        setattr(person, GROUP_FIELDS[group], True)
    identity.set_identity(person, **values)
    person.save()
    _flag_duplicates(person, cases_for_user(user))
    case = Case.objects.create(
        person=person,
        team=team,
        commune=commune,
        opened_on=opened_on,
        intake_note=(intake_note or "").strip(),
        created_by=user,
    )
    case.members.add(user)
    CaseEvent.objects.create(case=case, action=CaseEvent.Action.OPENED, user=user, to_team=team)
    record_change(user, case, None, snapshot(case, CASE_FIELDS))
    log.info("person registered person=%s case=%s user=%s", person.code, case.pk, _user_id(user))
    return case


@transaction.atomic
def update_identity(user, person: Person, **data) -> Person:
    """Correct the identity (the team of an open case of the person); the hashes follow,
    and repeat records are looked for in the user's area only."""
    if not identity.may_read(user, person):
        raise PermissionDenied
    current = identity.decrypt_identity(person)
    values, errors = _clean_identity({**current, **data})
    if errors:
        raise ValidationError(errors)
    identity.set_identity(person, **values)
    person.save()
    changed = sorted(k for k in values if values[k] != current[k])
    # The history says which fields changed, never their values.
    record_change(user, person, {}, {}, note="identity corrected: " + ", ".join(changed))
    _flag_duplicates(person, cases_for_user(user))
    return person


# --- consent ---------------------------------------------------------------------------


def has_consent(person: Person, purpose: str, agency=None, on=None) -> bool:
    on = on or _today()
    consents = Consent.objects.filter(person=person, purpose=purpose, given_on__lte=on).filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on)
    )
    if agency is not None:
        consents = consents.filter(agency=agency)
    return consents.exists()


@transaction.atomic
def record_consent(
    user,
    case: Case,
    *,
    purpose: str,
    given_on: datetime.date,
    method: str,
    witness: str = "",
    agency: Agency | None = None,
) -> Consent:
    _writer(user, case)
    errors: dict[str, list[str]] = {}
    if purpose not in Purpose.values:
        errors["purpose"] = [_("Choose the purpose of the consent.")]
    if method not in ConsentMethod.values:
        errors["method"] = [_("Say how the consent was given.")]
    if purpose in (Purpose.REFERRAL, Purpose.SHARING) and agency is None:
        errors["agency"] = [_("Name the provider or agency the consent is for.")]
    if purpose == Purpose.CASE_MANAGEMENT:
        agency = None
    if method == ConsentMethod.VERBAL and not (witness or "").strip():
        errors["witness"] = [_("A verbal consent needs a witness.")]
    if given_on is None:
        errors["given_on"] = [_("Enter the date.")]
    _not_future(given_on, "given_on", errors)
    if errors:
        raise ValidationError(errors)
    consent = Consent.objects.create(
        person=case.person,
        purpose=purpose,
        agency=agency,
        given_on=given_on,
        method=method,
        witness=(witness or "").strip()[:120],
        recorded_by=user,
    )
    record_change(user, consent, None, snapshot(consent, ["purpose", "agency", "given_on"]))
    log.info("consent recorded person=%s purpose=%s user=%s", case.person.code, purpose, user.pk)
    return consent


@transaction.atomic
def withdraw_consent(user, case: Case, consent: Consent, on: datetime.date | None = None):
    """From ``on`` nothing more is shared under this consent: pending referrals under it
    are withdrawn from the provider."""
    _writer(user, case)
    if consent.person_id != case.person_id:
        raise PermissionDenied
    if consent.withdrawn_on:
        raise ValidationError(_("This consent was already withdrawn."))
    on = on or _today()
    errors: dict[str, list[str]] = {}
    _not_future(on, "withdrawn_on", errors)
    if on < consent.given_on:
        errors["withdrawn_on"] = [_("A consent cannot be withdrawn before it was given.")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(consent, ["withdrawn_on"])
    consent.withdrawn_on = on
    consent.save(update_fields=["withdrawn_on"])
    record_change(user, consent, before, snapshot(consent, ["withdrawn_on"]))
    if consent.purpose == Purpose.REFERRAL:
        pending = Service.objects.filter(
            case__person=case.person, provider=consent.agency, status=ServiceStatus.REFERRED
        )
        pending.update(status=ServiceStatus.DECLINED, responded_on=on, note=_("consent withdrawn"))
    log.info(
        "consent withdrawn person=%s consent=%s user=%s", case.person.code, consent.pk, user.pk
    )
    return consent


def consent_missing(case: Case, provider: Agency, on: datetime.date) -> str | None:
    """Why a service cannot be recorded, or None."""
    if not has_consent(case.person, Purpose.CASE_MANAGEMENT, on=on):
        return _("Record the person's consent to case management first.")
    if provider.pk != case.team_id and not has_consent(
        case.person, Purpose.REFERRAL, agency=provider, on=on
    ):
        return _("Record the person's consent to a referral to this provider first.")
    return None


# --- the case --------------------------------------------------------------------------


def _event(case, user, action, note="", **fields):
    return CaseEvent.objects.create(case=case, action=action, user=user, note=note, **fields)


def _open(case):
    if not case.is_open:
        raise ValidationError(_("The case is closed: reopen it first."))


@transaction.atomic
def assess_needs(user, case: Case, needs: list[str], note: str = "", plan: str = "") -> Case:
    _writer(user, case)
    _open(case)
    needs = [n for n in dict.fromkeys(needs or []) if n in Need.values]
    if len(note or "") > NOTE_MAX or len(plan or "") > NOTE_MAX:
        raise ValidationError(_("The note is too long."))
    before = snapshot(case, CASE_FIELDS)
    case.needs, case.assessment_note, case.plan = needs, (note or "").strip(), (plan or "").strip()
    case.save(update_fields=["needs", "assessment_note", "plan"])
    _event(case, user, CaseEvent.Action.ASSESSED)
    record_change(user, case, before, snapshot(case, CASE_FIELDS))
    return case


@transaction.atomic
def add_service(
    user,
    case: Case,
    *,
    kind: str,
    provider: Agency | None,
    referred_on: datetime.date | None = None,
    note: str = "",
) -> Service:
    """A service or a referral; refused without the consent it needs."""
    _writer(user, case)
    _open(case)
    referred_on = referred_on or _today()
    errors: dict[str, list[str]] = {}
    if kind not in ServiceKind.values:
        errors["kind"] = [_("Choose the service.")]
    if provider is None:
        errors["provider"] = [_("Choose the provider.")]
    _not_future(referred_on, "referred_on", errors)
    if errors:
        raise ValidationError(errors)
    missing = consent_missing(case, provider, referred_on)
    if missing:
        raise ValidationError({"provider": [missing]})
    own = provider.pk == case.team_id
    service = Service.objects.create(
        case=case,
        kind=kind,
        provider=provider,
        referred_on=referred_on,
        status=ServiceStatus.DELIVERED if own else ServiceStatus.REFERRED,
        responded_on=referred_on if own else None,
        note=(note or "").strip()[:NOTE_MAX],
        created_by=user,
    )
    record_change(user, service, None, snapshot(service, ["kind", "provider", "status"]))
    log.info("service recorded case=%s service=%s user=%s", case.pk, service.pk, user.pk)
    return service


def may_answer(user, service: Service) -> bool:
    """The provider's staff (``referral.respond``), or the case team recording the
    provider's answer (``case.work``)."""
    return policy.can(user, "referral.respond", service) or policy.can(
        user, "case.work", service.case
    )


@transaction.atomic
def answer_referral(
    user, service: Service, accepted: bool, on: datetime.date | None = None, note: str = ""
) -> Service:
    if not may_answer(user, service):
        raise PermissionDenied
    if service.status != ServiceStatus.REFERRED:
        raise ValidationError(_("This referral was already answered."))
    on = on or _today()
    if on < service.referred_on:
        raise ValidationError(_("A referral cannot be answered before it was made."))
    if accepted and not has_consent(
        service.case.person, Purpose.REFERRAL, agency=service.provider, on=on
    ):
        raise ValidationError(_("The person's consent to this referral was withdrawn."))
    before = snapshot(service, ["status"])
    service.status = ServiceStatus.ACCEPTED if accepted else ServiceStatus.DECLINED
    service.responded_on = on
    if note:
        service.note = (service.note + "\n" + note.strip()).strip()[:NOTE_MAX]
    service.save(update_fields=["status", "responded_on", "note"])
    record_change(user, service, before, snapshot(service, ["status"]))
    return service


@transaction.atomic
def mark_delivered(user, service: Service) -> Service:
    if not may_answer(user, service):
        raise PermissionDenied
    if service.status != ServiceStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted referral can be marked delivered."))
    before = snapshot(service, ["status"])
    service.status = ServiceStatus.DELIVERED
    service.save(update_fields=["status"])
    record_change(user, service, before, snapshot(service, ["status"]))
    return service


@transaction.atomic
def add_follow_up(user, case: Case, due_on: datetime.date, note: str = "") -> FollowUp:
    _writer(user, case)
    _open(case)
    if due_on is None:
        raise ValidationError({"due_on": [_("Enter the date.")]})
    return FollowUp.objects.create(
        case=case, due_on=due_on, note=(note or "").strip()[:NOTE_MAX], created_by=user
    )


@transaction.atomic
def complete_follow_up(
    user, follow_up: FollowUp, done_on: datetime.date | None = None, note: str = ""
) -> FollowUp:
    _writer(user, follow_up.case)
    if follow_up.done_on:
        raise ValidationError(_("This follow-up was already done."))
    done_on = done_on or _today()
    errors: dict[str, list[str]] = {}
    _not_future(done_on, "done_on", errors)
    if errors:
        raise ValidationError(errors)
    follow_up.done_on = done_on
    if note:
        follow_up.note = (follow_up.note + "\n" + note.strip()).strip()[:NOTE_MAX]
    follow_up.save(update_fields=["done_on", "note"])
    return follow_up


@transaction.atomic
def close_case(user, case: Case, outcome: str, on: datetime.date | None = None, note="") -> Case:
    _writer(user, case)
    _open(case)
    on = on or _today()
    errors: dict[str, list[str]] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = [_("Choose the outcome.")]
    _not_future(on, "closed_on", errors)
    if on < case.opened_on:
        errors["closed_on"] = [_("A case cannot be closed before it was opened.")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(case, CASE_FIELDS)
    case.status, case.outcome, case.closed_on = CaseStatus.CLOSED, outcome, on
    case.save(update_fields=["status", "outcome", "closed_on"])
    _event(case, user, CaseEvent.Action.CLOSED, note=(note or "").strip())
    record_change(user, case, before, snapshot(case, CASE_FIELDS))
    log.info("case closed case=%s outcome=%s user=%s", case.pk, outcome, user.pk)
    return case


@transaction.atomic
def reopen_case(user, case: Case, note: str = "") -> Case:
    _writer(user, case)
    if case.is_open:
        raise ValidationError(_("The case is already open."))
    before = snapshot(case, CASE_FIELDS)
    case.status, case.outcome, case.closed_on = CaseStatus.OPEN, "", None
    case.save(update_fields=["status", "outcome", "closed_on"])
    _event(case, user, CaseEvent.Action.REOPENED, note=(note or "").strip())
    record_change(user, case, before, snapshot(case, CASE_FIELDS))
    return case


@transaction.atomic
def transfer_case(
    user, case: Case, to_team: Agency, to_commune: AdministrativeUnit, note: str = ""
) -> Case:
    """Hand the case to the team of another commune or province (the person moved).

    Needs the person's consent to sharing with the receiving team. The receiving
    agency's case workers replace the members: the sending team no longer works the case
    nor sees who the person is."""
    _writer(user, case)
    _open(case)
    errors: dict[str, list[str]] = {}
    if (
        to_commune is None
        or to_commune.level != Level.COMMUNE
        or not to_commune.is_current
        or to_commune.pk == case.commune_id
    ):
        errors["commune"] = [_("Choose the current commune the person moved to.")]
    if to_team is None or to_team.pk == case.team_id:
        errors["team"] = [_("Choose the receiving team.")]
    elif not has_consent(case.person, Purpose.SHARING, agency=to_team):
        errors["team"] = [_("Record the person's consent to sharing with this team first.")]
    if errors:
        raise ValidationError(errors)
    before = {**snapshot(case, CASE_FIELDS), "members": _member_ids(case)}
    from_team = case.team
    case.team, case.commune = to_team, to_commune
    case.save(update_fields=["team", "commune"])
    case.members.set(_case_workers_of(to_team))
    case.person.commune = to_commune
    case.person.save(update_fields=["commune"])
    _event(
        case, user, CaseEvent.Action.TRANSFERRED, note=note, from_team=from_team, to_team=to_team
    )
    record_change(user, case, before, {**snapshot(case, CASE_FIELDS), "members": _member_ids(case)})
    log.info("case transferred case=%s to_team=%s user=%s", case.pk, to_team.pk, user.pk)
    return case


# --- the case's team -------------------------------------------------------------------


def _member_ids(case: Case) -> list[int]:
    return sorted(case.members.values_list("pk", flat=True))


def _case_workers_of(agency: Agency):
    return sorted(
        set(
            Membership.objects.filter(agency=agency, role=Role.CASE_WORKER).values_list(
                "user_id", flat=True
            )
        )
    )


@transaction.atomic
def assign_member(user, case: Case, member, assigned: bool = True) -> Case:
    """A member of the case's team adds (or removes) a case worker of the case's own agency
    to (from) the team; the team keeps at least one member."""
    policy.require(user, "case.assign", case)
    members = _member_ids(case)
    if assigned:
        if member is None or member.pk not in _case_workers_of(case.team):
            raise ValidationError(
                {"member": [_("Only a case worker of the case's own agency can be assigned.")]}
            )
        if member.pk in members:
            raise ValidationError({"member": [_("This person is already on the team.")]})
        case.members.add(member)
        action = CaseEvent.Action.ASSIGNED
    else:
        if member is None or member.pk not in members:
            raise ValidationError({"member": [_("This person is not on the team.")]})
        if len(members) == 1:
            raise ValidationError(
                {"member": [_("A case keeps at least one member: assign another one first.")]}
            )
        case.members.remove(member)
        action = CaseEvent.Action.UNASSIGNED
    _event(case, user, action, member=member)
    record_change(
        user,
        case,
        {"members": members},
        {"members": _member_ids(case)},
        note=f"member {action} user={member.pk}",
    )
    log.info("case team case=%s %s user=%s by=%s", case.pk, action, member.pk, user.pk)
    return case


# --- duplicates ------------------------------------------------------------------------


@transaction.atomic
def merge_duplicate(user, flag: DuplicateFlag, keep: Person) -> Person:
    """Move the other record's cases and consents to ``keep`` and delete the other."""
    if keep.pk not in (flag.person_id, flag.other_id):
        raise ValidationError(_("Keep one of the two records."))
    drop = flag.other if keep.pk == flag.person_id else flag.person
    if not (_on_team(user, keep) and _on_team(user, drop)):
        raise PermissionDenied
    Case.objects.filter(person=drop).update(person=keep)
    Consent.objects.filter(person=drop).update(person=keep)
    for field in ("sells_sex", "trafficking_returnee", "at_risk"):
        if getattr(drop, field):
            setattr(keep, field, True)
    keep.save()
    record_change(user, keep, {}, {}, note=f"merged with {drop.code}")
    DuplicateFlag.objects.filter(Q(person=drop) | Q(other=drop)).delete()
    drop.delete()
    return keep


@transaction.atomic
def dismiss_duplicate(user, flag: DuplicateFlag) -> None:
    if not _on_team(user, flag.person):
        raise PermissionDenied
    flag.resolved = True
    flag.save(update_fields=["resolved"])
