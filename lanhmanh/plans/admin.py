from django.contrib import admin

from lanhmanh.admin_base import ReadOnlyAdmin, ReadOnlyInline

from .models import Duty, Plan, ReportingRule, Target, Task


class TargetInline(ReadOnlyInline):
    model = Target
    fields = ["order", "section", "text", "kind", "op", "value", "value_max", "year"]


class DutyInline(ReadOnlyInline):
    model = Duty
    fields = ["order", "agency_name", "agency", "addressee_kind"]


class ReportingRuleInline(ReadOnlyInline):
    model = ReportingRule


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    # Plans are imported, reviewed and confirmed in the application (plans.actions).
    list_display = ["number", "title", "issued_on", "jurisdiction", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["number", "title"]
    readonly_fields = ["source_sha256", "created_at", "confirmed_at"]
    exclude = ["source_text", "extraction"]
    inlines = [TargetInline, DutyInline, ReportingRuleInline]
    list_select_related = ["jurisdiction"]


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ["title", "plan", "start_month", "end_month"]
