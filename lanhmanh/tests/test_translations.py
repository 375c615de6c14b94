"""Vietnamese first: every message has a Vietnamese translation, and the compiled
catalogue that the site reads says the same as the .po file."""

import gettext
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[1]
# The project's catalogue, and those of apps that keep their own (see `make messages`).
LOCALES = [PACKAGE / "locale", *sorted(PACKAGE.glob("*/locale"))]


def _catalogues(language):
    return [
        pytest.param(locale / language / "LC_MESSAGES", id=f"{locale.parent.name}-{language}")
        for locale in LOCALES
    ]


@pytest.mark.parametrize("messages", [*_catalogues("vi"), *_catalogues("en")])
def test_compiled_catalogue_matches_po(messages):
    po = polib.pofile(str(messages / "django.po"))
    with open(messages / "django.mo", "rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)

    def compiled_text(entry):
        if entry.msgctxt:
            return compiled.pgettext(entry.msgctxt, entry.msgid)
        return compiled.gettext(entry.msgid)

    stale = [
        e.msgid
        for e in po.translated_entries()
        if not e.msgid_plural and compiled_text(e) != e.msgstr
    ]
    assert not stale, f"run `make messages`: {stale[:5]}"


@pytest.mark.parametrize("messages", _catalogues("vi"))
def test_every_message_is_translated_to_vietnamese(messages):
    po = polib.pofile(str(messages / "django.po"))
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert not missing, missing
    assert len(po) > (150 if messages.parents[1] == PACKAGE / "locale" else 0)


def test_vietnamese_dates_and_numbers():
    import datetime

    from django.utils import formats, translation

    with translation.override("vi"):
        assert formats.date_format(datetime.date(2026, 11, 23), "SHORT_DATE_FORMAT") == "23/11/2026"
        assert formats.number_format(10000, use_l10n=True, force_grouping=True) == "10.000"
        assert formats.number_format(2.5, decimal_pos=1, use_l10n=True) == "2,5"
