"""Load the indicator catalogue (``catalogue.INDICATORS``) into the database: an upsert
by code, so a catalogue update reaches existing databases; indicators an administrator
added by hand are left alone."""

from __future__ import annotations

from django.db import transaction

from .catalogue import INDICATORS
from .models import Indicator


@transaction.atomic
def load_indicators() -> int:
    by_code = {}
    for spec in INDICATORS:
        indicator, _created = Indicator.objects.update_or_create(
            code=spec.code,
            defaults={
                "name_vi": spec.name_vi,
                "name_en": spec.name_en,
                "kind": spec.kind,
                "aggregation": spec.aggregation,
                "source": spec.source,
                "compute": spec.compute or "",
                "unit_vi": spec.unit_vi,
                "unit_en": spec.unit_en,
            },
        )
        by_code[spec.code] = indicator
    for spec in INDICATORS:
        if spec.numerator or spec.denominator:
            Indicator.objects.filter(code=spec.code).update(
                numerator=by_code.get(spec.numerator), denominator=by_code.get(spec.denominator)
            )
    return len(by_code)
