"""The demo's catalogue has no reported denominator a register can compute: communes,
units, establishments, hotspots, tips and people in scope come from the registers; the
few wholes no register holds are named here, with the reason, so that a new typed
denominator is a decision and not an accident."""

import pytest

from lanhmanh.demo.replay import load_demo
from lanhmanh.indicators import registry
from lanhmanh.indicators.models import Indicator, Source

pytestmark = pytest.mark.django_db

#: denominators units type, because no register of lanhmanh holds them
NO_REGISTER = {
    "business_workers_total": "workers are not registered, only establishments",
    "industrial_workers_total": "industrial zones and their workers are not registered",
    "students_total": "schools and students are not registered",
    "officials_total": "an agency's staff is not registered",
    "staff_total": "the programme's officers are not registered",
    "crime_cases_detected": "criminal cases are the police's and the courts' registers",
}


def test_every_denominator_is_computed_unless_no_register_holds_it():
    load_demo(with_reports=False)
    denominators = {i.denominator for i in Indicator.objects.filter(denominator__isnull=False)}
    typed = {d.code for d in denominators if d.source != Source.COMPUTED}
    assert typed == set(NO_REGISTER)
    for denominator in denominators - {d for d in denominators if d.code in NO_REGISTER}:
        assert registry.function_for(denominator.compute), denominator.code
    assert {"communes_total", "units_total", "establishments_active", "sex_workers_in_need"} <= {
        d.code for d in denominators
    }
