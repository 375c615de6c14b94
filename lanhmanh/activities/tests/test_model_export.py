"""The community models' list downloads as CSV and XLSX: the filtered list, each row
with its kind, status, dates and the communes it serves."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lanhmanh.agencies.roles import Role

pytestmark = pytest.mark.django_db


def test_the_export_is_the_filtered_list(client, cast, programme):
    client.force_login(cast.inside[Role.COORDINATOR])
    url = reverse("activities:model_export", args=["xlsx"])
    response = client.get(url, {"kind": "club"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="mo-hinh-')
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header, *body = rows
    assert header[:4] == ("STT", "Loại", "Tên", "Trạng thái")
    names = {row[2] for row in body}
    # The clubs of the province: not the peer group, not another province's club.
    assert names == {programme["club"].name, programme["stopped"].name}
    stopped = next(row for row in body if row[2] == programme["stopped"].name)
    assert stopped[3] == "Đã dừng" and stopped[5].date() == datetime.date(2025, 6, 1)
    club = next(row for row in body if row[2] == programme["club"].name)
    assert club[7] == cast.commune.name
    text = client.get(
        reverse("activities:model_export", args=["csv"]), {"active_from": "2026-01-01"}
    )
    table = list(csv.reader(io.StringIO(text.content.decode("utf-8-sig"))))
    # Running in 2026: the club and the old group, not the model stopped in 2025.
    assert {row[2] for row in table[1:]} == {programme["club"].name, programme["old_group"].name}
    assert table[1][4].count("/") == 2  # dates dd/mm/yyyy
    assert client.get(reverse("activities:model_export", args=["pdf"])).status_code == 404


def test_the_list_offers_the_downloads_with_its_filters(client, cast, programme):
    client.force_login(cast.inside[Role.VIEWER])
    page = client.get(reverse("activities:models"), {"kind": "club"}).content.decode()
    assert reverse("activities:model_export", args=["xlsx"]) + "?kind=club" in page
    client.force_login(cast.inside[Role.POLICE])
    assert client.get(reverse("activities:model_export", args=["csv"])).status_code == 403
