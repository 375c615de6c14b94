"""Decisions imposing administrative sanctions, against establishments and individuals.

An individual is referenced only by the pseudonymous code of the people register
(``person_code``); no name or ID number is ever stored here. The decision's commune is
where the violation happened, and scopes the record.
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
    person_code = models.CharField(
        _("person (pseudonymous code)"),
        max_length=20,
        blank=True,
        db_index=True,
        help_text=_("The code from the people register; never a name or an ID number."),
    )
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
        return self.person_code
