import datetime

import pytest
from django.db.models import Count, F
from django.utils import timezone

from lanhmanh.demo.national import Counts, generate
from lanhmanh.hotspots.models import Hotspot
from lanhmanh.inspections import indicators
from lanhmanh.inspections.models import Establishment, Inspection
from lanhmanh.sanctions.models import Sanction
from lanhmanh.tips.models import Tip

pytestmark = pytest.mark.django_db


def fingerprint():
    return (
        sorted(Establishment.objects.values_list("name", "commune__code", "risk", "status")),
        sorted(Inspection.objects.values_list("establishment__name", "inspected_on", "kind")),
        sorted(Tip.objects.values_list("reference", "commune__code", "deadline", "status")),
    )


def test_national_dataset_is_deterministic_spread_and_consistent():
    made = generate(fraction=0.002, seed=7)
    expected = Counts().scaled(0.002)
    assert made["establishments"] == Establishment.objects.count() == expected.establishments
    assert Inspection.objects.count() == expected.inspections
    assert Tip.objects.count() == expected.tips
    assert Sanction.objects.count() == expected.sanctions
    assert Hotspot.objects.count() == expected.hotspots
    assert generate(fraction=0.002, seed=7) == {}

    provinces = {
        row["commune__province"]
        for row in Establishment.objects.values("commune__province").annotate(n=Count("pk"))
    }
    assert len(provinces) > 25  # spread over the country
    # each inspection is by the team of its establishment's province
    assert not Inspection.objects.exclude(
        team__jurisdiction=F("establishment__commune__province")
    ).exists()
    today = timezone.localdate()
    start = datetime.date(today.year, 1, 1)
    assert indicators.inspections_held(provinces, start, today) == Inspection.objects.count()

    first = fingerprint()
    for model in (Sanction, Tip, Hotspot, Inspection, Establishment):
        model.objects.all().delete()
    generate(fraction=0.002, seed=7)
    assert fingerprint() == first


@pytest.mark.parametrize("fraction", ["0", "-1", "1.5"])
def test_a_fraction_out_of_range_is_a_one_line_refusal_with_exit_2(fraction):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError) as refused:
        call_command("demo", "--scale", "national", "--fraction", fraction)
    assert refused.value.returncode == 2
    assert "\n" not in str(refused.value) and "--fraction" in str(refused.value)
