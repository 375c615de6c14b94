from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.forms import ListedModelChoiceField
from lanhmanh.places.models import AdministrativeUnit

from .models import FIRST_YEAR, CriteriaSet, Criterion, Status

RESULTS = [("", _("All")), ("healthy", _("Met (lành mạnh)")), ("not_healthy", _("Not met"))]


def year_choices():
    this_year = timezone.localdate().year
    return [(y, str(y)) for y in range(this_year, FIRST_YEAR - 1, -1)]


class AssessmentSearchForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=[])
    q = forms.CharField(
        label=_("Commune"),
        required=False,
        max_length=100,
        help_text=_("Name of the commune or ward; with or without diacritics."),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Status.choices]
    )
    result = forms.ChoiceField(label=_("Result"), required=False, choices=RESULTS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()


class AssessmentCreateForm(forms.Form):
    commune = ListedModelChoiceField(
        label=_("Commune"),
        queryset=AdministrativeUnit.objects.none(),
        help_text=_("Before 2025, the commune as it was then (before the merger)."),
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, communes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if communes is not None:
            self.fields["commune"].queryset = communes


class ScoresForm(forms.Form):
    """Points and evidence for every criterion of the assessment's set, one pair of
    fields per criterion (``points_<id>``, ``evidence_<id>``)."""

    summary = forms.CharField(
        label=_("Summary of the year"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, scores=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for score in scores:
            criterion = score.criterion
            points = forms.IntegerField(
                label=_("Points (0–%(max)s)") % {"max": criterion.max_points},
                required=False,
                min_value=0,
                max_value=criterion.max_points,
                initial=score.points,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "points"}),
            )
            evidence = forms.CharField(
                label=_("Evidence"),
                required=False,
                max_length=5000,
                initial=score.evidence,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"points_{criterion.pk}"] = points
            self.fields[f"evidence_{criterion.pk}"] = evidence
            self.rows.append(criterion)

    def groups(self):
        """[(group, [(criterion, points field, evidence field)])] for the template."""
        grouped = []
        for criterion in self.rows:
            row = (criterion, self[f"points_{criterion.pk}"], self[f"evidence_{criterion.pk}"])
            if grouped and grouped[-1][0] == criterion.group:
                grouped[-1][1].append(row)
            else:
                grouped.append((criterion.group, [row]))
        return grouped

    def scores(self) -> dict[int, dict]:
        return {
            c.pk: {
                "points": self.cleaned_data.get(f"points_{c.pk}"),
                "evidence": self.cleaned_data.get(f"evidence_{c.pk}", ""),
            }
            for c in self.rows
        }


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            ("approve", _("Approve the assessment")),
            ("return", _("Return it to the commune for corrections")),
        ],
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you return the assessment: say what to correct."),
    )


class ReopenForm(forms.Form):
    comment = forms.CharField(
        label=_("Why is the approval taken back?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Document of evidence"),
        help_text=_("PDF, Word, Excel or an image; at most 10 MB."),
    )


class CriteriaSetForm(forms.ModelForm):
    class Meta:
        model = CriteriaSet
        fields = [
            "name",
            "jurisdiction",
            "first_year",
            "last_year",
            "threshold",
            "healthy_label",
            "not_healthy_label",
            "basis",
        ]
        widgets = {"basis": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, provinces=None, national=False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["jurisdiction"]
        if provinces is not None:
            field.queryset = provinces
        field.required = not national
        field.empty_label = _("— national set —") if national else None


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["group", "code", "text", "max_points", "mandatory"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


CriterionFormSet = forms.modelformset_factory(
    Criterion, form=CriterionForm, extra=2, can_delete=True
)
