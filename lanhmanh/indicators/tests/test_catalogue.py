"""The indicator catalogue: shape, coverage of issue 4's list, and consistency of percents."""

import dataclasses
import re

import pytest

from lanhmanh.indicators import catalogue
from lanhmanh.indicators.catalogue import (
    BY_CODE,
    INDICATORS,
    IndicatorSpec,
    check_catalogue,
    get,
    percent_for,
)

# What issue 4 asks the catalogue to cover, as codes.
REQUIRED = [
    "communes_with_communication",
    "communes_with_communication_pct",
    "media_items",
    "business_workers_reached",
    "industrial_workers_reached",
    "students_reached",
    "conferences_held",
    "leaflets_produced",
    "posters_produced",
    "establishments_active",
    "establishments_inspected",
    "establishments_inspected_pct",
    "inspections_held",
    "violations_found",
    "sanctions_imposed",
    "fines_amount",
    "cases_prosecuted",
    "cases_tried",
    "defendants_tried",
    "rings_broken_up",
    "hotspots_broken_up",
    "hotspots_kept_clear",
    "tips_received",
    "tips_handled_on_time",
    "tips_handled_on_time_pct",
    "sex_workers_supported",
    "sex_workers_supported_pct",
    "vocational_training",
    "jobs_provided",
    "staff_trained",
    "staff_trained_pct",
    "models_built",
    "models_maintained",
    "supervision_visits",
    "communes_healthy",
    "communes_healthy_pct",
    "units_with_plan",
    "units_with_plan_pct",
]

_VIETNAMESE_LETTERS = re.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]"
)


def test_size_and_unique_codes():
    assert len(INDICATORS) >= 30
    codes = [spec.code for spec in INDICATORS]
    assert len(codes) == len(set(codes))
    assert set(BY_CODE) == set(codes)


@pytest.mark.parametrize("code", REQUIRED)
def test_issue_list_is_covered(code):
    assert code in BY_CODE


def test_catalogue_is_sound():
    assert check_catalogue() == []


@pytest.mark.parametrize("spec", [s for s in INDICATORS if s.kind == "percent"], ids=str)
def test_percent_parts_are_counts_of_the_catalogue(spec):
    numerator, denominator = BY_CODE[spec.numerator], BY_CODE[spec.denominator]
    assert numerator.kind == "count"
    assert denominator.kind == "count"
    assert numerator.code != denominator.code
    # A percent rolls its numerator up the numerator's way.
    assert spec.aggregation == numerator.aggregation
    assert (spec.unit_vi, spec.unit_en) == ("%", "%")
    assert spec.code.endswith("_pct")


@pytest.mark.parametrize("spec", INDICATORS, ids=lambda s: s.code)
def test_every_indicator_is_well_formed(spec):
    assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", spec.code)
    assert len(spec.code) <= 40
    assert spec.kind in ("count", "percent")
    assert spec.aggregation in ("sum", "last", "max")
    assert spec.source in ("reported", "computed")
    if spec.source == "computed":
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", spec.compute)
    else:
        assert spec.compute is None
    if spec.kind == "count":
        assert spec.numerator is None
        assert spec.denominator is None
    # Names: Vietnamese with its diacritics, English in ASCII.
    assert _VIETNAMESE_LETTERS.search(spec.name_vi.lower()), spec.name_vi
    assert spec.name_en.isascii() or "lành mạnh" in spec.name_en, spec.name_en
    assert spec.name_vi[0].isupper()
    assert spec.name_en[0].isupper()
    assert spec.name_vi == spec.name_vi.strip()
    assert spec.unit_vi
    assert spec.unit_en


def test_percent_names_read_as_shares_and_counts_do_not():
    for spec in INDICATORS:
        if spec.kind == "percent":
            assert spec.name_vi.startswith("Tỷ lệ"), spec.code
            assert spec.name_en.startswith("Share of"), spec.code
        else:
            assert not spec.name_vi.startswith("Tỷ lệ"), spec.code


def test_specs_are_frozen():
    spec = get("inspections_held")
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.code = "other"


def test_get_and_percent_for():
    assert get("establishments_inspected_pct").denominator == "establishments_active"
    with pytest.raises(KeyError, match="no indicator 'nothing'"):
        get("nothing")
    assert percent_for("establishments_inspected").code == "establishments_inspected_pct"
    assert percent_for("tips_handled_on_time").code == "tips_handled_on_time_pct"
    assert percent_for("inspections_held") is None
    assert percent_for("establishments_active") is None  # a denominator, not a numerator


def test_each_count_has_at_most_one_percent():
    numerators = [spec.numerator for spec in INDICATORS if spec.kind == "percent"]
    assert len(numerators) == len(set(numerators))


def _spec(**changes):
    fields = {
        "code": "things_done",
        "name_vi": "Số việc đã làm",
        "name_en": "Things done",
        "kind": "count",
        "aggregation": "sum",
        "numerator": None,
        "denominator": None,
        "source": "reported",
        "compute": None,
        "unit_vi": "việc",
        "unit_en": "things",
    }
    fields.update(changes)
    return IndicatorSpec(**fields)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"code": "ThingsDone"}, "snake_case"),
        ({"code": "things__done"}, "snake_case"),
        ({"code": "x" * 41}, "snake_case"),
        ({"kind": "ratio"}, "kind"),
        ({"aggregation": "avg"}, "aggregation"),
        ({"source": "guessed"}, "source"),
        ({"kind": "percent"}, "numerator and a denominator"),
        ({"numerator": "a"}, "no numerator"),
        ({"source": "computed"}, "names its function"),
        ({"compute": "x.y"}, "names its function"),
        ({"source": "computed", "compute": "nodot"}, "<app>.<function>"),
        ({"name_vi": " "}, "names"),
        ({"unit_en": ""}, "units"),
    ],
)
def test_bad_specs_are_refused(changes, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        _spec(**changes)


def test_check_catalogue_reports_broken_percents_and_duplicates():
    count = _spec()
    other = _spec(code="other_things")
    broken = [
        count,
        _spec(code="things_done"),
        _spec(
            code="done_pct",
            kind="percent",
            numerator="things_done",
            denominator="missing_total",
            unit_vi="%",
            unit_en="%",
        ),
        _spec(
            code="self_pct",
            kind="percent",
            numerator="things_done",
            denominator="things_done",
            unit_vi="%",
            unit_en="%",
        ),
        _spec(
            code="nested_pct",
            kind="percent",
            numerator="done_pct",
            denominator="other_things",
            unit_vi="%",
            unit_en="%",
        ),
        other,
    ]
    problems = check_catalogue(broken)
    assert "duplicate code 'things_done'" in problems
    assert "done_pct: denominator 'missing_total' is not in the catalogue" in problems
    assert "self_pct: numerator and denominator are the same" in problems
    assert "nested_pct: numerator 'done_pct' is not a count" in problems
    assert len(problems) == 4


def test_module_constants():
    assert catalogue.KINDS == ("count", "percent")
    assert catalogue.AGGREGATIONS == ("sum", "last", "max")
    assert catalogue.SOURCES == ("reported", "computed")
