"""A unit's report asks for the indicators of its own work, not for every target of the plan;
the compiled report tells "not asked" apart from "missing"."""

import io
from decimal import Decimal

import pytest
from docx import Document

from lanhmanh.indicators.models import Indicator
from lanhmanh.reporting import actions
from lanhmanh.reporting.actions import ValueInput
from lanhmanh.reporting.compile import compile_report
from lanhmanh.reporting.exports import EMPTY, NOT_ASKED, TABLE_LEGEND, docx_bytes
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
