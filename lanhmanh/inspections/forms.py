from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import EstablishmentKind, EstablishmentStatus, InspectionKind, LegalBasis, SanctionForm


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

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["inspected_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if data.get("legal_basis") and not data.get("proposed"):
            self.add_error("proposed", _("Choose the proposed sanction."))
        if data.get("proposed") and not data.get("legal_basis"):
            self.add_error("legal_basis", _("Choose the legal basis of the violation."))
        return data
