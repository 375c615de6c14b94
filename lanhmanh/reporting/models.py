"""Reporting periods, the units' reports and their history.

Values in a report are year-to-date ("lũy kế từ đầu năm"), as Vietnamese half-year and
year reports are: the latest approved period of a year carries the year's figures.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lanhmanh.agencies.models import Agency
from lanhmanh.indicators.models import Indicator
from lanhmanh.plans.models import Frequency, Plan, ReportingRule


class ReportingPeriod(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="periods")
    rule = models.ForeignKey(
        ReportingRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="periods"
    )
    key = models.CharField(_("period"), max_length=10)
    frequency = models.CharField(_("frequency"), max_length=12, choices=Frequency.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    due = models.DateField(_("due"))

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["plan", "end", "frequency"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="period_once_per_plan")]

    def __str__(self) -> str:
        return self.key


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("not submitted")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned for correction")
    APPROVED = "approved", _("approved")


class UnitReport(models.Model):
    """One reporting unit's report for one period."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reports")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    # Optimistic locking: a save carries the version it was read at.
    version = models.PositiveIntegerField(default=0)
    results = models.TextField(_("results"), blank=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    return_comment = models.TextField(_("comment of the coordinator"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("unit report")
        verbose_name_plural = _("unit reports")
        ordering = ["period", "agency__name_search"]
        constraints = [
            models.UniqueConstraint(fields=["period", "agency"], name="report_once_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.period}"

    @property
    def is_late(self) -> bool:
        if self.submitted_at is None:
            return False
        return self.submitted_at.date() > self.period.due

    @property
    def is_locked(self) -> bool:
        return self.status in (ReportStatus.SUBMITTED, ReportStatus.APPROVED)


class ReportValue(models.Model):
    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    computed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="value_once_per_report")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}={self.value}"


class ReportEvent(models.Model):
    """The report's history: every save and every step of its review."""

    class Action(models.TextChoices):
        SAVED = "saved", _("saved")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned")
        APPROVED = "approved", _("approved")
        REOPENED = "reopened", _("reopened")

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    comment = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["report", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.action}"


class Reminder(models.Model):
    """A reminder sent for a report and deadline: never twice for the same pair."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="reminders")
    due = models.DateField()
    kind = models.CharField(max_length=8)  # "upcoming" or "overdue"
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "due", "kind"], name="reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind} {self.due}"


class ReportAttachment(models.Model):
    """A document a unit joins to its report (minutes, photos, a signed copy). Served
    only through the report's own access check, never as a public media file."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="reports/%Y/")
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["report", "uploaded_at"]

    def __str__(self) -> str:
        return self.name
