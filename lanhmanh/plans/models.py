"""A plan as issued, and what lanhmanh tracks of it: targets, tasks, duties, reporting.

A plan is imported from its file (``extraction`` turns the document into the
``lanhmanh.plan/v1`` structure), stays a draft while a coordinator reviews it, and is
active once confirmed. Names of agencies are kept as printed, next to the directory
agency they were matched to.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lanhmanh.agencies.models import Agency, AgencyKind
from lanhmanh.places.models import AdministrativeUnit

from . import task_status


class PlanKind(models.TextChoices):
    KE_HOACH = "ke_hoach", _("Plan")
    QUYET_DINH = "quyet_dinh", _("Decision")
    CHUONG_TRINH = "chuong_trinh", _("Programme")
    OTHER = "other", _("Other document")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft, under review")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class Plan(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=PlanKind.choices)
    number = models.CharField(_("number"), max_length=60, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    issuing_agency = models.ForeignKey(
        Agency,
        verbose_name=_("issuing agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_plans",
    )
    title = models.CharField(_("title"), max_length=500)
    first_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    jurisdiction = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="plans",
        help_text=_("The province or commune the plan covers."),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("implements"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("The plan this one implements, e.g. the province's plan."),
    )
    references = models.JSONField(_("references"), default=list, blank=True)
    funding = models.JSONField(_("funding sources"), default=list, blank=True)
    source_file = models.FileField(_("source file"), upload_to="plans/%Y/", blank=True)
    source_filename = models.CharField(_("file name"), max_length=255, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    source_text = models.TextField(_("text of the document"), blank=True)
    extraction = models.JSONField(
        _("extraction"), default=dict, blank=True, help_text=_("What was read from the file.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-issued_on", "-created_at"]
        indexes = [models.Index(fields=["status", "first_year", "last_year"])]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip() if self.number else self.title

    @property
    def years(self) -> list[int]:
        if self.first_year is None:
            return []
        return list(range(self.first_year, (self.last_year or self.first_year) + 1))

    @property
    def as_of(self) -> datetime.date | None:
        """The day the plan speaks of: the units and agencies it names are those of then."""
        if self.issued_on:
            return self.issued_on
        return datetime.date(self.first_year, 1, 1) if self.first_year else None

    def is_over(self, today: datetime.date) -> bool:
        """Its years are over: imported now, it is history, not a plan to report on."""
        return self.last_year is not None and self.last_year < today.year

    @property
    def years_label(self) -> str:
        if self.first_year is None:
            return ""
        if self.last_year and self.last_year != self.first_year:
            return f"{self.first_year}–{self.last_year}"
        return str(self.first_year)


class TargetKind(models.TextChoices):
    COUNT = "count", _("count")
    PERCENT = "percent", _("percent")


class TargetOp(models.TextChoices):
    EQ = "eq", _("exactly")
    GE = "ge", _("at least")
    LE = "le", _("at most")
    RANGE = "range", _("between")
    INCREASE = "increase", _("increase by")
    DECREASE = "decrease", _("decrease by")


class Target(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    order = models.PositiveIntegerField(default=0)
    section = models.CharField(_("section"), max_length=30, blank=True)
    text = models.TextField(_("text"))
    kind = models.CharField(_("kind"), max_length=8, choices=TargetKind.choices)
    op = models.CharField(_("comparison"), max_length=8, choices=TargetOp.choices)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    value_max = models.DecimalField(
        _("upper value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    # The indicator catalogue comes with the reporting app; until then a target has none.
    indicator_code = models.CharField(_("indicator"), max_length=40, blank=True)
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Task(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveIntegerField(default=0)
    section = models.CharField(_("section"), max_length=30, blank=True)
    title = models.TextField(_("title"))
    start_month = models.DateField(_("from month"), null=True, blank=True)
    end_month = models.DateField(_("to month"), null=True, blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.title[:80]


class TaskRole(models.TextChoices):
    LEAD = "lead", _("lead")
    PARTNER = "partner", _("partner")


class TaskAgency(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="agencies")
    role = models.CharField(max_length=8, choices=TaskRole.choices)
    name = models.CharField(_("name as printed"), max_length=255)
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="task_roles"
    )

    class Meta:
        ordering = ["task", "role", "pk"]

    def __str__(self) -> str:
        return self.name


class Duty(models.Model):
    """What the plan assigns to one agency (the "Tổ chức thực hiện" section)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="duties")
    order = models.PositiveIntegerField(default=0)
    agency_name = models.CharField(_("agency as printed"), max_length=255)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duties",
    )
    match_score = models.PositiveSmallIntegerField(null=True, blank=True)
    addressee_kind = models.CharField(
        _("addressed to every"),
        max_length=24,
        blank=True,
        choices=AgencyKind.choices,
        help_text=_(
            "For duties given to a whole kind of agency below the plan's area, "
            "such as the People's Committees of all communes."
        ),
    )
    texts = models.JSONField(_("duties"), default=list, blank=True)
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("duty")
        verbose_name_plural = _("duties")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.agency_name


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    SEMIANNUAL = "semiannual", _("half-yearly")
    ANNUAL = "annual", _("yearly")
    AD_HOC = "ad_hoc", _("ad hoc")


