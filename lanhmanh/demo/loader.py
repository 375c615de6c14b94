"""The demo: Nghệ An province, its agencies then and now, and one user per role.

Everything here is invented for the demo or public (agency and unit names); there is
no person in it. Loading twice changes nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from lanhmanh.agencies import actions as agency_actions
from lanhmanh.agencies.models import Agency, AgencyKind, Membership
from lanhmanh.agencies.roles import Role
from lanhmanh.inspections.demo import set_up_teams
from lanhmanh.places.loader import load_units
from lanhmanh.places.models import AdministrativeUnit, Level, System

DEMO_PASSWORD = "lanhmanh-demo"  # noqa: S105 - published demo logins, never on a server
PROVINCE_CODE = "40"  # Nghệ An, unchanged by the 2025 merger
MINISTRY_REFORM_LAST_DAY = datetime.date(2025, 2, 28)  # MOLISA dissolved on 01/03/2025
K = AgencyKind


@dataclass(frozen=True)
class DemoAgency:
    key: str
    name: str
    short_name: str
    kind: str
    where: str | None = "province"  # "province", a commune code, or None (national)
    last_day: datetime.date | None = None
    successor: str | None = None
    parent: str | None = None


AGENCIES = [
    DemoAgency("moh", "Bộ Y tế", "BYT", K.DEPARTMENT, where=None),
    DemoAgency(
        "molisa",
        "Bộ Lao động - Thương binh và Xã hội",
        "BLĐTBXH",
        K.DEPARTMENT,
        where=None,
        last_day=MINISTRY_REFORM_LAST_DAY,
        successor="moh",
    ),
    DemoAgency("ubnd", "Ủy ban nhân dân tỉnh Nghệ An", "UBND tỉnh", K.PEOPLES_COMMITTEE),
    DemoAgency("soyte", "Sở Y tế tỉnh Nghệ An", "Sở Y tế", K.DEPARTMENT, parent="ubnd"),
    DemoAgency(
        "soldtbxh",
        "Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An",
        "Sở LĐTBXH",
        K.DEPARTMENT,
        last_day=MINISTRY_REFORM_LAST_DAY,
        successor="soyte",
        parent="ubnd",
    ),
    DemoAgency("congan", "Công an tỉnh Nghệ An", "Công an tỉnh", K.POLICE),
    DemoAgency(
        "bienphong", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Nghệ An", "BĐBP tỉnh", K.BORDER_GUARD
    ),
    DemoAgency(
        "vhtt",
        "Sở Văn hóa và Thể thao tỉnh Nghệ An",
        "Sở VHTT",
        K.DEPARTMENT,
        last_day=MINISTRY_REFORM_LAST_DAY,
        successor="vhttdl",
        parent="ubnd",
    ),
    DemoAgency(
        "dulich",
        "Sở Du lịch tỉnh Nghệ An",
        "Sở Du lịch",
        K.DEPARTMENT,
        last_day=MINISTRY_REFORM_LAST_DAY,
        successor="vhttdl",
        parent="ubnd",
    ),
    DemoAgency(
        "vhttdl",
        "Sở Văn hóa, Thể thao và Du lịch tỉnh Nghệ An",
        "Sở VHTTDL",
        K.DEPARTMENT,
        parent="ubnd",
    ),
    DemoAgency(
        "tttt",
        "Sở Thông tin và Truyền thông tỉnh Nghệ An",
        "Sở TTTT",
        K.DEPARTMENT,
        last_day=MINISTRY_REFORM_LAST_DAY,
        successor="khcn",
        parent="ubnd",
    ),
    DemoAgency("khcn", "Sở Khoa học và Công nghệ tỉnh Nghệ An", "Sở KHCN", K.DEPARTMENT),
    DemoAgency("gddt", "Sở Giáo dục và Đào tạo tỉnh Nghệ An", "Sở GDĐT", K.DEPARTMENT),
    DemoAgency("tuphap", "Sở Tư pháp tỉnh Nghệ An", "Sở Tư pháp", K.DEPARTMENT),
    DemoAgency("dai", "Đài Phát thanh và Truyền hình Nghệ An", "Đài PT-TH", K.MEDIA),
    DemoAgency("bao", "Báo Nghệ An", "Báo Nghệ An", K.MEDIA),
    DemoAgency("vks", "Viện Kiểm sát nhân dân tỉnh Nghệ An", "VKSND tỉnh", K.PROCURACY),
    DemoAgency("toaan", "Tòa án nhân dân tỉnh Nghệ An", "TAND tỉnh", K.COURT),
    DemoAgency(
        "mttq",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Nghệ An",
        "UBMTTQ tỉnh",
        K.MASS_ORGANISATION,
    ),
    DemoAgency("phunu", "Hội Liên hiệp Phụ nữ tỉnh Nghệ An", "Hội LHPN tỉnh", K.MASS_ORGANISATION),
    DemoAgency("doan", "Tỉnh Đoàn Nghệ An", "Tỉnh Đoàn", K.MASS_ORGANISATION),
    DemoAgency(
        "doi178",
        "Đội kiểm tra liên ngành 178 tỉnh Nghệ An",
        "Đội 178 tỉnh",
        K.INSPECTION_TEAM,
        parent="soyte",
    ),
    DemoAgency(
        "ubnd_truongvinh",
        "Ủy ban nhân dân phường Trường Vinh",
        "UBND P. Trường Vinh",
        K.PEOPLES_COMMITTEE,
        where="16690",
    ),
    DemoAgency(
        "ubnd_thanhvinh",
        "Ủy ban nhân dân phường Thành Vinh",
        "UBND P. Thành Vinh",
        K.PEOPLES_COMMITTEE,
        where="16681",
    ),
    DemoAgency(
        "ubnd_cualo",
        "Ủy ban nhân dân phường Cửa Lò",
        "UBND P. Cửa Lò",
        K.PEOPLES_COMMITTEE,
        where="16732",
    ),
    DemoAgency(
        "ubnd_quephong",
        "Ủy ban nhân dân xã Quế Phong",
        "UBND X. Quế Phong",
        K.PEOPLES_COMMITTEE,
        where="16738",
    ),
    DemoAgency(
        "doi178_truongvinh",
        "Đội kiểm tra liên ngành 178 phường Trường Vinh",
        "Đội 178 P. Trường Vinh",
        K.INSPECTION_TEAM,
        where="16690",
    ),
    DemoAgency(
        "congan_truongvinh",
        "Công an phường Trường Vinh",
        "CA P. Trường Vinh",
        K.POLICE,
        where="16690",
        parent="congan",
    ),
]

# username -> (role, agency key, full name shown in the menu)
USERS = {
    "admin": (Role.ADMIN, "soyte", "Quản trị hệ thống"),
    "coordinator": (Role.COORDINATOR, "soyte", "Điều phối viên Sở Y tế"),
    "reporter": (Role.REPORTER, "ubnd_truongvinh", "Cán bộ báo cáo P. Trường Vinh"),
    "inspector": (Role.INSPECTOR, "doi178", "Thành viên Đội 178 tỉnh"),
    "police": (Role.POLICE, "congan", "Cán bộ Công an tỉnh"),
    "caseworker": (Role.CASE_WORKER, "phunu", "Cán bộ hỗ trợ Hội LHPN"),
    "viewer": (Role.VIEWER, "ubnd", "Lãnh đạo UBND tỉnh"),
}


@dataclass
class DemoResult:
    agencies: int
    users: int
    created_users: list[str]
    plans: int = 0


def _unit(where: str | None, province: AdministrativeUnit) -> AdministrativeUnit | None:
    if where is None:
        return None
    if where == "province":
        return province
    return AdministrativeUnit.objects.get(system=System.TWO_TIER, level=Level.COMMUNE, code=where)


@transaction.atomic
def load_demo(with_plans: bool = True, with_reports: bool = True) -> DemoResult:
    load_units()
    province = AdministrativeUnit.objects.get(
        system=System.TWO_TIER, level=Level.PROVINCE, code=PROVINCE_CODE
    )
    agencies: dict[str, Agency] = {}
    for spec in AGENCIES:
        jurisdiction = _unit(spec.where, province)
        agency = Agency.objects.filter(name=spec.name, jurisdiction=jurisdiction).first()
        if agency is None:
            agency = agency_actions.create_agency(
                name=spec.name,
                short_name=spec.short_name,
                kind=spec.kind,
                jurisdiction=jurisdiction,
            )
        agencies[spec.key] = agency
    for spec in AGENCIES:
        agency = agencies[spec.key]
        parent = agencies[spec.parent] if spec.parent else None
        if agency.parent_id != getattr(parent, "pk", None):
            agency.parent = parent
            agency.save(update_fields=["parent", "updated_at"])
        if spec.last_day and agency.valid_to != spec.last_day:
            agency_actions.dissolve_agency(
                agency, last_day=spec.last_day, successor=agencies[spec.successor]
            )

    set_up_teams(agencies)
    User = get_user_model()
    created = []
    for username, (role, agency_key, full_name) in USERS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = agency_actions.create_user(
                username=username,
                acting_user=None,
                password=DEMO_PASSWORD,
                agency=agencies[agency_key],
                role=role,
                first_name=full_name,
                is_staff=role == Role.ADMIN,
                is_superuser=role == Role.ADMIN,
            )
            created.append(username)
        elif not Membership.objects.filter(
            user=user, agency=agencies[agency_key], role=role
        ).exists():
            agency_actions.grant_membership(user, agencies[agency_key], role, acting_user=None)
    from lanhmanh.security.demo import give_demo_devices

    give_demo_devices(USERS)  # the published demo authenticator for roles that need one
    plans = load_demo_plans() if with_plans else 0
    if with_plans and with_reports:
        from lanhmanh.hotspots.demo import load_demo_hotspots
        from lanhmanh.inspections.demo import load_demo_inspections, load_demo_plan
        from lanhmanh.people.demo import load_demo_people
        from lanhmanh.sanctions.demo import load_demo_sanctions
        from lanhmanh.tips.demo import load_demo_tips

        load_demo_inspections()
        load_demo_plan()
        load_demo_sanctions()
        load_demo_hotspots()
        from lanhmanh.activities.demo import load_demo_activities

        load_demo_activities()
        load_demo_tips()
        load_demo_people()
        from lanhmanh.sanctions.demo import load_demo_referrals

        load_demo_referrals()
        from lanhmanh.assessments.demo import load_demo_assessments

        load_demo_assessments()
        load_demo_reports()
        from lanhmanh.plans.demo import load_demo_tasks

        load_demo_tasks()
    return DemoResult(agencies=len(agencies), users=len(USERS), created_users=created, plans=plans)


# (file, as Word?, the file of the plan it implements)
PLANS = [
    ("ke-hoach-tinh-2021-2025.txt", False, None),
    ("ke-hoach-tinh-2026.txt", True, None),
    ("ke-hoach-so-y-te-2026.md", False, "ke-hoach-tinh-2026.docx"),
]


def load_demo_plans() -> int:
    """Import and confirm the demo plans as the coordinator would: upload, then confirm."""
    from lanhmanh.indicators.loader import load_indicators
    from lanhmanh.plans import actions as plan_actions
    from lanhmanh.plans.models import Plan
    from lanhmanh.reporting.actions import activate_plan

    from .documents import demo_file

    load_indicators()

    coordinator = get_user_model().objects.get(username="coordinator")
    loaded = 0
    for name, as_docx, parent_name in PLANS:
        filename, data = demo_file(name, as_docx=as_docx)
        if Plan.objects.filter(source_filename=filename).exists():
            continue
        parent = Plan.objects.filter(source_filename=parent_name).first() if parent_name else None
        result = plan_actions.import_plan(coordinator, filename, data, parent=parent)
        # A plan whose years are over (2021–2025) becomes history as it is confirmed.
        activate_plan(coordinator, result.plan, create_missing_agencies=True)
        loaded += 1
    from lanhmanh.reporting.demo import assign_demo_indicators

    assign_demo_indicators()
    return loaded


def load_demo_reports() -> int:
    """Half a year of reports for the 2026 provincial plan: most units approved, a few
    late, a few missing. Invented figures, drawn from a fixed seed."""
    import random
    from decimal import Decimal

    from lanhmanh.indicators.models import IndicatorKind, Source
    from lanhmanh.plans.models import Plan
    from lanhmanh.reporting import actions as reporting
    from lanhmanh.reporting.models import ReportStatus, UnitReport
    from lanhmanh.reporting.queries import report_indicators

    plan = Plan.objects.filter(source_filename="ke-hoach-tinh-2026.docx", status="active").first()
    if plan is None:
        return 0
    coordinator = get_user_model().objects.get(username="coordinator")
    reports = UnitReport.objects.filter(period__plan=plan, period__key="2026-H1").select_related(
        "agency", "period"
    )
    rng = random.Random(2026)  # noqa: S311 - reproducible demo figures, not secrets
    done = 0
    for index, report in enumerate(reports.order_by("agency__name_search")):
        if report.status != ReportStatus.DRAFT or report.values.exists():
            continue
        if index % 9 == 8:
            continue  # a few units have not reported
        values = {}
        indicators = report_indicators(report)
        # The registers' figures (communes, units, establishments in scope…) are the
        # registers', stored when the report is opened; the unit types the rest.
        reporting.prefill_computed(report)
        registered = dict(
            report.values.filter(computed=True).values_list("indicator__code", "value")
        )
        for indicator in indicators:
            if indicator.kind == IndicatorKind.PERCENT or indicator.source == Source.COMPUTED:
                continue
            # Wholes (establishments active, people in need…) are larger than the
            # activities counted against them.
            whole = indicator.code.endswith(("_total", "_active", "_in_need"))
            figure = rng.randint(8, 40) if whole else rng.randint(0, 6)
            values[indicator.code] = reporting.ValueInput(Decimal(figure))
        for indicator in indicators:  # a part never exceeds its whole
            if not (indicator.numerator and indicator.denominator):
                continue
            part, whole = indicator.numerator.code, indicator.denominator.code
            num = values[part].value if part in values else registered.get(part)
            if num is None:
                continue
            if whole in registered:  # a register's whole: the typed part stays within it
                if part in values and num > registered[whole]:
                    values[part] = reporting.ValueInput(registered[whole])
            elif whole in values and num > values[whole].value:
                values[whole] = reporting.ValueInput(num + rng.randint(0, 20))
        reporting.save_report(
            coordinator,
            report,
            version=report.version,
            values=values,
            results=f"{report.agency.name} đã triển khai các hoạt động theo Kế hoạch "
            "trong 6 tháng đầu năm.",
            difficulties="Lực lượng làm công tác phòng, chống mại dâm ở cơ sở còn mỏng."
            if index % 3 == 0
            else "",
            proposals="Đề nghị bố trí thêm kinh phí cho công tác tuyên truyền."
            if index % 4 == 0
            else "",
        )
        reporting.submit_report(coordinator, report, version=report.version)
        # Most units sent their report a few days before the deadline; a few were late.
        shift = 3 if index % 7 == 6 else -rng.randint(1, 6)
        sent_on = report.period.due + datetime.timedelta(days=shift)
        UnitReport.objects.filter(pk=report.pk).update(
            submitted_at=datetime.datetime.combine(
                sent_on, datetime.time(9, 0), tzinfo=datetime.UTC
            )
        )
        reporting.approve_report(coordinator, report)
        done += 1
    return done
