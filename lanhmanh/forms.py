"""Helpers shared by the apps' forms."""

from django.core.exceptions import ValidationError


def add_errors(form, exc: ValidationError) -> None:
    """An action's refusal shown on the field it concerns (or above the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
