"""At-risk establishments, the legal bases of sanctions, and the inspections of Team 178.

An establishment is a business (its owner is a business name, never a person record).
Coverage, the share of establishments active in a period that were inspected at least
once in it, is what the "≥ X% inspected" targets measure.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lanhmanh.agencies.models import Agency
from lanhmanh.places.models import AdministrativeUnit
from lanhmanh.text import fold


class EstablishmentKind(models.TextChoices):
    KARAOKE = "karaoke", _("karaoke")
    MASSAGE = "massage", _("massage / steam bath")
    HOTEL = "hotel", _("hotel")
    GUEST_HOUSE = "guest_house", _("guest house")
    BAR = "bar", _("bar / dance hall")
    CAFE = "cafe", _("café with private rooms")
    HAIR = "hair", _("hair-wash and barber")
    OTHER = "other", _("other")


class EstablishmentStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    SUSPENDED = "suspended", _("suspended")
    CLOSED = "closed", _("closed")


class Risk(models.IntegerChoices):
    LOW = 1, _("low")
    MEDIUM = 2, _("medium")
    HIGH = 3, _("high")


class Establishment(models.Model):
    kind = models.CharField(_("kind"), max_length=12, choices=EstablishmentKind.choices)
    name = models.CharField(_("name"), max_length=255)
    name_search = models.CharField(max_length=255, editable=False, db_index=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    commune = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    registration_number = models.CharField(
        _("business registration no."), max_length=40, blank=True
    )
    security_certificate = models.CharField(
        _("security-condition certificate no."), max_length=40, blank=True
    )
    owner = models.CharField(_("owner (business)"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EstablishmentStatus.choices, default="active"
    )
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    closed_on = models.DateField(_("closed or suspended on"), null=True, blank=True)
    risk = models.PositiveSmallIntegerField(_("risk"), choices=Risk.choices, default=Risk.MEDIUM)
    # Its latest inspection's date, kept by the register's actions (tallies.refresh_last_
    # inspected): ranking what to inspect next reads it instead of every inspection.
    last_inspected_on = models.DateField(_("last inspected on"), null=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("establishment")
        verbose_name_plural = _("establishments")
        ordering = ["name_search"]
        indexes = [
            models.Index(fields=["commune", "status"]),
            # Establishments active in a period, per commune: read from the index alone.
            models.Index(fields=["commune", "opened_on", "closed_on"], name="establishment_active"),
            # The few establishments not active in a period (opened after it, closed
            # before it) are found by these, not by reading all of them.
            models.Index(fields=["opened_on"], name="establishment_opened_on"),
            models.Index(
                fields=["closed_on"],
                condition=models.Q(closed_on__isnull=False),
                name="establishment_closed_on",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_search = fold(f"{self.name} {self.address}")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("inspections:detail", args=[self.pk])


class LegalBasis(models.Model):
    """A sanctionable behaviour as a decree states it, with the fine range in force."""

    decree = models.CharField(_("decree"), max_length=40)
    article = models.PositiveSmallIntegerField(_("article"), null=True, blank=True)
    clause = models.PositiveSmallIntegerField(_("clause"), null=True, blank=True)
    point = models.CharField(_("point"), max_length=2, blank=True)
    behaviour = models.CharField(_("behaviour"), max_length=500)
    warning_allowed = models.BooleanField(_("a warning is possible"), default=False)
    fine_min = models.PositiveBigIntegerField(_("lowest fine (VND)"))
    fine_max = models.PositiveBigIntegerField(_("highest fine (VND)"))
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["-valid_from", "decree", "article", "clause"]

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                f"{_('point')} {self.point}" if self.point else "",
                f"{_('clause')} {self.clause}" if self.clause else "",
                f"{_('article')} {self.article}" if self.article else "",
            )
            if part
        )
        return f"{self.decree}{' ' + where if where else ''}: {self.behaviour}"


class TeamMember(models.Model):
    """An agency taking part in an inspection team (Đội 178); one of them leads it. The
    team's people are the users with a membership in the team itself."""

    team = models.ForeignKey(
        Agency,
        verbose_name=_("inspection team"),
        on_delete=models.CASCADE,
        related_name="member_agencies",
        limit_choices_to={"kind": "inspection_team"},
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("member agency"), on_delete=models.PROTECT, related_name="+"
    )
    lead = models.BooleanField(_("lead agency"), default=False)

    class Meta:
        verbose_name = _("team member agency")
        verbose_name_plural = _("team member agencies")
        ordering = ["-lead", "agency__name_search"]
        constraints = [
            models.UniqueConstraint(fields=["team", "agency"], name="agency_once_per_team"),
            models.UniqueConstraint(
                fields=["team"], condition=models.Q(lead=True), name="one_lead_agency_per_team"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team}: {self.agency}"


class InspectionPlan(models.Model):
    """What a team means to inspect in a period: chosen establishments, ranked for it by
    risk and time since their last inspection."""

    team = models.ForeignKey(
        Agency, verbose_name=_("inspection team"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=255)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    note = models.TextField(_("note"), blank=True)
    establishments = models.ManyToManyField(
        Establishment, verbose_name=_("establishments"), related_name="inspection_plans"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class InspectionKind(models.TextChoices):
    PERIODIC = "periodic", _("periodic")
    SURPRISE = "surprise", _("surprise")


class Inspection(models.Model):
    establishment = models.ForeignKey(
        Establishment, on_delete=models.PROTECT, related_name="inspections"
    )
    # The establishment's commune, copied (set on saving, moved with the establishment by
    # ``actions.update_establishment``): an area's inspections by date are read from
    # the inspections alone, not by reading every one's establishment (a province's
    # latest fifty of a million in a few milliseconds instead of tens).
    commune = models.ForeignKey(
        AdministrativeUnit,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        db_index=False,
    )
    team = models.ForeignKey(
        Agency, verbose_name=_("inspection team"), on_delete=models.PROTECT, related_name="+"
    )
    inspected_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=InspectionKind.choices)
    findings = models.TextField(_("findings"), blank=True)
    plan = models.ForeignKey(
        InspectionPlan,
        verbose_name=_("inspection plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspections",
    )
    follow_up_of = models.ForeignKey(
        "self",
        verbose_name=_("re-inspection of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )
    follow_up_by = models.DateField(
        _("re-inspect by"),
        null=True,
        blank=True,
        help_text=_("When the violations found must be checked again."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-inspected_on", "-pk"]
        indexes = [
            # The register's order (latest first), read backwards with no sort.
            models.Index(fields=["inspected_on", "id"], name="inspection_by_date"),
            # One commune's inspections by date (a commune's officers).
            models.Index(fields=["commune", "inspected_on"], name="inspection_commune_date"),
            # An establishment's inspections by date: "inspected between two days?" (EXISTS)
            # and "last inspected" are one index probe each, at a million inspections.
            models.Index(fields=["establishment", "inspected_on"]),
            # The few inspections awaiting a follow-up, without scanning the others.
            models.Index(
                fields=["follow_up_by"],
                condition=models.Q(follow_up_by__isnull=False),
                name="inspection_follow_up_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.establishment} {self.inspected_on:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        if self.commune_id is None:
            self.commune_id = self.establishment.commune_id
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("inspections:inspection", args=[self.pk])


class SanctionForm(models.TextChoices):
    WARNING = "warning", _("warning")
    FINE = "fine", _("fine")
    SUSPENSION = "suspension", _("suspension")
    REVOCATION = "revocation", _("licence revocation")


class Violation(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="violations")
    legal_basis = models.ForeignKey(LegalBasis, on_delete=models.PROTECT, related_name="+")
    description = models.TextField(_("what was found"), blank=True)
    proposed = models.CharField(_("proposed sanction"), max_length=12, choices=SanctionForm.choices)
    fine_amount = models.PositiveBigIntegerField(_("fine (VND)"), null=True, blank=True)

    class Meta:
        verbose_name = _("violation")
        verbose_name_plural = _("violations")

    def __str__(self) -> str:
        return str(self.legal_basis)


class InspectionTally(models.Model):
    """The inspections of one commune's establishments in one month, counted ahead.

    At national scale (a million inspections) the dashboards' and reports' figures of a
    year summed from these rows take milliseconds where counting the register takes
    seconds (DHIS2's analytics tables, kept current instead of rebuilt nightly). The
    register's actions recompute the rows they touch (``tallies.refresh``); a bulk load
    rebuilds them all (``lanhmanh rebuild_tallies``). Figures for a period the rows
    cannot answer exactly are counted from the register (``tallies.rows_for``).
    """

    commune = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="+")
    #: the first day of the month
    month = models.DateField()
    inspections = models.PositiveIntegerField(default=0)
    violations = models.PositiveIntegerField(default=0)
    #: distinct establishments inspected in the month
    establishments = models.PositiveIntegerField(default=0)
    #: establishments whose first inspection of the month's year was in this month
    first_of_year = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commune", "month"], name="inspection_tally_unique")
        ]
        indexes = [models.Index(fields=["month", "commune"])]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.month:%m/%Y}"
