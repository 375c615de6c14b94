"""Decisions imposing administrative sanctions, against establishments and individuals.

A decision against an individual keeps the identity the police recorded (name, ID
number, birth date), encrypted at rest (``lanhmanh.crypto``), for the agency that owns
the record alone (``identity.read_identity``, logged); it is never a key into the
people register. A sanctioned person reaches a support case only through a
``Referral`` the case team accepts.

The decision's commune is where the violation happened, and scopes the record. The
*recording agency* (the recorder's own agency) owns the record: it alone corrects it
and sees its identity. ``first_decided_on`` and ``first_form`` are the decision as first
recorded: the spent rule (DESIGN.md, people's data, rule 4) reads them, so a correction
cannot revive a spent violation.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lanhmanh.agencies.models import Agency
from lanhmanh.inspections.models import Establishment, LegalBasis, Violation
from lanhmanh.places.models import AdministrativeUnit


class Subject(models.TextChoices):
    ESTABLISHMENT = "establishment", _("an establishment")
    INDIVIDUAL = "individual", _("an individual")


class Behaviour(models.TextChoices):
    SELLING = "selling", _("selling sex")
    BUYING = "buying", _("buying sex")
    BROKERING = "brokering", _("brokering prostitution")
    HARBOURING = "harbouring", _("harbouring prostitution")
    OTHER = "other", _("other prostitution-related violation")


class Form(models.TextChoices):
    WARNING = "warning", _("warning")
    FINE = "fine", _("fine")


class Sanction(models.Model):
    subject = models.CharField(_("against"), max_length=14, choices=Subject.choices)
    establishment = models.ForeignKey(
        Establishment,
        verbose_name=_("establishment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sanctions",
    )
    # The individual's identity as the police recorded it: lanhmanh.crypto tokens,
    # never shown, filtered or logged as such; erased once the violation is spent.
    full_name_enc = models.TextField(blank=True, default="", editable=False)
    id_number_enc = models.TextField(blank=True, default="", editable=False)
    birth_date_enc = models.TextField(blank=True, default="", editable=False)
    # A keyed hash of the identity: the same individual's other decisions of the same
    # agency, for the spent rule; never shown.
    identity_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    identity_erased_on = models.DateField(null=True, blank=True, editable=False)
    behaviour = models.CharField(_("behaviour"), max_length=12, choices=Behaviour.choices)
    legal_basis = models.ForeignKey(
        LegalBasis, verbose_name=_("legal basis"), on_delete=models.PROTECT, related_name="+"
    )
    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("commune where it happened"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    violated_on = models.DateField(_("date of the violation"))
    form = models.CharField(_("form"), max_length=8, choices=Form.choices)
    amount = models.PositiveBigIntegerField(_("fine (VND)"), null=True, blank=True)
    extra_measures = models.CharField(
        _("additional measures"),
        max_length=255,
        blank=True,
        help_text=_("e.g. suspension of the business, revocation of the licence"),
    )
    issuing_agency = models.ForeignKey(
        Agency, verbose_name=_("issuing authority"), on_delete=models.PROTECT, related_name="+"
    )
    decision_number = models.CharField(_("decision number"), max_length=60)
    decided_on = models.DateField(_("decision date"))
    # The decision as first recorded: set once, never changed (the spent rule reads them).
    first_decided_on = models.DateField(editable=False)
    first_form = models.CharField(max_length=8, choices=Form.choices, editable=False)
    recording_agency = models.ForeignKey(
        Agency,
        verbose_name=_("recorded by (agency)"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Your agency that records the decision: it alone may correct it."),
    )
    paid_on = models.DateField(_("fine paid on"), null=True, blank=True)
    violation = models.OneToOneField(
        Violation,
        verbose_name=_("violation found by the inspection"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sanction",
    )
    note = models.TextField(_("note"), blank=True)
    search = models.CharField(max_length=400, editable=False, db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("administrative sanction")
        verbose_name_plural = _("administrative sanctions")
        ordering = ["-decided_on", "-pk"]
        indexes = [
            models.Index(fields=["decided_on"]),
            models.Index(fields=["commune", "decided_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_agency", "decision_number"], name="one_decision_number_per_agency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} ({self.decided_on:%d/%m/%Y})"

    @property
    def who(self) -> str:
        if self.subject == Subject.ESTABLISHMENT and self.establishment_id:
            return str(self.establishment)
        return str(Subject.INDIVIDUAL.label)

    @property
    def access_subject(self) -> str:
        """How the access log names this record's identity (never the identity)."""
        return f"sanction#{self.pk}"


class ReferralStatus(models.TextChoices):
    PENDING = "pending", _("awaiting the case team")
    ACCEPTED = "accepted", _("accepted by the case team")
    DECLINED = "declined", _("declined by the case team")


class Referral(models.Model):
    """A sanctioned individual referred by the police to a case-worker agency.

    The one link between a sanction and the support register: it counts in the person's
    violation history only once a case worker of ``to_agency`` accepted it by linking it
    to a person of a case of theirs. The police see that they referred, never the case.
    """

    sanction = models.ForeignKey(Sanction, on_delete=models.CASCADE, related_name="referrals")
    to_agency = models.ForeignKey(
        Agency, verbose_name=_("referred to"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=8, choices=ReferralStatus.choices, default=ReferralStatus.PENDING
    )
    note = models.TextField(_("note for the case team"), blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    referred_at = models.DateTimeField(auto_now_add=True)
    # Set by the case team on acceptance: the person of one of their cases.
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    case = models.ForeignKey(
        "people.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_note = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("referral of a sanctioned person")
        verbose_name_plural = _("referrals of sanctioned people")
        ordering = ["-referred_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sanction"],
                condition=~models.Q(status="declined"),
                name="one_open_or_accepted_referral_per_sanction",
            )
        ]

    def __str__(self) -> str:
        return f"{self.sanction_id} → {self.to_agency_id} {self.status}"
