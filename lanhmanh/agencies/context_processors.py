from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .policy import can

# (label, url name, the action the door must allow): a register is offered exactly when
# the user may read it somewhere, so no entry leads to a refusal.
REGISTERS = [
    (_("Dashboard"), "monitoring:dashboard", "dashboard.read"),
    (_("Plans"), "plans:list", "plan.read"),
    (_("My duties"), "plans:mine", "plan.read"),
    (_("Reports"), "reporting:list", "report.read"),
    (_("Activities"), "activities:list", "activity.read"),
    (_("Establishments"), "inspections:list", "establishment.read"),
    (_("Hotspots"), "hotspots:list", "hotspot.read"),
    (_("Tips"), "tips:list", "tip.read"),
    (_("Sanctions"), "sanctions:list", "sanction.read"),
    (None, "people:list", "case.read"),
    (_("Commune assessments"), "assessments:list", "assessment.read"),
    (_("Agencies"), "agencies:list", "agency.read"),
]


def navigation(request):
    """The menu a user sees: only what the permission door lets them read."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [(_("Home"), reverse("home"))]
    for label, name, action in REGISTERS:
        if not can(user, action):
            continue
        if label is None:  # the support register names its own entry
            from lanhmanh.people import navigation as people_menu

            label = people_menu.CASES
        items.append((label, reverse(name)))
    items.append((_("Administrative units"), reverse("places:units")))
    items.append((_("API"), reverse("api-1.0.0:openapi-view")))
    # Django's admin site also wants its own staff flag.
    if user.is_staff and can(user, "user.manage"):
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
