from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AgencyKind


class AgencySearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *AgencyKind.choices]
    )
    include_former = forms.BooleanField(label=_("Include dissolved agencies"), required=False)
