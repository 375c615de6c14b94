"""Invented plans in other layouts (markdown, a decision wrapping a hard-wrapped plan, a Word
file with header and task tables), scored against hand-written answers: the guard against
rules that only fit the seeds."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from lanhmanh.plans.extraction import extract, extract_with_text
from lanhmanh.plans.extraction.scoring import score

FIXTURES = Path(__file__).parent / "fixtures"
NAMES = ["ke_hoach_markdown.md", "quyet_dinh_ban_hanh.txt", "ke_hoach_bang.docx"]


def _gold(name):
    stem = name.rsplit(".", 1)[0]
    return json.loads((FIXTURES / f"{stem}.gold.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", NAMES)
def test_fixture_scores(name):
    got = extract(FIXTURES / name)
    gold = _gold(name)
    s = score(got, gold)
    assert s["targets"] >= 0.9, s["detail"]["targets"]
    assert s["responsibilities"] >= 0.9, [r["agency"] for r in got["responsibilities"]]
    assert s["reporting"] == 1.0, got["reporting"]
    assert s["document"] == {"number": 1.0, "issued_on": 1.0, "years": 1.0}
    assert got["document"]["kind"] == gold["document"]["kind"]
    assert got["document"]["place"] == gold["document"]["place"]
    assert got["references"] == gold["references"]


@pytest.mark.parametrize("name", NAMES)
def test_fixture_tasks(name):
    got = extract(FIXTURES / name)["tasks"]
    want = _gold(name)["tasks"]
    simplify = [(t["section"], t["lead"], t["partners"], t["start"], t["end"]) for t in want]
    assert [(t["section"], t["lead"], t["partners"], t["start"], t["end"]) for t in got] == simplify


def test_spans_point_at_the_targets_and_agencies():
    plan, text, spans = extract_with_text(FIXTURES / "quyet_dinh_ban_hanh.txt")
    assert len([k for k in spans if k[0] == "targets"]) == len(plan["targets"])
    for i, target in enumerate(plan["targets"]):
        start, end = spans[("targets", i)]
        assert text[start:end].rstrip(".") == target["text"]
    for i, entry in enumerate(plan["responsibilities"]):
        start, end = spans[("responsibilities", i)]
        heading = text[start:end]
        first_word = entry["agency"].split()[0]
        assert first_word.lower() in heading.lower(), (entry["agency"], heading)


def test_docx_header_table_and_task_table():
    plan = extract(FIXTURES / "ke_hoach_bang.docx")
    assert plan["document"]["number"] == "15/KH-SYT"
    assert plan["tasks"][1]["lead"] == ["Đội kiểm tra liên ngành 178 tỉnh"]
    # "Đội kiểm tra liên ngành 178", "Quý II/2026", "Tháng 8/2026" are not targets.
    values = sorted(t["value"] for t in plan["targets"])
    assert values == [4, 10, 20, 100, 120, 150]


def test_score_extraction_command_on_fixtures(tmp_path):
    out = StringIO()
    call_command("score_extraction", str(FIXTURES), str(FIXTURES), "--json", stdout=out)
    scores = json.loads(out.getvalue())
    assert set(scores) == {"ke_hoach_markdown", "quyet_dinh_ban_hanh", "ke_hoach_bang", "mean"}
    assert scores["mean"]["reporting"] == 1.0
    assert scores["mean"]["targets"] >= 0.9
