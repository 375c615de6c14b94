"""Importing a plan file: a draft for review, agencies matched, duplicates detected,
bad files refused with nothing saved, then confirmed into an active plan."""

import io

import pytest
from django.core.exceptions import ValidationError

from lanhmanh.agencies.models import Agency
from lanhmanh.demo.documents import demo_file, docx_from_text
from lanhmanh.demo.replay import load_demo
from lanhmanh.plans import actions
from lanhmanh.plans.models import Duty, Plan, PlanStatus, Target
from lanhmanh.testing import unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(django_user_model):
    load_demo(with_plans=False)
    return django_user_model.objects.get(username="coordinator")


def test_text_plan_becomes_a_draft_with_its_parts(coordinator):
    _filename, data = demo_file("ke-hoach-tinh-2026.txt")
    plan = actions.import_plan(coordinator, "another-name.txt", data).plan
    assert plan.status == PlanStatus.DRAFT
    assert plan.number == "118/KH-UBND"
    assert str(plan.issued_on) == "2026-02-12"
    assert plan.years == [2026]
    assert plan.jurisdiction == unit("40")
    assert plan.targets.count() >= 8
    assert plan.targets.filter(kind="percent", op="ge", value=30).exists()
    assert plan.reporting_rules.filter(frequency="quarterly", due_day=15).exists()
    police = plan.duties.get(agency_name="Công an tỉnh")
    assert police.agency.name == "Công an tỉnh Nghệ An"
    communes = plan.duties.get(agency_name__startswith="Ủy ban nhân dân các")
    assert communes.agency is None and communes.addressee_kind == "peoples_committee"
    # Each target points at the words it was read from.
    for target in plan.targets.exclude(span_start=None):
        assert plan.source_text[target.span_start : target.span_end]


def test_same_file_twice_is_detected(coordinator):
    _name, data = demo_file("ke-hoach-so-y-te-2026.md")
    first = actions.import_plan(coordinator, "a.md", data)
    again = actions.import_plan(coordinator, "b.md", data)
    assert again.duplicate and again.plan == first.plan
    assert Plan.objects.filter(source_sha256=first.plan.source_sha256).count() == 1


def test_docx_upload(coordinator):
    text = demo_file("ke-hoach-tinh-2026.txt")[1].decode()
    plan = actions.import_plan(coordinator, "plan.docx", docx_from_text(text)).plan
    assert plan.number == "118/KH-UBND"
    assert plan.targets.count() >= 8


def test_historic_plan_goes_under_the_historic_province(coordinator):
    _name, data = demo_file("ke-hoach-tinh-2021-2025.txt")
    plan = actions.import_plan(coordinator, "old.txt", data).plan
    assert plan.years == [2021, 2022, 2023, 2024, 2025]
    assert plan.jurisdiction.valid_to is not None
    assert plan.jurisdiction.name_search == "tinh nghe an"


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("empty.txt", b"", "không có nội dung"),
        ("old.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 100, ".doc"),
        ("image.png", b"\x89PNG\r\n", "Không hỗ trợ"),
        ("garbage.txt", bytes(range(256)) * 40, ""),
        ("recipe.txt", "Cách nấu phở bò: nước dùng, bánh phở, thịt bò.".encode(), ""),
    ],
)
def test_bad_files_are_refused_and_nothing_is_saved(coordinator, filename, data, message):
    with pytest.raises(ValidationError) as excinfo:
        actions.import_plan(coordinator, filename, data)
    assert message in excinfo.value.messages[0]
    assert not Plan.objects.exists() or not Plan.objects.filter(source_filename=filename).exists()


def test_scanned_pdf_without_text_is_refused(coordinator):
    from pypdf import PdfWriter

    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    with pytest.raises(ValidationError):
        actions.import_plan(coordinator, "scan.pdf", out.getvalue())
    assert not Plan.objects.filter(source_filename="scan.pdf").exists()


def test_confirm_requires_agencies_to_be_matched_or_created(coordinator):
    _name, data = demo_file("ke-hoach-so-y-te-2026.md")
    plan = actions.import_plan(coordinator, "syt.md", data).plan
    unmatched = plan.duties.filter(agency__isnull=True, addressee_kind="")
    assert unmatched.exists()  # the department's own offices are not in the directory
    with pytest.raises(ValidationError):
        actions.confirm_plan(coordinator, plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    before, missing = Agency.objects.count(), unmatched.count()
    actions.confirm_plan(coordinator, plan, create_missing_agencies=True)
    assert plan.status == PlanStatus.ACTIVE
    assert Agency.objects.count() == before + missing
    assert not Duty.objects.filter(plan=plan, agency__isnull=True, addressee_kind="").exists()


def test_demo_plans_are_loaded_once():
    load_demo()
    assert Plan.objects.filter(status=PlanStatus.ACTIVE).count() == 2
    assert Plan.objects.get(number="207/KH-UBND").status == PlanStatus.CLOSED
    child = Plan.objects.get(number="35/KH-SYT")
    assert child.parent.number == "118/KH-UBND"
    count = Target.objects.count()
    load_demo()
    assert Plan.objects.count() == 3 and Target.objects.count() == count


def test_issuer_is_guessed_from_the_number(coordinator):
    plan = actions.import_plan(coordinator, *demo_file("ke-hoach-tinh-2026.txt")).plan
    assert plan.issuing_agency.name == "Ủy ban nhân dân tỉnh Nghệ An"
    department = actions.import_plan(coordinator, *demo_file("ke-hoach-so-y-te-2026.md")).plan
    assert department.issuing_agency.name == "Sở Y tế tỉnh Nghệ An"
