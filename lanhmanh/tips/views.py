from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lanhmanh.agencies import policy
from lanhmanh.places.filters import area_period
from lanhmanh.places.models import UnitContainment

from . import actions, exports, ratelimit
from .forms import (
    AssignForm,
    CloseForm,
    NoteForm,
    ProvinceForm,
    PublicTipForm,
    RevealForm,
    StatusForm,
    TipFilterForm,
    TipIntakeForm,
    VerifyForm,
    current_provinces,
)
from .models import Channel, Status, Tip, normalise_reference
from .queries import get_tip_for_user, tips_for_user


def _private(response):
    add_never_cache_headers(response)
    return response


def _rate_limited(request):
    return _private(render(request, "tips/rate_limited.html", status=429))


# --- the public side: no login ----------------------------------------------------------


def _chosen_province(request):
    raw = request.POST.get("province") or request.GET.get("province") or ""
    if not raw.isdigit():
        return None
    return current_provinces().filter(pk=int(raw)).first()


@require_http_methods(["GET", "POST"])
def public_report(request):
    """Anyone may send a tip: province first (GET), then commune and content (POST)."""
    if request.method == "POST" and ratelimit.exceeded("report", request):
        return _rate_limited(request)
    province = _chosen_province(request)
    if province is None:
        form = ProvinceForm(request.GET or None)
        return _private(render(request, "tips/public_report.html", {"province_form": form}))
    form = PublicTipForm(request.POST or None, province=province)
    if request.method == "POST" and form.is_valid():
        try:
            tip = actions.receive_tip(
                None,
                channel=Channel.WEB,
                commune=form.cleaned_data["commune"],
                category=form.cleaned_data["category"],
                content=form.cleaned_data["content"],
                contact=form.contact(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            ratelimit.hit("report", request)
            return _private(
                render(request, "tips/public_report_done.html", {"reference": tip.reference})
            )
    return _private(
        render(
            request,
            "tips/public_report.html",
            {"form": form, "province": province},
            status=400 if form.errors else 200,
        )
    )


@require_http_methods(["GET", "POST"])
def public_status(request):
    """The status label of a code, and nothing else; an unknown code gets a neutral answer."""
    form = StatusForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST":
        if ratelimit.exceeded("status", request):
            return _rate_limited(request)
        ratelimit.hit("status", request)
        if form.is_valid():
            code = normalise_reference(form.cleaned_data["code"])
            status = Tip.objects.filter(reference=code).values_list("status", flat=True).first()
            context["looked_up"] = True
            context["status"] = Status(status).label if status else None
            context["form"] = StatusForm()
    return _private(render(request, "tips/public_status.html", context))


# --- the staff side -----------------------------------------------------------------------


def _filtered(request):
    tips = tips_for_user(request.user)
    form = TipFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        tips = tips.search(data["q"])
        if data["status"]:
            tips = tips.filter(status=data["status"])
        if data["category"]:
            tips = tips.filter(category=data["category"])
        if data["overdue"]:
            tips = tips.overdue()
        if data["unit"]:
            inside = UnitContainment.objects.filter(outer_id=data["unit"]).values("inner_id")
            tips = tips.filter(commune__in=inside)
    # Links from a report's computed figure: ?area=&from=&to= (received in those dates).
    linked = area_period(request.GET)
    if linked.area and linked.start and linked.end:
        from .indicators import _received

        tips = tips.filter(pk__in=_received({linked.area}, linked.start, linked.end).values("pk"))
    return form, tips


@login_required
def tip_list(request):
    policy.require(request.user, "tip.read")
    form, tips = _filtered(request)
    tips = tips.select_related("commune", "assigned_agency").order_by("-received_at", "-pk")
    page = Paginator(tips, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "tips/tip_list.html",
        {
            "form": form,
            "page": page,
            "can_record": policy.can(request.user, "tip.record"),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def tip_export(request, fmt):
    policy.require(request.user, "tip.read")
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _form, tips = _filtered(request)
    tips = tips.select_related("commune", "assigned_agency").order_by("received_at", "pk")
    if fmt == "csv":
        data, content_type = exports.csv_bytes(tips), "text/csv; charset=utf-8"
    else:
        data = exports.xlsx_bytes(tips)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="tin-bao.{fmt}"'
    return response


@login_required
def tip_create(request):
    policy.require(request.user, "tip.record")
    form = TipIntakeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            tip = actions.receive_tip(
                request.user,
                channel=data["channel"],
                commune=data["commune"],
                category=data["category"],
                content=data["content"],
                received_at=data["received_at"],
                contact=form.contact(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The tip was recorded."))
            return redirect("tips:detail", tip.pk)
    return render(request, "tips/tip_form.html", {"form": form}, status=400 if form.errors else 200)


def _may(user, step, tip) -> bool:
    return policy.can(user, actions.permission_for(step, tip), tip)


def _detail(request, tip, contact=None, reveal_form=None, status=200):
    may_assign = _may(request.user, "assign", tip)
    response = render(
        request,
        "tips/tip_detail.html",
        {
            "tip": tip,
            "events": tip.events.select_related("user", "agency"),
            "may_assign": may_assign,
            "may_work": _may(request.user, "note", tip),
            "may_reveal": _may(request.user, "reveal", tip),
            "contact": contact,
            "reveal_form": reveal_form or RevealForm(),
            "assign_form": AssignForm(tip=tip) if may_assign else None,
            "verify_form": VerifyForm(),
            "close_form": CloseForm(),
            "note_form": NoteForm(),
        },
        status=status,
    )
    return _private(response)


@login_required
def tip_detail(request, pk):
    return _detail(request, get_tip_for_user(request.user, pk))


@login_required
@require_POST
def tip_contact(request, pk):
    """Reveal the sender's contact to a user of the handling agency, and log it."""
    tip = get_tip_for_user(request.user, pk)
    policy.require(request.user, actions.permission_for("reveal", tip), tip)
    form = RevealForm(request.POST)
    if not form.is_valid():
        return _detail(request, tip, reveal_form=form, status=400)
    contact = actions.reveal_contact(request.user, tip, form.cleaned_data["reason"])
    return _detail(request, tip, contact=contact or {})


FORMS = {"assign": AssignForm, "verify": VerifyForm, "close": CloseForm, "note": NoteForm}


@login_required
@require_POST
def tip_action(request, pk, action):
    tip = get_tip_for_user(request.user, pk)
    if action not in FORMS:
        raise Http404
    # Asked before the form is read; the action asks again.
    policy.require(request.user, actions.permission_for(action, tip), tip)
    form_class = FORMS[action]
    form = form_class(request.POST, tip=tip) if action == "assign" else form_class(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        data = form.cleaned_data
        if action == "assign":
            actions.assign_tip(request.user, tip, data["agency"], note=data["note"])
            messages.success(request, _("The tip was assigned."))
        elif action == "verify":
            actions.start_verification(request.user, tip, note=data["note"])
            messages.success(request, _("Verification started."))
        elif action == "close":
            actions.close_tip(request.user, tip, data["outcome"], data["note"])
            messages.success(request, _("The tip was closed."))
        else:
            actions.add_note(request.user, tip, data["note"])
            messages.success(request, _("The note was added."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("tips:detail", tip.pk)
