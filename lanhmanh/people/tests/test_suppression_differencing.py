"""Published people figures survive differencing: nothing suppressed comes back by adding
and subtracting what the pages, exports, the API and the dashboards publish, and each
figure is the same number wherever it is published.

A small demo-like province: people reached in two of its communes, with services and
groups, and open cases. For one period, every people table is published for the
province and for each of its communes, through every channel (API, CSV export,
dashboard figures and rows, map CSV). The check (``suppression.recoverable``): the
unknowns are the true cells (people of a commune with a service and a group, read
strictly as one service and one group each; open cases of a commune); each published
number is an equation; a suppressed number is recoverable iff its vector lies in the row
space of the equations.
"""

import csv
import io
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja.testing import TestClient

from lanhmanh.people import counts
from lanhmanh.people.api import router
from lanhmanh.people.models import Group, Service, ServiceKind, ServiceStatus
from lanhmanh.people.suppression import recoverable
from lanhmanh.people.testing import make_case
from lanhmanh.places.areas import area_of
from lanhmanh.places.models import AdministrativeUnit, Level

pytestmark = pytest.mark.django_db
api = TestClient(router)
K = ServiceKind
G = Group


def second_commune(cast):
    return (
        AdministrativeUnit.objects.current()
        .filter(level=Level.COMMUNE, parent=cast.province)
        .exclude(pk=cast.commune.pk)
        .order_by("code")
        .first()
    )


@pytest.fixture
def province(cast):
    """Commune A (the cast's): seven people reached, B: two; all cases open."""
    today = timezone.localdate()
    second = second_commune(cast)
    people = [
        (cast.commune, [K.COUNSELLING, K.LEGAL_AID], [G.SELLS_SEX]),
        (cast.commune, [K.COUNSELLING], [G.SELLS_SEX]),
        (cast.commune, [K.COUNSELLING], [G.SELLS_SEX]),
        (cast.commune, [K.COUNSELLING], [G.SELLS_SEX]),
        (cast.commune, [K.COUNSELLING], [G.SELLS_SEX, G.AT_RISK]),
        (cast.commune, [K.VOCATIONAL_TRAINING], [G.TRAFFICKING_RETURNEE]),
        (cast.commune, [K.COUNSELLING], [G.AT_RISK]),
        (second, [K.COUNSELLING], [G.SELLS_SEX]),
        (second, [K.SHELTER], [G.AT_RISK]),
    ]
    for n, (commune, kinds, groups) in enumerate(people):
        extra = {}
        if commune != cast.commune:
            extra = {"worker": cast.inside["case_worker"], "team": cast.province_agency}
        case = make_case(
            cast,
            commune=commune,
            groups=groups,
            full_name=f"Người Thử {n}",
            id_number=f"0401900{n:05d}",
            **extra,
        )
        for kind in kinds:
            Service.objects.create(
                case=case,
                kind=kind,
                provider=case.team,
                status=ServiceStatus.ACCEPTED,
                referred_on=today,
            )
    return cast, second, str(today.year)


# --- what each channel publishes, as (cell, value) --------------------------------------


def labels():
    with translation.override("vi"):
        services = {str(kind.label): ("service", kind.value) for kind in ServiceKind}
        groups = {str(group.label): ("group", group.value) for group in Group}
        sections = {
            "total": _("Total"),
            "reached": _("People reached"),
            "open": _("Open cases"),
            "service": _("By service"),
            "group": _("By group"),
            "commune": _("By commune"),
            "open_commune": _("Open cases by commune"),
        }
    return services, groups, sections


def from_api(body, unit_id, names):
    services, groups, _sections = labels()
    out = [((unit_id, "total"), body["total"]), ((unit_id, "open"), body["open_cases"])]
    out += [((unit_id, services[label]), v) for label, v in body["by_service"].items()]
    out += [((unit_id, groups[label]), v) for label, v in body["by_group"].items()]
    out += [((names[name], "total"), v) for name, v in body["by_commune"].items()]
    out += [((names[name], "open"), v) for name, v in body.get("open_by_commune", {}).items()]
    return out


def value_of(text):
    return int(text) if text.isdigit() else text


def from_export(text, unit_id, names):
    services, groups, sections = labels()
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))[1:]
    out = []
    for section, item, value in rows:
        value = value_of(value)
        if section == sections["total"]:
            out.append(((unit_id, "total" if item == sections["reached"] else "open"), value))
        elif section == sections["service"]:
            out.append(((unit_id, services[item]), value))
        elif section == sections["group"]:
            out.append(((unit_id, groups[item]), value))
        elif section == sections["commune"]:
            out.append(((names[item], "total"), value))
        elif section == sections["open_commune"]:
            out.append(((names[item], "open"), value))
    return out


