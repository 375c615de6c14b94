"""The one shape of every API error answer: a reason, and the messages by field."""

from django.core.exceptions import ValidationError
from ninja import Schema
from ninja.responses import Status


class Problem(Schema):
    detail: str
    # Field name → its messages; "__all__" for what concerns the whole request.
    errors: dict[str, list[str]] = {}


def problem(exc: ValidationError, status: int = 400) -> Status:
    """A 4xx answer from a ValidationError, keeping every message under its field."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return Status(status, {"detail": exc.messages[0], "errors": errors})
