"""Every schema of the API keeps its own name in the OpenAPI document: two routers'
classes of the same name would silently share one entry, and one of them would then
answer against the other's schema (found by schemathesis)."""

from collections import defaultdict

from ninja import Schema


def _schemas(cls=Schema):
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("lanhmanh."):
            yield sub
        yield from _schemas(sub)


def test_no_two_api_schemas_share_a_name():
    import lanhmanh.api.api  # noqa: F401 - registers every router

    by_name = defaultdict(set)
    for schema in _schemas():
        by_name[schema.__name__].add(f"{schema.__module__}.{schema.__qualname__}")
    shared = {name: places for name, places in by_name.items() if len(places) > 1}
    assert not shared, shared
