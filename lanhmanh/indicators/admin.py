from django.contrib import admin

from .models import Indicator


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    """The catalogue, for the system administrator: names, units, plausible bounds, in use."""

    list_display = ["code", "name_vi", "kind", "aggregation", "source", "min_value", "max_value"]
    list_filter = ["kind", "source", "active"]
    search_fields = ["code", "name_vi", "name_en"]
    fields = [
        "code",
        "name_vi",
        "name_en",
        "kind",
        "aggregation",
        "numerator",
        "denominator",
        "source",
        "compute",
        "unit_vi",
        "unit_en",
        "min_value",
        "max_value",
        "active",
    ]

    def get_readonly_fields(self, request, obj=None):
        # Reports hold values under the code and the kind: those stay as created.
        return ["code", "kind"] if obj is not None else []
