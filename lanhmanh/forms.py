"""Helpers shared by the apps' forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


def add_errors(form, exc: ValidationError) -> None:
    """An action's refusal shown on the field it concerns (or above the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class QuickSelect(forms.Select):
    """Django's ``<select>`` (the same elements and attributes) written in one pass:
    Django draws each option with a template of its own, and a province's communes in a
    list's filter took half of the page's time. Grouped choices are left to Django."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _options, _index in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _name, group, _index in widget["optgroups"]
                for option in group
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(widget["attrs"]), options
        )


class _ListedChoices(ModelChoiceIterator):
    """The choices read with one plain query: Django reads them with ``iterator()``, a
    server-side cursor on PostgreSQL whose round trips (declare, fetch, close) cost ten
    times the query for a province's communes."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class ListedModelChoiceField(forms.ModelChoiceField):
    """A model choice among a few hundred (a province's communes): read in one query and
    drawn by ``QuickSelect``."""

    iterator = _ListedChoices
    widget = QuickSelect
