from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Level


class UnitSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or code"), required=False, max_length=100)
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *Level.choices]
    )
    as_of = forms.DateField(
        label=_("Valid on"),
        required=False,
        help_text=_("dd/mm/yyyy; empty for today. Dates before 01/07/2025 show the old units."),
    )
