"""Importing, reviewing and confirming plans. Views, the API and commands call these.

Each action takes the acting user, asks the door (``plan.import``, ``plan.edit``: the
coordinating office of the plan's area) and writes one audit row of what it changed."""

from __future__ import annotations

import datetime
import hashlib
import logging
import tempfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh import uploads
from lanhmanh.agencies import policy
from lanhmanh.agencies.models import Agency
from lanhmanh.audit.actions import record_change, snapshot
from lanhmanh.places.models import AdministrativeUnit, Level
from lanhmanh.places.queries import find_units

from . import extraction
from .extraction import ExtractionError, extract_with_text
from .matching import best_match, collective_kind
from .models import (
    Duty,
    Plan,
    PlanKind,
    PlanStatus,
    Progress,
    ProgressEvent,
    ProgressStatus,
    ReportingRule,
    Target,
    Task,
    TaskAgency,
    TaskRole,
)

log = logging.getLogger("lanhmanh.audit")
MAX_UPLOAD_BYTES = uploads.MAX_UPLOAD_BYTES
ALLOWED_SUFFIXES = {".txt", ".md", ".docx", ".pdf"}


class ImportRefused(ValidationError):
    """The file cannot become a plan; the message says why, in the user's language.
    Its ``code`` is "too_complex" for a file refused by the upload limits
    (``lanhmanh.uploads``), which the API answers with 413."""


@dataclass
class ImportResult:
    plan: Plan
    duplicate: bool = False


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def refusal_message(error: ExtractionError) -> str:
    """The engine speaks English only; users are told why in their own language."""
    if isinstance(error, extraction.TooComplexError):
        return _(error.refusal.template) % error.refusal.params
    messages = {
        extraction.EmptyFileError: _("The file is empty."),
        extraction.UnreadableFileError: _(
            "The file cannot be read: it is damaged or not a text, Word or PDF document."
        ),
        extraction.UnsupportedFormatError: _(
            "Unsupported file type: send a .docx, .pdf, .txt or .md file."
        ),
        extraction.ScannedPdfError: _(
            "This PDF is a scan with no text layer: send the Word file, or a PDF with text."
        ),
        extraction.FileTooLargeError: _("The file is larger than 20 MB."),
        extraction.NotAPlanError: _(
            "This document does not look like a plan: no plan title or sections were found."
        ),
    }
    for kind, message in messages.items():
        if isinstance(error, kind):
            return message
    return _("The file cannot be read as a plan.")


