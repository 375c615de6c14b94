"""Register figures for the reporting catalogue (``Indicator.compute``): sanctions decided
inside ``area`` (a set of unit ids) between ``start`` and ``end``."""

from __future__ import annotations

import datetime

from django.db.models import Sum

from lanhmanh.places.models import UnitContainment

from .models import Behaviour, Form, Sanction


def decided(area, start: datetime.date, end: datetime.date):
    inside = UnitContainment.objects.filter(outer_id__in=list(area)).values("inner_id")
    return Sanction.objects.filter(commune__in=inside, decided_on__range=(start, end))


def imposed(area, start, end) -> int:
    return decided(area, start, end).count()


def fines_amount(area, start, end) -> int:
    return decided(area, start, end).filter(form=Form.FINE).aggregate(s=Sum("amount"))["s"] or 0


def selling(area, start, end) -> int:
    return decided(area, start, end).filter(behaviour=Behaviour.SELLING).count()


def buying(area, start, end) -> int:
    return decided(area, start, end).filter(behaviour=Behaviour.BUYING).count()


def on_establishments(area, start, end) -> int:
    return decided(area, start, end).filter(subject="establishment").count()
