"""The indicator catalogue as the database holds it, and which reporting unit of a plan
reports which indicator (the coordinator's word over the rules' proposal)."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lanhmanh.agencies.models import Agency
from lanhmanh.plans.models import Plan


class IndicatorKind(models.TextChoices):
    COUNT = "count", _("count")
    PERCENT = "percent", _("percent")


class Aggregation(models.TextChoices):
    SUM = "sum", _("sum")
    LAST = "last", _("last value")
    MAX = "max", _("maximum")


class Source(models.TextChoices):
    REPORTED = "reported", _("reported by units")
    COMPUTED = "computed", _("computed from a register")


class Indicator(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    kind = models.CharField(_("kind"), max_length=8, choices=IndicatorKind.choices)
    aggregation = models.CharField(
        _("aggregation"), max_length=4, choices=Aggregation.choices, default=Aggregation.SUM
    )
    numerator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    denominator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(
        _("source"), max_length=8, choices=Source.choices, default=Source.REPORTED
    )
    compute = models.CharField(
        _("register function"),
        max_length=80,
        blank=True,
        help_text=_("For computed indicators: the register function that gives the value."),
    )
    unit_vi = models.CharField(_("unit of measure (Vietnamese)"), max_length=40, blank=True)
    unit_en = models.CharField(_("unit of measure (English)"), max_length=40, blank=True)
    active = models.BooleanField(_("in use"), default=True)
    # Data quality: a unit's value outside these bounds blocks the submission.
    min_value = models.DecimalField(
        _("lowest plausible value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("highest plausible value"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]
        # The table of the days when the catalogue lived in ``reporting``: kept, so the
        # move between apps touched no data.
        db_table = "reporting_indicator"

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_vi

    @property
    def unit_label(self) -> str:
        if self.kind == IndicatorKind.PERCENT:
            return "%"
        return self.unit_en if translation.get_language() == "en" else self.unit_vi


class IndicatorAssignment(models.Model):
    """The coordinator's word on whether a reporting unit of a plan reports an indicator,
    over the rules' proposal (:mod:`lanhmanh.indicators.concerns`): ``assigned`` adds the
    indicator to the unit's report forms, not ``assigned`` takes it off. Values already
    entered stay in the reports."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicator_assignments")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    assigned = models.BooleanField()
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("indicator assignment")
        verbose_name_plural = _("indicator assignments")
        db_table = "reporting_indicatorassignment"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "agency", "indicator"], name="assignment_once_per_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}/{self.agency_id}/{self.indicator_id}={self.assigned}"
