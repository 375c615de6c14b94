"""Benchmarks: `make bench`. Results go to bench/results/ as JSON with the machine and date.

Each measure is compared with a baseline in the same run, so the ratios mean something
on a shared, noisy machine where absolute times do not.

- scoping: listing records through ``scope()`` for a commune user and a province user,
  against the same listing without scoping.
- unit search: folded-name search of units against a lookup by code.
"""

import os
import shutil
import tempfile
import time

from bench.common import machine, now, timed, write_result


def main():
    workdir = tempfile.mkdtemp(prefix="lanhmanh-bench-")
    os.environ.setdefault("LANHMANH_VAR_DIR", workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lanhmanh.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from lanhmanh.agencies.models import Agency, AgencyKind
    from lanhmanh.agencies.roles import Kind, Role
    from lanhmanh.agencies.scoping import scope
    from lanhmanh.places.loader import load_units
    from lanhmanh.places.models import AdministrativeUnit, Level
    from lanhmanh.testing import make_agency, make_user

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    load_units()
    load_seconds = time.perf_counter() - started

    communes = list(AdministrativeUnit.objects.current().filter(level=Level.COMMUNE))
    Agency.objects.bulk_create(
        [
            Agency(
                name=f"Record {i}",
                name_search=f"record {i}",
                kind=AgencyKind.OTHER,
                jurisdiction=communes[i % len(communes)],
            )
            for i in range(20000)
        ],
        batch_size=2000,
    )
    province = AdministrativeUnit.objects.current().get(level=Level.PROVINCE, code="40")
    commune = AdministrativeUnit.objects.current().get(level=Level.COMMUNE, code="16690")
    province_user = make_user(Role.COORDINATOR, make_agency(province), username="bench_p")
    commune_user = make_user(Role.REPORTER, make_agency(commune), username="bench_c")

    def unscoped():
        list(Agency.objects.filter(kind=AgencyKind.OTHER).order_by("name")[:50])
        Agency.objects.filter(kind=AgencyKind.OTHER).count()

    def scoped(user):
        def run():
            qs = scope(
                Agency.objects.filter(kind=AgencyKind.OTHER), user, Kind.PLAN, "jurisdiction"
            )
            list(qs.order_by("name")[:50])
            qs.count()

        return run

    def by_code():
        list(AdministrativeUnit.objects.filter(code="16690"))

    def by_name():
        list(AdministrativeUnit.objects.current().search("truong vinh"))

    baseline = timed(unscoped)
    province_scoped = timed(scoped(province_user))
    commune_scoped = timed(scoped(commune_user))
    code_lookup = timed(by_code)
    name_search = timed(by_name)

    result = {
        "date": now(),
        "machine": machine(database=connection.vendor),
        "load_units_seconds": round(load_seconds, 3),
        "records": Agency.objects.count(),
        "median_seconds": {
            "list_unscoped": baseline,
            "list_scoped_province": province_scoped,
            "list_scoped_commune": commune_scoped,
            "unit_by_code": code_lookup,
            "unit_search_folded": name_search,
        },
        "ratios": {
            "scoped_province_vs_unscoped": round(province_scoped / baseline, 2),
            "scoped_commune_vs_unscoped": round(commune_scoped / baseline, 2),
            "folded_search_vs_code_lookup": round(name_search / code_lookup, 2),
        },
    }
    write_result(result, connection.vendor)
    connection.close()
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
