import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from lanhmanh.agencies.roles import Role
from lanhmanh.inspections.actions import ViolationInput, record_inspection
from lanhmanh.inspections.models import Establishment
from lanhmanh.sanctions.models import Sanction
from lanhmanh.testing import make_agency

from .factories import BUYING_2026, basis, make_sanction, police_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def police(cast):
    return police_of(cast.province)


@pytest.fixture
def decisions(cast, police):
    user = cast.inside[Role.POLICE]
    return [
        make_sanction(
            user, cast.commune, police, decision_number="11/QĐ-AAA", full_name="Lê Thị Mận"
        ),
        make_sanction(
            user,
            cast.commune,
            police,
            decision_number="22/QĐ-BBB",
            form="warning",
            full_name="Lê Thị Đào",
        ),
    ]


def test_list_is_scoped_filtered_and_counted(client, cast, decisions, django_assert_num_queries):
    client.force_login(cast.inside[Role.COORDINATOR])
    page = client.get(reverse("sanctions:list"))
    assert page.status_code == 200
    assert "11/QĐ-AAA" in page.text and "22/QĐ-BBB" in page.text
    assert "Lê Thị" not in page.text  # lists carry no identity
    assert client.get(reverse("sanctions:list"), {"q": "aaa"}).context["page"].paginator.count == 1
    assert (
        client.get(reverse("sanctions:list"), {"form": "warning"}).context["page"].paginator.count
        == 1
    )
    client.force_login(cast.outside[Role.POLICE])
    assert "11/QĐ-AAA" not in client.get(reverse("sanctions:list")).text
    assert client.get(reverse("sanctions:detail", args=[decisions[0].pk])).status_code == 404
    client.force_login(cast.inside[Role.VIEWER])
    assert client.get(reverse("sanctions:list")).status_code == 403
    client.force_login(cast.inside[Role.POLICE])
    make_sanction(cast.inside[Role.POLICE], cast.commune, decisions[0].issuing_agency)
    client.get(reverse("sanctions:list"))  # warm caches (sessions, content types)
    with django_assert_num_queries(6):
        client.get(reverse("sanctions:list"))


def test_read_only_roles_cannot_record(client, cast, decisions):
    client.force_login(cast.inside[Role.COORDINATOR])
    assert client.get(reverse("sanctions:create")).status_code == 403
    assert client.get(reverse("sanctions:edit", args=[decisions[0].pk])).status_code == 403


def test_police_record_a_decision_and_see_field_errors(client, cast, police):
    client.force_login(cast.inside[Role.POLICE])
    data = {
        "subject": "individual",
        "full_name": "Phạm Thị Thử",
        "id_number": "040195002222",
        "birth_date": "1995-02-03",
        "behaviour": "buying",
        "commune": cast.commune.pk,
        "violated_on": "2026-03-02",
        "legal_basis": basis(**BUYING_2026).pk,
        "form": "fine",
        "amount": "3000000",
        "recording_agency": cast.province_agency.pk,
        "issuing_agency": police.pk,
        "decision_number": "5/QĐ-XPHC",
        "decided_on": "2026-03-03",
    }
    refused = client.post(reverse("sanctions:create"), data)
    assert refused.status_code == 400
    assert "2.000.000" in str(refused.context["form"].errors["amount"])
    assert not Sanction.objects.exists()
    data["amount"] = "1500000"
    done = client.post(reverse("sanctions:create"), data)
    assert done.status_code == 302
    sanction = Sanction.objects.get()
    assert sanction.created_by == cast.inside[Role.POLICE]
    assert "Phạm" not in sanction.full_name_enc  # encrypted at rest
    detail = client.get(done.url)
    assert "1.500.000" in detail.text and "Phạm Thị Thử" in detail.text
    assert detail["Cache-Control"] == "no-store, private"


