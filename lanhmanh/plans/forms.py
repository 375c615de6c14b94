from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    SHOWN_STATUS_LABELS,
    Duty,
    Frequency,
    Plan,
    PlanStatus,
    ProgressStatus,
    ReportingRule,
    Target,
    Task,
)

MONTH_INPUT = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Plan file"),
        help_text=_("The plan as issued: Word (.docx), PDF with text, or plain text."),
    )
    parent = forms.ModelChoiceField(
        label=_("Implements"),
        queryset=Plan.objects.none(),
        required=False,
        help_text=_("If this plan carries out another one (the province's), choose it."),
    )

    def __init__(self, *args, plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plans is not None:
            self.fields["parent"].queryset = plans.filter(status=PlanStatus.ACTIVE)


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = [
            "kind",
            "number",
            "issued_on",
            "issuing_agency",
            "title",
            "first_year",
            "last_year",
            "parent",
        ]
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, plans=None, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        parents = (
            plans.filter(status=PlanStatus.ACTIVE) if plans is not None else Plan.objects.none()
        )
        self.fields["parent"].queryset = parents.exclude(pk=self.instance.pk)
        if agencies is not None:
            self.fields["issuing_agency"].queryset = agencies

    def clean(self):
        data = super().clean()
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", _("The last year cannot come before the first."))
        for name in ("first_year", "last_year"):
            year = data.get(name)
            if year and not 1990 <= year <= 2100:
                self.add_error(name, _("Enter a year between 1990 and 2100."))
        return data


def indicator_choices():
    """The catalogue, if the indicators app is installed: the indicator a target is
    measured by (proposed from its text when the plan is confirmed)."""
    from django.apps import apps

    if not apps.is_installed("lanhmanh.indicators"):
        return []
    Indicator = apps.get_model("indicators", "Indicator")
    return [("", _("— none —"))] + [
        (i.code, i.name) for i in Indicator.objects.filter(active=True).order_by("code")
    ]


class TargetForm(forms.ModelForm):
    indicator_code = forms.ChoiceField(label=_("Measured by"), required=False, choices=[])

    class Meta:
        model = Target
        fields = ["section", "text", "kind", "op", "value", "value_max", "year", "indicator_code"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, indicators=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator_code"].choices = indicators if indicators is not None else []

    def clean(self):
        data = super().clean()
        value, value_max, op = data.get("value"), data.get("value_max"), data.get("op")
        if value is not None and value < 0:
            self.add_error("value", _("A target cannot be negative."))
        if data.get("kind") == "percent" and value is not None and value > 100 and op != "increase":
            self.add_error("value", _("A percentage above 100 is only possible for an increase."))
        if op == "range" and value_max is None:
            self.add_error("value_max", _("A range needs an upper value."))
        if value_max is not None and value is not None and value_max < value:
            self.add_error("value_max", _("The upper value is below the lower one."))
        return data


class DutyForm(forms.ModelForm):
    texts = forms.CharField(
        label=_("Duties (one per line)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    class Meta:
        model = Duty
        fields = ["agency_name", "agency", "texts"]

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies
        self.fields["agency"].required = False
        self.fields["agency"].empty_label = _("— not in the directory yet —")
        if self.instance.pk:
            self.initial["texts"] = "\n".join(self.instance.texts or [])

    def clean_texts(self):
        return [line.strip() for line in self.cleaned_data["texts"].splitlines() if line.strip()]


class TaskForm(forms.ModelForm):
    start_month = forms.DateField(
        label=_("From month"), required=False, widget=MONTH_INPUT, input_formats=["%Y-%m", "%m/%Y"]
    )
    end_month = forms.DateField(
        label=_("To month"), required=False, widget=MONTH_INPUT, input_formats=["%Y-%m", "%m/%Y"]
    )

    class Meta:
        model = Task
        fields = ["section", "title", "start_month", "end_month"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        start, end = data.get("start_month"), data.get("end_month")
        if start and end and end < start:
            self.add_error("end_month", _("The task cannot end before it starts."))
        return data


class ReportingRuleForm(forms.ModelForm):
    class Meta:
        model = ReportingRule
        fields = ["frequency", "due_day", "due_month", "recipient_name"]

    def clean(self):
        data = super().clean()
        day, month = data.get("due_day"), data.get("due_month")
        if day is not None and not 1 <= day <= 31:
            self.add_error("due_day", _("Enter a day from 1 to 31."))
        if month is not None and not 1 <= month <= 12:
            self.add_error("due_month", _("Enter a month from 1 to 12."))
        if month is not None and data.get("frequency") not in (
            Frequency.SEMIANNUAL,
            Frequency.ANNUAL,
        ):
            self.add_error("due_month", _("Only half-yearly and yearly reports have a due month."))
        return data


def formsets(data=None, plan=None, agencies=None):
    """The four edit tables of the review screen, bound to ``plan``."""
    kwargs = {"data": data}
    target_set = forms.inlineformset_factory(
        Plan, Target, form=TargetForm, extra=1, can_delete=True
    )
    duty_set = forms.inlineformset_factory(Plan, Duty, form=DutyForm, extra=1, can_delete=True)
    task_set = forms.inlineformset_factory(Plan, Task, form=TaskForm, extra=1, can_delete=True)
    rule_set = forms.inlineformset_factory(
        Plan, ReportingRule, form=ReportingRuleForm, extra=1, can_delete=True
    )
    return {
        "targets": target_set(
            instance=plan,
            prefix="targets",
            form_kwargs={"indicators": indicator_choices()},
            **kwargs,
        ),
        "duties": duty_set(
            instance=plan, prefix="duties", form_kwargs={"agencies": agencies}, **kwargs
        ),
        "tasks": task_set(instance=plan, prefix="tasks", **kwargs),
        "rules": rule_set(instance=plan, prefix="rules", **kwargs),
    }


class ProgressForm(forms.Form):
    """Where the lead agency stands on a task: the action checks the rest (type, size)."""

    status = forms.ChoiceField(label=_("Status"), choices=ProgressStatus.choices)
    result = forms.CharField(
        label=_("Result"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("In a sentence: what was done, with figures if any."),
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Documents, minutes, reports that show it (number and date)."),
    )
    attachment = forms.FileField(
        label=_("Attached file"),
        required=False,
        help_text=_("PDF, Word, Excel or image, at most 10 MB."),
    )


class AgencyStatusFilter(forms.Form):
    """The agencies of a duty to a kind of agency, by the status they stand at."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *SHOWN_STATUS_LABELS.items()],
    )
