"""A unit's report asks for the indicators of its own work, not for every target of the plan;
the compiled report tells "not asked" apart from "missing"."""

import io
from decimal import Decimal

import pytest
from docx import Document

from lanhmanh.reporting import actions
from lanhmanh.reporting.actions import ValueInput
from lanhmanh.reporting.compile import compile_report
from lanhmanh.reporting.concerns import Unit, codes_by_unit, section_covers, themes_of
from lanhmanh.reporting.exports import EMPTY, NOT_ASKED, TABLE_LEGEND, docx_bytes
from lanhmanh.reporting.models import Indicator
from lanhmanh.reporting.queries import plan_indicators, report_indicators, unit_codes

from .test_cycle import cycle, report_of  # noqa: F401 - the fixture

TARGETS = [
    ("II.1", "communes_with_communication_pct"),
    ("II.3", "leaflets_produced"),
    ("II.5", "hotspots_broken_up"),
    ("III.1", "media_items"),
    ("III.2", "students_reached_pct"),
    ("III.3", "vocational_training"),
]


def test_duty_texts_and_kinds_name_the_themes():
    police = (
        "Chỉ đạo lực lượng Công an các cấp đấu tranh, triệt phá các đường dây, tụ điểm mại dâm."
    )
    assert {"crime", "hotspots"} <= themes_of("department", [police])
    assert themes_of("media", []) == {"media"}
    education = "Lồng ghép nội dung phòng, chống mại dâm vào hoạt động ngoại khóa cho học sinh."
    assert "students" in themes_of("department", [education])
    assert themes_of("department", ["Tổng hợp, báo cáo kết quả thực hiện."]) == set()


def test_each_unit_gets_its_own_indicators():
    units = [
        Unit(1, "department", ("Là cơ quan thường trực, theo dõi, đôn đốc.",), standing=True),
        Unit(2, "police", ("Triệt phá các đường dây, tụ điểm mại dâm.",)),
        Unit(3, "media", ("Xây dựng chuyên trang, chuyên mục.",)),
        Unit(4, "department", ("Tuyên truyền cho học sinh trong giờ ngoại khóa.",)),
        Unit(5, "peoples_committee", ()),
    ]
    codes = codes_by_unit(units, TARGETS)
    assert codes[2] == {"hotspots_broken_up"}
    assert codes[3] == {"media_items"}
    assert codes[4] == {"leaflets_produced", "students_reached_pct"}
    assert "media_items" not in codes[5] and "hotspots_broken_up" in codes[5]
    # Nothing is left to the standing agency: every target has a unit.
    assert codes[1] == set()


def test_a_target_nobody_works_on_falls_to_the_standing_agency():
    units = [
        Unit(1, "department", (), standing=True),
        Unit(2, "media", ()),
    ]
    codes = codes_by_unit(units, TARGETS)
    assert codes[2] == {"media_items"}
    assert codes[1] == {code for _s, code in TARGETS} - {"media_items"}


def test_unknown_indicators_are_asked_of_everyone_and_tasks_bring_their_targets():
    units = [Unit(1, "media", ()), Unit(2, "department", (), task_sections=("II",))]
    codes = codes_by_unit(units, [("IV", "x_custom"), ("II.5", "hotspots_broken_up")])
    assert codes[1] == {"x_custom"}
    assert codes[2] == {"x_custom", "hotspots_broken_up"}
    assert section_covers("II", "II.5") and section_covers("II.5", "II.5")
    assert not section_covers("II", "III.1") and not section_covers("", "II")


@pytest.mark.django_db
def test_reports_of_the_demo_plan_ask_for_their_units_indicators(cycle):  # noqa: F811
    plan, users = cycle
    police = report_of(plan, "Công an tỉnh Nghệ An")
    commune = report_of(plan, "Ủy ban nhân dân phường Trường Vinh")
    newspaper = report_of(plan, "Báo Nghệ An")
    police_codes = {i.code for i in report_indicators(police)}
    commune_codes = {i.code for i in report_indicators(commune)}
    assert "hotspots_broken_up" in police_codes
    assert "leaflets_produced" not in police_codes and "media_items" not in police_codes
    assert "training_courses_held" in commune_codes and "media_items" not in commune_codes
    # The fixture's own indicators (t_…) are unknown to the rules: asked of everyone.
    paper_codes = {i.code for i in report_indicators(newspaper)}
    assert paper_codes == {"media_items", "t_inspected_pct", "t_inspected", "t_active"}
    # A percent brings its parts; the plan's list is the union of its units'.
    assert {"t_inspected", "t_active"} <= commune_codes
    everything = {i.code for i in plan_indicators(plan)}
    assert police_codes | commune_codes | {"media_items"} <= everything
    # A value for an indicator the unit is not asked for is not stored.
    actions.save_report(
        users["coordinator"],
        newspaper,
        version=newspaper.version,
        values={"leaflets_produced": ValueInput(5)},
    )
    assert not newspaper.values.filter(indicator__code="leaflets_produced").exists()
    assert set(unit_codes(plan)) == set(
        plan.periods.first().reports.values_list("agency_id", flat=True)
    )


@pytest.mark.django_db
def test_compiled_table_tells_not_asked_from_missing(cycle):  # noqa: F811
    plan, users = cycle
    police = report_of(plan, "Công an tỉnh Nghệ An", key="2026-H1")
    newspaper = report_of(plan, "Báo Nghệ An", key="2026-H1")
    for report, values in (
        (police, {"hotspots_broken_up": ValueInput(Decimal(3))}),
        (newspaper, {}),  # approved without its one figure
    ):
        actions.save_report(users["coordinator"], report, version=report.version, values=values)
        actions.submit_report(users["coordinator"], report, version=report.version)
        actions.approve_report(users["coordinator"], report)
    compiled = compile_report(police.period)
    units = compiled.table.units
    rows = {name: values for name, _m, values, _t in compiled.table.rows}
    police_col = units.index(police.agency.short_name or police.agency.name)
    paper_col = units.index(newspaper.agency.short_name or newspaper.agency.name)
    hotspots = Indicator.objects.get(code="hotspots_broken_up").name_vi
    media = Indicator.objects.get(code="media_items").name_vi
    # Typed in, but the register computes it: the register's figure (no hotspot here) counts.
    assert rows[hotspots][police_col] == 0
    assert police.values.get(indicator__code="hotspots_broken_up").computed
    assert rows[hotspots][paper_col] == NOT_ASKED
    # Computed from the activities register (no article recorded): a figure, not a gap.
    assert rows[media][paper_col] == 0
    assert rows[media][police_col] == NOT_ASKED
    # Figures asked of the police and not given: missing (empty), not "not asked".
    assert any(values[police_col] is None for values in rows.values())
    document = Document(io.BytesIO(docx_bytes(compiled)))
    texts = [p.text for p in document.paragraphs]
    assert TABLE_LEGEND in texts
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert EMPTY in cells
