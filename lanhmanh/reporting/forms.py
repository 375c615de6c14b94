from django import forms
from django.utils.translation import gettext_lazy as _

from lanhmanh.indicators.models import Source

from .models import ReportValue


class ReportForm(forms.Form):
    """One field per indicator the report asks for, a comment beside each, the narratives."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    results = forms.CharField(
        label=_("Results achieved"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    difficulties = forms.CharField(
        label=_("Difficulties"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    proposals = forms.CharField(
        label=_("Proposals"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, report, indicators, computed=None, **kwargs):
        """``computed``: indicator id → the register's value, shown locked (see
        :func:`lanhmanh.reporting.queries.register_values`)."""
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        current = {v.indicator_id: v for v in ReportValue.objects.filter(report=report)}
        self.initial.setdefault("version", report.version)
        for name in ("results", "difficulties", "proposals"):
            self.initial.setdefault(name, getattr(report, name))
        self.rows = []
        # Figures the registers give (communes, units, establishments, people in scope…)
        # are shown, never asked: no input, whatever the unit.
        self.register_rows = []
        for indicator in indicators:
            if indicator.numerator_id and indicator.denominator_id:
                continue  # a share is computed from its parts, never typed
            value = current.get(indicator.pk)
            if indicator.source == Source.COMPUTED:
                # the register's figure as of now (a GET writes nothing: it is stored
                # when the report is saved or submitted), else the one stored
                if computed and indicator.pk in computed:
                    shown = computed[indicator.pk]
                else:
                    shown = value.value if value else None
                self.register_rows.append((indicator, shown))
                continue
            locked, initial = bool(value and value.computed), value.value if value else None
            self.fields[f"value_{indicator.code}"] = forms.DecimalField(
                label=indicator.name,
                required=False,
                min_value=0,
                max_value=100 if indicator.kind == "percent" else None,
                max_digits=14,
                decimal_places=2,
                disabled=locked,
                initial=initial,
                localize=True,
            )
            self.fields[f"comment_{indicator.code}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=500,
                initial=value.comment if value else "",
            )
            self.rows.append((indicator, f"value_{indicator.code}", f"comment_{indicator.code}"))

    def bound_rows(self):
        return [(indicator, self[v], self[c]) for indicator, v, c in self.rows]


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What needs correcting"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why reopen this approved report"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