class ReportingRule(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reporting_rules")
    frequency = models.CharField(_("frequency"), max_length=12, choices=Frequency.choices)
    due_day = models.PositiveSmallIntegerField(_("due day"), null=True, blank=True)
    due_month = models.PositiveSmallIntegerField(_("due month"), null=True, blank=True)
    recipient_name = models.CharField(_("to"), max_length=255, blank=True)
    recipient = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("reporting rule")
        verbose_name_plural = _("reporting rules")
        ordering = ["plan", "pk"]

    def __str__(self) -> str:
        return self.get_frequency_display()


class ProgressStatus(models.TextChoices):
    """What an agency records of a task or duty; "late" is read from the deadline
    (``task_status``), so it is a label here, never a stored choice."""

    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")


SHOWN_STATUS_LABELS = dict(ProgressStatus.choices) | {"late": _("late")}


class Progress(models.Model):
    """Where one agency stands on one task it leads, or on its duty in the plan.

    A row exists once the agency has said something; before that the task is
    "not started" (or late)."""

    task = models.ForeignKey(
        Task, null=True, blank=True, on_delete=models.CASCADE, related_name="progress"
    )
    duty = models.ForeignKey(
        Duty, null=True, blank=True, on_delete=models.CASCADE, related_name="progress"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ProgressStatus.choices,
        default=ProgressStatus.NOT_STARTED,
    )
    result = models.CharField(_("result"), max_length=500, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    attachment = models.FileField(_("attached file"), upload_to="progress/%Y/", blank=True)
    attachment_name = models.CharField(_("file name"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("progress")
        verbose_name_plural = _("progress")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(task__isnull=False, duty__isnull=True)
                | models.Q(task__isnull=True, duty__isnull=False),
                name="progress_of_task_or_duty",
            ),
            models.UniqueConstraint(fields=["task", "agency"], name="progress_once_per_task"),
            models.UniqueConstraint(fields=["duty", "agency"], name="progress_once_per_duty"),
        ]

    def __str__(self) -> str:
        return f"{self.task_id or self.duty_id}/{self.agency_id}={self.status}"

    @property
    def item(self):
        return self.task if self.task_id else self.duty

    @property
    def plan(self) -> Plan:
        return self.item.plan

    @property
    def due(self):
        end_month = self.task.end_month if self.task_id else None
        return task_status.deadline(end_month, self.plan.last_year)

    def shown_status(self, today) -> str:
        return task_status.shown_status(
            self.status, self.due, today, historic=self.plan.status == PlanStatus.CLOSED
        )


class ProgressEvent(models.Model):
    """The history of a progress row: who said what, when, and what changed."""

    progress = models.ForeignKey(Progress, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["progress", "-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.progress_id} {self.at:%Y-%m-%d}"
