"""Importing a spreadsheet of community models: the activities' importer, all or
nothing, every bad row named; through the door, from the models' page."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from lanhmanh.activities import actions
from lanhmanh.activities.models import CommunityModel
from lanhmanh.agencies.roles import Role
from lanhmanh.audit.models import Change
from lanhmanh.spreadsheets import ImportRejected
from lanhmanh.tests import bombs

pytestmark = pytest.mark.django_db

HEADER = ["Tên mô hình", "Loại mô hình", "Ngày thành lập", "Xã, phường", "Đơn vị quản lý"]
MORE = ["Đối tượng", "Ngày dừng", "Ngày đánh giá", "Đánh giá"]


def rows(cast):
    ward, province = cast.commune_agency.name, cast.province_agency.name
    return [
        [*HEADER, *MORE],
        ["CLB phụ nữ phường (thử)", "Câu lạc bộ", "01/03/2025", "Trường Vinh", ward],
        [
            "Nhóm đồng đẳng (thử)",
            "Nhóm đồng đẳng",
            "2025-05-10",
            "16690",
            province,
            "Người bán dâm",
        ],
        [
            "Điểm tư vấn tỉnh (thử)",
            "Điểm tư vấn",
            "15/01/2025",
            "",
            province,
            "",
            "30/11/2025",
            "01/10/2025",
            "Tạm dừng vì thiếu kinh phí",
        ],
    ]


def refusal(user, data, name="a.csv"):
    with translation.override("en"), pytest.raises(ImportRejected) as refused:
        actions.import_models(user, user.memberships.first().agency.jurisdiction, name, data)
    assert CommunityModel.objects.count() == 0
    return refused.value.errors


def test_a_good_file_imports_every_row(cast, as_csv):
    coordinator = cast.inside[Role.COORDINATOR]
    before = Change.objects.count()
    for name, data in (("a.xlsx", bombs.xlsx(rows(cast))), ("a.csv", as_csv(rows(cast)))):
        made = actions.import_models(coordinator, cast.province, name, data)
        assert [m.kind for m in made] == ["club", "peer_group", "counselling"]
        club, group, point = made
        assert club.unit == cast.commune and list(club.communes.all()) == [cast.commune]
        assert club.started_on == datetime.date(2025, 3, 1) and club.status == "active"
        assert group.audience == "selling_sex" and group.organiser == cast.province_agency
        assert point.unit == cast.province and point.status == "stopped"
        assert point.reviewed_on == datetime.date(2025, 10, 1) and point.review.startswith("Tạm")
        assert Change.objects.count() == before + 3  # one audit row a model
        CommunityModel.objects.all().delete()
        before = Change.objects.count()


def test_every_bad_row_is_named_and_nothing_is_imported(cast, as_csv):
    table = rows(cast)
    table[1][1] = "Đội bóng"  # not a kind of model
    table[2][2] = "31/02/2025"  # no such day
    table[3][6] = "01/01/2025"  # stopped before it started
    table.append(
        ["Mô hình ở tỉnh khác", "Câu lạc bộ", "01/02/2025", "Xã Kỳ Anh", "Sở Y tế tỉnh Hà Tĩnh"]
    )
    table.append(["Mô hình tương lai", "Câu lạc bộ", "01/01/2999", "", cast.province_agency.name])
    errors = refusal(cast.inside[Role.COORDINATOR], as_csv(table))
    assert [row for row, _message in errors] == [2, 3, 4, 5, 6]
    messages = dict(errors)
    assert "unknown kind “Đội bóng”" in messages[2]
    assert "dd/mm/yyyy" in messages[3]
    assert "stopped_on" in messages[4]
    assert "not a current commune" in messages[5] and "not an agency" in messages[5]
    assert "in the future" in messages[6]
    missing = refusal(cast.inside[Role.COORDINATOR], as_csv([["Tên mô hình"], ["x"]]))
    assert missing[0][0] == 1 and "kind" in missing[0][1] and "started_on" in missing[0][1]
    assert refusal(cast.inside[Role.COORDINATOR], as_csv([[*HEADER]])) == [
        (0, "The file has no community model in it.")
    ]


def test_the_door_and_the_page(client, cast, as_csv):
    with pytest.raises(Exception) as refused:
        actions.import_models(cast.inside[Role.VIEWER], cast.province, "a.csv", as_csv(rows(cast)))
    assert refused.type.__name__ == "PermissionDenied"
    url = reverse("activities:model_import")
    client.force_login(cast.inside[Role.COORDINATOR])
    assert url in client.get(reverse("activities:models")).content.decode()
    table = rows(cast)
    table[2][1] = "Đội bóng"
    response = client.post(
        url,
        {"province": cast.province.pk, "file": SimpleUploadedFile("a.csv", as_csv(table))},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400 and response.context["problems"][0][0] == 3
    assert "Đội bóng" in response.content.decode() and CommunityModel.objects.count() == 0
    response = client.post(
        url, {"province": cast.province.pk, "file": SimpleUploadedFile("a.csv", as_csv(rows(cast)))}
    )
    assert response.status_code == 302 and response.url == reverse("activities:models")
    assert CommunityModel.objects.count() == 3
    client.force_login(cast.inside[Role.VIEWER])
    assert url not in client.get(reverse("activities:models")).content.decode()
    assert client.get(url).status_code == 403
