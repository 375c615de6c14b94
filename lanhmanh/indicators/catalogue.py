"""The indicator catalogue as data (pure Python, no Django import).

Every indicator the seed plans' targets need, with its names in Vietnamese and English, its
kind, how it aggregates, and where its value comes from. The database catalogue
(:class:`lanhmanh.indicators.models.Indicator`) is loaded from this list and may grow beyond it.

- ``kind``: ``count`` or ``percent``. A percent names the count indicators it is computed from
  (``numerator``, ``denominator``): its value over several units or periods is always
  100 × Σ numerator / Σ denominator (see :mod:`lanhmanh.reporting.rollup`), never an average of
  percents. Its ``aggregation`` is the numerator's.
- ``aggregation``: how a count rolls up over time — ``sum`` (a flow: inspections held in the
  period), ``last`` (a stock measured at the period's end: establishments active), ``max``.
  Over units both ``sum`` and ``last`` add up.
- ``source``: ``reported`` (typed in by the reporting units) or ``computed`` (from a register by
  the function named in ``compute``, ``"<app>.<function>"``; the registers provide them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

KINDS = ("count", "percent")
AGGREGATIONS = ("sum", "last", "max")
SOURCES = ("reported", "computed")

_CODE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_COMPUTE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    name_vi: str
    name_en: str
    kind: str
    aggregation: str
    numerator: str | None
    denominator: str | None
    source: str
    compute: str | None
    unit_vi: str
    unit_en: str

    def __post_init__(self) -> None:
        problems = []
        if not _CODE.match(self.code) or len(self.code) > 40:
            problems.append("code must be short snake_case")
        if self.kind not in KINDS:
            problems.append(f"kind must be one of {KINDS}")
        if self.aggregation not in AGGREGATIONS:
            problems.append(f"aggregation must be one of {AGGREGATIONS}")
        if self.source not in SOURCES:
            problems.append(f"source must be one of {SOURCES}")
        if self.kind == "percent" and not (self.numerator and self.denominator):
            problems.append("a percent needs a numerator and a denominator")
        if self.kind == "count" and (self.numerator or self.denominator):
            problems.append("a count has no numerator or denominator")
        if (self.source == "computed") != bool(self.compute):
            problems.append("a computed indicator names its function, a reported one none")
        if self.compute and not _COMPUTE.match(self.compute):
            problems.append("compute must read '<app>.<function>'")
        if not (self.name_vi.strip() and self.name_en.strip()):
            problems.append("both names are required")
        if not (self.unit_vi.strip() and self.unit_en.strip()):
            problems.append("both units are required")
        if problems:
            raise ValueError(f"indicator {self.code!r}: {'; '.join(problems)}")

    @property
    def is_percent(self) -> bool:
        return self.kind == "percent"


def _count(code, name_vi, name_en, unit_vi, unit_en, aggregation="sum", compute=None):
    return IndicatorSpec(
        code=code,
        name_vi=name_vi,
        name_en=name_en,
        kind="count",
        aggregation=aggregation,
        numerator=None,
        denominator=None,
        source="computed" if compute else "reported",
        compute=compute,
        unit_vi=unit_vi,
        unit_en=unit_en,
    )


def _percent(code, name_vi, name_en, numerator, denominator, aggregation="sum", compute=None):
    return IndicatorSpec(
        code=code,
        name_vi=name_vi,
        name_en=name_en,
        kind="percent",
        aggregation=aggregation,
        numerator=numerator,
        denominator=denominator,
        source="computed" if compute else "reported",
        compute=compute,
        unit_vi="%",
        unit_en="%",
    )


INDICATORS: tuple[IndicatorSpec, ...] = (
    # --- Communication ---------------------------------------------------------------------
    _count(
        "communes_total",
        "Tổng số đơn vị hành chính cấp xã trên địa bàn",
        "Communes, wards and special zones in the area",
        "xã",
        "communes",
        aggregation="last",
        compute="places.communes_in_scope",
    ),
    _count(
        "communes_with_communication",
        "Số xã, phường tổ chức được ít nhất một hình thức tuyên truyền về phòng ngừa mại dâm "
        "và duy trì thường xuyên",
        "Communes holding at least one form of prostitution prevention communication, "
        "regularly maintained",
        "xã",
        "communes",
        aggregation="last",
        compute="activities.communes_with_communication",
    ),
    _percent(
        "communes_with_communication_pct",
        "Tỷ lệ xã, phường tổ chức được ít nhất một hình thức tuyên truyền về phòng ngừa mại dâm",
        "Share of communes holding at least one form of prostitution prevention communication",
        "communes_with_communication",
        "communes_total",
        aggregation="last",
    ),
    _count(
        "media_items",
        "Số tin, bài, phóng sự tuyên truyền về phòng, chống mại dâm được đăng tải, phát sóng",
        "News items, articles and reports on prostitution prevention published or broadcast",
        "tin, bài",
        "items",
        compute="activities.media_items",
    ),
    _count(
        "conferences_held",
        "Số hội nghị, hội thảo, buổi tuyên truyền, truyền thông được tổ chức",
        "Conferences, seminars and communication events held",
        "cuộc",
        "events",
        compute="activities.events_held",
    ),
    _count(
        "leaflets_produced",
        "Số tờ rơi, tài liệu tuyên truyền được in ấn, phát hành",
        "Leaflets and communication materials printed and distributed",
        "tờ",
        "copies",
        compute="activities.leaflets",
    ),
    _count(
        "posters_produced",
        "Số pa nô, áp phích, băng rôn tuyên truyền được xây dựng, treo đặt",
        "Billboards, posters and banners put up",
        "cái",
        "items",
        compute="activities.panels",
    ),
    _count(
        "business_workers_total",
        "Tổng số người lao động tại các cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm",
        "Workers at businesses prone to prostitution",
        "người",
        "people",
        aggregation="last",
    ),
    _count(
        "business_workers_reached",
        "Số người lao động tại các cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm "
        "được tuyên truyền, phổ biến pháp luật",
        "Workers at businesses prone to prostitution reached by prevention communication",
        "người",
        "people",
    ),
    _percent(
        "business_workers_reached_pct",
        "Tỷ lệ người lao động tại các cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm "
        "được tuyên truyền",
        "Share of workers at businesses prone to prostitution reached by communication",
        "business_workers_reached",
        "business_workers_total",
    ),
    _count(
        "industrial_workers_total",
        "Tổng số người lao động trong các khu công nghiệp",
        "Workers in industrial zones",
        "người",
        "people",
        aggregation="last",
    ),
    _count(
        "industrial_workers_reached",
        "Số người lao động trong các khu công nghiệp được tuyên truyền về phòng, chống mại dâm",
        "Industrial-zone workers reached by prostitution prevention communication",
        "người",
        "people",
    ),
    _percent(
        "industrial_workers_reached_pct",
        "Tỷ lệ người lao động trong các khu công nghiệp được tuyên truyền",
        "Share of industrial-zone workers reached by communication",
        "industrial_workers_reached",
        "industrial_workers_total",
    ),
    _count(
        "students_total",
        "Tổng số học sinh, sinh viên các trường trung học phổ thông, cơ sở giáo dục đại học "
        "và giáo dục nghề nghiệp",
        "Students of upper-secondary schools, universities and vocational schools",
        "người",
        "students",
        aggregation="last",
    ),
    _count(
        "students_reached",
        "Số học sinh, sinh viên được tuyên truyền, phổ biến chính sách, pháp luật về phòng, "
        "chống mại dâm",
        "Students reached by prostitution prevention communication",
        "người",
        "students",
    ),
    _percent(
        "students_reached_pct",
        "Tỷ lệ học sinh, sinh viên được tuyên truyền về phòng, chống mại dâm",
        "Share of students reached by prostitution prevention communication",
        "students_reached",
        "students_total",
    ),
    _count(
        "officials_total",
        "Tổng số cán bộ, công chức, viên chức, người lao động của ngành, đơn vị",
        "Officials, civil servants and employees of the sector",
        "người",
        "people",
        aggregation="last",
    ),
    _count(
        "officials_reached",
        "Số cán bộ, công chức, viên chức, người lao động được tuyên truyền, phổ biến pháp luật "
        "về phòng, chống mại dâm",
        "Officials and employees reached by prostitution prevention communication",
        "người",
        "people",
    ),
    _percent(
        "officials_reached_pct",
        "Tỷ lệ cán bộ, công chức, viên chức, người lao động được tuyên truyền",
        "Share of officials and employees reached by communication",
        "officials_reached",
        "officials_total",
    ),
    # --- Agencies and localities under the plan --------------------------------------------
    _count(
        "units_total",
        "Tổng số cơ quan, đơn vị, địa phương thuộc phạm vi kế hoạch",
        "Agencies and localities within the plan's scope",
        "đơn vị",
        "units",
        aggregation="last",
        compute="plans.units_in_scope",
    ),
    _count(
        "units_with_plan",
        "Số cơ quan, đơn vị, địa phương xây dựng kế hoạch và tổ chức thực hiện các hoạt động "
        "phòng, chống mại dâm",
        "Agencies and localities with a prostitution prevention plan in force",
        "đơn vị",
        "units",
        aggregation="last",
        compute="activities.units_with_plan",
    ),
    _percent(
        "units_with_plan_pct",
        "Tỷ lệ cơ quan, đơn vị, địa phương xây dựng kế hoạch phòng, chống mại dâm",
        "Share of agencies and localities with a prostitution prevention plan",
        "units_with_plan",
        "units_total",
        aggregation="last",
    ),
    _count(
        "units_integrating",
        "Số cơ quan, đơn vị, địa phương lồng ghép nhiệm vụ phòng, chống mại dâm với các "
        "chương trình phát triển kinh tế - xã hội",
        "Agencies and localities integrating prostitution prevention into socio-economic "
        "development programmes",
        "đơn vị",
        "units",
        aggregation="last",
    ),
    _percent(
        "units_integrating_pct",
        "Tỷ lệ cơ quan, đơn vị, địa phương lồng ghép nhiệm vụ phòng, chống mại dâm với các "
        "chương trình phát triển kinh tế - xã hội",
        "Share of agencies and localities integrating prostitution prevention into "
        "socio-economic development programmes",
        "units_integrating",
        "units_total",
        aggregation="last",
    ),
    _count(
        "units_harm_reduction",
        "Số cơ quan, đơn vị, địa phương triển khai hoạt động can thiệp giảm tác hại, phòng "
        "ngừa bạo lực trên cơ sở giới trong phòng, chống mại dâm",
        "Agencies and localities running harm-reduction and gender-based-violence prevention "
        "activities",
        "đơn vị",
        "units",
        aggregation="last",
    ),
    _percent(
        "units_harm_reduction_pct",
        "Tỷ lệ cơ quan, đơn vị, địa phương triển khai hoạt động can thiệp giảm tác hại, "
        "phòng ngừa bạo lực trên cơ sở giới",
        "Share of agencies and localities running harm-reduction and gender-based-violence "
        "prevention activities",
        "units_harm_reduction",
        "units_total",
        aggregation="last",
    ),
    _count(
        "units_with_communication",
        "Số cơ quan, đơn vị tổ chức được ít nhất một hình thức tuyên truyền về phòng ngừa mại dâm",
        "Agencies and units holding at least one form of prostitution prevention communication",
        "đơn vị",
        "units",
        aggregation="last",
    ),
    _percent(
        "units_with_communication_pct",
        "Tỷ lệ cơ quan, đơn vị tổ chức được ít nhất một hình thức tuyên truyền về phòng ngừa "
        "mại dâm",
        "Share of agencies and units holding at least one form of prostitution prevention "
        "communication",
        "units_with_communication",
        "units_total",
        aggregation="last",
    ),
    # --- Inspection of establishments ------------------------------------------------------
    _count(
        "establishments_active",
        "Số cơ sở kinh doanh dịch vụ dễ bị lợi dụng để hoạt động mại dâm đang hoạt động",
        "Active establishments in businesses prone to prostitution",
        "cơ sở",
        "establishments",
        aggregation="last",
        compute="inspections.establishments_active",
    ),
    _count(
        "establishments_inspected",
        "Số cơ sở kinh doanh dịch vụ dễ bị lợi dụng để hoạt động mại dâm được kiểm tra",
        "Establishments in businesses prone to prostitution inspected",
        "cơ sở",
        "establishments",
        compute="inspections.establishments_inspected",
    ),
    _percent(
        "establishments_inspected_pct",
        "Tỷ lệ cơ sở kinh doanh dịch vụ dễ bị lợi dụng để hoạt động mại dâm được kiểm tra",
        "Share of active establishments in businesses prone to prostitution inspected",
        "establishments_inspected",
        "establishments_active",
        compute="inspections.coverage",
    ),
    _count(
        "inspections_held",
        "Số lượt kiểm tra liên ngành, kiểm tra hành chính các cơ sở kinh doanh dịch vụ",
        "Inspections of establishments carried out (inter-agency and administrative)",
        "lượt",
        "inspections",
        compute="inspections.inspections_held",
    ),
    _count(
        "violations_found",
        "Số vi phạm được phát hiện qua kiểm tra",
        "Violations found by inspections",
        "vi phạm",
        "violations",
        compute="inspections.violations_found",
    ),
    _count(
        "establishments_harbouring",
        "Số cơ sở kinh doanh dịch vụ hoạt động mại dâm trá hình bị phát hiện",
        "Establishments found running disguised prostitution",
        "cơ sở",
        "establishments",
        aggregation="last",
        compute="inspections.establishments_harbouring",
    ),
    # --- Administrative sanctions ----------------------------------------------------------
    _count(
        "sanctions_imposed",
        "Số lượt người bị xử phạt vi phạm hành chính về hành vi liên quan đến mại dâm",
        "Administrative sanctions imposed for prostitution-related violations",
        "lượt người",
        "sanctions",
        compute="sanctions.imposed",
    ),
    _count(
        "fines_amount",
        "Số tiền phạt vi phạm hành chính về hành vi liên quan đến mại dâm",
        "Administrative fines imposed for prostitution-related violations",
        "đồng",
        "VND",
        compute="sanctions.fines_amount",
    ),
    _count(
        "sanctions_selling_sex",
        "Số lượt người bán dâm bị xử phạt vi phạm hành chính",
        "Administrative sanctions for selling sex",
        "lượt người",
        "sanctions",
        compute="sanctions.selling",
    ),
    _count(
        "sanctions_buying_sex",
        "Số lượt người mua dâm bị xử phạt vi phạm hành chính",
        "Administrative sanctions for buying sex",
        "lượt người",
        "sanctions",
        compute="sanctions.buying",
    ),
    # --- Criminal cases --------------------------------------------------------------------
    _count(
        "crime_cases_detected",
        "Số vụ việc, đường dây phạm tội liên quan đến mại dâm được phát hiện",
        "Prostitution-related criminal cases and rings detected",
        "vụ",
        "cases",
    ),
    _count(
        "crime_cases_handled",
        "Số vụ việc, đường dây phạm tội liên quan đến mại dâm được đấu tranh, triệt phá, xử lý",
        "Prostitution-related criminal cases and rings broken up and dealt with",
        "vụ",
        "cases",
    ),
    _percent(
        "crime_cases_handled_pct",
        "Tỷ lệ vụ việc, đường dây phạm tội liên quan đến mại dâm được phát hiện đã được "
        "triệt phá, xử lý",
        "Share of detected prostitution-related criminal cases and rings dealt with",
        "crime_cases_handled",
        "crime_cases_detected",
    ),
    _count(
        "rings_broken_up",
        "Số đường dây mại dâm bị triệt phá",
        "Prostitution rings broken up",
        "đường dây",
        "rings",
    ),
    _count(
        "cases_prosecuted",
        "Số vụ án liên quan đến mại dâm được khởi tố",
        "Prostitution-related criminal cases prosecuted",
        "vụ án",
        "cases",
    ),
    _count(
        "cases_tried",
        "Số vụ án liên quan đến mại dâm được đưa ra xét xử",
        "Prostitution-related criminal cases tried",
        "vụ án",
        "cases",
    ),
    _count(
        "defendants_tried",
        "Số bị cáo trong các vụ án liên quan đến mại dâm được xét xử",
        "Defendants tried in prostitution-related cases",
        "bị cáo",
        "defendants",
    ),
    # --- Hotspots --------------------------------------------------------------------------
    _count(
        "hotspots_broken_up",
        "Số tụ điểm mại dâm bị triệt xóa",
        "Prostitution hotspots broken up",
        "tụ điểm",
        "hotspots",
        compute="hotspots.broken_up",
    ),
    _count(
        "hotspots_active",
        "Số tụ điểm mại dâm đang hoạt động",
        "Prostitution hotspots active",
        "tụ điểm",
        "hotspots",
        aggregation="last",
        compute="hotspots.active",
    ),
    _count(
        "hotspots_cleared_total",
        "Tổng số tụ điểm mại dâm đã triệt xóa (lũy kế các năm)",
        "Prostitution hotspots broken up to date (all years)",
        "tụ điểm",
        "hotspots",
        aggregation="last",
        compute="hotspots.cleared_total",
    ),
    _count(
        "hotspots_kept_clear",
        "Số tụ điểm mại dâm đã triệt xóa được duy trì, không để tái hoạt động",
        "Hotspots broken up earlier and kept from recurring",
        "tụ điểm",
        "hotspots",
        aggregation="last",
        compute="hotspots.kept_clear",
    ),
    _percent(
        "hotspots_kept_clear_pct",
        "Tỷ lệ tụ điểm mại dâm đã triệt xóa không tái hoạt động",
        "Share of hotspots broken up that have not recurred",
        "hotspots_kept_clear",
        "hotspots_cleared_total",
        aggregation="last",
        compute="hotspots.kept_clear_share",
    ),
    # --- Tips and complaints ---------------------------------------------------------------
    _count(
        "tips_received",
        "Số tố giác, tin báo, khiếu nại về hành vi vi phạm pháp luật phòng, chống mại dâm được "
        "tiếp nhận",
        "Tips and complaints about prostitution-related offences received",
        "tin",
        "tips",
        compute="tips.received",
    ),
    _count(
        "tips_handled_on_time",
        "Số tố giác, tin báo, khiếu nại được xác minh, phân loại, xử lý kịp thời",
        "Tips and complaints verified, classified and handled on time",
        "tin",
        "tips",
        compute="tips.handled_on_time",
    ),
    _percent(
        "tips_handled_on_time_pct",
        "Tỷ lệ tố giác, tin báo, khiếu nại được xử lý kịp thời",
        "Share of tips and complaints handled on time",
        "tips_handled_on_time",
        "tips_received",
        compute="tips.on_time_share",
    ),
    # --- Support for people who sell sex ---------------------------------------------------
    _count(
        "sex_workers_in_need",
        "Số người bán dâm có nhu cầu và đủ điều kiện được hỗ trợ",
        "People who sell sex in need of and eligible for support services",
        "người",
        "people",
        aggregation="last",
        compute="people.in_need",
    ),
    _count(
        "sex_workers_supported",
        "Số người bán dâm được tiếp cận, sử dụng các dịch vụ hỗ trợ xã hội, hòa nhập cộng đồng",
        "People who sell sex reached with social support and reintegration services",
        "người",
        "people",
        compute="people.supported",
    ),
    _percent(
        "sex_workers_supported_pct",
        "Tỷ lệ người bán dâm có nhu cầu được tiếp cận, sử dụng các dịch vụ hỗ trợ",
        "Share of people who sell sex in need of support reached with support services",
        "sex_workers_supported",
        "sex_workers_in_need",
        compute="people.supported_share",
    ),
    _count(
        "vocational_training",
        "Số người bán dâm được hỗ trợ học nghề",
        "People who sell sex given vocational training",
        "người",
        "people",
        compute="people.vocational_training",
    ),
    _count(
        "jobs_provided",
        "Số người bán dâm được hỗ trợ tạo việc làm",
        "People who sell sex helped into jobs",
        "người",
        "people",
        compute="people.jobs_provided",
    ),
    _count(
        "returnees_supported",
        "Số nạn nhân bị mua bán trở về được hỗ trợ",
        "Returning trafficking victims supported",
        "người",
        "people",
        compute="people.returnees_supported",
    ),
    # --- Capacity building -----------------------------------------------------------------
    _count(
        "training_courses_held",
        "Số lớp tập huấn, đào tạo, bồi dưỡng nâng cao năng lực được tổ chức",
        "Training and capacity-building courses held",
        "lớp",
        "courses",
        compute="activities.trainings_held",
    ),
    _count(
        "staff_total",
        "Tổng số cán bộ, công chức, viên chức, chiến sĩ, cộng tác viên làm công tác phòng, "
        "chống mại dâm",
        "Officials, officers and collaborators working on prostitution prevention",
        "người",
        "people",
        aggregation="last",
    ),
    _count(
        "staff_trained",
        "Số cán bộ, công chức, viên chức, chiến sĩ, cộng tác viên được đào tạo, bồi dưỡng, "
        "tập huấn nâng cao năng lực",
        "Staff trained in prostitution prevention",
        "người",
        "people",
        compute="activities.trainees",
    ),
    _percent(
        "staff_trained_pct",
        "Tỷ lệ cán bộ làm công tác phòng, chống mại dâm được đào tạo, bồi dưỡng, tập huấn",
        "Share of prostitution prevention staff trained",
        "staff_trained",
        "staff_total",
    ),
    # --- Models and supervision ------------------------------------------------------------
    _count(
        "models_built",
        "Số mô hình phòng, chống mại dâm, hỗ trợ người bán dâm được xây dựng mới",
        "Prostitution prevention and support models set up",
        "mô hình",
        "models",
        compute="activities.models_built",
    ),
    _count(
        "models_maintained",
        "Số mô hình phòng, chống mại dâm, hỗ trợ người bán dâm được duy trì hoạt động",
        "Prostitution prevention and support models in operation",
        "mô hình",
        "models",
        aggregation="last",
        compute="activities.models_active",
    ),
    _count(
        "communes_with_model",
        "Số xã, phường triển khai mô hình phòng, chống mại dâm",
        "Communes running a prostitution prevention model",
        "xã",
        "communes",
        aggregation="last",
        compute="activities.communes_with_model",
    ),
    _count(
        "supervision_visits",
        "Số cuộc kiểm tra, giám sát việc thực hiện chương trình phòng, chống mại dâm",
        "Supervision and monitoring visits of the prostitution prevention programme",
        "cuộc",
        "visits",
        compute="activities.supervision_visits",
    ),
    # --- Commune assessment ----------------------------------------------------------------
    _count(
        "communes_healthy",
        "Số xã, phường được đánh giá, công nhận lành mạnh không có tệ nạn mại dâm",
        'Communes assessed "lành mạnh" (free of prostitution)',
        "xã",
        "communes",
        aggregation="last",
        compute="assessments.communes_healthy",
    ),
    _percent(
        "communes_healthy_pct",
        "Tỷ lệ xã, phường lành mạnh không có tệ nạn mại dâm",
        'Share of communes assessed "lành mạnh" (free of prostitution)',
        "communes_healthy",
        "communes_total",
        aggregation="last",
        compute="assessments.communes_healthy_share",
    ),
)

BY_CODE: dict[str, IndicatorSpec] = {spec.code: spec for spec in INDICATORS}


def get(code: str) -> IndicatorSpec:
    """The indicator with ``code``; KeyError with the code for an unknown one."""
    try:
        return BY_CODE[code]
    except KeyError:
        raise KeyError(f"no indicator {code!r} in the catalogue") from None


def percent_for(code: str) -> IndicatorSpec | None:
    """The percent indicator whose numerator is the count ``code``, if the catalogue has one."""
    for spec in INDICATORS:
        if spec.is_percent and spec.numerator == code:
            return spec
    return None


def check_catalogue(indicators: Iterable[IndicatorSpec] = INDICATORS) -> list[str]:
    """Problems of a catalogue as messages (empty when sound).

    Codes are unique; a percent's numerator and denominator are count indicators of the same
    catalogue, and different ones.
    """
    specs = list(indicators)
    problems = []
    by_code: dict[str, IndicatorSpec] = {}
    for spec in specs:
        if spec.code in by_code:
            problems.append(f"duplicate code {spec.code!r}")
        by_code[spec.code] = spec
    for spec in specs:
        if not spec.is_percent:
            continue
        for role in ("numerator", "denominator"):
            part = getattr(spec, role)
            if part not in by_code:
                problems.append(f"{spec.code}: {role} {part!r} is not in the catalogue")
            elif by_code[part].kind != "count":
                problems.append(f"{spec.code}: {role} {part!r} is not a count")
        if spec.numerator == spec.denominator:
            problems.append(f"{spec.code}: numerator and denominator are the same")
    return problems
