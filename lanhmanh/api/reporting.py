"""Reporting under /api/v1/: periods, the units' reports (read, write, review), roll-up
values and target progress — with the web's scoping and the same actions."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from lanhmanh.api.problems import Problem, problem
from lanhmanh.plans.queries import get_plan_for_user, plans_for_user
from lanhmanh.reporting import actions
from lanhmanh.reporting.models import ReportingPeriod, ReportStatus
from lanhmanh.reporting.queries import (
    get_period_for_user,
    get_report_for_user,
    plan_progress,
    report_indicators,
    reports_for_user,
    rollup,
)

router = Router(tags=["reporting"])


class PeriodOut(Schema):
    id: int
    plan_id: int
    key: str
    frequency: str
    start: datetime.date
    end: datetime.date
    due: datetime.date


class PeriodFilters(Schema):
    plan: int | None = None
    key: str = Field("", max_length=10)


@router.get("/periods", response=list[PeriodOut], summary="Reporting periods of your plans")
@paginate(LimitOffsetPagination)
def list_periods(request, filters: Query[PeriodFilters]):
    periods = ReportingPeriod.objects.filter(plan__in=plans_for_user(request.user))
    if filters.plan is not None:
        periods = periods.filter(plan_id=filters.plan)
    if filters.key:
        periods = periods.filter(key=filters.key)
    return periods.order_by("plan_id", "end", "frequency")


@router.get(
    "/periods/{period_id}/rollup", response=dict[str, float | None], summary="Province values"
)
def period_rollup(request, period_id: int):
    period = get_period_for_user(request.user, period_id)
    return {code: (None if v is None else float(v)) for code, v in rollup(period).items()}


class ValueOut(Schema):
    indicator: str
    value: float | None
    comment: str
    computed: bool
    records_url: str | None = Field(
        None, description="the register list behind a computed value (its area, year to date)"
    )


class ReportOut(Schema):
    id: int
    period_id: int
    period: str = Field(alias="period.key")
    agency_id: int
    agency_name: str = Field(alias="agency.name")
    status: str
    version: int
    submitted_at: datetime.datetime | None
    approved_at: datetime.datetime | None
    results: str
    difficulties: str
    proposals: str
    return_comment: str


class ReportDetailOut(ReportOut):
    indicators: list[str]
    values: list[ValueOut]

    @staticmethod
    def resolve_indicators(report):
        return [i.code for i in report_indicators(report)]

    @staticmethod
    def resolve_values(report, context):
        from lanhmanh.indicators.registry import records_url

        request = context["request"]
        return [
            {
                "indicator": v.indicator.code,
                "value": None if v.value is None else float(v.value),
                "comment": v.comment,
                "computed": v.computed,
                "records_url": records_url(
                    v.indicator, report.agency.jurisdiction_id, report.period.end, request.user
                )
                if v.computed
                else None,
            }
            for v in report.values.select_related("indicator")
        ]


class ReportFilters(Schema):
    period: int | None = None
    status: ReportStatus | None = None


@router.get("/reports", response=list[ReportOut], summary="Unit reports you can see")
@paginate(LimitOffsetPagination)
def list_reports(request, filters: Query[ReportFilters]):
    reports = reports_for_user(request.user).select_related("period", "agency")
    if filters.period is not None:
        reports = reports.filter(period_id=filters.period)
    if filters.status:
        reports = reports.filter(status=filters.status.value)
    return reports.order_by("period__end", "agency__name_search")


@router.get("/reports/{report_id}", response=ReportDetailOut, summary="One unit report")
def get_report(request, report_id: int):
    return get_report_for_user(request.user, report_id)


class ValueIn(Schema):
    value: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    comment: str = Field("", max_length=500)


class ReportIn(Schema):
    version: int = Field(..., description="the version you read; a newer one answers 409")
    values: dict[str, ValueIn] = {}
    results: str = Field("", max_length=20000)
    difficulties: str = Field("", max_length=20000)
    proposals: str = Field("", max_length=20000)


REFUSED = {"detail": "Your role does not allow this on this report."}


@router.put(
    "/reports/{report_id}",
    response={200: ReportDetailOut, 400: Problem, 403: Problem, 409: Problem},
    summary="Write values and narratives (the reporting unit, or a coordinator)",
)
def put_report(request, report_id: int, data: ReportIn):
    report = get_report_for_user(request.user, report_id)
    try:
        actions.save_report(
            request.user,
            report,
            version=data.version,
            values={
                code: actions.ValueInput(v.value, v.comment) for code, v in data.values.items()
            },
            results=data.results,
            difficulties=data.difficulties,
            proposals=data.proposals,
        )
    except PermissionDenied:
        return Status(403, REFUSED)
    except (actions.ReportConflict, actions.ReportStateError) as exc:
        return problem(exc, 409)
    except ValidationError as exc:
        return problem(exc)
    return Status(200, report)


class Transition(Schema):
    version: int | None = None
    comment: str = Field("", max_length=2000)


@router.post(
    "/reports/{report_id}/{action}",
    response={200: ReportDetailOut, 400: Problem, 403: Problem, 404: Problem, 409: Problem},
    summary="submit (the unit), approve, return or reopen (a coordinator)",
)
def transition(request, report_id: int, action: str, data: Transition):
    report = get_report_for_user(request.user, report_id)
    try:
        if action == "submit":
            actions.submit_report(
                request.user,
                report,
                version=report.version if data.version is None else data.version,
            )
        elif action in ("approve", "return", "reopen"):
            if action == "approve":
                actions.approve_report(request.user, report)
            elif action == "return":
                actions.return_report(request.user, report, comment=data.comment)
            else:
                actions.reopen_report(request.user, report, reason=data.comment)
        else:
            return Status(404, {"detail": f"Unknown action {action!r}."})
    except PermissionDenied:
        return Status(403, REFUSED)
    except (actions.ReportConflict, actions.ReportStateError) as exc:
        return problem(exc, 409)
    except ValidationError as exc:
        return problem(exc)
    return Status(200, report)


class ProgressOut(Schema):
    target_id: int
    text: str
    indicator: str | None
    op: str
    value: float
    value_max: float | None
    current: float | None
    status: str
    period: str | None
    units_reported: int | None = Field(
        description="units that reported for the period (null: a register's figure)"
    )
    units_expected: int | None = Field(description="units expected to report for the period")
    over_all_units: bool = Field(
        description="a share of all units in scope, those not reported counted as not yet"
    )
    partial_period: str | None = Field(
        description="a later period with too few reports, shown beside the figure"
    )
    partial_current: float | None


@router.get("/plans/{plan_id}/progress", response=list[ProgressOut], summary="Target progress")
def progress(request, plan_id: int):
    plan = get_plan_for_user(request.user, plan_id)
    return [
        {
            "target_id": p.target.pk,
            "text": p.target.text,
            "indicator": p.indicator.code if p.indicator else None,
            "op": p.target.op,
            "value": float(p.target.value),
            "value_max": None if p.target.value_max is None else float(p.target.value_max),
            "current": None if p.current is None else float(p.current),
            "status": p.status,
            "period": p.period.key if p.period else None,
            "units_reported": p.reported,
            "units_expected": p.expected,
            "over_all_units": p.over_all_units,
            "partial_period": p.partial.period.key if p.partial else None,
            "partial_current": (
                float(p.partial.current) if p.partial and p.partial.current is not None else None
            ),
        }
        for p in plan_progress(plan)
    ]


class AgencyProgressOut(Schema):
    target_id: int
    text: str
    indicator: str | None
    op: str
    value: float
    value_max: float | None
    unit_value: float | None = Field(description="the unit's own latest approved figure")
    unit_period: str | None
    unit_status: str | None = Field(description="for a share: the unit's own status")
    share_of_total: float | None = Field(description="for a count: % of the province's total")
    province_value: float | None
    province_status: str


@router.get(
    "/plans/{plan_id}/agencies/{agency_id}/progress",
    response=list[AgencyProgressOut],
    summary="Target progress of one reporting unit",
)
def agency_progress_api(request, plan_id: int, agency_id: int):
    from django.http import Http404

    from lanhmanh.reporting.queries import agency_progress, progress_units_for_user

    plan = get_plan_for_user(request.user, plan_id)
    if agency_id not in {u.pk for u in progress_units_for_user(request.user, plan)}:
        raise Http404
    return [
        {
            "target_id": p.target.pk,
            "text": p.target.text,
            "indicator": p.indicator.code if p.indicator else None,
            "op": p.target.op,
            "value": float(p.target.value),
            "value_max": None if p.target.value_max is None else float(p.target.value_max),
            "unit_value": None if p.value is None else float(p.value),
            "unit_period": p.period.key if p.period else None,
            "unit_status": p.status,
            "share_of_total": p.share_of_total,
            "province_value": None if p.province.current is None else float(p.province.current),
            "province_status": p.province.status,
        }
        for p in agency_progress(plan, agency_id)
    ]
