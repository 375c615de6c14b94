from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .roles import Kind, Role
from .scoping import can, grants


def navigation(request):
    """The menu a user sees: only what their roles reach."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [(_("Home"), reverse("home"))]
    if can(user, Kind.DASHBOARD):
        items.append((_("Dashboard"), reverse("monitoring:dashboard")))
    if can(user, Kind.PLAN):
        items.append((_("Plans"), reverse("plans:list")))
        items.append((_("My duties"), reverse("plans:mine")))
    if can(user, Kind.REPORT):
        items.append((_("Reports"), reverse("reporting:list")))
    if can(user, Kind.ESTABLISHMENT):
        items.append((_("Establishments"), reverse("inspections:list")))
    if can(user, Kind.HOTSPOT):
        items.append((_("Hotspots"), reverse("hotspots:list")))
    if can(user, Kind.TIP):
        items.append((_("Tips"), reverse("tips:list")))
    if can(user, Kind.SANCTION):
        items.append((_("Sanctions"), reverse("sanctions:list")))
    if can(user, Kind.SUPPORT_CASE) or any(g.role == Role.POLICE for g in grants(user)):
        from lanhmanh.people import navigation as people_menu

        items.append((people_menu.CASES, reverse("people:list")))
    if can(user, Kind.ASSESSMENT):
        items.append((_("Commune assessments"), reverse("assessments:list")))
    if can(user, Kind.AGENCY):
        items.append((_("Agencies"), reverse("agencies:list")))
    items.append((_("Administrative units"), reverse("places:units")))
    items.append((_("API"), reverse("api-1.0.0:openapi-view")))
    if user.is_staff and any(g.role == Role.ADMIN for g in grants(user)):
        items.append((_("Administration"), reverse("admin:index")))
    current = request.path
    return {
        "nav_items": [
            {
                "label": label,
                "url": url,
                "active": url == current or (url != "/" and current.startswith(url)),
            }
            for label, url in items
        ]
    }
