"""Roles and what each may read and write, by kind of record.

This table is the one place that says which role reaches which kind of record; the
scoping helper (``scoping.py``) adds the other half, the area. Kinds are named here
before their apps exist, so that every register is scoped the same way from its first
commit.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("System administrator")
    COORDINATOR = "coordinator", _("Programme coordinator")
    REPORTER = "reporter", _("Reporting officer")
    INSPECTOR = "inspector", _("Inspector (Team 178)")
    POLICE = "police", _("Police officer")
    CASE_WORKER = "case_worker", _("Case worker")
    VIEWER = "viewer", _("Leader / viewer")


class Kind(models.TextChoices):
    """Kinds of scoped record."""

    AGENCY = "agency", _("agencies")
    USER = "user", _("users")
    PLAN = "plan", _("plans")
    REPORT = "report", _("reports")
    ACTIVITY = "activity", _("activities")
    ESTABLISHMENT = "establishment", _("establishments")
    INSPECTION = "inspection", _("inspections")
    HOTSPOT = "hotspot", _("hotspots")
    TIP = "tip", _("tips")
    SANCTION = "sanction", _("sanctions")
    SUPPORT_CASE = "support_case", _("support cases")
    ASSESSMENT = "assessment", _("commune assessments")
    ASSESSMENT_REVIEW = "assessment_review", _("reviews of commune assessments")
    DASHBOARD = "dashboard", _("dashboards")


R = Role
READ = "read"
WRITE = "write"

# kind -> {"read": roles, "write": roles}. Writing implies reading.
POLICY: dict[str, dict[str, frozenset[str]]] = {
    Kind.AGENCY: {
        READ: frozenset(Role.values),
        WRITE: frozenset({R.ADMIN}),
    },
    Kind.USER: {
        READ: frozenset({R.ADMIN, R.COORDINATOR}),
        WRITE: frozenset({R.ADMIN}),
    },
    Kind.PLAN: {
        READ: frozenset(Role.values),
        WRITE: frozenset({R.COORDINATOR}),
    },
    Kind.REPORT: {
        READ: frozenset({R.COORDINATOR, R.REPORTER, R.VIEWER, R.INSPECTOR, R.POLICE}),
        WRITE: frozenset({R.COORDINATOR, R.REPORTER}),
    },
    Kind.ACTIVITY: {
        READ: frozenset({R.COORDINATOR, R.REPORTER, R.VIEWER}),
        WRITE: frozenset({R.COORDINATOR, R.REPORTER}),
    },
    Kind.ESTABLISHMENT: {
        READ: frozenset({R.COORDINATOR, R.INSPECTOR, R.POLICE}),
        WRITE: frozenset({R.INSPECTOR, R.POLICE}),
    },
    Kind.INSPECTION: {
        READ: frozenset({R.COORDINATOR, R.INSPECTOR, R.POLICE}),
        WRITE: frozenset({R.INSPECTOR}),
    },
    Kind.HOTSPOT: {
        READ: frozenset({R.COORDINATOR, R.INSPECTOR, R.POLICE}),
        WRITE: frozenset({R.POLICE}),
    },
    Kind.TIP: {
        READ: frozenset({R.COORDINATOR, R.POLICE}),
        WRITE: frozenset({R.POLICE}),
    },
    Kind.SANCTION: {
        READ: frozenset({R.COORDINATOR, R.POLICE, R.INSPECTOR}),
        WRITE: frozenset({R.POLICE, R.INSPECTOR}),
    },
    # Identities inside a case are narrowed further to the case's own team by the
    # people app; this line only says who may reach the register at all.
    Kind.SUPPORT_CASE: {
        READ: frozenset({R.CASE_WORKER, R.COORDINATOR}),
        WRITE: frozenset({R.CASE_WORKER}),
    },
    # The commune's reporting officer prepares its self-assessment with the evidence;
    # the coordinating office reviews it and decides (``ASSESSMENT_REVIEW``), and keeps
    # the criteria sets of its area.
    Kind.ASSESSMENT: {
        READ: frozenset({R.COORDINATOR, R.REPORTER, R.VIEWER}),
        WRITE: frozenset({R.COORDINATOR, R.REPORTER}),
    },
    Kind.ASSESSMENT_REVIEW: {
        READ: frozenset({R.COORDINATOR, R.REPORTER, R.VIEWER}),
        WRITE: frozenset({R.COORDINATOR}),
    },
    Kind.DASHBOARD: {
        READ: frozenset({R.ADMIN, R.COORDINATOR, R.VIEWER, R.REPORTER, R.INSPECTOR, R.POLICE}),
        WRITE: frozenset(),
    },
}


def roles_for(kind: str, write: bool = False) -> frozenset[str]:
    try:
        rules = POLICY[kind]
    except KeyError:
        raise ValueError(f"unknown record kind {kind!r}") from None
    return rules[WRITE] if write else rules[READ] | rules[WRITE]
