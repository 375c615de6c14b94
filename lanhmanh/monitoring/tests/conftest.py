"""A small world for the dashboards: tips, establishments, inspections and reports in the
cast's province (one of its communes, another commune, a historic commune merged into the
cast's commune in 2025) and in the other province, which nobody inside may see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from lanhmanh.places.models import AdministrativeUnit, Level, System, UnitContainment

TODAY = timezone.localdate


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def historic_commune_in(commune) -> AdministrativeUnit:
    """A commune of the three-tier list that went into ``commune`` on 1 July 2025."""
    return (
        AdministrativeUnit.objects.filter(
            pk__in=UnitContainment.objects.filter(outer=commune).values("inner_id"),
            system=System.THREE_TIER,
            level=Level.COMMUNE,
        )
        .order_by("code")
        .first()
    )


def another_commune(province, exclude):
    return (
        AdministrativeUnit.objects.current()
        .filter(level=Level.COMMUNE, parent=province)
        .exclude(pk=exclude.pk)
        .order_by("code")
        .first()
    )


@dataclass
class World:
    cast: object
    historic: AdministrativeUnit
    second: AdministrativeUnit
    outside: AdministrativeUnit
    plan: object
    period: object


def make_tip(commune, received: datetime.date, handled: bool = False, days_to_close: int = 5):
    from lanhmanh.tips.models import Category, Channel, Status, Tip

    tip = Tip.objects.create(
        channel=Channel.HOTLINE,
        commune=commune,
        category=Category.PROSTITUTION,
        content="Nội dung tin báo thử nghiệm về một cơ sở karaoke.",
        received_at=at(received),
    )
    if handled:
        tip.status = Status.HANDLED
        tip.closed_at = at(received + datetime.timedelta(days=days_to_close))
        tip.save()
    return tip


def make_establishment(commune, name, inspected_on=(), team=None):
    from lanhmanh.inspections import tallies
    from lanhmanh.inspections.models import Establishment, Inspection

    place = Establishment.objects.create(kind="karaoke", name=name, commune=commune)
    for day in inspected_on:
        Inspection.objects.create(establishment=place, team=team, inspected_on=day, kind="periodic")
    # Made past the register's actions (which keep the tallies): counted here.
    tallies.refresh({commune.pk}, {day.year for day in inspected_on})
    tallies.refresh_last_inspected({place.pk})
    return place


def populate(cast, today: datetime.date) -> World:
    from lanhmanh.plans.models import Plan, Target
    from lanhmanh.reporting.models import ReportingPeriod, ReportStatus, UnitReport

    historic = historic_commune_in(cast.commune)
    second = another_commune(cast.province, cast.commune)
    outside = another_commune(cast.other_province, cast.commune)
    old = today - datetime.timedelta(days=90)
    # Tips: overdue (open, deadline passed) in the commune, its historic predecessor, the
    # second commune and outside; one open and not yet due; one handled.
    make_tip(cast.commune, old)
    make_tip(historic, old)
    make_tip(second, old)
    make_tip(second, today)
    make_tip(cast.commune, old, handled=True)
    make_tip(outside, old)
    # Establishments inspected this month (one twice), last year, and never.
    month = today.replace(day=1)
    team = cast.province_agency
    make_establishment(cast.commune, "Karaoke Hoa Sen", [month, today], team)
    make_establishment(historic, "Nhà nghỉ Bến Thủy", [today], team)
    make_establishment(second, "Massage Thiên Thanh", [today], team)
    make_establishment(second, "Quán bar Sông Lam", [month - datetime.timedelta(days=400)], team)
    unvisited = make_establishment(cast.commune, "Khách sạn chưa kiểm tra")
    if today.month > 1:  # inspected this year, not this month
        make_establishment(second, "Nhà nghỉ Cửa Lò", [today.replace(month=1, day=1)], team)
    make_establishment(outside, "Karaoke ngoài tỉnh", [today], cast.other_agency)
    # Inspection plans: this month's (two establishments, one of them also in a plan of
    # last year), last year's, and the other province's.
    from lanhmanh.inspections.models import Establishment, InspectionPlan

    def inspection_plan(starts, ends, *places, team=team):
        plan = InspectionPlan.objects.create(team=team, title="KH", starts_on=starts, ends_on=ends)
        plan.establishments.set(places)
        return plan

    hoa_sen = Establishment.objects.get(name="Karaoke Hoa Sen")
    ben_thuy = Establishment.objects.get(name="Nhà nghỉ Bến Thủy")
    year_ago = today - datetime.timedelta(days=400)
    inspection_plan(month, month + datetime.timedelta(days=27), unvisited, ben_thuy)
    inspection_plan(year_ago, year_ago + datetime.timedelta(days=20), hoa_sen, unvisited)
    outside_place = Establishment.objects.get(name="Karaoke ngoài tỉnh")
    inspection_plan(month, month, outside_place, team=cast.other_agency)
    # An active plan with one target and a past reporting period: the province agency has
    # not reported, the commune reported late, the other province's agency is not counted.
    plan = Plan.objects.create(
        kind="ke_hoach",
        number="99/KH-TEST",
        title="Kế hoạch thử nghiệm",
        first_year=today.year,
        last_year=today.year,
        jurisdiction=cast.province,
        status="active",
    )
    Target.objects.create(
        plan=plan, text="Kiểm tra ít nhất 20% số cơ sở", kind="percent", op="ge", value=20
    )
    due = today - datetime.timedelta(days=10)
    period = ReportingPeriod.objects.create(
        plan=plan,
        key=f"{today.year}-X",
        frequency="ad_hoc",
        start=today.replace(month=1, day=1),
        end=due,
        due=due,
    )
    UnitReport.objects.create(period=period, agency=cast.province_agency)
    UnitReport.objects.create(
        period=period,
        agency=cast.commune_agency,
        status=ReportStatus.SUBMITTED,
        submitted_at=at(due + datetime.timedelta(days=3)),
    )
    return World(cast, historic, second, outside, plan, period)


@pytest.fixture
def world(cast):
    return populate(cast, timezone.localdate())
