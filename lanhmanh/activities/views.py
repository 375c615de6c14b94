from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh import attachments
from lanhmanh.agencies.policy import can
from lanhmanh.audit.queries import history_rows
from lanhmanh.forms import add_errors
from lanhmanh.places.filters import area_period
from lanhmanh.places.models import Level
from lanhmanh.spreadsheets import ImportRejected

from . import actions, exports
from .forms import (
    ActivityForm,
    AttachmentForm,
    CommunityModelForm,
    ImportForm,
    ModelImportForm,
    ModelSearchForm,
    SearchForm,
)
from .models import MEDIUM_GROUPS, Medium
from .queries import (
    Filters,
    activities_for_user,
    communes_reached,
    filter_activities,
    filter_models,
    get_activity_for_user,
    get_model_for_user,
    models_for_user,
    organisers_for_user,
    summary,
    units_for_user,
)

EXPORTS = {
    "csv": (exports.csv_bytes, "text/csv; charset=utf-8"),
    "xlsx": (
        exports.xlsx_bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}
PAGE_SIZE = 50


def _filters(request, form_class) -> tuple:
    """The filter form and the ``Filters`` it gives: each field that parses is applied,
    one that does not is shown in error and ignored (a link never ends on an error)."""
    form = form_class(
        request.GET or None,
        units=units_for_user(request.user),
        organisers=organisers_for_user(request.user),
    )
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    medium = request.GET.get("medium", "")
    area = data.get("area")
    return form, Filters(
        q=data.get("q", ""),
        kind=data.get("kind", ""),
        area=area.pk if area else None,
        start=data.get("from"),
        end=data.get("to"),
        organiser=data["organiser"].pk if data.get("organiser") else None,
        audience=data.get("audience", ""),
        medium=medium if medium in MEDIUM_GROUPS or medium in Medium.values else "",
    )


def filtered(request):
    """The user's activities narrowed by the list's filters, and the filter form."""
    form, f = _filters(request, SearchForm)
    activities = filter_activities(activities_for_user(request.user), f)
    return form, f, activities.order_by("-held_on", "-pk")


def _provinces(user):
    return units_for_user(user, write=True).filter(level=Level.PROVINCE)


def _can_import(user) -> bool:
    """An import goes into a province: offered to who may record in one."""
    return can(user, "activity.import") and _provinces(user).exists()


def _need(request, action):
    if not can(request.user, action):
        raise PermissionDenied


def _list(request, template: str, form, records, **figures):
    """A register's list page: its filters, one page of its records, the figures above
    them, and the buttons the user may use."""
    page = Paginator(records.select_related("unit", "organiser"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "query": request.GET.urlencode(),
            "can_create": can(request.user, "activity.record"),
            "can_import": _can_import(request.user),
            **figures,
        },
    )


@login_required
def activity_list(request):
    _need(request, "activity.read")
    form, f, activities = filtered(request)
    totals = summary(activities, f.area)
    return _list(request, "activities/activity_list.html", form, activities, totals=totals)


def _export(request, fmt, sheet, records, stem: str):
    if fmt not in EXPORTS:
        raise Http404
    build, content_type = EXPORTS[fmt]
    response = HttpResponse(build(sheet, records), content_type=content_type)
    name = f"{stem}-{timezone.localdate():%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def activity_export(request, fmt):
    _need(request, "activity.read")
    _form, _f, activities = filtered(request)
    return _export(request, fmt, exports.ACTIVITIES, activities, "hoat-dong")


def _detail(request, record, template: str, name: str):
    """A record's page: its facts, communes, documents (and the form that adds one, for
    who may edit it) and its history."""
    can_edit = can(request.user, "activity.edit", record)
    return render(
        request,
        template,
        {
            name: record,
            "communes": record.communes.order_by("name_search"),
            "attachments": record.attachments.all(),
            "can_edit": can_edit,
            "attach_form": AttachmentForm() if can_edit else None,
            "changes": history_rows(record),
        },
    )


@login_required
def activity_detail(request, pk):
    activity = get_activity_for_user(request.user, pk)
    return _detail(request, activity, "activities/activity_detail.html", "activity")


def _render_form(request, form, title, back, submit=None):
    return render(
        request,
        "activities/form.html",
        {"form": form, "title": title, "back": back, "submit": submit or _("Save")},
        status=400 if form.errors else 200,
    )


def _save(request, form, save, done: str, redirect_to: str):
    """Run the action with the form's values; field errors on the form if it refuses."""
    if request.method != "POST" or not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    communes = data.pop("communes")
    try:
        record = save(communes=list(communes), **data)
    except ValidationError as exc:
        add_errors(form, exc)
        return None
    messages.success(request, done)
    return redirect(redirect_to, record.pk)


def _form_kwargs(request):
    return {
        "units": units_for_user(request.user, write=True),
        "organisers": organisers_for_user(request.user),
    }


def _initial(request):
    agency = request.user.memberships.select_related("agency").first()
    initial = {"held_on": timezone.localdate(), "started_on": timezone.localdate()}
    if agency is not None:
        initial["organiser"] = agency.agency_id
        if agency.agency.jurisdiction_id:
            initial["unit"] = agency.agency.jurisdiction_id
    return initial


@login_required
def activity_create(request):
    _need(request, "activity.record")
    form = ActivityForm(request.POST or None, initial=_initial(request), **_form_kwargs(request))
    done = _save(
        request,
        form,
        lambda **data: actions.create_activity(request.user, **data),
        _("The activity was recorded."),
        "activities:detail",
    )
    return done or _render_form(request, form, _("Record an activity"), ("activities:list", None))


def _edit(request, record, form_class, update, title: str, detail: str):
    """A record's form, saved through ``update`` (an action) onto its page."""
    form = form_class(request.POST or None, instance=record, **_form_kwargs(request))
    done = _save(
        request,
        form,
        lambda **data: update(request.user, record, **data),
        _("Your changes were saved."),
        detail,
    )
    return done or _render_form(request, form, title, (detail, record.pk))


@login_required
def activity_edit(request, pk):
    activity = get_activity_for_user(request.user, pk, action="activity.edit")
    return _edit(
        request,
        activity,
        ActivityForm,
        actions.update_activity,
        _("Edit the activity"),
        "activities:detail",
    )


ACTIVITY_FILES = attachments.views(
    get_activity_for_user, "activity.edit", actions.attach_file, AttachmentForm, "activities:detail"
)


def _import(request, form_class, run, done: str, title: str, back: str):
    """The import page of a register: the file goes into a province the user may record
    in; a refused file names every bad row and nothing is imported."""
    _need(request, "activity.import")
    form = form_class(
        request.POST or None, request.FILES or None, provinces=_provinces(request.user)
    )
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            created = run(request.user, form.cleaned_data["province"], upload.name, upload.read())
        except ImportRejected as rejected:
            problems = rejected.errors
        else:
            messages.success(request, done % {"n": len(created)})
            return redirect(back)
    return render(
        request,
        "activities/import.html",
        {"form": form, "problems": problems, "title": title, "back": back},
        status=400 if (problems or form.errors) else 200,
    )


@login_required
def activity_import(request):
    return _import(
        request,
        ImportForm,
        actions.import_activities,
        _("%(n)s activities were imported."),
        _("Import activities"),
        "activities:list",
    )


@login_required
def model_import(request):
    return _import(
        request,
        ModelImportForm,
        actions.import_models,
        _("%(n)s community models were imported."),
        _("Import community models"),
        "activities:models",
    )


# --- Community models ---------------------------------------------------------------


def filtered_models(request):
    """The user's community models narrowed by the list's filters, and the filter form;
    ``active_from``/``active_to`` (a figure's link): running at some time between."""
    form, f = _filters(request, ModelSearchForm)
    active = area_period(
        {"from": request.GET.get("active_from"), "to": request.GET.get("active_to")}
    )
    models = filter_models(
        models_for_user(request.user), f, active_from=active.start, active_to=active.end
    )
    return form, f, models.order_by("-started_on", "-pk")


@login_required
def model_list(request):
    _need(request, "activity.read")
    form, f, models = filtered_models(request)
    communes = communes_reached(models, f.area)
    return _list(request, "activities/model_list.html", form, models, communes=communes)


@login_required
def model_export(request, fmt):
    _need(request, "activity.read")
    _form, _f, models = filtered_models(request)
    return _export(request, fmt, exports.MODELS, models, "mo-hinh")


@login_required
def model_detail(request, pk):
    model = get_model_for_user(request.user, pk)
    return _detail(request, model, "activities/model_detail.html", "model")


MODEL_FILES = attachments.views(
    get_model_for_user, "activity.edit", actions.attach_file, AttachmentForm, "activities:model"
)


@login_required
def model_create(request):
    _need(request, "activity.record")
    form = CommunityModelForm(
        request.POST or None, initial=_initial(request), **_form_kwargs(request)
    )
    done = _save(
        request,
        form,
        lambda **data: actions.create_model(request.user, **data),
        _("The community model was registered."),
        "activities:model",
    )
    return done or _render_form(
        request, form, _("Register a community model"), ("activities:models", None)
    )


@login_required
def model_edit(request, pk):
    model = get_model_for_user(request.user, pk, action="activity.edit")
    return _edit(
        request,
        model,
        CommunityModelForm,
        actions.update_model,
        _("Edit the community model"),
        "activities:model",
    )