def test_a_stale_edit_is_refused_on_the_form(client, cast, decisions):
    sanction = decisions[0]
    client.force_login(cast.inside[Role.POLICE])
    form = client.get(reverse("sanctions:edit", args=[sanction.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "violated_on": "2026-03-02",
            "decided_on": "2026-03-05",
            "note": "mine",
            "version": sanction.version,
        }
    )
    Sanction.objects.filter(pk=sanction.pk).update(version=sanction.version + 1)
    stale = client.post(reverse("sanctions:edit", args=[sanction.pk]), data)
    assert stale.status_code == 400
    assert "Somebody else" in stale.text or "Người khác" in stale.text
    data["version"] = sanction.version + 1
    assert client.post(reverse("sanctions:edit", args=[sanction.pk]), data).status_code == 302
    sanction.refresh_from_db()
    assert sanction.note == "mine"


def test_a_violation_found_by_an_inspection_becomes_a_decision(client, cast, police):
    venue = Establishment.objects.create(
        kind="karaoke", name="Karaoke Sao Mai", commune=cast.commune
    )
    team = make_agency(cast.province, "inspection_team", name="Đội 178 tỉnh")
    inspector = cast.inside[Role.INSPECTOR]
    inspection = record_inspection(
        inspector,
        establishment=venue,
        team=team,
        inspected_on=datetime.date(2026, 4, 1),
        kind="surprise",
        violations=[ViolationInput(basis(**BUYING_2026), "fine", 1_000_000)],
    )
    violation = inspection.violations.get()
    client.force_login(inspector)
    form = client.get(reverse("sanctions:create"), {"violation": violation.pk}).context["form"]
    assert form.initial["amount"] == 1_000_000
    # buying sex is a person's act: the decision is against the buyer, by code
    assert (form.initial["subject"], form.initial["behaviour"]) == ("individual", "buying")
    data = {
        "violation": violation.pk,
        "subject": "individual",
        "full_name": "Người Mua Thử",
        "behaviour": "buying",
        "violated_on": "2026-04-01",
        "legal_basis": violation.legal_basis_id,
        "form": "fine",
        "amount": "1000000",
        "recording_agency": cast.province_agency.pk,
        "issuing_agency": police.pk,
        "decision_number": "9/QĐ-XPHC",
        "decided_on": "2026-04-03",
    }
    assert client.post(reverse("sanctions:create"), data).status_code == 302
    decided = Sanction.objects.get()
    assert decided.violation == violation and decided.commune == venue.commune
    assert decided.establishment is None
    # a violation already decided cannot be decided twice
    assert client.get(reverse("sanctions:create"), {"violation": violation.pk}).status_code == 404
    client.force_login(cast.outside[Role.INSPECTOR])
    assert client.get(reverse("sanctions:create"), {"violation": violation.pk}).status_code == 404


def test_statistics_screen_and_xlsx(client, cast, decisions):
    client.force_login(cast.inside[Role.POLICE])
    page = client.get(reverse("sanctions:statistics"), {"period": "2026-Q1"})
    assert page.status_code == 200
    assert page.context["total"].total == 2
    assert client.get(reverse("sanctions:statistics"), {"period": "2026-13"}).status_code == 400
    response = client.get(reverse("sanctions:statistics_export", args=["xlsx"]), {"period": "2026"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][0] == cast.commune.name
    total = next(row for row in values if row and row[0] in ("Tổng số", "Total"))
    assert total[6] == 2  # the "total" column after the five behaviours
    client.force_login(cast.outside[Role.POLICE])
    page = client.get(reverse("sanctions:statistics"), {"period": "2026"})
    assert page.context["total"].total == 0


def test_exports_open_and_hold_the_filtered_rows(client, cast, decisions):
    client.force_login(cast.inside[Role.INSPECTOR])
    response = client.get(reverse("sanctions:export", args=["xlsx"]), {"form": "fine"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    numbers = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert numbers == ["11/QĐ-AAA"]
    csv_text = client.get(reverse("sanctions:export", args=["csv"])).content.decode("utf-8-sig")
    assert "22/QĐ-BBB" in csv_text and "Lê Thị" not in csv_text
