from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.agencies.models import Agency
from lanhmanh.forms import ListedModelChoiceField
from lanhmanh.places.models import AdministrativeUnit

from .models import (
    CaseStatus,
    ConsentMethod,
    Group,
    Need,
    Outcome,
    Purpose,
    RequestKind,
    ServiceKind,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def date_field(label, required=True, initial=None):
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE_INPUT,
        input_formats=DATE_FORMATS,
        initial=initial,
    )


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *CaseStatus.choices]
    )
    code = forms.CharField(label=_("Code"), required=False, max_length=16)
    # From a dashboard figure: the cases of a unit (everything inside it), and those with a
    # service accepted or delivered in a period (the people reached).
    unit = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    reached_from = forms.DateField(required=False, widget=forms.HiddenInput)
    reached_to = forms.DateField(required=False, widget=forms.HiddenInput)


class IntakeForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=120)
    id_number = forms.CharField(label=_("ID number"), max_length=20, required=False)
    birth_date = forms.CharField(
        label=_("Date or year of birth"),
        max_length=10,
        required=False,
        help_text=_("YYYY-MM-DD, or the year alone."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    commune = ListedModelChoiceField(
        label=_("Commune of residence"), queryset=AdministrativeUnit.objects.none()
    )
    groups = forms.MultipleChoiceField(
        label=_("Groups"), choices=Group.choices, widget=forms.CheckboxSelectMultiple
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=Agency.objects.none())
    intake_note = forms.CharField(
        label=_("Intake note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the person asks for. No names of other people."),
    )

    def __init__(self, *args, communes=None, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        self.fields["team"].queryset = teams
        if teams is not None and teams.count() == 1:
            self.fields["team"].initial = teams.first()
        for name in ("full_name", "id_number", "phone", "address"):
            self.fields[name].widget.attrs["autocomplete"] = "off"


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    agency = forms.ModelChoiceField(
        label=_("Provider or agency"),
        queryset=Agency.objects.none(),
        required=False,
        help_text=_("For a referral or sharing: the provider or agency named in the consent."),
    )
    given_on = date_field(_("Given on"), initial=timezone.localdate)
    method = forms.ChoiceField(label=_("How given"), choices=ConsentMethod.choices)
    witness = forms.CharField(label=_("Witness"), max_length=120, required=False)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class AssessmentForm(forms.Form):
    needs = forms.MultipleChoiceField(
        label=_("Needs"), choices=Need.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    note = forms.CharField(
        label=_("Needs assessment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    plan = forms.CharField(
        label=_("Case plan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ServiceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Service"), choices=ServiceKind.choices)
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=Agency.objects.none())
    referred_on = date_field(_("Date"), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = agencies


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[("accept", _("Accept the referral")), ("decline", _("Decline the referral"))],
        widget=forms.RadioSelect,
    )
    on = date_field(_("Date"), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class FollowUpForm(forms.Form):
    due_on = date_field(_("Due on"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))


class FollowUpDoneForm(forms.Form):
    done_on = date_field(_("Done on"), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    closed_on = date_field(_("Closed on"), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))


class TransferForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Receiving team"), queryset=Agency.objects.none())
    commune = ListedModelChoiceField(
        label=_("New commune"), queryset=AdministrativeUnit.objects.none()
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, agencies=None, communes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = agencies
        self.fields["commune"].queryset = communes


class ReasonForm(forms.Form):
    # Whether the reason is stated in real words is the action's to say
    # (``identity.read_identity``), in the field's error.
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        help_text=_("Why you need this person's identity. The reason is kept in the access log."),
    )


class StatsForm(forms.Form):
    """The period of the published figures: a fixed calendar period, never free dates
    (``counts.parse_period``)."""

    period = forms.CharField(
        label=_("Period"),
        required=False,
        help_text=_("2026 (year), 2026-H1 (half-year), 2026-Q2 (quarter), 2026-05 (month)"),
    )

    def clean_period(self):
        from .counts import current_year, parse_period

        key = self.cleaned_data["period"].strip()
        if not key:
            return current_year()
        try:
            return parse_period(key)
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="period") from None


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Request"), choices=RequestKind.choices)
    received_on = date_field(_("Received on"), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))


class ExportForm(forms.Form):
    password = forms.CharField(
        label=_("Password for the file"),
        min_length=10,
        max_length=128,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Give the password to the person separately from the file."),
    )


class FindForm(forms.Form):
    id_number = forms.CharField(label=_("ID number"), max_length=20, required=False)
    full_name = forms.CharField(label=_("Full name"), max_length=120, required=False)
    birth_year = forms.IntegerField(
        label=_("Birth year"), required=False, min_value=1900, max_value=2100
    )

    def clean(self):
        data = super().clean()
        if not data.get("id_number") and not (data.get("full_name") and data.get("birth_year")):
            raise forms.ValidationError(_("Give the ID number, or the full name and birth year."))
        return data


class IdentityForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=120)
    id_number = forms.CharField(label=_("ID number"), max_length=20, required=False)
    birth_date = forms.CharField(
        label=_("Date or year of birth"),
        max_length=10,
        required=False,
        help_text=_("YYYY-MM-DD, or the year alone."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)


class AssignForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Case worker"), queryset=None)
    action = forms.ChoiceField(
        choices=[("add", _("Assign to the team")), ("remove", _("Remove from the team"))],
        initial="add",
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = candidates
