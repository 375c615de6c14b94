"""Suppression of small counts in published tables, and the exact check that no suppressed
count can be worked back out by arithmetic (pure Python, no Django).

DESIGN.md rule 3: outside the case team the people register publishes counts only, and a
count that could point at a person is not published. The rules, in order:

1. **Primary suppression.** A count of 1 to 4 (below ``THRESHOLD``) is suppressed. A true
   0 is published: it says that nobody is in the cell, which points at no person (the
   usual practice of statistics offices); a 0 is therefore a known value to anyone
   reading the table, and is never chosen to hide another cell (rule 2) unless nothing
   else is left (rule 3).
2. **Complementary suppression.** A table is published with *relations*: a total and the
   cells it adds up to (a row and its total, a column and its total, a province and its
   communes). A relation with exactly one suppressed member would give it back as "total
   minus the others". So in such a relation the smallest other non-zero member that is
   still published (the total included) is suppressed too. This is repeated over every
   relation until none has exactly one suppressed member (a fixpoint: suppressing a cell
   for one relation may leave another relation with exactly one).
3. **The exact check.** A suppressed cell can still be recovered by combining several
   relations (two rows and a column around a single suppressed pair, …). Every published
   number is a linear equation in the table's true cells; a suppressed cell is recoverable
   exactly when its vector lies in the row space of the published equations, which
   :func:`recoverable` decides by Gaussian elimination over ``fractions.Fraction``. For
   each recoverable cell the smallest published non-zero member of one of its relations is
   suppressed (a published 0 when there is nothing else), and rules 2–3 repeat until
   nothing suppressed can be recovered.

:func:`suppress` applies the three rules to a table given as ``{cell: count}`` and its
relations; :func:`recoverable` is the check itself, for any system of equations (the tests
use it on everything the pages, exports and the API publish).

What this does not claim: the check is about exact recovery by linear arithmetic. Bounds
still follow from a table (a suppressed cell is at most its row's total), and figures of
different periods are different tables (a year minus its first half is the people first
reached in the second half).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from fractions import Fraction

THRESHOLD = 5
#: how every suppressed cell is shown. One mark for all: a cell marked "<5" beside one
#: marked otherwise (a complement, 5 or more) would narrow the first down by subtraction.
SUPPRESSED = "x"

Cell = Hashable
#: a relation: (total, members), meaning total = sum(members)
Relation = tuple[Cell, Sequence[Cell]]
Vector = Mapping[Hashable, Fraction | int]


# --- linear algebra over the rationals ------------------------------------------------


class RowSpace:
    """The span of the vectors added, kept in reduced row echelon form (sparse rows)."""

    def __init__(self) -> None:
        self._rows: dict[Hashable, dict[Hashable, Fraction]] = {}

    def reduce(self, vector: Vector) -> dict[Hashable, Fraction]:
        """``vector`` minus its part in the span (empty when it lies in the span)."""
        v = {k: Fraction(c) for k, c in vector.items() if c}
        for pivot in [k for k in v if k in self._rows]:
            factor = v.get(pivot)
            if not factor:
                continue
            for key, c in self._rows[pivot].items():
                value = v.get(key, 0) - factor * c
                if value:
                    v[key] = value
                else:
                    v.pop(key, None)
        return v

    def add(self, vector: Vector) -> bool:
        """Add ``vector`` to the span; False when it was already in it."""
        v = self.reduce(vector)
        if not v:
            return False
        pivot = next(iter(v))
        scale = v[pivot]
        v = {k: c / scale for k, c in v.items()}
        for row in self._rows.values():
            factor = row.get(pivot)
            if factor:
                for key, c in v.items():
                    value = row.get(key, 0) - factor * c
                    if value:
                        row[key] = value
                    else:
                        row.pop(key, None)
        self._rows[pivot] = v
        return True

    def contains(self, vector: Vector) -> bool:
        return not self.reduce(vector)


def recoverable(
    equations: Iterable[Vector], suppressed: Mapping[Hashable, Vector]
) -> set[Hashable]:
    """The names of the ``suppressed`` cells that the published ``equations`` give back.

    Each published number is an equation: a vector over the unknown true cells (a cell
    published alone is its unit vector, a total the sum of its cells' vectors). A
    suppressed cell (given by its own vector over the same unknowns) is recoverable
    exactly when that vector is a linear combination of the equations."""
    space = RowSpace()
    for equation in equations:
        space.add(equation)
    return {name for name, vector in suppressed.items() if space.contains(vector)}


# --- suppression ----------------------------------------------------------------------


def primary(values: Mapping[Cell, int], threshold: int = THRESHOLD) -> set[Cell]:
    """The cells of 1 to ``threshold - 1``."""
    return {cell for cell, n in values.items() if 0 < n < threshold}


def recoverable_cells(relations: Sequence[Relation], suppressed: set[Cell]) -> set[Cell]:
    """The suppressed cells that the relations and the published cells give back.

    The relations generate every linear dependency between the table's numbers; once the
    published numbers are known, what is left of each relation is its restriction to the
    suppressed cells, and a suppressed cell is recoverable when its unit vector lies in
    the span of those restrictions (the same test as :func:`recoverable`, done on the few
    suppressed cells instead of on all the unknowns)."""
    if not suppressed:
        return set()
    rows = []
    for total, members in relations:
        row: dict[Cell, Fraction] = {}
        for cell, sign in ((total, -1), *((m, 1) for m in members)):
            if cell in suppressed:
                row[cell] = row.get(cell, 0) + sign
        rows.append(row)
    return recoverable(rows, {cell: {cell: 1} for cell in suppressed})


def _members(relation: Relation) -> tuple[Cell, ...]:
    total, members = relation
    return (total, *members)


def _smallest(
    cells: Iterable[Cell], values: Mapping[Cell, int], suppressed: set[Cell], zeros: bool
) -> Cell | None:
    candidates = [
        c for c in cells if c not in suppressed and (zeros or values[c] > 0) and c in values
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda c: (values[c], repr(c)))


def complementary(
    values: Mapping[Cell, int], relations: Sequence[Relation], suppressed: set[Cell]
) -> set[Cell]:
    """Rule 2: suppress more until no relation has exactly one suppressed member."""
    suppressed = set(suppressed)
    changed = True
    while changed:
        changed = False
        for relation in relations:
            members = _members(relation)
            hidden = [c for c in members if c in suppressed]
            if len(hidden) != 1:
                continue
            cell = _smallest(members, values, suppressed, zeros=False)
            if cell is None:
                cell = _smallest(members, values, suppressed, zeros=True)
            if cell is not None:
                suppressed.add(cell)
                changed = True
    return suppressed


def suppress(
    values: Mapping[Cell, int], relations: Sequence[Relation], threshold: int = THRESHOLD
) -> set[Cell]:
    """The cells to suppress in the table ``values`` with its ``relations`` (rules 1–3):
    afterwards no suppressed cell can be recovered from the published ones."""
    relations = [r for r in relations if all(c in values for c in _members(r))]
    suppressed = complementary(values, relations, primary(values, threshold))
    while True:
        found = recoverable_cells(relations, suppressed)
        if not found:
            return suppressed
        added = set()
        for zeros in (False, True):
            for cell in sorted(found, key=repr):
                around = [m for r in relations if cell in _members(r) for m in _members(r)]
                pick = _smallest(around, values, suppressed | added, zeros)
                if pick is not None:
                    added.add(pick)
            if added:
                break
        if not added:  # nothing left to hide it with: publish nothing of these relations
            added = {c for r in relations for c in _members(r)} - suppressed
            if not added:
                return suppressed
        suppressed = complementary(values, relations, suppressed | added)


def shown(values: Mapping[Cell, int], suppressed: set[Cell]) -> dict[Cell, int | str]:
    """The table as published: each suppressed cell as ``SUPPRESSED``."""
    return {cell: SUPPRESSED if cell in suppressed else n for cell, n in values.items()}
