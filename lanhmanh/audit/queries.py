from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist

from .models import Change


def history_of(instance):
    """The record's changes, newest first, with who made them."""
    return Change.objects.filter(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=instance.pk,
    ).select_related("actor")


@dataclass
class FieldChange:
    label: str
    before: object
    after: object


def _shown(field, value):
    if value is None or field is None or isinstance(value, list):
        return value  # a list: the ids of a many-to-many field
    choices = dict(field.flatchoices) if field.choices else {}
    return choices.get(value, value)


def described(change: Change, model) -> list[FieldChange]:
    """A change's fields under their verbose names, choices by their labels."""
    rows = []
    for name, (before, after) in change.fields.items():
        try:
            field = model._meta.get_field(name)
            label = str(field.verbose_name)
        except FieldDoesNotExist:
            field, label = None, name
        rows.append(FieldChange(label, _shown(field, before), _shown(field, after)))
    return rows


def history_rows(instance) -> list[tuple[Change, list[FieldChange]]]:
    return [(change, described(change, type(instance))) for change in history_of(instance)]
