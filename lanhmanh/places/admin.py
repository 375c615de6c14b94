from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from lanhmanh.admin_search import FoldedSearchMixin

from .models import AdministrativeUnit, UnitSuccession


class CurrentFilter(admin.SimpleListFilter):
    title = _("validity")
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return [("yes", _("current")), ("no", _("historic"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(valid_to__isnull=True)
        if self.value() == "no":
            return queryset.filter(valid_to__isnull=False)
        return queryset


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "code", "level", "division_type", "parent", "valid_from", "valid_to"]
    list_filter = [CurrentFilter, "system", "level", "division_type"]
    list_select_related = ["parent"]
    raw_id_fields = ["parent", "province"]

    search_fields = ["name"]


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "successor", "partial", "effective_on"]
    list_select_related = ["predecessor", "successor"]
    raw_id_fields = ["predecessor", "successor"]
    list_filter = ["partial"]
