from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lanhmanh.forms import ListedModelChoiceField
from lanhmanh.places.models import AdministrativeUnit

from .actions import ACTIVITY_FIELDS, MODEL_FIELDS
from .models import Activity, ActivityKind, Audience, CommunityModel, ModelKind

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def _date_field(label, required=False):
    return forms.DateField(
        label=label, required=required, widget=DATE_INPUT, input_formats=DATE_FORMATS
    )


class SearchForm(forms.Form):
    """The list's filters; ``area``, ``from`` and ``to`` are also what a figure's link
    carries (``places.filters``), so a linked list shows them in the form."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[])
    area = ListedModelChoiceField(
        label=_("Commune or province"),
        required=False,
        queryset=AdministrativeUnit.objects.none(),
        empty_label=_("Everywhere in my area"),
    )
    organiser = ListedModelChoiceField(
        label=_("Organiser"),
        required=False,
        queryset=AdministrativeUnit.objects.none(),
        empty_label=_("All organisers"),
    )
    audience = forms.ChoiceField(
        label=_("Audience"), required=False, choices=[("", _("All")), *Audience.choices]
    )
    from_ = _date_field(_("From"))
    to = _date_field(_("To"))

    kinds = [
        ("", _("All")),
        ("communication", _("All communication")),
        ("events", _("Communication events")),
        *ActivityKind.choices,
    ]

    def __init__(self, *args, units=None, organisers=None, **kwargs):
        super().__init__(*args, **kwargs)
        # ``from`` is a keyword: the field is ``from_`` in Python, ``from`` in the URL.
        self.fields["from"] = self.fields.pop("from_")
        self.order_fields(["q", "kind", "area", "organiser", "audience", "from", "to"])
        self.fields["kind"].choices = self.kinds
        if units is not None:
            self.fields["area"].queryset = units
        if organisers is not None:
            self.fields["organiser"].queryset = organisers

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and end < start:
            self.add_error("to", _("The end comes before the start."))
        return data


class ModelSearchForm(SearchForm):
    kinds = [("", _("All")), *ModelKind.choices]


class _PlacedForm(forms.ModelForm):
    """The organiser, the unit and the communes, among those the user may record in."""

    def __init__(self, *args, units=None, organisers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            kept = Q(pk__in=units.values("pk"))
            if self.instance.pk:
                # A record kept under a unit since merged keeps it.
                kept |= Q(pk=self.instance.unit_id)
            self.fields["unit"].queryset = AdministrativeUnit.objects.filter(kept).order_by(
                "level", "name_search", "pk"
            )
            self.fields["communes"].queryset = units.filter(level="commune")
        if organisers is not None:
            self.fields["organiser"].queryset = organisers
            if "visited" in self.fields:
                self.fields["visited"].queryset = organisers
        self.fields["communes"].required = False
        self.fields["communes"].help_text = _(
            "Other communes the activity reached; its own commune counts by itself."
        )


class ActivityForm(_PlacedForm):
    class Meta:
        model = Activity
        # What the action changes, with the communes after the unit they lie in.
        fields = [*ACTIVITY_FIELDS[:5], "communes", *ACTIVITY_FIELDS[5:]]
        widgets = {
            "held_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 3}),
            "communes": forms.SelectMultiple(attrs={"size": 6}),
        }
        field_classes = {"held_on": forms.DateField, "ends_on": forms.DateField}
        help_texts = {
            "participants": _("Events and courses: how many took part."),
            "medium": _("Printed and media items only."),
            "document_number": _("A unit's own plan only."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("held_on", "ends_on"):
            self.fields[name].input_formats = DATE_FORMATS


class CommunityModelForm(_PlacedForm):
    class Meta:
        model = CommunityModel
        fields = [*MODEL_FIELDS[:3], "communes", *MODEL_FIELDS[3:]]
        widgets = {
            "started_on": DATE_INPUT,
            "stopped_on": DATE_INPUT,
            "reviewed_on": DATE_INPUT,
            "review": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "communes": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("started_on", "stopped_on", "reviewed_on"):
            self.fields[name].input_formats = DATE_FORMATS


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))


class ImportForm(forms.Form):
    province = ListedModelChoiceField(
        label=_("Province"), queryset=AdministrativeUnit.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "An .xlsx or .csv file with the columns: kind, title, date, commune, organiser, "
            "audience, participants, women, men, medium, quantity, unit visited, document "
            "number, description. Nothing is imported unless every row is right."
        ),
    )

    def __init__(self, *args, provinces=None, **kwargs):
        super().__init__(*args, **kwargs)
        if provinces is not None:
            self.fields["province"].queryset = provinces


class ModelImportForm(ImportForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "An .xlsx or .csv file with the columns: name, kind, started on, commune, "
            "organiser, audience, stopped on, reviewed on, review, description. Nothing is "
            "imported unless every row is right."
        ),
    )
