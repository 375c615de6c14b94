"""Every computed indicator of the catalogue names a function some register registered:
a name nobody registered would silently turn the figure into a typed one."""

from lanhmanh.indicators import registry
from lanhmanh.indicators.catalogue import INDICATORS


def test_every_catalogue_compute_name_resolves_in_the_registry():
    unresolved = sorted(
        f"{spec.code}: {spec.compute}"
        for spec in INDICATORS
        if spec.compute and registry.function_for(spec.compute) is None
    )
    assert unresolved == []
