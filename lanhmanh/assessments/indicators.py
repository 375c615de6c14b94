"""The "lành mạnh" figures: the reporting catalogue's indicators and the trend over years.

Only **approved** assessments count. ``area`` is a set of unit ids, each expanded to
everything inside it (``UnitContainment``), so a province counts its communes.

Two readings of a year, both used:

- **as assessed then** (the reporting indicators ``assessments.communes_healthy`` and
  ``assessments.communes_healthy_share``): the communes that existed at the end of the
  period's year and their own assessments — for 2024, the communes before the 2025
  merger. This is what a report of that year said.
- **on today's communes** (``trend``): every current commune of the area, each year; for a
  year before it existed, its result comes from the old communes it took over, by the rule
  of ``scoring.successor_result`` (lành mạnh only if all of them were). This keeps a series
  comparable across the 2025 reform. Its share is of all current communes: a commune with
  an unknown result does not count as lành mạnh.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q

from lanhmanh.places.models import AdministrativeUnit, Level, UnitContainment, UnitSuccession
from lanhmanh.validity import is_valid_on, valid_on

from .models import Assessment, Status
from .scoring import Result, share, successor_result


def _year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def communes_in(area: Iterable[int], year: int):
    """Communes inside ``area`` that existed at the end of ``year``."""
    inside = UnitContainment.objects.filter(outer_id__in=set(area)).values("inner_id")
    return AdministrativeUnit.objects.filter(level=Level.COMMUNE, pk__in=inside).filter(
        valid_on(_year_end(year))
    )


def _approved(year: int):
    return Assessment.objects.filter(year=year, status=Status.APPROVED)


def communes_healthy(area: Iterable[int], start: datetime.date, end: datetime.date) -> int:
    """Communes of the area (as they were that year) with an approved assessment of the
    period's year that found them lành mạnh."""
    year = end.year
    return _approved(year).filter(healthy=True, commune__in=communes_in(area, year)).count()


def communes_healthy_share(
    area: Iterable[int], start: datetime.date, end: datetime.date
) -> float | None:
    """100 × communes lành mạnh / communes of the area that year; None without communes.
    One query: the reports' roll-up computes it for every period page."""
    year = end.year
    found = Exists(_approved(year).filter(healthy=True, commune=OuterRef("pk")))
    counts = communes_in(area, year).aggregate(
        total=Count("pk"), healthy=Count("pk", filter=Q(found))
    )
    return share(counts["healthy"], counts["total"])


# On today's communes ------------------------------------------------------------------


@dataclass
class CommuneYear:
    result: Result
    # For a year before the commune existed: (old commune, its own result) pairs.
    predecessors: list[tuple[AdministrativeUnit, Result]] = field(default_factory=list)
    assessment_id: int | None = None


def results(communes: list[AdministrativeUnit], years: list[int]) -> dict:
    """(commune id, year) → ``CommuneYear`` for current ``communes``, successors included.

    Three queries whatever the number of communes and years."""
    commune_ids = [c.pk for c in communes]
    links = defaultdict(list)
    for link in UnitSuccession.objects.filter(successor_id__in=commune_ids).select_related(
        "predecessor"
    ):
        links[link.successor_id].append(link.predecessor)
    unit_ids = set(commune_ids) | {p.pk for ps in links.values() for p in ps}
    own: dict[tuple[int, int], tuple[Result, int]] = {}
    for pk, commune_id, year, healthy in Assessment.objects.filter(
        status=Status.APPROVED, year__in=years, commune_id__in=unit_ids
    ).values_list("pk", "commune_id", "year", "healthy"):
        own[(commune_id, year)] = (Result.HEALTHY if healthy else Result.NOT_HEALTHY, pk)
    table = {}
    for commune in communes:
        predecessors = sorted(links.get(commune.pk, []), key=lambda u: (u.name_search, u.pk))
        for year in years:
            if is_valid_on(commune, _year_end(year)) or not predecessors:
                result, pk = own.get((commune.pk, year), (Result.UNKNOWN, None))
                table[(commune.pk, year)] = CommuneYear(result, assessment_id=pk)
                continue
            pairs = [(p, own.get((p.pk, year), (Result.UNKNOWN, None))[0]) for p in predecessors]
            table[(commune.pk, year)] = CommuneYear(
                successor_result(r for _p, r in pairs), predecessors=pairs
            )
    return table


@dataclass
class TrendRow:
    year: int
    communes: int
    healthy: int
    not_healthy: int
    unknown: int
    communes_then: int
    healthy_then: int

    @property
    def share(self) -> float | None:
        return share(self.healthy, self.communes)

    @property
    def share_then(self) -> float | None:
        return share(self.healthy_then, self.communes_then)


def current_communes(area: Iterable[int]):
    inside = UnitContainment.objects.filter(outer_id__in=set(area)).values("inner_id")
    return AdministrativeUnit.objects.filter(
        level=Level.COMMUNE, valid_to__isnull=True, pk__in=inside
    ).order_by("name_search", "pk")


def trend(area: Iterable[int], years: list[int], communes=None, table=None) -> list[TrendRow]:
    """One row a year: the area's current communes lành mạnh (successors included), and
    the figure as assessed then. ``communes`` and ``table`` (of ``results``) may be given
    when the caller has them already."""
    area = set(area)
    if communes is None:
        communes = list(current_communes(area))
    if table is None:
        table = results(communes, years)
    rows = []
    for year in years:
        counts = defaultdict(int)
        for commune in communes:
            counts[table[(commune.pk, year)].result] += 1
        then = communes_in(area, year)
        rows.append(
            TrendRow(
                year=year,
                communes=len(communes),
                healthy=counts[Result.HEALTHY],
                not_healthy=counts[Result.NOT_HEALTHY],
                unknown=counts[Result.UNKNOWN],
                communes_then=then.count(),
                healthy_then=_approved(year).filter(healthy=True, commune__in=then).count(),
            )
        )
    return rows
