"""Importing a province's list of establishments: only officers whose area holds the
whole province, only that province's establishments, and each change in the history."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lanhmanh.agencies.roles import Role
from lanhmanh.audit.queries import history_of
from lanhmanh.inspections import actions
from lanhmanh.inspections.models import Establishment

pytestmark = pytest.mark.django_db
HEADER = "Loại hình,Tên cơ sở,Địa chỉ,Xã phường,Số đăng ký kinh doanh"


def csv_file(*rows):
    text = "\n".join([HEADER, *(",".join(row) for row in rows)]) + "\n"
    return SimpleUploadedFile("co-so.csv", text.encode(), content_type="text/csv")


def snapshot():
    return sorted(
        Establishment.objects.values_list("pk", "name", "commune_id", "registration_number")
    )


@pytest.mark.parametrize("role", [Role.POLICE, Role.INSPECTOR])
def test_a_commune_officer_cannot_import_the_province_list(client, cast, role, there):
    before = snapshot()
    client.force_login(cast.in_commune[role])
    # A valid file: it renames the establishment of another commune and adds one.
    upload = csv_file(
        ("Khách sạn", "Khách sạn Đổi Tên", "1 Lê Lợi", "16681", "2900002"),
        ("Karaoke", "Karaoke Mới", "2 Lê Lợi", "16681", ""),
    )
    response = client.post(reverse("inspections:import"), {"file": upload})
    assert response.status_code == 403
    assert snapshot() == before
    with pytest.raises(PermissionDenied):
        actions.import_establishments(
            cast.in_commune[role], "co-so.csv", upload.open().read(), cast.province
        )
    assert snapshot() == before


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.VIEWER, Role.CASE_WORKER])
def test_a_read_only_role_cannot_import(client, cast, role, there):
    before = snapshot()
    client.force_login(cast.inside[role])
    upload = csv_file(("Khách sạn", "Khách sạn Đổi Tên", "1 Lê Lợi", "16681", "2900002"))
    assert client.post(reverse("inspections:import"), {"file": upload}).status_code == 403
    assert snapshot() == before


def test_the_province_police_import_and_each_change_is_in_the_history(client, cast, there):
    police = cast.inside[Role.POLICE]
    client.force_login(police)
    upload = csv_file(
        ("Khách sạn", "Khách sạn Đổi Tên", "1 Lê Lợi", "16681", "2900002"),
        ("Karaoke", "Karaoke Mới", "2 Lê Lợi", "16681", ""),
    )
    assert client.post(reverse("inspections:import"), {"file": upload}).status_code == 302
    there.refresh_from_db()
    assert there.name == "Khách sạn Đổi Tên"
    added = Establishment.objects.get(name="Karaoke Mới")
    assert [c.actor for c in history_of(there)] == [police]
    assert [c.actor for c in history_of(added)] == [police]


def test_an_import_never_changes_another_province_establishment(
    client, cast, other_province_commune
):
    theirs = Establishment.objects.create(
        kind="hotel",
        name="Khách sạn Hồng Lĩnh",
        commune=other_province_commune,
        registration_number="3000001",
    )
    client.force_login(cast.inside[Role.POLICE])
    upload = csv_file(("Khách sạn", "Khách sạn Của Nghệ An", "3 Lê Lợi", "16690", "3000001"))
    assert client.post(reverse("inspections:import"), {"file": upload}).status_code == 302
    theirs.refresh_from_db()
    assert (theirs.name, theirs.commune_id) == ("Khách sạn Hồng Lĩnh", other_province_commune.pk)
    # The row is an establishment of Nghệ An: a new one (across provinces, no match).
    ours = Establishment.objects.get(name="Khách sạn Của Nghệ An")
    assert ours.commune_id == cast.commune.pk and ours.pk != theirs.pk
