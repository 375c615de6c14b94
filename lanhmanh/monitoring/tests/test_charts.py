"""The SVG charts: offline, CSP-safe, escaped, with Vietnamese number formats."""

import pytest

from lanhmanh.monitoring import charts
from lanhmanh.monitoring.tilemap import TILES


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (12, "12"), (10000, "10.000"), (12.5, "12,5"), (1234.56, "1.234,6"), (None, "—")],
)
def test_numbers_are_written_the_vietnamese_way(value, text):
    assert charts.number(value) == text


@pytest.mark.parametrize(("value", "bound"), [(0, 1), (3, 5), (7, 10), (11, 20), (240, 250)])
def test_axis_bound_is_round(value, bound):
    assert charts.nice_max(value) == bound


def test_classes_and_colours():
    assert charts.classes([10, None, 30], percent=True) == [20, 40, 60, 80, 100]
    bounds = charts.classes([0, 3, 7])
    assert bounds == [2, 4, 6, 8, 10]
    assert charts.colour(None, bounds) == charts.NO_DATA
    assert charts.colour(0, bounds) == charts.PALETTE[0]
    assert charts.colour(7, bounds) == charts.PALETTE[3]
    assert charts.colour(10, bounds) == charts.PALETTE[4]


def test_charts_escape_labels_and_use_no_style_or_script():
    evil = '<script>alert("x")</script>'
    svgs = [
        charts.bar_chart([(evil, 3), ("Xã Nam Đàn", None)], evil),
        charts.column_chart([(evil, 2), ("02/26", 5)], evil, target=4, target_label=evil),
        charts.tile_map(
            [{"x": 0, "y": 0, "label": evil, "value": 1, "url": "?a=1&b=2", "reached": True}],
            evil,
            [1, 2, 3, 4, 5],
        ),
    ]
    for svg in svgs:
        assert svg.startswith("<svg") and svg.endswith("</svg>")
        assert "<script" not in svg and "style=" not in svg
        assert "&lt;script&gt;" in svg
        assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert 'href="?a=1&amp;b=2"' in svgs[2]


def test_bars_are_proportional():
    svg = charts.bar_chart([("a", 10), ("b", 5)], "t")
    widths = [float(part.split('"')[0]) for part in svg.split('width="')[2:]]
    assert widths[0] == pytest.approx(2 * widths[1])


def test_tile_map_places_each_of_the_34_provinces_once():
    assert len(TILES) == 34
    places = [(x, y) for x, y, _label in TILES.values()]
    assert len(set(places)) == 34
