from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.forms import ListedModelChoiceField
from lanhmanh.inspections.models import LegalBasis
from lanhmanh.reporting.calendar import parse_period

from .models import Behaviour, Form, Sanction, Subject


class SanctionSearchForm(forms.Form):
    q = forms.CharField(label=_("Decision no. or establishment"), required=False, max_length=100)
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


IDENTITY_FIELDS = ("full_name", "id_number", "birth_date")


class SanctionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The individual's identity, stored encrypted for the owning agency alone.
    full_name = forms.CharField(label=_("Full name of the person"), required=False, max_length=120)
    id_number = forms.CharField(
        label=_("ID number"), required=False, max_length=20, help_text=_("12 digits (or 9).")
    )
    birth_date = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = Sanction
        fields = [
            "subject",
            "establishment",
            "behaviour",
            "commune",
            "violated_on",
            "legal_basis",
            "form",
            "amount",
            "extra_measures",
            "recording_agency",
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

    def __init__(
        self,
        *args,
        communes,
        agencies,
        establishments,
        owners,
        violation=None,
        identity=None,
        **kwargs,
    ):
        """``identity``: the decision's identity as the owner may read it, or None when it
        is no longer kept (spent) or the form records a new decision."""
        super().__init__(*args, **kwargs)
        self.violation = violation
        self.fields["recording_agency"].queryset = owners
        if not self.instance.pk:
            self.fields["recording_agency"].initial = owners.first()
        elif identity is None and self.instance.subject == "individual":
            for name in IDENTITY_FIELDS:
                del self.fields[name]
        if identity:
            self.initial.update(
                {name: identity.get(name) or "" for name in IDENTITY_FIELDS if name in self.fields}
            )
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
        for name in ("violated_on", "decided_on", "paid_on", "birth_date"):
            if name not in self.fields:
                continue
            self.fields[name].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]

    def identity_values(self) -> dict:
        """The identity fields of the form (none when they are not on it)."""
        values = {}
        for name in IDENTITY_FIELDS:
            if name in self.fields:
                value = self.cleaned_data.get(name)
                values[name] = value.isoformat() if hasattr(value, "isoformat") else value or ""
        return values

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


class ReferForm(forms.Form):
    to_agency = forms.ModelChoiceField(label=_("Refer to"), queryset=None)
    note = forms.CharField(
        label=_("Note for the case team"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_agency"].queryset = agencies


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            ("accept", _("Accept: the person is in one of my cases")),
            ("decline", _("Decline")),
        ],
        widget=forms.RadioSelect,
    )
    case = forms.ModelChoiceField(
        label=_("Case of the person"),
        queryset=None,
        required=False,
        help_text=_("Register the person first if they have no case yet."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases
        self.fields["case"].label_from_instance = lambda case: (
            f"{case.person.code} · {case.commune.name}"
        )

    def clean(self):
        data = super().clean()
        if data.get("answer") == "accept" and not data.get("case"):
            self.add_error("case", _("Choose the case of the person referred."))
        return data
