from django.contrib import admin

from .models import Assessment, AssessmentEvent, AssessmentScore, CriteriaSet, Criterion


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ["order", "group", "code", "text", "max_points", "mandatory"]


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = ["name", "jurisdiction", "first_year", "last_year", "threshold"]
    raw_id_fields = ["jurisdiction"]
    inlines = [CriterionInline]


class ScoreInline(admin.TabularInline):
    model = AssessmentScore
    extra = 0
    fields = ["criterion", "points", "evidence"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # scores change through the application, which recomputes the total


class EventInline(admin.TabularInline):
    model = AssessmentEvent
    extra = 0
    fields = ["at", "action", "user", "total", "comment"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["commune", "year", "status", "total", "healthy"]
    list_filter = ["year", "status", "healthy"]
    raw_id_fields = ["commune", "reviewed_by", "created_by"]
    readonly_fields = ["status", "total", "healthy", "submitted_at", "reviewed_at", "reviewed_by"]
    list_select_related = ["commune"]
    inlines = [ScoreInline, EventInline]
