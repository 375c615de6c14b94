"""The engine on the five seed plans in ../shared, scored against their reference answers."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lanhmanh.plans.extraction import extract
from lanhmanh.plans.extraction.scoring import mean_scores, score

pytestmark = pytest.mark.seeds


def _pairs(shared_dir):
    gold_dir = Path(shared_dir) / "gold"
    seeds = Path(shared_dir) / "seeds"
    pairs = []
    for gold in sorted(gold_dir.glob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        pairs.append((seeds / f"{stem}.txt", json.loads(gold.read_text(encoding="utf-8"))))
    assert pairs, "no reference answers in ../shared/gold"
    return pairs


@pytest.fixture
def seed_scores(shared_dir):
    return [(path.name, score(extract(path), gold)) for path, gold in _pairs(shared_dir)]


def test_seed_means_reach_the_bar(seed_scores):
    means = mean_scores([s for _, s in seed_scores])
    assert means["targets"] >= 0.95, seed_scores
    assert means["responsibilities"] >= 0.95, seed_scores
    assert means["reporting"] == 1.0, seed_scores


def test_document_fields_right_on_every_seed(seed_scores):
    for name, s in seed_scores:
        assert s["document"] == {"number": 1.0, "issued_on": 1.0, "years": 1.0}, name


def test_v1_shape_and_source_hash(shared_dir):
    import hashlib

    path, gold = _pairs(shared_dir)[1]
    plan = extract(path)
    assert list(plan) == [
        "schema",
        "source",
        "document",
        "references",
        "targets",
        "tasks",
        "responsibilities",
        "reporting",
        "funding",
    ]
    assert plan["source"] == {
        "filename": path.name,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
    }
    assert plan["references"] == gold["references"]
    for target in plan["targets"]:
        assert set(target) == {"text", "kind", "op", "value", "value_max", "year", "section"}
        assert target["section"]


def test_references_and_tasks_of_the_seeds(shared_dir):
    for path, gold in _pairs(shared_dir):
        plan = extract(path)
        assert plan["references"] == gold["references"], path.name
        assert [t["section"] for t in plan["tasks"]] == [t["section"] for t in gold["tasks"]]
        for got, want in zip(plan["tasks"], gold["tasks"], strict=True):
            assert (got["start"], got["end"]) == (want["start"], want["end"])
            assert len(got["partners"]) == len(want["partners"]), got


def test_cli_subprocess_prints_v1_json(shared_dir):
    seed = Path(shared_dir) / "seeds" / "000_cf9464726e1f8731.txt"
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lanhmanh.settings"}
    done = subprocess.run(
        [sys.executable, "-m", "lanhmanh.cli", "extract-plan", str(seed)],
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    assert plan["schema"] == "lanhmanh.plan/v1"
    assert plan["document"]["number"] == "18/KH-UBND"
    assert "Hòa Bình" in done.stdout  # ensure_ascii=False


def test_cli_subprocess_fails_in_one_line(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(
        [sys.executable, "-m", "lanhmanh.cli", "extract-plan", str(empty)],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "empty" in lines[0] and "Traceback" not in done.stderr
