"""The national dataset's reporting stage: every province's plans, calendar and reports.

Per province, an active plan for the current year and last year's (closed) plan, each with
targets on the whole indicator catalogue, the duties of the province's departments and of
every commune's People's Committee, and the four reporting rules of the seed plans
(monthly police-style statistics, quarterly by the 15th of the quarter's last month,
half-year by 25/6 and 25/12, year by 25/12). Periods come from
:mod:`lanhmanh.reporting.calendar` as ``build_calendar`` makes them (keys ``2026``,
``2026-H1``, ``2026-Q3``, ``2026-05``…), and every reporting unit has a report in each.

A unit's report holds the values the unit types in (count indicators that concern it under
:mod:`lanhmanh.indicators.concerns`, a percent through its numerator and denominator), year
to date: flows grow through the year, stocks hold. A commune's report also holds the
register figures ``prefill_computed`` would have stored (``computed``, derived in bulk by
:mod:`.national_computed`); the province-level units' reports do not (the roll-up takes
register figures from the registers anyway).

Reports of periods that are over, or due within five weeks (the year's reports are written
in November and December), are mostly approved; some are submitted, returned, still in draft
or missing, and some came in late. Later periods are drafts without values.

At ``fraction`` 1.0 every commune reports; a smaller fraction keeps the first communes of
each province (and fewer departments) so that tests stay small.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from lanhmanh.agencies.models import Agency, AgencyKind
from lanhmanh.demo.national_computed import CODES, Figures, analyze
from lanhmanh.indicators.catalogue import INDICATORS
from lanhmanh.indicators.concerns import Unit, codes_by_unit
from lanhmanh.indicators.loader import load_indicators
from lanhmanh.indicators.models import Indicator
from lanhmanh.indicators.registry import computable
from lanhmanh.plans.models import (
    Duty,
    Frequency,
    Plan,
    PlanKind,
    PlanStatus,
    ReportingRule,
    Target,
)
from lanhmanh.reporting.calendar import periods_for_rule
from lanhmanh.reporting.models import ReportingPeriod, ReportStatus, ReportValue, UnitReport
from lanhmanh.text import fold

PLAN_NUMBER = "{number}/KH-QG"  # the generated plans' numbers; 1/KH-QG marks the stage
VALUE_BATCH = 20_000

#: (frequency, due day, due month) as the seed plans set them.
RULES = (
    (Frequency.MONTHLY, None, None),
    (Frequency.QUARTERLY, 15, None),
    (Frequency.SEMIANNUAL, 25, 6),
    (Frequency.ANNUAL, 25, 12),
)

#: The province's reporting units besides the police and the Team 178 (made by the
#: register stage): (kind, name prefix, what the plan asks of it). The first is the
#: standing agency of the programme.
DEPARTMENTS = (
    (
        AgencyKind.DEPARTMENT,
        "Sở Y tế",
        "Chủ trì, tham mưu tổ chức thực hiện kế hoạch; hỗ trợ người bán dâm tái hòa nhập "
        "cộng đồng; tập huấn nâng cao năng lực cho cán bộ; giám sát, đôn đốc các đơn vị; "
        "đánh giá, công nhận xã, phường lành mạnh.",
    ),
    (
        AgencyKind.DEPARTMENT,
        "Sở Văn hóa, Thể thao và Du lịch",
        "Kiểm tra các cơ sở kinh doanh dịch vụ văn hóa, du lịch; tuyên truyền cho người lao "
        "động tại các cơ sở kinh doanh dịch vụ.",
    ),
    (
        AgencyKind.DEPARTMENT,
        "Sở Giáo dục và Đào tạo",
        "Tuyên truyền, giáo dục cho học sinh, sinh viên trong nhà trường, hoạt động ngoại khóa.",
    ),
    (
        AgencyKind.DEPARTMENT,
        "Sở Tư pháp",
        "Tuyên truyền, phổ biến pháp luật; trợ giúp pháp lý cho người bán dâm.",
    ),
    (
        AgencyKind.DEPARTMENT,
        "Ban Quản lý các khu công nghiệp",
        "Tuyên truyền cho công nhân tại các khu công nghiệp.",
    ),
    (AgencyKind.MEDIA, "Báo và Phát thanh, Truyền hình", "Mở chuyên trang, chuyên mục, tin, bài."),
    (
        AgencyKind.MASS_ORGANISATION,
        "Hội Liên hiệp Phụ nữ",
        "Tuyên truyền cho hội viên; xây dựng mô hình hỗ trợ phụ nữ; vay vốn, học nghề.",
    ),
    (
        AgencyKind.MASS_ORGANISATION,
        "Tỉnh Đoàn",
        "Tuyên truyền cho đoàn viên, thanh niên; xây dựng mô hình.",
    ),
    (
        AgencyKind.BORDER_GUARD,
        "Bộ Chỉ huy Bộ đội Biên phòng",
        "Đấu tranh với tội phạm mua bán người qua biên giới.",
    ),
    (
        AgencyKind.PROCURACY,
        "Viện Kiểm sát nhân dân",
        "Truy tố các vụ án liên quan đến mại dâm.",
    ),
    (AgencyKind.COURT, "Tòa án nhân dân", "Xét xử các vụ án liên quan đến mại dâm."),
    (
        AgencyKind.SERVICE_PROVIDER,
        "Trung tâm Công tác xã hội",
        "Cung cấp dịch vụ xã hội, hỗ trợ người bán dâm học nghề, tìm việc làm.",
    ),
)
POLICE_DUTY = (
    "Đấu tranh triệt phá các đường dây, tụ điểm mại dâm; xử lý vi phạm hành chính; tiếp nhận, "
    "xử lý tố giác, tin báo."
)
TEAM_DUTY = "Kiểm tra các cơ sở kinh doanh dịch vụ; xử phạt vi phạm hành chính."
COMMUNE_DUTY = (
    "Xây dựng kế hoạch, lồng ghép vào chương trình phát triển kinh tế - xã hội; tuyên truyền "
    "đến từng thôn, tổ dân phố, cho học sinh, công nhân, hội viên, đoàn viên, đăng tin, bài "
    "trên đài truyền thanh; kiểm tra các cơ sở kinh doanh dịch vụ trên địa bàn; phát hiện, "
    "đấu tranh với các đường dây, giải tỏa tụ điểm; hỗ trợ người bán dâm; xây dựng mô hình; "
    "tập huấn cho cán bộ; giám sát thôn, tổ dân phố; phấn đấu đạt xã, phường lành mạnh."
)

#: Yearly magnitude of a commune's figure (low, high); a department's is ten times it.
#: Wholes (stocks) hold through the year; the rest are flows that grow to the year's figure.
MAGNITUDES = {
    "communes_total": (1, 1),
    "communes_with_communication": (0, 1),
    "communes_with_model": (0, 1),
    "media_items": (5, 60),
    "conferences_held": (1, 8),
    "leaflets_produced": (50, 1500),
    "posters_produced": (1, 12),
    "business_workers_total": (10, 400),
    "industrial_workers_total": (0, 3000),
    "students_total": (300, 4000),
    "officials_total": (40, 500),
    "units_total": (4, 25),
    "establishments_harbouring": (0, 2),
    "crime_cases_detected": (0, 4),
    "rings_broken_up": (0, 2),
    "cases_prosecuted": (0, 6),
    "cases_tried": (0, 6),
    "defendants_tried": (0, 12),
    "hotspots_active": (0, 3),
    "hotspots_cleared_total": (0, 6),
    "training_courses_held": (0, 4),
    "staff_total": (4, 30),
    "models_built": (0, 2),
    "models_maintained": (0, 3),
    "supervision_visits": (0, 10),
}
DEFAULT_MAGNITUDE = (0, 10)


def _stage_rng(seed: int) -> random.Random:
    return random.Random(f"{seed}-reports")  # noqa: S311 - reproducible synthetic data


def generate_reports(
    provinces, communes, police, teams, fraction: float, seed: int, progress, insert
) -> dict:
    """The plans, periods, unit reports and report values of every province, once.

    ``provinces`` are the current provinces, ``communes`` (pk, province pk) pairs of the
    current communes in code order, ``police`` and ``teams`` province pk → agency pk.
    Returns the counts made, or {} when the stage was already there.
    """
    today = timezone.localdate()
    if Plan.objects.filter(number=PLAN_NUMBER.format(number=1), first_year=today.year).exists():
        return {}
    rng = _stage_rng(seed)
    with transaction.atomic():
        load_indicators()
        indicators = {
            i.code: i for i in Indicator.objects.select_related("numerator", "denominator")
        }
        typed = {code for code, i in indicators.items() if i.kind == "count" and not computable(i)}
        units_of, where = _units(provinces, communes, police, teams, fraction, progress)
        years = (today.year - 1, today.year)
        plans = _plans(provinces, units_of, years, today, progress)
        periods = _periods(plans)
        asked = _asked(units_of, indicators)
        reports = _reports(plans, periods, units_of, today, rng, insert, progress)
        registers = Figures(set(where.values()), years)
        values = _values(reports, asked, typed, indicators, rng, insert, (where, registers))
        analyze(Agency, Plan, Target, Duty, ReportingPeriod, UnitReport, ReportValue)
    return {
        "plans": len(plans),
        "reporting_units": sum(len(units) for units in units_of.values()),
        "periods": sum(len(p) for p in periods.values()),
        "unit_reports": len(reports),
        "report_values": values,
    }


def _units(provinces, communes, police, teams, fraction, progress):
    """province pk → its reporting units (as :class:`concerns.Unit`, the standing agency
    first), making the departments and the communes' People's Committees that are missing;
    and the communes' committees' pks → their communes."""
    by_province: dict[int, list[int]] = {}
    for commune_id, province_id in communes:
        by_province.setdefault(province_id, []).append(commune_id)
    wanted_communes = {
        province.pk: by_province.get(province.pk, [])[
            : max(1, round(len(by_province.get(province.pk, [])) * fraction))
        ]
        for province in provinces
    }
    departments = DEPARTMENTS[: max(2, round(len(DEPARTMENTS) * min(1.0, fraction * 20)))]
    names = {p.pk: p.name for p in provinces}
    committees = {
        jurisdiction: pk
        for pk, jurisdiction in Agency.objects.filter(
            kind=AgencyKind.PEOPLES_COMMITTEE,
            jurisdiction_id__in=[c for ids in wanted_communes.values() for c in ids],
        ).values_list("pk", "jurisdiction_id")
    }
    from lanhmanh.places.models import AdministrativeUnit

    commune_names = dict(
        AdministrativeUnit.objects.filter(
            pk__in=[c for ids in wanted_communes.values() for c in ids]
        ).values_list("pk", "name")
    )
    existing = {
        (kind, jurisdiction, name): pk
        for pk, kind, jurisdiction, name in Agency.objects.filter(
            jurisdiction_id__in=names
        ).values_list("pk", "kind", "jurisdiction_id", "name")
    }
    new = []
    for province in provinces:
        for kind, prefix, _duty in departments:
            name = f"{prefix} {province.name}"
            if (kind, province.pk, name) not in existing:
                new.append(Agency(name=name, kind=kind, jurisdiction_id=province.pk))
        for commune_id in wanted_communes[province.pk]:
            if commune_id not in committees:
                new.append(
                    Agency(
                        name=f"Ủy ban nhân dân {commune_names[commune_id]}",
                        kind=AgencyKind.PEOPLES_COMMITTEE,
                        jurisdiction_id=commune_id,
                    )
                )
    for agency in new:
        agency.name_search = fold(agency.name)
        agency.short_name_search = ""
    for start in range(0, len(new), 5_000):
        Agency.objects.bulk_create(new[start : start + 5_000])
        progress("agencies", min(start + 5_000, len(new)), len(new))
    for agency in new:
        if agency.kind == AgencyKind.PEOPLES_COMMITTEE:
            committees[agency.jurisdiction_id] = agency.pk
        else:
            existing[(agency.kind, agency.jurisdiction_id, agency.name)] = agency.pk
    units: dict[int, list[Unit]] = {}
    for province in provinces:
        mine = [
            Unit(
                id=existing[(kind, province.pk, f"{prefix} {province.name}")],
                kind=kind,
                duty_texts=(duty,),
                standing=index == 0,
            )
            for index, (kind, prefix, duty) in enumerate(departments)
        ]
        mine.append(Unit(id=police[province.pk], kind=AgencyKind.POLICE, duty_texts=(POLICE_DUTY,)))
        mine.append(
            Unit(id=teams[province.pk], kind=AgencyKind.INSPECTION_TEAM, duty_texts=(TEAM_DUTY,))
        )
        mine.extend(
            Unit(
                id=committees[commune_id],
                kind=AgencyKind.PEOPLES_COMMITTEE,
                duty_texts=(COMMUNE_DUTY,),
            )
            for commune_id in wanted_communes[province.pk]
        )
        units[province.pk] = mine
    where = {committees[c]: c for ids in wanted_communes.values() for c in ids}
    return units, where


def _plans(provinces, units_of, years, today, progress) -> list[Plan]:
    """Last year's (closed) and this year's (active) plan of every province, with targets
    on the whole catalogue, duties and reporting rules."""
    plans = []
    for year in years:
        for number, province in enumerate(provinces, start=1):
            plans.append(
                Plan(
                    kind=PlanKind.KE_HOACH,
                    number=PLAN_NUMBER.format(number=number),
                    issued_on=datetime.date(year - 1, 12, 20) + datetime.timedelta(days=number),
                    title=f"Kế hoạch phòng, chống mại dâm năm {year} của tỉnh {province.name}"
                    if not province.name.startswith(("Thành phố", "Tỉnh"))
                    else f"Kế hoạch phòng, chống mại dâm năm {year} của {province.name}",
                    first_year=year,
                    last_year=year,
                    jurisdiction_id=province.pk,
                    status=PlanStatus.ACTIVE if year == today.year else PlanStatus.CLOSED,
                    confirmed_at=timezone.make_aware(
                        datetime.datetime(year, 1, 5 + number % 20, 9, 0)
                    ),
                )
            )
    Plan.objects.bulk_create(plans)
    progress("plans", len(plans), len(plans))
    targets, duties, rules = [], [], []
    for plan in plans:
        for order, spec in enumerate(INDICATORS, start=1):
            percent = spec.kind == "percent"
            targets.append(
                Target(
                    plan=plan,
                    order=order,
                    section=f"II.{order // 10 + 1}",
                    text=f"{spec.name_vi}: {'85%' if percent else 'tăng so với năm trước'}",
                    kind=spec.kind,
                    op="ge" if percent else "increase",
                    value=Decimal(85 if percent else 5),
                    year=plan.first_year,
                    indicator_code=spec.code,
                )
            )
        order = 0
        for unit in units_of[plan.jurisdiction_id]:
            if unit.kind == AgencyKind.PEOPLES_COMMITTEE:
                continue
            order += 1
            duties.append(
                Duty(
                    plan=plan,
                    order=order,
                    agency_name="",
                    agency_id=unit.id,
                    texts=list(unit.duty_texts),
                )
            )
        duties.append(
            Duty(
                plan=plan,
                order=order + 1,
                agency_name="Ủy ban nhân dân các xã, phường, đặc khu",
                addressee_kind=AgencyKind.PEOPLES_COMMITTEE,
                texts=[COMMUNE_DUTY],
            )
        )
        rules.extend(
            ReportingRule(plan=plan, frequency=f, due_day=d, due_month=m) for f, d, m in RULES
        )
    Target.objects.bulk_create(targets, batch_size=5_000)
    Duty.objects.bulk_create(duties, batch_size=5_000)
    ReportingRule.objects.bulk_create(rules)
    return plans


def _periods(plans) -> dict[int, list[ReportingPeriod]]:
    """plan pk → its periods, as the calendar makes them."""
    rules = {}
    for rule in ReportingRule.objects.filter(plan__in=plans).order_by("pk"):
        rules.setdefault(rule.plan_id, []).append(rule)
    made = []
    for plan in plans:
        for rule in rules[plan.pk]:
            for spec in periods_for_rule(rule.frequency, rule.due_day, rule.due_month, plan.years):
                made.append(
                    ReportingPeriod(
                        plan=plan,
                        rule=rule,
                        key=spec.key,
                        frequency=spec.frequency,
                        start=spec.start,
                        end=spec.end,
                        due=spec.due,
                    )
                )
    ReportingPeriod.objects.bulk_create(made, batch_size=5_000)
    out: dict[int, list[ReportingPeriod]] = {}
    for period in made:
        out.setdefault(period.plan_id, []).append(period)
    return out


def _asked(units_of, indicators) -> dict[int, list[str]]:
    """agency pk → the count codes it is asked for (as ``report_indicators`` gives them)."""
    targets = [(f"II.{order // 10 + 1}", spec.code) for order, spec in enumerate(INDICATORS, 1)]
    out = {}
    for units in units_of.values():
        for agency_id, codes in codes_by_unit(units, targets).items():
            wanted = set()
            for code in codes:
                indicator = indicators.get(code)
                if indicator is None or not indicator.active:
                    continue
                wanted.add(code)
                for part in (indicator.numerator, indicator.denominator):
                    if part is not None:
                        wanted.add(part.code)
            out[agency_id] = sorted(wanted)
    return out


def _reports(plans, periods, units_of, today, rng, insert, progress) -> list[tuple]:
    """Every unit's report in every period. Returns (report pk, period, agency pk, kind,
    filled) for the reports that carry values."""
    horizon = today + datetime.timedelta(days=35)
    rows, meta = [], []
    for plan in plans:
        units = units_of[plan.jurisdiction_id]
        for period in periods[plan.pk]:
            open_ = period.end <= today or period.due <= horizon
            for unit in units:
                status, submitted, approved, filled = ReportStatus.DRAFT, None, None, False
                if open_:
                    draw = rng.random()
                    late = rng.random() < 0.12
                    sent = period.due + datetime.timedelta(
                        days=rng.randint(1, 20) if late else -rng.randint(0, 10)
                    )
                    if draw < 0.03:
                        pass  # missing: nothing sent, nothing typed
                    elif draw < 0.06 or sent > today:
                        filled = True  # typed in, not sent yet
                    else:
                        filled = True
                        submitted = _at(sent, 9 + rng.randint(0, 8))
                        if draw < 0.09:
                            status = ReportStatus.SUBMITTED
                        elif draw < 0.10:
                            status = ReportStatus.RETURNED
                        else:
                            status = ReportStatus.APPROVED
                            approved = _at(
                                min(today, sent + datetime.timedelta(days=rng.randint(0, 6))), 15
                            )
                rows.append(
                    UnitReport(
                        period=period,
                        agency_id=unit.id,
                        status=status,
                        submitted_at=submitted,
                        approved_at=approved,
                        results="Đã triển khai các nhiệm vụ theo kế hoạch (dữ liệu thử nghiệm)."
                        if filled
                        else "",
                        return_comment="Đề nghị bổ sung số liệu." if status == "returned" else "",
                    )
                )
                meta.append((period, unit, filled))
    made = insert(UnitReport, iter(rows), len(rows), "unit reports")
    return [
        (report.pk, period, unit, filled)
        for report, (period, unit, filled) in zip(made, meta, strict=True)
    ]


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


def _values(reports, asked, typed, indicators, rng, insert, computed) -> int:
    """Year-to-date values of each filled report: a unit's yearly figure per indicator is
    drawn once, flows reach it in proportion to the months gone, stocks hold; a part never
    exceeds its whole. A commune's report also holds the register figures
    ``prefill_computed`` would have stored (``computed``: the committees' communes and
    their :class:`Figures`)."""
    where, registers = computed
    ids = {code: i.pk for code, i in indicators.items()}
    derived = {
        unit_id: [c for c in asked.get(unit_id, ()) if c in CODES and computable(indicators[c])]
        for unit_id in where
    }
    wholes = {}  # part code → whole code
    for indicator in indicators.values():
        if indicator.numerator is not None and indicator.denominator is not None:
            wholes[indicator.numerator.code] = indicator.denominator.code
    yearly: dict[tuple[int, int], dict[str, int]] = {}

    def figures(unit, year) -> dict[str, int]:
        key = (unit.id, year)
        if key not in yearly:
            scale = 1 if unit.kind == AgencyKind.PEOPLES_COMMITTEE else 10
            own = {}
            codes = [c for c in asked.get(unit.id, ()) if c in typed]
            for code in codes:  # wholes first, so that a part is drawn within its whole
                if code not in wholes:
                    low, high = MAGNITUDES.get(code, DEFAULT_MAGNITUDE)
                    own[code] = rng.randint(low * scale, high * scale)
            for code in codes:
                if code in wholes:
                    whole = own.get(wholes[code])
                    if whole is None:
                        low, high = MAGNITUDES.get(code, DEFAULT_MAGNITUDE)
                        own[code] = rng.randint(low * scale, high * scale)
                    else:
                        own[code] = round(whole * rng.uniform(0.4, 1.0))
            yearly[key] = own
        return yearly[key]

    stocks = {code for code, i in indicators.items() if i.aggregation == "last"}
    total = sum(
        len([c for c in asked.get(unit.id, ()) if c in typed]) + len(derived.get(unit.id, ()))
        for _pk, _p, unit, f in reports
        if f
    )

    def rows():
        for report_id, period, unit, filled in reports:
            if not filled:
                continue
            share = period.end.month / 12
            for code, figure in figures(unit, period.end.year).items():
                value = figure if code in stocks else round(figure * share)
                yield (report_id, ids[code], value, "", False)
            if derived.get(unit.id):
                figures_then = registers.values(where[unit.id], period.end)
                for code in derived[unit.id]:
                    yield (report_id, ids[code], figures_then[code], "", True)

    insert(
        ReportValue,
        rows(),
        total,
        "report values",
        batch=VALUE_BATCH,
        columns=("report_id", "indicator_id", "value", "comment", "computed"),
    )
    return total
