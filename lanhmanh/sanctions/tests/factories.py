"""Sanction decisions for tests: invented identities and numbers, no real people."""

import datetime
import itertools

from lanhmanh.agencies.models import AgencyKind
from lanhmanh.inspections.models import LegalBasis
from lanhmanh.testing import make_agency

from .. import actions

_counter = itertools.count(1)
SELLING_2026 = {"decree": "282/2025/NĐ-CP", "behaviour": "Bán dâm"}
BUYING_2026 = {"decree": "282/2025/NĐ-CP", "behaviour": "Mua dâm"}


def basis(**lookup) -> LegalBasis:
    return LegalBasis.objects.get(**(lookup or SELLING_2026))


def police_of(unit):
    return make_agency(unit, AgencyKind.POLICE, name=f"Công an thử nghiệm {next(_counter)}")


def make_sanction(user, commune, agency, **fields):
    fields.setdefault("subject", "individual")
    if fields["subject"] == "individual":
        n = next(_counter)
        fields.setdefault("full_name", f"Người Thử Nghiệm {n}")
        fields.setdefault("id_number", f"0401900{n:05d}")
        fields.setdefault("birth_date", "1995-04-01")
    fields.setdefault("behaviour", "selling")
    fields.setdefault("legal_basis", basis())
    fields.setdefault("violated_on", datetime.date(2026, 3, 2))
    fields.setdefault("decided_on", datetime.date(2026, 3, 5))
    fields.setdefault("form", "fine")
    fields.setdefault("amount", 400_000 if fields["form"] == "fine" else None)
    fields.setdefault("decision_number", f"{next(_counter)}/QĐ-XPHC")
    return actions.record_sanction(user, commune=commune, issuing_agency=agency, **fields)
