"""The lành mạnh figures: as assessed then, and on today's communes through successions.

Phường Trường Vinh (Nghệ An) was formed on 01/07/2025 from seven old wards and communes;
its results before 2025 come from theirs.
"""

import datetime

import pytest

from lanhmanh.assessments import indicators
from lanhmanh.assessments.models import Status
from lanhmanh.assessments.scoring import Result
from lanhmanh.indicators import registry as registers
from lanhmanh.places.models import AdministrativeUnit, Level, UnitSuccession
from lanhmanh.testing import unit

from .factories import default_set, make_assessment

pytestmark = pytest.mark.django_db


def START(year):
    return datetime.date(year, 1, 1)


def END(year):
    return datetime.date(year, 12, 31)


@pytest.fixture
def predecessors(cast):
    default_set()
    return [
        link.predecessor
        for link in UnitSuccession.objects.filter(successor=cast.commune)
        .select_related("predecessor")
        .order_by("predecessor__code")
    ]


def assess_all(user, communes, year, failing=()):
    for commune in communes:
        make_assessment(user, commune, year, healthy=commune not in failing)


def test_seven_predecessors(predecessors):
    assert len(predecessors) == 7


def test_successor_is_healthy_only_if_every_predecessor_was(cast, predecessors):
    user = cast.inside["coordinator"]
    assess_all(user, predecessors, 2023)  # all lành mạnh
    assess_all(user, predecessors, 2024, failing=predecessors[:1])  # one failed
    assess_all(user, predecessors[1:], 2022)  # one not assessed
    table = indicators.results([cast.commune], [2022, 2023, 2024])
    assert table[(cast.commune.pk, 2023)].result == Result.HEALTHY
    assert table[(cast.commune.pk, 2024)].result == Result.NOT_HEALTHY
    assert table[(cast.commune.pk, 2022)].result == Result.UNKNOWN
    detail = table[(cast.commune.pk, 2024)].predecessors
    assert sorted(r for _u, r in detail).count(Result.NOT_HEALTHY) == 1
    assert {u.pk for u, _r in detail} == {p.pk for p in predecessors}


def test_after_the_merger_the_commune_own_assessment_counts(cast, predecessors):
    user = cast.inside["coordinator"]
    make_assessment(user, cast.commune, 2025, healthy=False)
    table = indicators.results([cast.commune], [2025])
    assert table[(cast.commune.pk, 2025)].result == Result.NOT_HEALTHY
    assert table[(cast.commune.pk, 2025)].predecessors == []


def test_only_approved_assessments_count(cast, predecessors):
    user = cast.inside["coordinator"]
    for status in (Status.DRAFT, Status.SUBMITTED, Status.RETURNED):
        make_assessment(
            user,
            predecessors[0],
            {Status.DRAFT: 2021, Status.SUBMITTED: 2022, Status.RETURNED: 2023}[status],
            status=status,
        )
    assert indicators.communes_healthy({cast.province.pk}, START(2022), END(2022)) == 0
    table = indicators.results([cast.commune], [2021, 2022, 2023])
    assert {cell.result for cell in table.values()} == {Result.UNKNOWN}


def test_a_split_predecessor_passes_its_result_to_each_successor(cast, predecessors):
    """An old commune divided between two new ones counts for both."""
    other = unit("16681", Level.COMMUNE)  # Phường Thành Vinh
    split = predecessors[0]
    UnitSuccession.objects.create(
        predecessor=split, successor=other, partial=True, effective_on=other.valid_from
    )
    user = cast.inside["coordinator"]
    make_assessment(user, split, 2024, healthy=False)
    table = indicators.results([cast.commune, other], [2024])
    assert table[(cast.commune.pk, 2024)].result == Result.NOT_HEALTHY
    assert table[(other.pk, 2024)].result == Result.NOT_HEALTHY


def test_register_figures_as_assessed_then(cast, predecessors):
    user = cast.inside["coordinator"]
    assess_all(user, predecessors, 2024, failing=predecessors[:2])
    make_assessment(user, cast.commune, 2025)
    province = {cast.province.pk}
    communes_2024 = indicators.communes_in(province, 2024).count()
    assert communes_2024 > 300  # Nghệ An had hundreds of communes before the merger
    assert indicators.communes_healthy(province, START(2024), END(2024)) == 5
    assert indicators.communes_healthy_share(province, START(2024), END(2024)) == round(
        500 / communes_2024, 1
    )
    communes_2026 = indicators.communes_in(province, 2026).count()
    assert (
        communes_2026
        == AdministrativeUnit.objects.filter(
            level=Level.COMMUNE, province=cast.province, valid_to__isnull=True
        ).count()
    )
    assert indicators.communes_healthy(province, START(2025), END(2025)) == 1
    # The commune's own area: its old wards in 2024, itself in 2025.
    assert indicators.communes_healthy({cast.commune.pk}, START(2024), END(2024)) == 5
    assert indicators.communes_healthy_share({cast.commune.pk}, START(2025), END(2025)) == 100.0
    # Another province sees none of it.
    assert indicators.communes_healthy({cast.other_province.pk}, START(2024), END(2024)) == 0


def test_trend_on_todays_communes_matches_the_commune_table(cast, predecessors):
    user = cast.inside["coordinator"]
    assess_all(user, predecessors, 2024)
    make_assessment(user, cast.commune, 2025, healthy=False)
    rows = {row.year: row for row in indicators.trend({cast.province.pk}, [2024, 2025, 2026])}
    assert rows[2024].healthy == 1 and rows[2024].healthy_then == 7
    assert rows[2025].healthy == 0 and rows[2025].not_healthy == 1
    assert rows[2026].unknown == rows[2026].communes
    assert rows[2024].communes == indicators.current_communes({cast.province.pk}).count()
    assert rows[2024].share == round(100 / rows[2024].communes, 1)


def test_results_query_count_does_not_grow_with_communes(
    cast, predecessors, django_assert_num_queries
):
    communes = list(indicators.current_communes({cast.province.pk}))
    with django_assert_num_queries(2):
        indicators.results(communes, [2022, 2023, 2024, 2025])


def test_the_catalogue_indicators_are_computed_by_this_app(cast, predecessors):
    from lanhmanh.indicators.catalogue import BY_CODE

    for code in ("communes_healthy", "communes_healthy_pct"):
        function = registers.function_for(BY_CODE[code].compute)
        assert function is not None
        assert function.__module__ == "lanhmanh.assessments.indicators"


def test_each_register_figure_is_one_query(cast, predecessors, django_assert_num_queries):
    make_assessment(cast.inside["coordinator"], cast.commune, 2025)
    with django_assert_num_queries(1):
        assert indicators.communes_healthy({cast.province.pk}, START(2025), END(2025)) == 1
    with django_assert_num_queries(1):
        share = indicators.communes_healthy_share({cast.province.pk}, START(2025), END(2025))
    assert share == round(100 / indicators.current_communes({cast.province.pk}).count(), 1)
