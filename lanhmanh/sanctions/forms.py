from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.forms import ListedModelChoiceField
from lanhmanh.inspections.models import LegalBasis
from lanhmanh.reporting.calendar import parse_period

from .models import Behaviour, Form, Sanction, Subject


class SanctionSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Decision no., person code or establishment"), required=False, max_length=100
    )
    behaviour = forms.ChoiceField(
        label=_("Behaviour"), required=False, choices=[("", _("All")), *Behaviour.choices]
    )
    form = forms.ChoiceField(
        label=_("Form"), required=False, choices=[("", _("All")), *Form.choices]
    )
    subject = forms.ChoiceField(
        label=_("Against"), required=False, choices=[("", _("All")), *Subject.choices]
    )
    commune = ListedModelChoiceField(label=_("Commune"), queryset=None, required=False)
    start = forms.DateField(label=_("Decided from"), required=False)
    end = forms.DateField(label=_("to"), required=False)
    unpaid = forms.BooleanField(label=_("Fines not yet paid"), required=False)

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes


class SanctionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Sanction
        fields = [
            "subject",
            "establishment",
            "person_code",
            "behaviour",
            "commune",
            "violated_on",
            "legal_basis",
            "form",
            "amount",
            "extra_measures",
            "issuing_agency",
            "decision_number",
            "decided_on",
            "paid_on",
            "note",
        ]
        widgets = {
            "subject": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
            "violated_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "decided_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "paid_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, communes, agencies, establishments, violation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.violation = violation
        self.fields["commune"].queryset = communes
        self.fields["commune"].required = False
        self.fields["commune"].help_text = _("Leave empty for the establishment's commune.")
        self.fields["issuing_agency"].queryset = agencies
        self.fields["establishment"].queryset = establishments
        self.fields["legal_basis"].queryset = LegalBasis.objects.all()
        if not self.instance.pk:
            self.fields["decided_on"].initial = timezone.localdate()
        else:
            self.fields["version"].initial = self.instance.version
        for name in ("violated_on", "decided_on", "paid_on"):
            self.fields[name].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]

    def clean(self):
        data = super().clean()
        if not (data.get("commune") or data.get("establishment") or self.violation):
            self.add_error("commune", _("Choose the commune where the violation happened."))
        return data

    def _post_clean(self):
        # The action validates the whole decision (dates, ranges, codes) and reports it
        # on the fields; the model form must not save or half-validate it first.
        pass


class StatisticsForm(forms.Form):
    period = forms.CharField(
        label=_("Period"),
        max_length=7,
        help_text=_("A year (2026), half-year (2026-H1), quarter (2026-Q3) or month (2026-05)."),
    )

    def clean_period(self):
        key = self.cleaned_data["period"].strip().upper()
        try:
            _frequency, start, end = parse_period(key)
        except ValueError:
            raise forms.ValidationError(
                _("Write the period as 2026, 2026-H1, 2026-Q3 or 2026-05.")
            ) from None
        return key, start, end
