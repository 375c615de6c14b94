from django.contrib import admin

from lanhmanh.admin_base import ReadOnlyAdmin, ReadOnlyInline

from .models import Assessment, AssessmentEvent, AssessmentScore, CriteriaSet, Criterion


class CriterionInline(ReadOnlyInline):
    model = Criterion
    fields = ["order", "group", "code", "text", "max_points", "mandatory"]


@admin.register(CriteriaSet)
class CriteriaSetAdmin(ReadOnlyAdmin):
    # Criteria sets are kept in the application (assessments), by the coordinating office.
    list_display = ["name", "jurisdiction", "first_year", "last_year", "threshold"]
    inlines = [CriterionInline]


class ScoreInline(ReadOnlyInline):
    model = AssessmentScore
    fields = ["criterion", "points", "evidence"]
    readonly_fields = fields


class EventInline(ReadOnlyInline):
    model = AssessmentEvent
    fields = ["at", "action", "user", "total", "comment"]
    readonly_fields = fields


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    # Scores, submission and review go through the application, which recomputes totals.
    list_display = ["commune", "year", "status", "total", "healthy"]
    list_filter = ["year", "status", "healthy"]
    readonly_fields = ["status", "total", "healthy", "submitted_at", "reviewed_at", "reviewed_by"]
    list_select_related = ["commune"]
    inlines = [ScoreInline, EventInline]
