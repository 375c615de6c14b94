"""Activity figures for the indicators, by the names the catalogue gives them
(``activities.<name>``), each with the list behind it (``REGISTERED``, read by
``ActivitiesConfig.ready``).

``area`` is a set of unit ids: a record counts when the unit it is kept under lies inside
one of them (``UnitContainment``, which also places historic communes inside today's
units). Periods are inclusive. Every function filters through ``queries.filter_activities``
or ``queries.filter_models`` with the same ``Filters`` its list link carries, so the list
behind a figure holds exactly the records the figure counts.

- ``events_held``: conferences, talks, campaign days and outreach sessions held;
- ``media_items``: broadcasts, articles and online posts (one record, one item);
- ``trainings_held`` and ``trainees``: training courses and their participants;
- ``supervision_visits``: supervision visits of the programme made;
- ``communes_with_communication``: communes inside the area that a communication
  activity kept inside the area reached (events, courses, printed and media items);
- ``leaflets`` and ``panels``: copies of leaflets and booklets printed; posters, panels
  and banners put up;
- ``units_with_plan``: agencies that registered a plan of their own (distinct
  organisers of ``unit_plan`` records);
- ``models_built``: community models started; ``models_active``: models running at
  some time in the period; ``communes_with_model``: communes such a model serves.
"""

from __future__ import annotations

import datetime

from django.db.models import Sum

from lanhmanh.indicators.registry import Records

from .models import Activity, ActivityKind, CommunityModel
from .queries import Filters, communes_reached, filter_activities, filter_models

LIST = "activities:list"
MODELS = "activities:models"
KIND = "activity"
MODELS_DATES = ("active_from", "active_to")


def _activities(area, start, end, kind: str, medium: str = ""):
    return filter_activities(
        Activity.objects.all(),
        Filters(kind=kind, area=area, start=start, end=end, medium=medium),
    )


def _count(kind: str):
    def figure(area: set[int], start: datetime.date, end: datetime.date) -> int:
        return _activities(area, start, end, kind).count()

    figure.__name__ = f"count_{kind}"
    return figure


events_held = _count("events")
media_items = _count(ActivityKind.MEDIA)
trainings_held = _count(ActivityKind.TRAINING)
supervision_visits = _count(ActivityKind.SUPERVISION)


def trainees(area, start, end) -> int:
    found = _activities(area, start, end, ActivityKind.TRAINING).aggregate(n=Sum("participants"))
    return found["n"] or 0


def _quantity(medium: str):
    def figure(area, start, end) -> int:
        found = _activities(area, start, end, ActivityKind.PRINTED, medium).aggregate(
            n=Sum("quantity")
        )
        return found["n"] or 0

    figure.__name__ = medium
    return figure


leaflets = _quantity("leaflets")
panels = _quantity("panels")


def communes_with_communication(area, start, end) -> int:
    return communes_reached(_activities(area, start, end, "communication"), area)


def units_with_plan(area, start, end) -> int:
    plans = _activities(area, start, end, ActivityKind.UNIT_PLAN)
    return plans.values("organiser").distinct().count()


def _models(area, start, end, built: bool):
    models = CommunityModel.objects.all()
    if built:
        return filter_models(models, Filters(area=area, start=start, end=end))
    return filter_models(models, Filters(area=area), active_from=start, active_to=end)


def models_built(area, start, end) -> int:
    return _models(area, start, end, built=True).count()


def models_active(area, start, end) -> int:
    return _models(area, start, end, built=False).count()


def communes_with_model(area, start, end) -> int:
    return communes_reached(_models(area, start, end, built=False), area)


def _list(kind: str = "", total: str = "", **extra) -> Records:
    return Records(LIST, KIND, {"kind": kind, **extra} if kind else extra, total=total)


# (name, function, the list behind it); ``leaflets`` and ``panels`` list the printed
# items (their figure is the sum of the quantities the list shows).
REGISTERED = (
    ("events_held", events_held, _list("events")),
    ("media_items", media_items, _list(ActivityKind.MEDIA)),
    ("trainings_held", trainings_held, _list(ActivityKind.TRAINING)),
    ("trainees", trainees, _list(ActivityKind.TRAINING, total="totals.participants")),
    ("supervision_visits", supervision_visits, _list(ActivityKind.SUPERVISION)),
    (
        "communes_with_communication",
        communes_with_communication,
        _list("communication", total="totals.communes"),
    ),
    ("leaflets", leaflets, _list(ActivityKind.PRINTED, "totals.quantity", medium="leaflets")),
    ("panels", panels, _list(ActivityKind.PRINTED, "totals.quantity", medium="panels")),
    ("units_with_plan", units_with_plan, _list(ActivityKind.UNIT_PLAN, "totals.organisers")),
    ("models_built", models_built, Records(MODELS, KIND)),
    ("models_active", models_active, Records(MODELS, KIND, dates=MODELS_DATES)),
    (
        "communes_with_model",
        communes_with_model,
        Records(MODELS, KIND, dates=MODELS_DATES, total="communes"),
    ),
)
