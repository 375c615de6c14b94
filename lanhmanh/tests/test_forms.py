"""``QuickSelect`` writes the same ``<select>`` as Django's (the same elements, attributes
and text: compared as HTML, not as spacing); ``ListedModelChoiceField`` reads its choices
in one query."""

import pytest
from django import forms
from django.db import connection
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext

from lanhmanh.forms import ListedModelChoiceField, QuickSelect
from lanhmanh.places.models import AdministrativeUnit, Level

pytestmark = pytest.mark.django_db


def communes():
    return AdministrativeUnit.objects.filter(level=Level.COMMUNE, province__code="40").order_by(
        "name_search", "pk"
    )


class Listed(forms.Form):
    commune = ListedModelChoiceField(queryset=None, required=False, empty_label="Tất cả")


class Plain(forms.Form):
    commune = forms.ModelChoiceField(queryset=None, required=False, empty_label="Tất cả")


@pytest.mark.parametrize("chosen", ["", "first", "junk <b>"])
def test_the_same_html_as_django(chosen):
    queryset = communes()
    value = {"first": str(queryset[0].pk), "junk <b>": "junk <b>"}.get(chosen, "")
    listed, plain = Listed({"commune": value}), Plain({"commune": value})
    listed.fields["commune"].queryset = plain.fields["commune"].queryset = queryset
    html = str(listed["commune"])
    assert parse_html(html) == parse_html(str(plain["commune"]))
    assert html.count("<option") == queryset.count() + 1
    if chosen == "first":
        assert f'<option value="{value}" selected>' in html


def test_grouped_choices_and_attributes_as_django():
    choices = [("", "—"), ("Miền Bắc", [("1", "Hà Nội"), ("2", "Hải <Phòng>")]), ("3", "Huế")]
    attrs = {"id": "id_x", "required": True, "disabled": False, "data-x": 'a"b'}
    quick, plain = QuickSelect(choices=choices), forms.Select(choices=choices)
    assert parse_html(quick.render("x", "2", attrs)) == parse_html(plain.render("x", "2", attrs))
    flat = [("", "—"), ("1", "Hà Nội"), ("2", "Hải <Phòng>")]
    quick, plain = QuickSelect(choices=flat), forms.Select(choices=flat)
    assert parse_html(quick.render("x", "2", attrs)) == parse_html(plain.render("x", "2", attrs))
    assert "Hải &lt;Phòng&gt;" in quick.render("x", "2", attrs)


def test_choices_are_read_with_one_query():
    form = Listed()
    form.fields["commune"].queryset = communes()
    with CaptureQueriesContext(connection) as seen:
        str(form["commune"])
    assert len(seen.captured_queries) == 1
    assert not seen.captured_queries[0]["sql"].startswith("DECLARE")