def read_plan_file(filename: str, data: bytes) -> tuple[dict, str, dict]:
    """Run the extraction on an uploaded file: (plan/v1, plain text, spans)."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".doc":
        raise ImportRefused(_("Old Word files (.doc) cannot be read: save it as .docx or PDF."))
    if suffix not in ALLOWED_SUFFIXES:
        raise ImportRefused(
            _("Unsupported file type %(suffix)s: send a .docx, .pdf, .txt or .md file.")
            % {"suffix": suffix or "?"}
        )
    if not data:
        raise ImportRefused(_("The file is empty."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportRefused(_("The file is larger than 20 MB."))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            plan, text, spans = extract_with_text(path)
        except extraction.TooComplexError as exc:
            raise ImportRefused(refusal_message(exc), code="too_complex") from exc
        except ExtractionError as exc:
            raise ImportRefused(refusal_message(exc)) from exc
    plan["source"]["filename"] = Path(filename).name
    return plan, text, spans


def candidate_agencies(jurisdiction: AdministrativeUnit):
    """Agencies a plan for this area may name: those inside it, those of the areas
    around it (a historic province lies inside today's), and the national ones."""
    from django.db.models import Q

    from lanhmanh.places.models import UnitContainment

    inside = UnitContainment.objects.filter(outer=jurisdiction).values("inner_id")
    around = UnitContainment.objects.filter(inner=jurisdiction).values("outer_id")
    return list(
        Agency.objects.filter(
            Q(jurisdiction__in=inside) | Q(jurisdiction__in=around) | Q(jurisdiction__isnull=True)
        )
    )


def _may_edit_in(user, unit: AdministrativeUnit) -> bool:
    return policy.can(user, "plan.edit", policy.Subject(unit_id=unit.pk))


def guess_jurisdiction(user, place: str | None, issued_on: datetime.date | None):
    """The unit the document names (as it was on its date), if the user may edit plans
    there; else the area of the user's own agency where they may."""
    from lanhmanh.agencies.queries import agencies_of

    if place:
        for unit in find_units(q=place, level=Level.PROVINCE, as_of=issued_on)[:3]:
            if _may_edit_in(user, unit):
                return unit
    own = (
        AdministrativeUnit.objects.current()
        .filter(pk__in=Agency.objects.filter(pk__in=agencies_of(user)).values("jurisdiction_id"))
        .order_by("level", "pk")
    )
    return next((unit for unit in own if _may_edit_in(user, unit)), None)


# What an audit row of a plan keeps of it: its own fields, not the document's text.
AUDITED = (
    "kind",
    "number",
    "issued_on",
    "issuing_agency",
    "title",
    "first_year",
    "last_year",
    "jurisdiction",
    "status",
    "parent",
    "source_filename",
    "source_sha256",
)


def _snapshot(plan: Plan) -> dict:
    return snapshot(plan, AUDITED)


# The issuer's abbreviation after the document type in the number ("223/KH-UBND").
ISSUERS = {
    "UBND": "Ủy ban nhân dân",
    "SYT": "Sở Y tế",
    "SLĐTBXH": "Sở Lao động - Thương binh và Xã hội",
    "LĐTBXH": "Sở Lao động - Thương binh và Xã hội",
    "CA": "Công an",
    "SVHTTDL": "Sở Văn hóa, Thể thao và Du lịch",
    "SGDĐT": "Sở Giáo dục và Đào tạo",
}


def guess_issuer(number: str, jurisdiction: AdministrativeUnit, agencies):
    """The directory agency behind the number's suffix, if the suffix is a known one."""
    suffix = number.rsplit("-", 1)[-1].strip().upper() if "-" in number else ""
    name = ISSUERS.get(suffix)
    if not name:
        return None
    level = "tỉnh" if jurisdiction.level == Level.PROVINCE else ""
    candidates = [a for a in agencies if a.jurisdiction_id is not None]
    return best_match(f"{name} {level}".strip(), candidates).agency


def _decimal(value) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _month(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        year, month = (int(part) for part in value.split("-")[:2])
        return datetime.date(year, month, 1)
    except (ValueError, TypeError):
        return None


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@transaction.atomic
def import_plan(user, filename: str, data: bytes, jurisdiction=None, parent=None) -> ImportResult:
    """Read a plan file into a draft plan for review (``plan.import``, then ``plan.edit``
    in its area). The same file twice is detected."""
    policy.require(user, "plan.import")
    if jurisdiction is not None and not _may_edit_in(user, jurisdiction):
        raise PermissionDenied
    from .queries import plans_for_user

    digest = sha256_of(data)
    existing = plans_for_user(user).filter(source_sha256=digest)
    if existing.exists():
        return ImportResult(plan=existing.first(), duplicate=True)
    extracted, text, spans = read_plan_file(filename, data)
    document = extracted.get("document") or {}
    issued_on = _date(document.get("issued_on"))
    jurisdiction = jurisdiction or guess_jurisdiction(user, document.get("place"), issued_on)
    if jurisdiction is None:
        raise ImportRefused(_("Your account has no area in which you may import plans."))
    years = [y for y in document.get("years") or [] if isinstance(y, int)]
    plan = Plan.objects.create(
        kind=document.get("kind") if document.get("kind") in PlanKind.values else PlanKind.OTHER,
        number=(document.get("number") or "")[:60],
        issued_on=issued_on,
        title=(document.get("title") or Path(filename).stem)[:500],
        first_year=min(years) if years else None,
        last_year=max(years) if years else None,
        jurisdiction=jurisdiction,
        parent=parent,
        references=list(extracted.get("references") or []),
        funding=list(extracted.get("funding") or []),
        source_filename=Path(filename).name[:255],
        source_sha256=digest,
        source_text=text,
        extraction=extracted,
        created_by=user,
    )
    plan.issuing_agency = guess_issuer(plan.number, jurisdiction, candidate_agencies(jurisdiction))
    plan.source_file.save(Path(filename).name, ContentFile(data), save=True)
    _create_parts(plan, extracted, spans)
    record_change(user, plan, None, _snapshot(plan), note="imported")
    log.info("plan imported id=%s sha256=%s by user=%s", plan.pk, digest[:12], user.pk)
    return ImportResult(plan=plan)


def _create_parts(plan: Plan, extracted: dict, spans: dict) -> None:
    agencies = candidate_agencies(plan.jurisdiction)

    def matched(name):
        return best_match(name, agencies)

    targets = []
    for i, t in enumerate(extracted.get("targets") or []):
        value = _decimal(t.get("value"))
        if value is None:
            continue
        start, end = spans.get(("targets", i), (None, None))
        targets.append(
            Target(
                plan=plan,
                order=i,
                section=(t.get("section") or "")[:30],
                text=t.get("text") or "",
                kind=t.get("kind") or "count",
                op=t.get("op") or "eq",
                value=value,
                value_max=_decimal(t.get("value_max")),
                year=t.get("year"),
                span_start=start,
                span_end=end,
            )
        )
    Target.objects.bulk_create(targets)

    for i, r in enumerate(extracted.get("responsibilities") or []):
        name = (r.get("agency") or "").strip()
        if not name:
            continue
        addressee = collective_kind(name)
        match = matched(name) if not addressee else None
        start, end = spans.get(("responsibilities", i), (None, None))
        Duty.objects.create(
            plan=plan,
            order=i,
            agency_name=name[:255],
            agency=match.agency if match else None,
            match_score=match.score if match else None,
            addressee_kind=addressee,
            texts=list(r.get("duties") or []),
            span_start=start,
            span_end=end,
        )

    for i, t in enumerate(extracted.get("tasks") or []):
        task = Task.objects.create(
            plan=plan,
            order=i,
            section=(t.get("section") or "")[:30],
            title=t.get("title") or "",
            start_month=_month(t.get("start")),
            end_month=_month(t.get("end")),
        )
        for role, names in ((TaskRole.LEAD, t.get("lead")), (TaskRole.PARTNER, t.get("partners"))):
            for name in names or []:
                TaskAgency.objects.create(
                    task=task, role=role, name=name[:255], agency=matched(name).agency
                )

    for rule in extracted.get("reporting") or []:
        recipient = rule.get("to") or ""
        ReportingRule.objects.create(
            plan=plan,
            frequency=rule.get("frequency"),
            due_day=rule.get("due_day"),
            due_month=rule.get("due_month"),
            recipient_name=recipient[:255],
            recipient=matched(recipient).agency if recipient else None,
        )


@transaction.atomic
def confirm_plan(user, plan: Plan, create_missing_agencies: bool = False) -> Plan:
    """The reviewed draft becomes the active plan."""
    policy.require(user, "plan.edit", plan)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("Only a draft plan can be confirmed."))
    before = _snapshot(plan)
    unmatched = plan.duties.filter(agency__isnull=True, addressee_kind="")
    if unmatched.exists():
        if not create_missing_agencies:
            names = ", ".join(unmatched.values_list("agency_name", flat=True)[:5])
            raise ValidationError(
                _("Match these agencies or let lanhmanh create them: %(names)s") % {"names": names}
            )
        from lanhmanh.agencies.actions import create_agency
        from lanhmanh.agencies.models import AgencyKind

        for duty in unmatched:
            duty.agency = create_agency(
                name=duty.agency_name, kind=AgencyKind.OTHER, jurisdiction=plan.jurisdiction
            )
            duty.save(update_fields=["agency"])
    plan.status = PlanStatus.ACTIVE
    plan.confirmed_by = user
    plan.confirmed_at = timezone.now()
    plan.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    record_change(user, plan, before, _snapshot(plan), note="confirmed")
    log.info("plan confirmed id=%s by user=%s", plan.pk, user.pk)
    return plan


@transaction.atomic
def close_plan(user, plan: Plan) -> Plan:
    policy.require(user, "plan.edit", plan)
    if plan.status != PlanStatus.ACTIVE:
        raise ValidationError(_("Only an active plan can be closed."))
    before = _snapshot(plan)
    plan.status = PlanStatus.CLOSED
    plan.save(update_fields=["status"])
    record_change(user, plan, before, _snapshot(plan), note="closed")
    log.info("plan closed id=%s by user=%s", plan.pk, user.pk)
    return plan


@transaction.atomic
def discard_draft(user, plan: Plan) -> None:
    policy.require(user, "plan.edit", plan)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("Only a draft plan can be discarded."))
    record_change(user, plan, _snapshot(plan), None, note="draft discarded")
    log.info("plan draft discarded id=%s by user=%s", plan.pk, user.pk)
    plan.source_file.delete(save=False)
    plan.delete()


