from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanhmanh import tables
from lanhmanh.agencies.policy import can
from lanhmanh.audit.queries import history_rows
from lanhmanh.forms import add_errors
from lanhmanh.inspections.models import Violation
from lanhmanh.inspections.queries import establishments_for_user
from lanhmanh.places.filters import area_period

from . import actions, identity, statistics
from .forms import AnswerForm, ReferForm, SanctionForm, SanctionSearchForm, StatisticsForm
from .models import Behaviour, Referral, ReferralStatus
from .queries import (
    cases_to_link,
    communes_for_user,
    filter_sanctions,
    get_sanction_for_user,
    issuing_agencies_for_user,
    recording_agencies_for,
    referral_agencies_for,
    referrals_to_user,
    sanctions_for_user,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _no_store(response):
    """Pages that may show an identity are never cached by a browser or a proxy."""
    response["Cache-Control"] = "no-store, private"
    return response


def filtered(request):
    form = SanctionSearchForm(request.GET or None, communes=communes_for_user(request.user))
    sanctions = sanctions_for_user(request.user)
    if form.is_valid():
        sanctions = filter_sanctions(sanctions, **form.cleaned_data)
    # Links from a report's computed figure: ?area=&from=&to= (decided in those dates).
    linked = area_period(request.GET)
    if linked.area and linked.start and linked.end:
        from .indicators import decided

        decisions = decided({linked.area}, linked.start, linked.end)
        sanctions = sanctions.filter(pk__in=decisions.values("pk"))
    return form, sanctions.order_by("-decided_on", "-pk")


@login_required
def sanction_list(request):
    if not can(request.user, "sanction.read"):
        raise PermissionDenied
    form, sanctions = filtered(request)
    page = Paginator(
        sanctions.select_related("commune", "establishment", "issuing_agency"), 50
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "sanctions/sanction_list.html",
        {
            "form": form,
            "page": page,
            "query": request.GET.urlencode(),
            "can_create": can(request.user, "sanction.record"),
            "can_answer_referrals": can(request.user, "sanction_referral.respond"),
        },
    )


def _headers():
    return [
        _("Decision number"),
        _("Decision date"),
        _("Issuing authority"),
        _("Against"),
        _("Establishment"),
        _("Behaviour"),
        _("Legal basis"),
        _("Commune"),
        _("Date of the violation"),
        _("Form"),
        _("Fine (VND)"),
        _("Fine paid on"),
    ]


@login_required
def sanction_export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    if not can(request.user, "sanction.read"):
        raise PermissionDenied
    _form, sanctions = filtered(request)
    rows = (
        [
            s.decision_number,
            s.decided_on,
            s.issuing_agency.name,
            s.get_subject_display(),
            s.establishment.name if s.establishment else "",
            s.get_behaviour_display(),
            str(s.legal_basis),
            s.commune.name,
            s.violated_on,
            s.get_form_display(),
            s.amount,
            s.paid_on,
        ]
        for s in sanctions.select_related(
            "commune", "establishment", "issuing_agency", "legal_basis"
        )
    )
    if fmt == "csv":
        data, content_type = tables.csv_bytes(_headers(), rows), "text/csv; charset=utf-8"
    else:
        data = tables.xlsx_bytes(_("Sanctions"), _headers(), rows, widths=(18, 12, 30, 14, 30))
        content_type = XLSX
    response = HttpResponse(data, content_type=content_type)
    name = f"xu-phat-{timezone.localdate():%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _referral_form(request, sanction, data=None):
    """The form to refer the person to a case team, when the user may and it makes sense
    (a person who sells sex, the identity still kept, not referred already)."""
    if not (
        can(request.user, "sanction.refer", sanction)
        and sanction.behaviour == Behaviour.SELLING
        and identity.identity_state(sanction) == "live"
        and not sanction.referrals.exclude(status=ReferralStatus.DECLINED).exists()
    ):
        return None
    return ReferForm(data, agencies=referral_agencies_for(sanction))


@login_required
def sanction_detail(request, pk, refer_form=None):
    sanction = get_sanction_for_user(request.user, pk)
    shown, state = None, identity.identity_state(sanction)
    owner = can(request.user, "sanction.read_identity", sanction)
    if owner:
        shown = identity.read_identity(request.user, sanction, _("sanction page"))
    return _no_store(
        render(
            request,
            "sanctions/sanction_detail.html",
            {
                "sanction": sanction,
                "can_edit": can(request.user, "sanction.edit", sanction),
                "owner": owner,
                "identity": shown,
                "identity_state": state,
                # The police see that they referred, and to whom: never the case.
                "referrals": sanction.referrals.select_related("to_agency") if owner else [],
                "refer_form": refer_form or _referral_form(request, sanction),
                "history": history_rows(sanction),
            },
            status=400 if refer_form is not None and refer_form.errors else 200,
        )
    )


@login_required
@require_POST
def sanction_refer(request, pk):
    sanction = get_sanction_for_user(request.user, pk, action="sanction.refer")
    form = _referral_form(request, sanction, request.POST)
    if form is None:
        messages.error(request, _("This person cannot be referred."))
        return redirect("sanctions:detail", sanction.pk)
    if form.is_valid():
        try:
            actions.refer(
                request.user, sanction, form.cleaned_data["to_agency"], form.cleaned_data["note"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The person was referred to the case team."))
            return redirect("sanctions:detail", sanction.pk)
    return sanction_detail(request, pk, refer_form=form)


def _form(request, instance=None, initial=None, violation=None, shown=None):
    return SanctionForm(
        request.POST or None,
        instance=instance,
        initial=initial,
        violation=violation,
        identity=shown,
        communes=communes_for_user(request.user),
        agencies=issuing_agencies_for_user(request.user),
        owners=recording_agencies_for(request.user),
        establishments=establishments_for_user(request.user, write=False).select_related("commune"),
    )


def _fields(form) -> dict:
    return {
        **{name: form.cleaned_data.get(name) for name in form.Meta.fields},
        **form.identity_values(),
    }


def _render_form(request, form, title, sanction=None):
    return _no_store(
        render(
            request,
            "sanctions/sanction_form.html",
            {"form": form, "title": title, "sanction": sanction},
            status=400 if form.errors else 200,
        )
    )


@login_required
def sanction_create(request):
    if not can(request.user, "sanction.record"):
        raise PermissionDenied
    initial, violation = {}, None
    violation_id = request.GET.get("violation") or request.POST.get("violation")
    if violation_id:
        violation = _violation_for_user(request.user, violation_id)
        inspection = violation.inspection
        behaviour = actions.behaviour_of(violation.legal_basis)
        by_person = behaviour in (Behaviour.SELLING, Behaviour.BUYING)
        initial = {
            "subject": "individual" if by_person else "establishment",
            "establishment": inspection.establishment_id,
            "commune": inspection.establishment.commune_id,
            "violated_on": inspection.inspected_on,
            "legal_basis": violation.legal_basis_id,
            "form": "fine" if violation.proposed == "fine" else "warning",
            "amount": violation.fine_amount,
            "behaviour": behaviour,
        }
    form = _form(request, initial=initial, violation=violation)
    if request.method == "POST" and form.is_valid():
        try:
            sanction = actions.record_sanction(request.user, violation=violation, **_fields(form))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect("sanctions:detail", sanction.pk)
    return _render_form(request, form, _("Record a sanction decision"))


def _violation_for_user(user, pk) -> Violation:
    """A violation found at an establishment the user may sanction, or 404."""
    try:
        return Violation.objects.select_related("inspection__establishment").get(
            pk=pk,
            inspection__establishment__in=establishments_for_user(user),
            sanction__isnull=True,
        )
    except (Violation.DoesNotExist, ValueError):
        raise Http404 from None


@login_required
def sanction_edit(request, pk):
    sanction = get_sanction_for_user(request.user, pk, action="sanction.edit")
    # The identity fields stay on the form while the identity is kept (filled in, logged,
    # when the form opens; their values come back with the POST); once the violation is
    # spent they are gone.
    state, shown = identity.identity_state(sanction), None
    if state == "live" and request.method == "GET":
        shown = identity.read_identity(request.user, sanction, _("correcting the decision"))
    elif state in ("live", "none"):
        shown = {}
    form = _form(request, instance=sanction, shown=shown)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_sanction(
                request.user, sanction, version=form.cleaned_data["version"], **_fields(form)
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect("sanctions:detail", sanction.pk)
    return _render_form(request, form, _("Edit the decision"), sanction)


# --- referrals received by a case team -----------------------------------------------------


@login_required
def referral_list(request):
    if not can(request.user, "sanction_referral.respond"):
        raise PermissionDenied
    referrals = referrals_to_user(request.user)
    page = Paginator(referrals, 50).get_page(request.GET.get("page"))
    return render(request, "sanctions/referral_list.html", {"page": page})


def _referral_for_user(user, pk) -> Referral:
    """A referral sent to one of the user's agencies (404 otherwise)."""
    try:
        referral = referrals_to_user(user).select_related("sanction__legal_basis").get(pk=pk)
    except (Referral.DoesNotExist, ValueError):
        raise Http404 from None
    if not can(user, "sanction_referral.respond", referral):
        raise PermissionDenied
    return referral


@login_required
def referral_detail(request, pk):
    referral = _referral_for_user(request.user, pk)
    pending = referral.status == ReferralStatus.PENDING
    form = AnswerForm(request.POST or None, cases=cases_to_link(request.user, referral))
    if request.method == "POST" and pending and form.is_valid():
        accept = form.cleaned_data["answer"] == "accept"
        try:
            actions.answer_referral(
                request.user,
                referral,
                accept,
                case=form.cleaned_data.get("case"),
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("The referral was accepted.") if accept else _("The referral was declined."),
            )
            return redirect("sanctions:referrals")
    shown = actions.read_referred_identity(request.user, referral) if pending else None
    return _no_store(
        render(
            request,
            "sanctions/referral_detail.html",
            {"referral": referral, "identity": shown, "form": form if pending else None},
            status=400 if form.errors else 200,
        )
    )


@login_required
def sanction_statistics(request, fmt=None):
    if not can(request.user, "sanction.read"):
        raise PermissionDenied
    today = timezone.localdate()
    form = StatisticsForm(request.GET or {"period": f"{today:%Y-%m}"})
    if fmt not in (None, "xlsx"):
        raise Http404
    context = {"form": form, "behaviours": Behaviour.choices}
    if form.is_valid():
        key, start, end = form.cleaned_data["period"]
        sanctions = sanctions_for_user(request.user)
        rows, total = statistics.by_commune(sanctions, start, end)
        months = statistics.by_month(sanctions, start, end)
        context.update(
            {"key": key, "start": start, "end": end, "rows": rows, "total": total, "months": months}
        )
        if fmt == "xlsx":
            return _statistics_xlsx(key, rows, total, months)
    return render(request, "sanctions/statistics.html", context, status=400 if form.errors else 200)


def _statistics_xlsx(key, rows, total, months):
    headers = [
        *(str(label) for _value, label in Behaviour.choices),
        _("Total"),
        _("Warnings"),
        _("Fines"),
        _("Fines (VND)"),
    ]
    table = [
        *([row.label, *row.cells()] for row in rows),
        [_("Total"), *total.cells()],
        [],
        [_("Month"), *headers],
        *([row.label, *row.cells()] for _key, row in months),
    ]
    data = tables.xlsx_bytes(
        _("Sanctions %(period)s") % {"period": key}, [_("Commune"), *headers], table, (28,)
    )
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="thong-ke-xu-phat-{key}.xlsx"'
    return response
