"""Every permission goes through the one door (``agencies/policy.py``).

The source of every app (views, API modules, forms, actions, commands, templates) is
searched for the ways permissions used to be decided beside the door: role helpers
(``is_coordinator``, ``is_leader``), role checks on ``grants(...)``, the kind-level
``scoping.can(user, Kind...)``, ``reach(...)``, ``scope(...).exists()`` used as a
yes/no, and comparisons of a membership's ``.role`` with a role. Only the door itself
(``lanhmanh/agencies/``) and the apps' ``queries.py`` (which narrow querysets) may use
them. A line found here is a permission decided outside the door: ask
``policy.can/require`` instead (a template gets a boolean the view computed with it).
"""

from __future__ import annotations

import re
from pathlib import Path

from lanhmanh.agencies.roles import Role

PACKAGE = Path(__file__).resolve().parents[2]  # lanhmanh/

ROLE_VALUES = "|".join(re.escape(v) for v in Role.values)
PATTERNS = {
    "role helper is_coordinator": re.compile(r"\bis_coordinator\b"),
    "role helper is_leader": re.compile(r"\bis_leader\b"),
    "role check on grants()": re.compile(r"\bgrants\("),
    "kind check scoping.can(user, Kind...)": re.compile(r"\bcan\([^()]*\bKind\."),
    "area check reach()": re.compile(r"\breach\("),
    "scope(...).exists() as a yes/no": re.compile(
        r"\bscope\((?:[^()]|\([^()]*\))*\)\s*\.exists\(\)"
    ),
    "comparison of .role with a role": re.compile(
        r"\.role\s*(?:==|!=|\bin\b|\bnot in\b)\s*"
        rf"""(?:Role\.|R\.|["'](?:{ROLE_VALUES})["']|\{{|\(|\[)"""
    ),
}

# Lines that use one of the names without deciding a permission: (path, text).
NOT_A_DECISION = {
    # the account page lists the user's memberships and roles, decides nothing
    ("views.py", '"grants": grants(request.user)'),
}


def _is_door(path: Path) -> bool:
    relative = path.relative_to(PACKAGE)
    parts = relative.parts
    return (
        parts[0] == "agencies"
        or path.name == "queries.py"
        or "tests" in parts
        or "migrations" in parts
        or path.name in {"testing.py", "ci_guard.py"}
    )


def _sources():
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix not in {".py", ".html", ".txt"} or not path.is_file():
            continue
        if _is_door(path):
            continue
        yield path


def offenders_in(text: str, name: str = "") -> list[tuple[int, str, str]]:
    """(line number, what, line) of each permission decided outside the door."""
    found = []
    # scope(...).exists() may span lines: search the whole text, then the lines.
    for what, pattern in PATTERNS.items():
        for match in pattern.finditer(text):
            line_no = text.count("\n", 0, match.start()) + 1
            line = text.splitlines()[line_no - 1].strip()
            if any(name.endswith(p) and t in line for p, t in NOT_A_DECISION):
                continue
            found.append((line_no, what, line))
    return sorted(set(found))


def offenders() -> list[str]:
    out = []
    for path in _sources():
        text = path.read_text(encoding="utf-8", errors="replace")
        relative = str(path.relative_to(PACKAGE.parent))
        for line_no, what, line in offenders_in(text, relative):
            out.append(f"{relative}:{line_no}: {what}: {line}")
    return out


def test_the_search_finds_each_side_door():
    """The patterns catch what they are for, and not a plan task's lead/partner role."""
    samples = {
        "if is_coordinator(request.user):": "role helper is_coordinator",
        "limit = 5 if is_leader(user) else None": "role helper is_leader",
        "police = any(g.role == Role.POLICE for g in grants(user))": "role check on grants()",
        "if not can(user, Kind.SUPPORT_CASE, write=True):": "kind check scoping.can(user, Kind...)",
        "area = reach(user, Kind.PLAN, write=True)": "area check reach()",
        'return scope(Tip.objects.filter(pk=tip.pk), user, Kind.TIP, "commune").exists()': (
            "scope(...).exists() as a yes/no"
        ),
        "if membership.role == 'coordinator':": "comparison of .role with a role",
        '{% if m.role == "police" %}': "comparison of .role with a role",
    }
    for text, what in samples.items():
        assert what in {w for _n, w, _l in offenders_in(text)}, text
    assert offenders_in('{% if a.role == "lead" %}') == []
    assert offenders_in('lead = [r.name for r in roles if r.role == "lead"]') == []
    assert (
        offenders_in("from lanhmanh.agencies import policy\npolicy.can(user, 'tip.handle', tip)")
        == []
    )


def test_no_permission_is_decided_outside_the_door():
    found = offenders()
    assert not found, (
        "permissions decided outside the door (use policy.can/require; templates get "
        "booleans computed with it):\n" + "\n".join(found)
    )
