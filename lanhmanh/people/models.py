"""People reached by support services, their consent, cases, services and referrals.

The most dangerous register of the system (DESIGN.md, "People's data"):

- a person is shown everywhere by a pseudonymous ``code`` (province prefix + random
  letters, e.g. ``NA-7K3QX9``): it reveals nothing and is what other registers link to;
- name, ID number, date of birth, phone and address are encrypted at rest
  (``lanhmanh.crypto``); repeat records are found through keyed hashes, never by
  decrypting and scanning;
- identities are read only through ``identity.read_identity``, which checks who may see
  them and writes the access log.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lanhmanh.agencies.models import Agency
from lanhmanh.places.models import AdministrativeUnit

from .fields import EncryptedTextField

# Without 0/O and 1/I, which are read or typed one for the other.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


class Group(models.TextChoices):
    SELLS_SEX = "sells_sex", _("Sells sex")
    TRAFFICKING_RETURNEE = "trafficking_returnee", _("Returned trafficking victim")
    AT_RISK = "at_risk", pgettext_lazy("person group", "At risk")


GROUP_FIELDS = {
    Group.SELLS_SEX: "sells_sex",
    Group.TRAFFICKING_RETURNEE: "trafficking_returnee",
    Group.AT_RISK: "at_risk",
}

# The encrypted identity fields: attribute name -> what it holds.
IDENTITY_FIELDS = ("full_name", "id_number", "birth_date", "phone", "address")


class Person(models.Model):
    code = models.CharField(_("code"), max_length=16, unique=True, editable=False)
    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("commune of residence"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sells_sex = models.BooleanField(_("sells sex"), default=False)
    trafficking_returnee = models.BooleanField(_("returned trafficking victim"), default=False)
    at_risk = models.BooleanField(_("at risk"), default=False)
    # Encrypted at rest (lanhmanh.crypto tokens); never shown, filtered or logged as such.
    full_name_enc = models.TextField(blank=True, default="", editable=False)
    id_number_enc = models.TextField(blank=True, default="", editable=False)
    birth_date_enc = models.TextField(blank=True, default="", editable=False)
    phone_enc = models.TextField(blank=True, default="", editable=False)
    address_enc = models.TextField(blank=True, default="", editable=False)
    # Keyed hashes (lanhmanh.crypto.keyed_hash) to find repeat records.
    id_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    name_year_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    given_year_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = new_code(self.commune)
            while Person.objects.filter(code=self.code).exists():
                self.code = new_code(self.commune)
        super().save(*args, **kwargs)

    @property
    def groups(self) -> list[str]:
        return [group for group, name in GROUP_FIELDS.items() if getattr(self, name)]

    def get_groups_display(self) -> str:
        return ", ".join(str(Group(group).label) for group in self.groups)


def province_prefix(commune: AdministrativeUnit | None) -> str:
    """Initials of the province's name without diacritics: Nghệ An → NA."""
    from lanhmanh.text import fold

    province = getattr(commune, "province", None) or commune
    words = fold(getattr(province, "name", "") or "").split()
    words = [w for w in words if w not in {"tinh", "thanh", "pho"}] or ["x"]
    return "".join(w[0] for w in words).upper()[:3]


def new_code(commune) -> str:
    random_part = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{province_prefix(commune)}-{random_part}"


class Purpose(models.TextChoices):
    CASE_MANAGEMENT = "case_management", _("Case management")
    REFERRAL = "referral", _("Referral to a named provider")
    SHARING = "sharing", _("Sharing with another agency")


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("Signed form")
    VERBAL = "verbal", _("Verbal, before a witness")
    ELECTRONIC = "electronic", _("Electronic")


class Consent(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("provider or agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The provider of a referral or the agency data is shared with."),
    )
    given_on = models.DateField(_("given on"))
    method = models.CharField(_("how given"), max_length=12, choices=ConsentMethod.choices)
    witness = models.CharField(_("witness"), max_length=120, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.person_id} {self.purpose}"

    def active_on(self, day) -> bool:
        return self.given_on <= day and (self.withdrawn_on is None or day < self.withdrawn_on)


class CaseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("support case", "Open")
    CLOSED = "closed", pgettext_lazy("support case", "Closed")


class Need(models.TextChoices):
    HOUSING = "housing", _("Housing")
    HEALTH = "health", _("Health")
    INCOME = "income", _("Income")
    LEGAL_PAPERS = "legal_papers", _("Legal papers")
    SAFETY = "safety", _("Safety")
    PSYCHOLOGICAL = "psychological", _("Psychological")
    CHILDREN = "children", _("Children")


class Outcome(models.TextChoices):
    STABLE_INCOME = "stable_income", _("Stable income")
    REINTEGRATED = "reintegrated", _("Reintegrated into the community")
    MOVED = "moved", _("Moved away")
    LOST_CONTACT = "lost_contact", _("Lost contact")


class CaseQuerySet(models.QuerySet):
    def open_cases(self):
        return self.filter(status=CaseStatus.OPEN)


