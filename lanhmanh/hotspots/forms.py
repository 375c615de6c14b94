from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.forms import ListedModelChoiceField
from lanhmanh.places.models import AdministrativeUnit

from .models import Hotspot, HotspotStatus

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class HotspotSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Name, address or establishment; with or without diacritics."),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *HotspotStatus.choices]
    )
    commune = ListedModelChoiceField(
        label=_("Commune"),
        required=False,
        queryset=AdministrativeUnit.objects.none(),
        empty_label=_("All communes"),
    )

    def __init__(self, *args, communes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if communes is not None:
            self.fields["commune"].queryset = communes


class HotspotForm(forms.ModelForm):
    class Meta:
        model = Hotspot
        fields = [
            "name",
            "commune",
            "address",
            "kind",
            "establishment_name",
            "latitude",
            "longitude",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "latitude": _("Decimal degrees, e.g. 18.6796. Optional."),
            "longitude": _("Decimal degrees, e.g. 105.6813. Optional."),
        }

    def __init__(self, *args, communes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if communes is not None:
            queryset = communes
            if self.instance.pk and self.instance.commune_id:
                # A hotspot kept under a unit that has since been merged keeps it.
                queryset = AdministrativeUnit.objects.filter(
                    Q(pk__in=communes.values("pk")) | Q(pk=self.instance.commune_id)
                ).order_by("name_search", "pk")
            self.fields["commune"].queryset = queryset


class HotspotCreateForm(HotspotForm):
    status = forms.ChoiceField(
        label=_("Status now"),
        choices=HotspotStatus.choices,
        initial=HotspotStatus.ACTIVE,
        help_text=_("Usually active; a hotspot found already broken up may be registered so."),
    )
    status_since = forms.DateField(
        label=_("Since"),
        widget=DATE_INPUT,
        input_formats=DATE_FORMATS,
        help_text=_("The day the hotspot was found, or took its present status."),
    )

    def clean_status_since(self):
        day = self.cleaned_data["status_since"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day


class StatusChangeForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=[])
    on = forms.DateField(label=_("Date"), widget=DATE_INPUT, input_formats=DATE_FORMATS)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, hotspot=None, **kwargs):
        super().__init__(*args, **kwargs)
        if hotspot is not None:
            self.fields["to_status"].choices = [
                (value, HotspotStatus(value).label) for value in hotspot.allowed_statuses
            ]


class CheckForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE_INPUT, input_formats=DATE_FORMATS)
    agency = forms.ModelChoiceField(
        label=_("By agency"),
        required=False,
        queryset=AdministrativeUnit.objects.none(),
        empty_label=_("— not given —"),
    )
    found_activity = forms.BooleanField(
        label=_("Prostitution was going on"),
        required=False,
        help_text=_("At a broken-up or monitored hotspot this records that it recurred."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies
