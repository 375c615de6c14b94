"""The national dataset's activities stage: last year's and this year's communication
events, training courses, printed and media items, supervision visits, communes' own plans
and community models, in a country's proportions (about 40 records a commune a year), organised
by each province's Department of Health (made here if the province has none).

Rows go in with ``bulk_create`` or COPY (``insert``), with the communes each record reached
(its own commune); no history rows. Marked by the first record's title, so the stage runs
once.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from lanhmanh.activities.models import (
    EVENTS,
    Activity,
    ActivityKind,
    Audience,
    CommunityModel,
    Medium,
    ModelKind,
)
from lanhmanh.agencies.models import Agency, AgencyKind
from lanhmanh.demo.national_computed import analyze
from lanhmanh.text import fold

FIRST = "Hoạt động số 1 (dữ liệu thử nghiệm quốc gia)"  # marks the stage
ACTIVITIES = 260_000  # two years
MODELS = 5_000
# kind -> weight: talks and outreach at the communes, fewer conferences and courses.
KINDS = {
    ActivityKind.TALK: 30,
    ActivityKind.OUTREACH: 15,
    ActivityKind.CAMPAIGN: 8,
    ActivityKind.CONFERENCE: 6,
    ActivityKind.TRAINING: 8,
    ActivityKind.MEDIA: 15,
    ActivityKind.PRINTED: 10,
    ActivityKind.SUPERVISION: 5,
    ActivityKind.UNIT_PLAN: 3,
}


def _departments(provinces) -> dict[int, int]:
    """{province id: id of its Department of Health}, made where missing."""
    found = {}
    for province in provinces:
        agency = Agency.objects.filter(
            kind=AgencyKind.DEPARTMENT, jurisdiction=province, name__startswith="Sở Y tế"
        ).first()
        if agency is None:
            agency = Agency(
                name=f"Sở Y tế {province.name}", kind=AgencyKind.DEPARTMENT, jurisdiction=province
            )
            agency.save()
        found[province.pk] = agency.pk
    return found


def _fields(rng, kind) -> dict:
    fields = {}
    if kind in EVENTS or kind == ActivityKind.TRAINING:
        total = rng.randint(20, 200)
        women = rng.randint(0, total)
        fields.update(participants=total, women=women, men=total - women)
    if kind == ActivityKind.MEDIA:
        fields["medium"] = rng.choice([Medium.BROADCAST, Medium.ARTICLE, Medium.ONLINE])
    if kind == ActivityKind.PRINTED:
        fields["medium"] = rng.choice([Medium.LEAFLET, Medium.PANEL, Medium.POSTER])
        fields["quantity"] = rng.randint(100, 3000) if fields["medium"] == Medium.LEAFLET else 5
    if kind == ActivityKind.UNIT_PLAN:
        fields["document_number"] = f"{rng.randint(1, 200)}/KH-UBND"
    return fields


def generate_activities(provinces, communes, fraction: float, seed: int, insert) -> dict:
    """Activities and community models of last year and this one, once."""
    if Activity.objects.filter(title=FIRST).exists():
        return {}
    rng = random.Random(f"{seed}-activities")  # noqa: S311 - reproducible synthetic data
    today = timezone.localdate()
    # Last year's and this year's, as the reports of both years count them.
    year_start = datetime.date(today.year - 1, 1, 1)
    days = max((today - year_start).days, 0)
    count = max(1, round(ACTIVITIES * fraction))
    model_count = max(1, round(MODELS * fraction))
    kinds, weights = list(KINDS), list(KINDS.values())
    audiences = ["", *Audience.values]
    with transaction.atomic():
        departments = _departments(provinces)

        def activities():
            for i in range(count):
                commune_id, province_id = rng.choice(communes)
                kind = rng.choices(kinds, weights=weights)[0]
                at_province = kind in (ActivityKind.CONFERENCE, ActivityKind.SUPERVISION) or (
                    kind == ActivityKind.TRAINING and rng.random() < 0.5
                )
                title = FIRST if i == 0 else f"Hoạt động số {i + 1} (dữ liệu thử nghiệm quốc gia)"
                yield Activity(
                    kind=kind,
                    title=title,
                    held_on=year_start + datetime.timedelta(days=rng.randint(0, days)),
                    unit_id=province_id if at_province else commune_id,
                    organiser_id=departments[province_id],
                    audience=rng.choice(audiences),
                    visited_id=departments[province_id]
                    if kind == ActivityKind.SUPERVISION
                    else None,
                    search=fold(title),
                    **_fields(rng, kind),
                )

        made = insert(Activity, activities(), count, "activities")
        # A commune's activity reached its own commune; a province's, none named.
        reached = [(a.pk, a.unit_id) for a in made if a.unit_id not in departments]
        through = Activity.communes.through
        insert(
            through,
            iter(reached),
            len(reached),
            "activity communes",
            columns=("activity_id", "administrativeunit_id"),
        )

        def models():
            for i in range(model_count):
                commune_id, province_id = rng.choice(communes)
                name = f"Mô hình số {i + 1} (dữ liệu thử nghiệm quốc gia)"
                started = year_start - datetime.timedelta(days=rng.randint(-days, 900))
                yield CommunityModel(
                    name=name,
                    kind=rng.choice(ModelKind.values),
                    unit_id=commune_id,
                    organiser_id=departments[province_id],
                    audience=rng.choice(audiences),
                    started_on=started,
                    stopped_on=None
                    if rng.random() < 0.85
                    else min(today, started + datetime.timedelta(days=400)),
                    search=fold(name),
                )

        kept = insert(CommunityModel, models(), model_count, "community models")
        model_through = CommunityModel.communes.through
        insert(
            model_through,
            ((m.pk, m.unit_id) for m in kept),
            len(kept),
            "model communes",
            columns=("communitymodel_id", "administrativeunit_id"),
        )
        analyze(Activity, CommunityModel, through, model_through)
    return {"activities": count, "community_models": model_count}