class Case(models.Model):
    """A support case, kept by a team (an agency) under the commune it is handled in."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="cases")
    team = models.ForeignKey(
        Agency, verbose_name=_("team"), on_delete=models.PROTECT, related_name="+"
    )
    # The case's own team: the people of ``team`` assigned to it. Only they see who
    # the person is (DESIGN.md, people's data, rule 2).
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned members"), blank=True, related_name="+"
    )
    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    # Free-text notes are encrypted at rest and shown only to the case team.
    intake_note = EncryptedTextField(_("intake note"), blank=True)
    needs = models.JSONField(_("needs"), default=list, blank=True)
    assessment_note = EncryptedTextField(_("needs assessment"), blank=True)
    plan = EncryptedTextField(_("case plan"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("support case")
        verbose_name_plural = _("support cases")
        ordering = ["-opened_on", "-pk"]
        indexes = [models.Index(fields=["status", "commune"])]

    def __str__(self) -> str:
        return f"{self.person.code} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.OPEN

    def get_needs_display(self) -> str:
        return ", ".join(str(Need(n).label) for n in self.needs if n in Need.values)


class CaseEvent(models.Model):
    """The case's history: intake, assessment, plan, closure, reopening, transfer, and
    the members assigned to and removed from its team."""

    class Action(models.TextChoices):
        OPENED = "opened", pgettext_lazy("support case", "opened")
        ASSESSED = "assessed", _("needs assessed")
        PLANNED = "planned", _("case plan written")
        CLOSED = "closed", pgettext_lazy("support case", "closed")
        REOPENED = "reopened", pgettext_lazy("support case", "reopened")
        TRANSFERRED = "transferred", pgettext_lazy("support case", "transferred")
        ASSIGNED = "assigned", _("member assigned")
        UNASSIGNED = "unassigned", _("member unassigned")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=12, choices=Action.choices)
    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_team = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_team = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The member assigned to or removed from the case's team.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["case", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action}"


class ServiceKind(models.TextChoices):
    VOCATIONAL_TRAINING = "vocational_training", _("Vocational training")
    JOB_PLACEMENT = "job_placement", _("Job placement")
    PREFERENTIAL_LOAN = "preferential_loan", _("Preferential loan")
    LEGAL_AID = "legal_aid", _("Legal aid")
    HEALTH_CHECK = "health_check", _("Health check")
    HIV_STI = "hiv_sti", _("HIV/STI testing and treatment")
    METHADONE = "methadone", _("Methadone")
    COUNSELLING = "counselling", _("Psychosocial counselling")
    SHELTER = "shelter", _("Shelter")
    SCHOOLING = "schooling", _("Schooling for children")


class ServiceStatus(models.TextChoices):
    REFERRED = "referred", _("Referred, awaiting the provider")
    ACCEPTED = "accepted", _("Accepted by the provider")
    DECLINED = "declined", _("Declined by the provider")
    DELIVERED = "delivered", _("Delivered")


class Service(models.Model):
    """A service given or a referral to a provider agency."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="services")
    kind = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices)
    provider = models.ForeignKey(
        Agency, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="+"
    )
    referred_on = models.DateField(_("date"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=10, choices=ServiceStatus.choices, default=ServiceStatus.REFERRED
    )
    responded_on = models.DateField(_("answered on"), null=True, blank=True)
    note = EncryptedTextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("service or referral")
        verbose_name_plural = _("services and referrals")
        ordering = ["-referred_on", "-pk"]
        indexes = [models.Index(fields=["kind", "referred_on"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"

    @property
    def is_referral(self) -> bool:
        return self.provider_id != self.case.team_id


class FollowUp(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_ups")
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = EncryptedTextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.due_on}"

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()


class DuplicateFlag(models.Model):
    """Two records that may be the same person, for a case worker to merge or dismiss."""

    class Reason(models.TextChoices):
        ID_NUMBER = "id_number", _("same ID number")
        NAME_YEAR = "name_year", _("same name and birth year")
        GIVEN_YEAR = "given_year", _("close name and same birth year")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=12, choices=Reason.choices)
    resolved = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.person_id}~{self.other_id} {self.reason}"


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Access to the data held")
    CORRECTION = "correction", _("Correction")
    ERASURE = "erasure", _("Erasure")
    WITHDRAWAL = "withdrawal", _("Withdrawal of consent")


class DataSubjectRequest(models.Model):
    """A request of a person about their data (Personal Data Protection Law, 2025).

    Kept under the commune of the person's case, so that the case team handles it and
    the coordinators watch the deadlines. After an erasure only the request itself
    remains (its kind and dates), with the person's code and no other data.
    """

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )
    person_code = models.CharField(_("person (code)"), max_length=16)
    commune = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("request"), max_length=12, choices=RequestKind.choices)
    received_on = models.DateField(_("received on"))
    acknowledge_by = models.DateField(_("acknowledge by"))
    act_by = models.DateField(_("act by"), null=True, blank=True)
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    note = EncryptedTextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("data-subject request")
        verbose_name_plural = _("data-subject requests")
        ordering = ["completed_on", "acknowledge_by", "pk"]

    def __str__(self) -> str:
        return f"{self.person_code} {self.kind} {self.received_on}"

    def overdue(self, today=None) -> list[str]:
        """What is late: "acknowledge", "act" (empty: on time)."""
        today = today or timezone.localdate()
        late = []
        unanswered = self.acknowledged_on is None and self.completed_on is None
        if unanswered and self.acknowledge_by < today:
            late.append("acknowledge")
        if self.completed_on is None and self.act_by and self.act_by < today:
            late.append("act")
        return late
