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


def test_the_system_check_names_an_unregistered_function(monkeypatch):
    from lanhmanh.indicators import checks

    resolved = registry.registered()
    assert not [m for m in checks.unresolved_compute_names() if "hotspots.active" in m.msg]
    monkeypatch.setattr(
        registry, "_REGISTRY", {k: v for k, v in resolved.items() if k != "hotspots.active"}
    )
    found = [m for m in checks.unresolved_compute_names() if "hotspots.active" in m.msg]
    assert [m.id for m in found] == ["indicators.W001"]
