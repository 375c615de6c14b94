from django import forms
from django.utils.translation import gettext_lazy as _

from lanhmanh.forms import ListedModelChoiceField
from lanhmanh.places.models import AdministrativeUnit, Level

from .actions import CONTENT_MIN, NOTE_MAX
from .models import CONTENT_MAX, Category, Channel, Outcome, Status
from .queries import agencies_for_tip, communes_for_user


def current_provinces():
    return AdministrativeUnit.objects.current().filter(level=Level.PROVINCE).order_by("name_search")


def communes_of(province):
    return (
        AdministrativeUnit.objects.current()
        .filter(level=Level.COMMUNE, province=province)
        .order_by("name_search")
    )


class ContactFields(forms.Form):
    sender_name = forms.CharField(label=_("Your name"), required=False, max_length=120)
    sender_phone = forms.CharField(label=_("Phone"), required=False, max_length=20)
    sender_email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)

    def contact(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data.get("sender_name", ""),
            "phone": data.get("sender_phone", ""),
            "email": data.get("sender_email", ""),
        }


class ProvinceForm(forms.Form):
    """Step one of the public form: the province, which narrows the list of communes."""

    province = forms.ModelChoiceField(
        label=_("Province or city"), queryset=AdministrativeUnit.objects.none()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = current_provinces()


class PublicTipForm(ContactFields):
    """Step two: the commune of the chosen province, what happened, an optional contact."""

    field_order = ["province", "commune", "category", "content"]

    province = forms.ModelChoiceField(
        queryset=AdministrativeUnit.objects.none(), widget=forms.HiddenInput
    )
    commune = ListedModelChoiceField(
        label=_("Commune or ward where it happens"), queryset=AdministrativeUnit.objects.none()
    )
    category = forms.ChoiceField(label=_("What is it about"), choices=Category.choices)
    content = forms.CharField(
        label=_("What did you see or hear"),
        min_length=CONTENT_MIN,
        max_length=CONTENT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Place, time, what happens. Do not write anything that identifies you here."),
    )

    def __init__(self, *args, province, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = current_provinces()
        self.fields["province"].initial = province.pk
        self.fields["commune"].queryset = communes_of(province)
        self.fields["sender_name"].help_text = _(
            "Optional. Leave the contact empty to stay anonymous. If given, it is encrypted and "
            "seen only by the agency that handles the tip."
        )


class StatusForm(forms.Form):
    code = forms.CharField(label=_("Reference code"), max_length=40)


class TipFilterForm(forms.Form):
    q = forms.CharField(label=_("Search the content"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("any")), *Status.choices]
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("any")), *Category.choices]
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    # Drill-down from the dashboards: everything inside one administrative unit.
    unit = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class TipIntakeForm(ContactFields):
    field_order = ["channel", "received_at", "commune", "category", "content"]

    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    received_at = forms.DateTimeField(
        label=_("Received at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    commune = ListedModelChoiceField(
        label=_("Commune or ward"), queryset=AdministrativeUnit.objects.none()
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    content = forms.CharField(
        label=_("Content"),
        min_length=CONTENT_MIN,
        max_length=CONTENT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes_for_user(user)
        self.fields["sender_name"].label = _("Sender's name")


class AssignForm(forms.Form):
    """Route the tip, or hand it over: to an agency covering its commune, other than the
    one handling it."""

    agency = forms.ModelChoiceField(label=_("Handling agency"), queryset=None)
    note = forms.CharField(label=_("Note"), required=False, max_length=NOTE_MAX)

    def __init__(self, *args, tip, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for_tip(tip).exclude(pk=tip.assigned_agency_id)


class VerifyForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=NOTE_MAX)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome of the verification"), choices=Outcome.choices)
    note = forms.CharField(
        label=_("How it was handled"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class RevealForm(forms.Form):
    reason = forms.CharField(label=_("Why you need the sender's contact"), max_length=200)