@transaction.atomic
def save_review(user, plan: Plan, plan_form, edit_sets: dict) -> Plan:
    """Store the reviewer's corrections (validated forms) of a draft or active plan, and
    one audit row: the plan's changed fields, and how many rows of each part changed."""
    stored = Plan.objects.get(pk=plan.pk)  # as it is, not as the bound form left it
    policy.require(user, "plan.edit", stored)
    before = _snapshot(stored)
    plan_form.save()
    parts = {}
    for name, formset in edit_sets.items():
        formset.save()
        counts = {
            "added": len(formset.new_objects),
            "changed": len(formset.changed_objects),
            "deleted": len(formset.deleted_objects),
        }
        if any(counts.values()):
            parts[name] = counts
    record_change(user, plan, before, _snapshot(plan) | parts)
    # Edited duties keep their agency choice; a changed printed name loses its old score.
    plan.duties.filter(agency__isnull=False, match_score__isnull=True).update(match_score=100)
    log.info("plan reviewed id=%s by user=%s", plan.pk, user.pk)
    return plan


# Tasks and duties ------------------------------------------------------------------

PROGRESS_AUDITED = ("status", "result", "evidence", "attachment_name")


@transaction.atomic
def update_progress(
    user,
    progress: Progress,
    *,
    status: str,
    result: str = "",
    evidence: str | None = None,
    upload=None,
) -> Progress:
    """The lead agency says where it stands on a task (or its duty) of an active plan
    (``task.update``): status, a short result, evidence in words (None: kept as it is,
    for the short form of the unit report) and optionally a file (type and size
    checked). Each update adds to the history and writes an audit row."""
    policy.require(user, "task.update", progress)
    if progress.plan.status != PlanStatus.ACTIVE:
        raise ValidationError(_("Only the tasks of an active plan are tracked."))
    if status not in ProgressStatus.values:
        raise ValidationError(_("Choose a status."))
    suffix = ""
    if upload is not None:
        try:
            suffix = uploads.check_attachment(upload.name, upload.size)
        except uploads.UploadRefused as exc:
            raise ValidationError(_(exc.template) % exc.params) from exc
    before = snapshot(progress, PROGRESS_AUDITED) if progress.pk else None
    was = before or {}
    progress.status = status
    progress.result = result.strip()[:500]
    if evidence is not None:
        progress.evidence = evidence.strip()
    progress.updated_by = user
    progress.updated_at = timezone.now()
    if upload is not None:
        progress.attachment_name = Path(upload.name).name[:255]
        progress.attachment.save(f"{progress.agency_id}{suffix}", upload, save=False)
    progress.save()
    after = snapshot(progress, PROGRESS_AUDITED)
    changes = {k: [was.get(k), v] for k, v in after.items() if was.get(k) != v}
    ProgressEvent.objects.create(progress=progress, by=user, note=progress.result, changes=changes)
    record_change(user, progress, before, after, note="progress")
    log.info("progress id=%s status=%s by user=%s", progress.pk, status, user.pk)
    return progress
