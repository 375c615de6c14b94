"""The agency directory pages, scoped like everything else."""

import pytest
from django.urls import reverse

from lanhmanh.agencies.models import Agency
from lanhmanh.agencies.roles import Role
from lanhmanh.testing import make_agency

pytestmark = pytest.mark.django_db


def test_list_shows_agencies_in_area_and_national_ones(client, cast):
    national = make_agency(None, name="Bộ Y tế")
    client.force_login(cast.in_commune[Role.REPORTER])
    page = client.get(reverse("agencies:list"))
    names = {a.name for a in page.context["page"]}
    assert cast.commune_agency.name in names
    assert national.name in names
    assert cast.province_agency.name not in names  # the province is larger than a commune
    assert cast.other_agency.name not in names


def test_search_without_diacritics(client, cast):
    client.force_login(cast.inside[Role.COORDINATOR])
    page = client.get(reverse("agencies:list"), {"q": "truong vinh"})
    assert [a.name for a in page.context["page"]] == ["UBND phường Trường Vinh"]


def test_dissolved_agencies_are_hidden_unless_asked(client, cast):
    import datetime

    old = make_agency(
        cast.province,
        name="Sở Lao động - Thương binh và Xã hội",
        valid_to=datetime.date(2025, 2, 28),
    )
    old.successor = cast.province_agency
    old.save()
    client.force_login(cast.inside[Role.COORDINATOR])
    default = {a.pk for a in client.get(reverse("agencies:list")).context["page"]}
    assert old.pk not in default
    everything = client.get(reverse("agencies:list"), {"include_former": "on"})
    assert old.pk in {a.pk for a in everything.context["page"]}
    detail = client.get(reverse("agencies:detail", args=[cast.province_agency.pk]))
    assert old.name in detail.content.decode()  # "took over from"


def test_detail_out_of_area_is_404(client, cast):
    client.force_login(cast.inside[Role.COORDINATOR])
    assert client.get(reverse("agencies:detail", args=[cast.other_agency.pk])).status_code == 404
    assert client.get(reverse("agencies:detail", args=[cast.commune_agency.pk])).status_code == 200


def test_bad_filter_input_is_not_an_error(client, cast):
    client.force_login(cast.inside[Role.COORDINATOR])
    response = client.get(reverse("agencies:list"), {"kind": "nonsense", "page": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors["kind"]


def test_list_query_count_does_not_grow_with_agencies(client, cast, django_assert_num_queries):
    client.force_login(cast.inside[Role.COORDINATOR])
    client.get(reverse("agencies:list"))
    for i in range(30):
        make_agency(cast.province, name=f"Cơ quan {i}")
    # session, user, grants (read once for scoping and the menu), count, page.
    with django_assert_num_queries(5):
        response = client.get(reverse("agencies:list"))
    assert (
        response.context["page"].paginator.count
        == Agency.objects.filter(jurisdiction__in=[cast.province, cast.commune]).count()
    )
