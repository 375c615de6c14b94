"""The suppression rules and the exact recoverability check, directly (pure Python)."""

import itertools
import random
from fractions import Fraction

from lanhmanh.people.suppression import (
    SUPPRESSED,
    RowSpace,
    complementary,
    primary,
    recoverable,
    recoverable_cells,
    shown,
    suppress,
)


def unit(name):
    return {name: 1}


def test_row_space_membership():
    space = RowSpace()
    assert space.add({"a": 1, "b": 1})
    assert space.add({"b": 1, "c": 1})
    assert not space.add({"a": 2, "b": 3, "c": 1})  # 2(a+b) + (b+c)
    assert space.contains({"a": 1, "c": -1})  # (a+b) - (b+c)
    assert not space.contains({"a": 1})
    assert space.contains({"a": Fraction(1, 2), "b": Fraction(1, 2)})


def test_checker_finds_the_old_total_minus_others_recovery():
    """The old stats table: total 6, counselling 5, legal aid "<5" (each person one
    service). Unknowns: the true cells; published: the total and counselling."""
    published = [{"counselling": 1, "legal_aid": 1}, unit("counselling")]
    assert recoverable(published, {"legal_aid": unit("legal_aid")}) == {"legal_aid"}
    # The same through the relation form used by ``suppress``.
    relations = [("total", ["counselling", "legal_aid"])]
    assert recoverable_cells(relations, {"legal_aid"}) == {"legal_aid"}


def test_checker_finds_a_recovery_through_several_relations():
    """A 2×2 table with margins: hiding a and b (one row) leaves both recoverable
    through their columns; hiding a, b, c, d leaves nothing recoverable."""
    relations = [
        ("r1", ["a", "b"]),
        ("r2", ["c", "d"]),
        ("c1", ["a", "c"]),
        ("c2", ["b", "d"]),
        ("t", ["r1", "r2"]),
        ("t", ["c1", "c2"]),
    ]
    assert recoverable_cells(relations, {"a", "b"}) == {"a", "b"}
    assert recoverable_cells(relations, {"a", "b", "c", "d"}) == set()
    # A bridge: two suppressed cycles joined by one suppressed cell: every row and column
    # has two suppressed cells, yet the bridge comes back.
    rows = {f"r{i}": [f"x{i}{j}" for j in range(4)] for i in range(4)}
    cols = {f"c{j}": [f"x{i}{j}" for i in range(4)] for j in range(4)}
    relations = [*rows.items(), *cols.items()]
    hidden = {"x00", "x01", "x10", "x11", "x22", "x23", "x32", "x33", "x12"}
    for relation in relations:  # every row and column: 0 or at least 2 hidden
        assert len(set(relation[1]) & hidden) != 1
    found = recoverable_cells(relations, hidden)
    assert found == {"x12"}
    atoms = {cell for members in rows.values() for cell in members}
    equations = [{m: 1 for m in members} for members in (*rows.values(), *cols.values())]
    equations += [unit(cell) for cell in atoms - hidden]
    assert found == recoverable(equations, {cell: unit(cell) for cell in hidden})


def test_primary_keeps_true_zeros_published():
    assert primary({"a": 0, "b": 1, "c": 4, "d": 5}) == {"b", "c"}


def test_a_row_with_one_small_cell_hides_the_next_smallest():
    values = {"total": 6, "counselling": 5, "legal_aid": 1, "shelter": 0}
    relations = [("total", ["counselling", "legal_aid", "shelter"])]
    hidden = suppress(values, relations)
    # the 0 stays published (it hides nothing: it is known), the 5 goes with the 1
    assert hidden == {"legal_aid", "counselling"}
    table = shown(values, hidden)
    assert table == {"total": 6, "counselling": SUPPRESSED, "legal_aid": SUPPRESSED, "shelter": 0}
    assert recoverable_cells(relations, hidden) == set()


def test_the_total_is_hidden_when_it_is_the_only_other_member():
    values = {"total": 3, "a": 3, "b": 0}
    relations = [("total", ["a", "b"])]
    assert suppress(values, relations) == {"total", "a"}
    # A suppressed total alone (a complement from elsewhere) takes its smallest cell.
    hidden = complementary({"t": 9, "a": 5, "b": 4}, [("t", ["a", "b"])], {"t"})
    assert hidden == {"t", "b"}


def test_complements_reach_a_fixpoint_across_rows_and_columns():
    # communes × {counselling, legal aid}, with commune and service totals
    values = {
        ("A", "c"): 7,
        ("A", "l"): 2,
        ("A", "t"): 9,
        ("B", "c"): 8,
        ("B", "l"): 6,
        ("B", "t"): 14,
        ("P", "c"): 15,
        ("P", "l"): 8,
        ("P", "t"): 23,
    }
    relations = [((r, "t"), [(r, "c"), (r, "l")]) for r in "ABP"] + [
        ((("P", k)), [("A", k), ("B", k)]) for k in "clt"
    ]
    hidden = suppress(values, relations)
    assert ("A", "l") in hidden
    for total, members in relations:
        assert len([c for c in (total, *members) if c in hidden]) != 1
    assert recoverable_cells(relations, hidden) == set()


def test_suppress_leaves_nothing_recoverable_on_random_tables():
    """Random small two-way tables with margins: after ``suppress``, the exact check over
    the true cells (not the relations) recovers no suppressed number."""
    rng = random.Random(19)  # noqa: S311 - test data, not secrets
    for _trial in range(60):
        n_rows, n_cols = rng.randint(1, 4), rng.randint(2, 4)
        counts = [0, 0, 1, 2, 3, 4, 5, 6, 9, 14]
        cells = {(i, j): rng.choice(counts) for i in range(n_rows) for j in range(n_cols)}
        values = dict(cells)
        relations = []
        for i in range(n_rows):
            values[(i, "t")] = sum(cells[(i, j)] for j in range(n_cols))
            relations.append(((i, "t"), [(i, j) for j in range(n_cols)]))
        for j in range(n_cols):
            values[("t", j)] = sum(cells[(i, j)] for i in range(n_rows))
            relations.append((("t", j), [(i, j) for i in range(n_rows)]))
        values[("t", "t")] = sum(cells.values())
        relations.append((("t", "t"), [(i, "t") for i in range(n_rows)]))
        relations.append((("t", "t"), [("t", j) for j in range(n_cols)]))
        hidden = suppress(values, relations)
        assert primary(values) <= hidden

        def vector(cell, n_rows=n_rows, n_cols=n_cols):
            i, j = cell
            rows = range(n_rows) if i == "t" else [i]
            cols = range(n_cols) if j == "t" else [j]
            return {(a, b): 1 for a, b in itertools.product(rows, cols)}

        published = [vector(c) for c in values if c not in hidden]
        assert recoverable(published, {c: vector(c) for c in hidden}) == set(), values