def from_dashboard(response, unit_id):
    figures = {f.key: f.value for f in response.context["figures"]}
    out = [
        ((unit_id, "total"), figures["people_reached"]),
        ((unit_id, "open"), figures["open_cases"]),
    ]
    for row in response.context["rows"]:
        out += [
            ((row.unit.pk, "total"), row.people_reached),
            ((row.unit.pk, "open"), row.open_cases),
        ]
    return out


def from_map(text, codes, column):
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))[1:]
    return [((codes[code], column), value_of(value)) for _rank, _name, code, value in rows]


def published(client, cast, second, period):
    """Every people number published for the province and its communes in ``period``."""
    viewer = cast.inside["viewer"]
    client.force_login(viewer)
    province = cast.province.pk
    communes = list(
        AdministrativeUnit.objects.current()
        .filter(parent=cast.province)
        .exclude(pk=province)
        .order_by("name_search", "pk")
    )
    names = {u.name: u.pk for u in communes}
    codes = {u.code: u.pk for u in communes}
    out = []
    out += from_api(api.get(f"/people/stats?period={period}", user=viewer).json(), province, names)
    export = reverse("people:stats_export", args=["csv"]) + f"?period={period}"
    out += from_export(client.get(export).content.decode("utf-8"), province, names)
    out += from_dashboard(client.get(reverse("monitoring:dashboard")), province)
    for measure, column in (("people_reached", "total"), ("open_cases", "open")):
        url = reverse("monitoring:map") + f"?measure={measure}&format=csv&year={period[:4]}"
        out += from_map(client.get(url).content.decode("utf-8"), codes, column)
    for commune in (cast.commune, second, communes[-1]):
        body = api.get(f"/people/stats?period={period}&unit={commune.pk}", user=viewer).json()
        if body.get("unit") == commune.pk:  # (the old API had no area but the user's)
            out += from_api(body, commune.pk, names)
            url = reverse("people:stats_export", args=["csv"])
            text = client.get(url + f"?period={period}&unit={commune.pk}").content.decode()
            out += from_export(text, commune.pk, names)
        page = client.get(reverse("monitoring:dashboard") + f"?unit={commune.pk}")
        out += from_dashboard(page, commune.pk)
    return out, [u.pk for u in communes]


# --- the unknowns and the equations -------------------------------------------------------


def vector(cell, province, communes):
    unit, column = cell
    where = communes if unit == province else [unit]
    if column == "open":
        return {("open", c): 1 for c in where}
    kinds = [k.value for k in ServiceKind]
    groups = [g.value for g in Group]
    if column != "total":
        what, value = column
        if what == "service":
            kinds = [value]
        else:
            groups = [value]
    return {("reached", c, k, g): 1 for c, k, g in itertools.product(where, kinds, groups)}


def recovered(numbers, province, communes):
    equations = [vector(cell, province, communes) for cell, v in numbers if isinstance(v, int)]
    hidden = {
        cell: vector(cell, province, communes) for cell, v in numbers if not isinstance(v, int)
    }
    return recoverable(equations, hidden)


def test_no_published_combination_recovers_a_suppressed_number(client, province):
    cast, second, period = province
    numbers, communes = published(client, cast, second, period)
    hidden = {cell for cell, v in numbers if not isinstance(v, int)}
    # Commune B's two people and three open cases are suppressed everywhere…
    assert (second.pk, "total") in hidden and (second.pk, "open") in hidden
    # …and no sum or difference of what is published gives any hidden number back.
    back = recovered(numbers, cast.province.pk, communes)
    assert not back, f"recovered by differencing: {sorted(back, key=repr)}"


def test_the_same_figure_is_the_same_everywhere(client, province):
    cast, second, period = province
    numbers, _communes = published(client, cast, second, period)
    seen = {}
    for cell, value in numbers:
        assert seen.setdefault(cell, value) == value, (cell, seen[cell], value)
    table = counts.publish_people_table(area_of(cast.province), period)
    assert seen[(cast.province.pk, "total")] == table.total == 9
    for unit, cells in table.parts:
        assert seen[(unit.pk, "total")] == cells["total"]
        assert seen[(unit.pk, "open")] == cells["open_cases"]
    # The dashboard's month-by-month trend: each month's published province figure.
    client.force_login(cast.inside["viewer"])
    month = counts.month_period(timezone.localdate())
    url = reverse("monitoring:trend", args=["people_reached"]) + "?format=csv"
    last = list(csv.reader(io.StringIO(client.get(url).content.decode().lstrip("\ufeff"))))[-1]
    monthly = counts.publish_people_table(area_of(cast.province), month)
    assert value_of(last[-1]) == monthly.total == 9
    # The page shows the same table, and says its period in words.
    client.force_login(cast.inside["viewer"])
    page = client.get(reverse("people:stats") + f"?period={period}")
    assert page.context["table"].area == table.area
    assert f"Năm {period}" in page.content.decode()
