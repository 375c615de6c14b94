from django.contrib import admin

from .models import Duty, Plan, ReportingRule, Target, Task


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ["order", "section", "text", "kind", "op", "value", "value_max", "year"]


class DutyInline(admin.TabularInline):
    model = Duty
    extra = 0
    fields = ["order", "agency_name", "agency", "addressee_kind"]
    raw_id_fields = ["agency"]


class ReportingRuleInline(admin.TabularInline):
    model = ReportingRule
    extra = 0
    raw_id_fields = ["recipient"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "issued_on", "jurisdiction", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["number", "title"]
    raw_id_fields = ["jurisdiction", "issuing_agency", "parent", "created_by", "confirmed_by"]
    readonly_fields = ["source_sha256", "created_at", "confirmed_at"]
    exclude = ["source_text", "extraction"]
    inlines = [TargetInline, DutyInline, ReportingRuleInline]
    list_select_related = ["jurisdiction"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "start_month", "end_month"]
    raw_id_fields = ["plan"]
