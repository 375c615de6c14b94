"""A checker for the ``lanhmanh.plan/v1`` contract (../shared/specs/plan-extraction.md),
written from the spec rather than from the engine, so the fuzz tests judge its output."""

from __future__ import annotations

import datetime
import json
import re

KINDS = {"ke_hoach", "quyet_dinh", "chuong_trinh", "other"}
TARGET_KINDS = {"percent", "count"}
OPS = {"ge", "le", "eq", "range", "increase", "decrease"}
FREQUENCIES = {"monthly", "quarterly", "semiannual", "annual", "ad_hoc"}
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def problems(plan) -> list[str]:
    """What is wrong with ``plan``; empty when it keeps the contract."""
    out = []

    def need(condition, what):
        if not condition:
            out.append(what)

    need(isinstance(plan, dict), "not an object")
    if out:
        return out
    try:
        json.dumps(plan, allow_nan=False)
    except (TypeError, ValueError) as exc:
        out.append(f"not JSON: {exc}")
    need(plan.get("schema") == "lanhmanh.plan/v1", "schema")
    source = plan.get("source") or {}
    need(isinstance(source.get("filename"), str), "source.filename")
    need(re.fullmatch(r"[0-9a-f]{64}", str(source.get("sha256"))), "source.sha256")
    doc = plan.get("document")
    need(isinstance(doc, dict), "document")
    if isinstance(doc, dict):
        need(doc.get("kind") in KINDS, f"document.kind {doc.get('kind')!r}")
        need(doc.get("number") is None or isinstance(doc["number"], str), "document.number")
        issued = doc.get("issued_on")
        if issued is not None:
            try:
                datetime.date.fromisoformat(issued)
            except (TypeError, ValueError):
                out.append(f"document.issued_on {issued!r}")
        need(doc.get("title") is None or isinstance(doc["title"], str), "document.title")
        years = doc.get("years")
        need(
            isinstance(years, list) and all(isinstance(y, int) for y in years),
            "document.years",
        )
    for key in ("references", "funding"):
        need(
            isinstance(plan.get(key), list) and all(isinstance(x, str) for x in plan[key]),
            key,
        )
    for i, t in enumerate(plan.get("targets") or []):
        need(isinstance(t.get("text"), str), f"targets[{i}].text")
        need(t.get("kind") in TARGET_KINDS, f"targets[{i}].kind")
        need(t.get("op") in OPS, f"targets[{i}].op")
        need(_number(t.get("value")), f"targets[{i}].value")
        need(t.get("value_max") is None or _number(t["value_max"]), f"targets[{i}].value_max")
        need(t.get("year") is None or isinstance(t["year"], int), f"targets[{i}].year")
    need(isinstance(plan.get("targets"), list), "targets")
    need(isinstance(plan.get("tasks"), list), "tasks")
    for i, task in enumerate(plan.get("tasks") or []):
        need(isinstance(task.get("title"), str), f"tasks[{i}].title")
        for key in ("lead", "partners"):
            need(isinstance(task.get(key), list), f"tasks[{i}].{key}")
        for key in ("start", "end"):
            need(task.get(key) is None or MONTH.match(str(task[key])), f"tasks[{i}].{key}")
    need(isinstance(plan.get("responsibilities"), list), "responsibilities")
    for i, r in enumerate(plan.get("responsibilities") or []):
        need(isinstance(r.get("agency"), str) and r["agency"], f"responsibilities[{i}].agency")
        need(isinstance(r.get("duties"), list), f"responsibilities[{i}].duties")
    need(isinstance(plan.get("reporting"), list), "reporting")
    for i, r in enumerate(plan.get("reporting") or []):
        need(r.get("frequency") in FREQUENCIES, f"reporting[{i}].frequency")
        day, month = r.get("due_day"), r.get("due_month")
        need(day is None or (isinstance(day, int) and 1 <= day <= 31), f"reporting[{i}].due_day")
        need(
            month is None or (isinstance(month, int) and 1 <= month <= 12),
            f"reporting[{i}].due_month",
        )
    return out
