"""Things valid between two dates (units, agencies): one definition of "valid on a day".

An empty ``valid_from`` means "since before our records", an empty ``valid_to`` "still".
"""

import datetime

from django.db.models import Q


def valid_on(day: datetime.date, prefix: str = "") -> Q:
    """Q for rows valid on ``day``; ``prefix`` reaches them through a relation."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


def is_valid_on(obj, day: datetime.date) -> bool:
    return (obj.valid_from is None or obj.valid_from <= day) and (
        obj.valid_to is None or obj.valid_to >= day
    )
