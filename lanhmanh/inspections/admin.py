from django.contrib import admin

from lanhmanh.admin_base import ReadOnlyAdmin
from lanhmanh.admin_search import FoldedSearchMixin

from .models import Establishment, InspectionPlan, LegalBasis, TeamMember


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    """The catalogue of legal bases is reference data the administrators keep current."""

    list_display = [
        "decree",
        "article",
        "clause",
        "behaviour",
        "fine_min",
        "fine_max",
        "valid_from",
        "valid_to",
    ]
    list_filter = ["decree"]
    search_fields = ["decree", "behaviour"]


@admin.register(TeamMember)
class TeamMemberAdmin(ReadOnlyAdmin):
    list_display = ["team", "agency", "lead"]
    list_filter = ["lead"]
    search_fields = ["team__name", "agency__name"]
    raw_id_fields = ["team", "agency"]
    list_select_related = ["team", "agency"]


@admin.register(Establishment)
class EstablishmentAdmin(FoldedSearchMixin, ReadOnlyAdmin):
    folded_search_field = "name_search"
    list_display = ["name", "kind", "commune", "status", "risk"]
    list_filter = ["kind", "status", "risk"]
    search_fields = ["name"]
    raw_id_fields = ["commune"]
    list_select_related = ["commune"]
    # Establishments change through the application, which keeps their history.


@admin.register(InspectionPlan)
class InspectionPlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "team", "starts_on", "ends_on"]
