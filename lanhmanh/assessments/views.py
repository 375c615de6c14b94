from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh import attachments
from lanhmanh.agencies.policy import can
from lanhmanh.places.filters import area_period

from . import actions, exports, indicators
from .forms import (
    AssessmentCreateForm,
    AssessmentSearchForm,
    AttachmentForm,
    CriteriaSetForm,
    CriterionFormSet,
    ReopenForm,
    ReviewForm,
    ScoresForm,
    YearForm,
)
from .models import CriteriaSet, Criterion, Status
from .queries import (
    assessments_for_user,
    communes_for_user,
    criteria_sets_for_user,
    editable_criteria_sets,
    filter_assessments,
    get_assessment_for_user,
    get_criteria_set_for_user,
    provinces_for_criteria,
    trend_areas,
)

EXPORTS = {
    "csv": (exports.csv_bytes, "text/csv; charset=utf-8"),
    "xlsx": (
        exports.xlsx_bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}
TREND_YEARS = 6


def add_errors(form, exc: ValidationError) -> None:
    """An action's refusal shown on the field it concerns (or above the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _require(user, action="assessment.read"):
    """A page with no assessment yet: whether the user may ``action`` anywhere."""
    if not can(user, action):
        raise PermissionDenied


def this_year() -> int:
    return timezone.localdate().year


def filtered(request):
    """The user's assessments narrowed by the list's filters, the form and the year."""
    data = request.GET.copy()
    # Links from a report's computed figure: ?area=&from=&to= (the year of ``to``).
    linked = area_period(request.GET)
    data.setdefault("year", str(linked.end.year if linked.end else this_year()))
    form = AssessmentSearchForm(data)
    assessments = assessments_for_user(request.user)
    year = this_year()
    if form.is_valid():
        year = form.cleaned_data["year"]
        assessments = filter_assessments(
            assessments,
            year=year,
            q=form.cleaned_data["q"],
            status=form.cleaned_data["status"],
            result=form.cleaned_data["result"],
        )
    else:
        assessments = assessments.filter(year=year)
    if linked.area:
        assessments = assessments.filter(commune__in=indicators.communes_in({linked.area}, year))
    return form, year, assessments.order_by("commune__name_search", "commune_id")


@login_required
def assessment_list(request):
    _require(request.user)
    form, year, assessments = filtered(request)
    figures = (
        assessments_for_user(request.user)
        .filter(year=year)
        .aggregate(
            assessed=Count("pk"),
            approved=Count("pk", filter=Q(status=Status.APPROVED)),
            waiting=Count("pk", filter=Q(status=Status.SUBMITTED)),
            healthy=Count("pk", filter=Q(status=Status.APPROVED, healthy=True)),
        )
    )
    figures["communes"] = communes_for_user(request.user, year).count()
    figures["share"] = indicators.share(figures["healthy"], figures["communes"])
    page = Paginator(assessments.select_related("commune", "criteria_set"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "assessments/assessment_list.html",
        {
            "form": form,
            "year": year,
            "page": page,
            "figures": figures,
            "query": request.GET.urlencode(),
            "can_create": can(request.user, "assessment.open"),
        },
    )


@login_required
def assessment_export(request, fmt):
    if fmt not in EXPORTS:
        raise Http404
    _require(request.user)
    _form, year, assessments = filtered(request)
    build, content_type = EXPORTS[fmt]
    response = HttpResponse(build(assessments), content_type=content_type)
    name = f"danh-gia-xa-lanh-manh-{year}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def assessment_create(request):
    _require(request.user, "assessment.open")
    year_form = YearForm(request.GET or {"year": this_year()})
    year = year_form.cleaned_data["year"] if year_form.is_valid() else this_year()
    communes = communes_for_user(request.user, year, write=True).exclude(assessments__year=year)
    form = AssessmentCreateForm(request.POST or None, communes=communes)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = actions.create_assessment(
                request.user, form.cleaned_data["commune"], year, form.cleaned_data["summary"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The assessment was opened: score each criterion."))
            return redirect("assessments:edit", assessment.pk)
    return render(
        request,
        "assessments/assessment_create.html",
        {"form": form, "year_form": year_form, "year": year},
        status=400 if form.errors else 200,
    )


def _scores(assessment):
    return list(
        assessment.scores.select_related("criterion").order_by("criterion__order", "criterion_id")
    )


def grouped_scores(scores):
    groups = []
    for score in scores:
        if groups and groups[-1][0] == score.criterion.group:
            groups[-1][1].append(score)
        else:
            groups.append((score.criterion.group, [score]))
    return groups


@login_required
def assessment_detail(request, pk):
    assessment = get_assessment_for_user(request.user, pk)
    scores = _scores(assessment)
    can_edit = assessment.is_editable and can(request.user, "assessment.edit", assessment)
    can_review = can(request.user, "assessment.review", assessment)
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "assessment": assessment,
            "groups": grouped_scores(scores),
            "max_total": sum(s.criterion.max_points for s in scores),
            "missed": [
                s.criterion
                for s in scores
                if s.criterion.mandatory and (s.points or 0) < s.criterion.max_points
            ],
            "attachments": list(assessment.attachments.all()),
            "history": assessment.events.select_related("user").order_by("-at", "-pk"),
            "can_edit": can_edit,
            "can_review": can_review and assessment.status == Status.SUBMITTED,
            "can_reopen": can_review and assessment.status == Status.APPROVED,
            "attachment_form": AttachmentForm() if can_edit else None,
        },
    )


@login_required
def assessment_edit(request, pk):
    assessment = get_assessment_for_user(request.user, pk, action="assessment.edit")
    if not assessment.is_editable:
        messages.error(
            request, _("This assessment is submitted or approved and cannot be changed.")
        )
        return redirect("assessments:detail", assessment.pk)
    scores = _scores(assessment)
    form = ScoresForm(request.POST or None, scores=scores, initial={"summary": assessment.summary})
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_scores(
                request.user, assessment, form.scores(), summary=form.cleaned_data["summary"]
            )
            if "submit" in request.POST:
                actions.submit(request.user, assessment)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if assessment.status == Status.SUBMITTED:
                messages.success(request, _("The assessment was sent for review."))
            else:
                messages.success(request, _("Your changes were saved."))
            return redirect("assessments:detail", assessment.pk)
    return render(
        request,
        "assessments/assessment_edit.html",
        {
            "assessment": assessment,
            "form": form,
            "max_total": sum(s.criterion.max_points for s in scores),
        },
        status=400 if form.errors else 200,
    )


assessment_attach, attachment_download = attachments.views(
    get_assessment_for_user,
    "assessment.edit",
    actions.attach_file,
    AttachmentForm,
    "assessments:detail",
)


@login_required
def assessment_review(request, pk):
    assessment = get_assessment_for_user(request.user, pk, action="assessment.review")
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.review(
                request.user,
                assessment,
                form.cleaned_data["decision"],
                form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if assessment.status == Status.APPROVED:
                messages.success(request, _("The assessment was approved."))
            else:
                messages.success(request, _("The assessment was returned to the commune."))
            return redirect("assessments:detail", assessment.pk)
    return _small_form(request, assessment, form, _("Review the assessment"), _("Record"))


@login_required
def assessment_reopen(request, pk):
    assessment = get_assessment_for_user(request.user, pk, action="assessment.review")
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.reopen(request.user, assessment, form.cleaned_data["comment"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The approval was taken back."))
            return redirect("assessments:detail", assessment.pk)
    return _small_form(request, assessment, form, _("Reopen the assessment"), _("Reopen"))


def _small_form(request, assessment, form, title, submit):
    return render(
        request,
        "assessments/small_form.html",
        {"assessment": assessment, "form": form, "title": title, "submit": submit},
        status=400 if form.errors else 200,
    )


# Trend -------------------------------------------------------------------------------


@login_required
def assessment_trend(request):
    _require(request.user)
    areas = trend_areas(request.user)
    if not areas:
        raise PermissionDenied
    chosen = next((a for a in areas if str(a.pk) == request.GET.get("area")), areas[0])
    last = this_year()
    years = list(range(last - TREND_YEARS + 1, last + 1))
    communes = list(indicators.current_communes({chosen.pk}))
    table = indicators.results(communes, years)
    rows = indicators.trend({chosen.pk}, years, communes, table)
    commune_rows = [(c, [table[(c.pk, y)] for y in years]) for c in communes]
    focus = None
    if request.GET.get("commune"):
        focus = next((c for c in communes if str(c.pk) == request.GET["commune"]), None)
    return render(
        request,
        "assessments/assessment_trend.html",
        {
            "areas": areas,
            "area": chosen,
            "years": years,
            "rows": rows,
            "commune_rows": commune_rows,
            "focus": focus,
            "focus_years": [(y, table[(focus.pk, y)]) for y in years] if focus else [],
        },
    )


@login_required
def trend_export(request, fmt):
    if fmt not in EXPORTS:
        raise Http404
    _require(request.user)
    areas = trend_areas(request.user)
    if not areas:
        raise PermissionDenied
    chosen = next((a for a in areas if str(a.pk) == request.GET.get("area")), areas[0])
    last = this_year()
    years = list(range(last - TREND_YEARS + 1, last + 1))
    rows = indicators.trend({chosen.pk}, years)
    body = exports.trend_csv(rows) if fmt == "csv" else exports.trend_xlsx(rows)
    response = HttpResponse(body, content_type=EXPORTS[fmt][1])
    name = f"xu-huong-xa-lanh-manh-{chosen.code}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Criteria sets ---------------------------------------------------------------------------


@login_required
def criteria_list(request):
    _require(request.user)
    sets = criteria_sets_for_user(request.user).select_related("jurisdiction")
    editable = set(editable_criteria_sets(request.user).values_list("pk", flat=True))
    return render(
        request,
        "assessments/criteria_list.html",
        {
            "sets": sets.annotate(points=Count("criteria")).order_by(
                "jurisdiction_id", "-first_year", "pk"
            ),
            "editable": editable,
            "can_create": can(request.user, "criteria.edit"),
        },
    )


@login_required
def criteria_detail(request, pk):
    criteria_set = get_criteria_set_for_user(request.user, pk)
    criteria = list(criteria_set.criteria.all())
    groups = []
    for criterion in criteria:
        if groups and groups[-1][0] == criterion.group:
            groups[-1][1].append(criterion)
        else:
            groups.append((criterion.group, [criterion]))
    return render(
        request,
        "assessments/criteria_detail.html",
        {
            "criteria_set": criteria_set,
            "groups": groups,
            "max_total": sum(c.max_points for c in criteria),
            "can_edit": can(request.user, "criteria.edit", criteria_set),
            "in_use": criteria_set.assessments.count(),
        },
    )


def _criteria_form(request, criteria_set):
    # A set of no province is the national one: only for a national office.
    national = can(request.user, "criteria.edit", CriteriaSet(jurisdiction=None))
    form = CriteriaSetForm(
        request.POST or None,
        instance=criteria_set,
        provinces=provinces_for_criteria(request.user),
        national=national,
    )
    formset = CriterionFormSet(
        request.POST or None,
        queryset=criteria_set.criteria.all() if criteria_set else Criterion.objects.none(),
        prefix="criteria",
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        rows = []
        for index, sub in enumerate(formset.forms):
            data = sub.cleaned_data
            if not data or data.get("DELETE"):
                continue
            row = {
                name: data[name] for name in ("group", "code", "text", "max_points", "mandatory")
            }
            row["order"] = (index + 1) * 10
            if sub.instance.pk:
                row["id"] = sub.instance.pk
            rows.append(row)
        fields = {name: form.cleaned_data[name] for name in actions.SET_FIELDS}
        try:
            saved = actions.save_criteria_set(request.user, criteria_set, fields, rows)
        except ValidationError as exc:
            add_errors(form, exc)  # a refusal about the criteria shows above the form
        else:
            messages.success(request, _("The criteria set was saved."))
            return redirect("assessments:criteria_detail", saved.pk)
    return render(
        request,
        "assessments/criteria_form.html",
        {"form": form, "formset": formset, "criteria_set": criteria_set},
        status=400 if (form.errors or formset.total_error_count()) else 200,
    )


@login_required
def criteria_create(request):
    _require(request.user, "criteria.edit")
    return _criteria_form(request, None)


@login_required
def criteria_edit(request, pk):
    criteria_set = get_criteria_set_for_user(request.user, pk, action="criteria.edit")
    return _criteria_form(request, criteria_set)
