"""The scoring of extractions, as the spec defines it."""

import pytest

from lanhmanh.plans.extraction import scoring


def target(kind="count", op="eq", value=1, value_max=None, year=None):
    return {"kind": kind, "op": op, "value": value, "value_max": value_max, "year": year}


def test_empty_sets_score_one():
    assert scoring.score_targets([], []).f1 == 1.0
    assert scoring.score_reporting([], []).f1 == 1.0
    assert scoring.score_responsibilities([], []).f1 == 1.0


def test_one_side_empty_scores_zero():
    assert scoring.score_targets([target()], []).f1 == 0.0
    assert scoring.score_targets([], [target()]).f1 == 0.0


def test_target_keys_compare_numbers_numerically():
    predicted = [target(value=20.0), target("percent", "range", 3, 5.0, 2020)]
    reference = [target(value=20), target("percent", "range", 3.0, 5, 2020)]
    assert scoring.score_targets(predicted, reference).f1 == 1.0


def test_targets_are_a_set_of_keys():
    predicted = [target(value=5), target(value=5), target(value=7)]
    reference = [target(value=5), target(value=9)]
    result = scoring.score_targets(predicted, reference)
    assert (result.precision, result.recall) == (0.5, 0.5)
    assert result.f1 == pytest.approx(0.5)


def test_year_and_op_are_part_of_the_key():
    assert scoring.score_targets([target(year=2020)], [target()]).f1 == 0.0
    assert scoring.score_targets([target(op="ge")], [target()]).f1 == 0.0


def test_names_fold_case_dashes_and_punctuation():
    assert scoring.normalise_name("Sở Lao động-Thương binh và Xã hội.") == (
        "sở lao động thương binh và xã hội"
    )
    assert scoring.names_match("SỞ Y TẾ", "Sở Y tế")
    assert scoring.names_match(
        "Sở Lao động – Thương binh và Xã hội", "Sở Lao động-Thương binh và xã hội"
    )
    assert scoring.names_match("Viện kiểm sát", "Viện kiểm sát nhân dân Thành phố")  # token subset
    assert not scoring.names_match("Sở Y tế", "Sở Tư pháp")


def test_responsibilities_match_one_to_one():
    ref = [{"agency": "Sở Y tế"}, {"agency": "Sở Y tế tỉnh"}]
    pred = [{"agency": "Sở Y tế"}]
    result = scoring.score_responsibilities(pred, ref)
    assert (result.tp, result.precision, result.recall) == (1, 1.0, 0.5)
    # A duplicate prediction cannot match the same reference twice.
    result = scoring.score_responsibilities([{"agency": "Sở Y tế"}] * 2, [{"agency": "Sở Y tế"}])
    assert (result.tp, result.precision) == (1, 0.5)


def test_matching_is_maximal_not_greedy():
    # Greedy would give "Tòa án nhân dân" to the first reference and leave the second unmatched.
    pred = ["Tòa án nhân dân", "Tòa án nhân dân tỉnh Sông Lam"]
    ref = ["Tòa án nhân dân tỉnh Sông Lam", "Tòa án nhân dân huyện"]
    assert len(scoring.match_names(pred, ref)) == 2


def test_reporting_is_a_set_of_frequencies():
    pred = [{"frequency": "annual"}, {"frequency": "annual"}, {"frequency": "monthly"}]
    ref = [{"frequency": "annual"}]
    assert scoring.score_reporting(pred, ref).f1 == pytest.approx(2 / 3)


def test_document_fields_right_or_wrong():
    got = scoring.score_document(
        {"number": "18/KH-UBND", "issued_on": None, "years": [2017]},
        {"number": "18/KH-UBND", "issued_on": "2017-03-06", "years": [2017]},
    )
    assert got == {"number": 1.0, "issued_on": 0.0, "years": 1.0}


def test_score_and_means():
    plan = {
        "document": {"number": None, "issued_on": None, "years": [2014]},
        "targets": [target()],
        "responsibilities": [{"agency": "Sở Y tế"}],
        "reporting": [],
    }
    perfect = scoring.score(plan, plan)
    assert (perfect["targets"], perfect["responsibilities"], perfect["reporting"]) == (1, 1, 1)
    worse = scoring.score({**plan, "targets": []}, plan)
    means = scoring.mean_scores([perfect, worse])
    assert means["targets"] == 0.5 and means["document"]["years"] == 1.0
