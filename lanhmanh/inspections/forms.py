from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import (
    Establishment,
    EstablishmentKind,
    EstablishmentStatus,
    Inspection,
    InspectionKind,
    LegalBasis,
    SanctionForm,
)

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class EstablishmentSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or address"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *EstablishmentKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *EstablishmentStatus.choices],
    )
    # Drill-down from the dashboards: inside one administrative unit, inspected between
    # two days (inclusive).
    unit = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    inspected_from = forms.DateField(required=False, widget=forms.HiddenInput)
    inspected_to = forms.DateField(required=False, widget=forms.HiddenInput)
    # ... or in an inspection plan whose period overlaps two days.
    planned_from = forms.DateField(required=False, widget=forms.HiddenInput)
    planned_to = forms.DateField(required=False, widget=forms.HiddenInput)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx) or CSV"),
        help_text=_(
            "Columns: Loại hình, Tên cơ sở, Địa chỉ, Xã/phường (name or code), Số đăng ký kinh "
            "doanh, Trạng thái, Ngày hoạt động, Mức độ nguy cơ."
        ),
    )


class InspectionForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Inspection team"), queryset=None)
    inspected_on = forms.DateField(label=_("Date"))
    kind = forms.ChoiceField(label=_("Kind"), choices=InspectionKind.choices)
    findings = forms.CharField(
        label=_("Findings"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    legal_basis = forms.ModelChoiceField(
        label=_("Violation (legal basis)"),
        queryset=LegalBasis.objects.all(),
        required=False,
        empty_label=_("— no violation —"),
    )
    description = forms.CharField(label=_("What was found"), required=False, max_length=2000)
    proposed = forms.ChoiceField(
        label=_("Proposed sanction"), required=False, choices=[("", "—"), *SanctionForm.choices]
    )
    fine_amount = forms.IntegerField(label=_("Fine (VND)"), required=False, min_value=0)
    follow_up_by = forms.DateField(
        label=_("Re-inspect by"),
        required=False,
        help_text=_("When the violations found must be checked again."),
    )
    plan = forms.IntegerField(required=False, widget=forms.HiddenInput)
    follow_up_of = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        if teams.count() == 1 and not self.initial.get("team"):
            self.initial["team"] = teams.first().pk
        self.fields["inspected_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if data.get("legal_basis") and not data.get("proposed"):
            self.add_error("proposed", _("Choose the proposed sanction."))
        if data.get("proposed") and not data.get("legal_basis"):
            self.add_error("legal_basis", _("Choose the legal basis of the violation."))
        return data


class EstablishmentForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Establishment
        fields = [
            "kind",
            "name",
            "address",
            "commune",
            "registration_number",
            "security_certificate",
            "owner",
            "status",
            "opened_on",
            "closed_on",
            "risk",
        ]

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        for name in ("opened_on", "closed_on"):
            self.fields[name].input_formats = DATE_FORMATS
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def _post_clean(self):
        # The action validates and saves; the form only reads the fields.
        pass


class InspectionEditForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Inspection
        fields = ["team", "inspected_on", "kind", "findings", "follow_up_by"]
        widgets = {"findings": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        for name in ("inspected_on", "follow_up_by"):
            self.fields[name].input_formats = DATE_FORMATS
        self.fields["version"].initial = self.instance.version

    def _post_clean(self):
        pass


class InspectionSearchForm(forms.Form):
    q = forms.CharField(label=_("Establishment"), required=False, max_length=100)
    team = forms.ModelChoiceField(label=_("Inspection team"), queryset=None, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *InspectionKind.choices]
    )
    start = forms.DateField(label=_("From"), required=False, input_formats=DATE_FORMATS)
    end = forms.DateField(label=_("To"), required=False, input_formats=DATE_FORMATS)
    violations = forms.BooleanField(label=_("With violations only"), required=False)

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


class PlanTeamForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Inspection team"), queryset=None)

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


class InspectionPlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    starts_on = forms.DateField(label=_("From"), input_formats=DATE_FORMATS)
    ends_on = forms.DateField(label=_("To"), input_formats=DATE_FORMATS)
    establishments = forms.ModelMultipleChoiceField(
        label=_("Establishments to inspect"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Suggested: the riskiest first, then the longest since the last inspection."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["establishments"].queryset = candidates
        self.fields["establishments"].label_from_instance = _candidate_label

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The plan cannot end before it starts."))
        return data


def _candidate_label(establishment) -> str:
    last = getattr(establishment, "last_inspected", None)
    when = (
        _("last inspected %(day)s") % {"day": last.strftime("%d/%m/%Y")}
        if last
        else _("never inspected")
    )
    return (
        f"{establishment.name} · {establishment.commune.name} · "
        f"{_('risk')} {establishment.get_risk_display()} · {when}"
    )
