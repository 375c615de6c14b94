"""The one permission door: ``can(user, action, obj)`` and ``require(...)``.

Every permission in lanhmanh is decided here, from the user's *relationship* to the
object and the *action* asked for (DESIGN.md, "Permissions: one door"). Views, API
endpoints, commands and actions ask this module and nothing else.

A rule gives roles and a relationship; an action is allowed when one of its rules holds:

- ``ANYWHERE``: the user holds one of the roles somewhere (for actions on no object
  yet, such as opening the form to record a sanction);
- ``AREA``: the user holds one of the roles in an agency whose jurisdiction contains
  the object's unit (a national agency contains everything);
- ``AGENCY``: the user holds one of the roles *in the object's own agency* (the unit
  that fills a report, the agency that issued a sanction, the agency handling a tip)
  or in an agency that took over from it;
- ``TEAM``: the user is one of the object's assigned members (a support case's team)
  and holds one of the roles somewhere;
- ``UNPLACED``: the object lies in no area (a national agency, in the directory of
  everyone who holds one of the roles).

What an object offers to these relationships (its unit, its agencies, its members) is
told by its app, which registers a ``Subject`` function for its models in
``AppConfig.ready`` (``register``). The table ``ACTIONS`` below is the whole policy,
the one SECURITY.md describes and the permission tests read their expectations from.

Lists are narrowed by ``scoping.scope`` (the area half of the same table: each kind's
read and write roles in ``roles.POLICY``); this module decides for one object.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied

from .grants import grants
from .roles import POLICY as KIND_POLICY
from .roles import READ, WRITE, Kind, Role

R = Role

ANYWHERE = "anywhere"
AREA = "area"
AGENCY = "agency"
TEAM = "team"
# An object of no area (a national agency): for everyone who holds the role.
UNPLACED = "unplaced"
RELATIONS = (ANYWHERE, AREA, AGENCY, TEAM, UNPLACED)


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str]
    relation: str

    def __post_init__(self):
        if self.relation not in RELATIONS:
            raise ValueError(f"unknown relation {self.relation!r}")


def rule(roles: Iterable[str], relation: str) -> Rule:
    return Rule(frozenset(roles), relation)


def _area(kind: str, write: bool = False) -> Rule:
    """The area rule of a kind's read (or write) roles in ``roles.POLICY``."""
    roles = (
        KIND_POLICY[kind][WRITE] if write else KIND_POLICY[kind][READ] | KIND_POLICY[kind][WRITE]
    )
    return rule(roles, AREA)


@dataclass(frozen=True)
class Subject:
    """What an object offers to the relationships: where it lies, whose it is."""

    unit_id: int | None = None
    agency_ids: frozenset[int] = field(default_factory=frozenset)
    member_ids: frozenset[int] = field(default_factory=frozenset)


# action -> the rules that allow it (any one suffices).
ACTIONS: dict[str, tuple[Rule, ...]] = {
    # Agencies and users: a technical directory kept by administrators.
    # The directory: the agencies of the user's area, and the national ones.
    "agency.read": (rule(Role.values, AREA), rule(Role.values, UNPLACED)),
    "agency.edit": (rule({R.ADMIN}, AREA),),
    "membership.grant": (rule({R.ADMIN}, AREA),),
    "user.manage": (rule({R.ADMIN}, ANYWHERE),),
    # Plans: the coordinating office imports, reads out and confirms its area's plans.
    "plan.read": (_area(Kind.PLAN),),
    "plan.import": (rule({R.COORDINATOR}, ANYWHERE),),
    "plan.edit": (rule({R.COORDINATOR}, AREA),),
    # Tasks and duties: the lead agency's working members say where it stands (status,
    # result, evidence); the coordinating office of the plan's area reads them all.
    "task.read": (rule({R.COORDINATOR}, AREA), rule(Role.values, AGENCY)),
    "task.update": (rule(set(Role.values) - {R.VIEWER, R.ADMIN}, AGENCY),),
    # Reports: a unit's own reporting officers fill and submit its report; the
    # coordinating office of the plan's area may fill it for them and reviews it.
    "report.read": (_area(Kind.REPORT), rule(Role.values, AGENCY)),
    "report.fill": (rule({R.REPORTER}, AGENCY), rule({R.COORDINATOR}, AREA)),
    "report.submit": (rule({R.REPORTER}, AGENCY), rule({R.COORDINATOR}, AREA)),
    "report.review": (rule({R.COORDINATOR}, AREA),),
    "reporting.assign": (rule({R.COORDINATOR}, AREA),),
    # Registers of places and inspections. ``*.record`` is asked of the commune where a
    # record is to be made (or to which one is moved); an import of a province's list of
    # establishments, of the province (it may update any of them: not for a commune's
    # officers); a team's plan, of the team (inspectors whose area holds the team's).
    "establishment.read": (_area(Kind.ESTABLISHMENT),),
    "establishment.record": (_area(Kind.ESTABLISHMENT, write=True),),
    "establishment.edit": (_area(Kind.ESTABLISHMENT, write=True),),
    "establishment.import": (_area(Kind.ESTABLISHMENT, write=True),),
    "inspection.read": (_area(Kind.INSPECTION),),
    "inspection.record": (_area(Kind.INSPECTION, write=True),),
    "inspection.edit": (_area(Kind.INSPECTION, write=True),),
    "inspection_plan.edit": (_area(Kind.INSPECTION, write=True),),
    # Activities (events, courses, printed and media items, supervision visits, units'
    # own plans, community models): reporting officers and coordinators record what
    # their area did; an import goes into a province (not for a commune's officers).
    "activity.read": (_area(Kind.ACTIVITY),),
    "activity.record": (_area(Kind.ACTIVITY, write=True),),
    "activity.edit": (_area(Kind.ACTIVITY, write=True),),
    "activity.import": (_area(Kind.ACTIVITY, write=True),),
    "hotspot.read": (_area(Kind.HOTSPOT),),
    "hotspot.record": (_area(Kind.HOTSPOT, write=True),),
    "hotspot.edit": (_area(Kind.HOTSPOT, write=True),),
    # Tips: the handling agency alone works a tip and sees its sender; police of the
    # area route a tip nobody handles yet; the handling agency hands it over, never
    # takes one from another.
    "tip.read": (_area(Kind.TIP),),
    "tip.record": (_area(Kind.TIP, write=True),),
    "tip.handle": (rule({R.POLICE}, AGENCY),),
    "tip.assign": (rule({R.POLICE}, AGENCY),),
    "tip.route": (_area(Kind.TIP, write=True),),
    "tip.reveal_contact": (rule({R.POLICE}, AGENCY),),
    # Sanctions: recorded by the police and inspectors of the area, for an agency of
    # their own, which owns the record: it alone corrects it and sees the identity it
    # recorded (while the violation counts). Its police refer a person who sells sex to
    # a case-worker agency of the area, whose case workers accept (linking a person of
    # a case of theirs) or decline; the police never reach the case.
    "sanction.read": (_area(Kind.SANCTION),),
    "sanction.record": (_area(Kind.SANCTION, write=True),),
    "sanction.edit": (rule({R.POLICE, R.INSPECTOR}, AGENCY),),
    "sanction.read_identity": (rule({R.POLICE, R.INSPECTOR}, AGENCY),),
    "sanction.refer": (rule({R.POLICE}, AGENCY),),
    "sanction_referral.respond": (rule({R.CASE_WORKER}, AGENCY),),
    # Support cases: codes and facts for case workers and coordinators of the area;
    # identities and case work for the case's own team; anyone else of the area only
    # by break-glass, with a reason, logged and reviewed.
    "case.read": (_area(Kind.SUPPORT_CASE),),
    "case.open": (_area(Kind.SUPPORT_CASE, write=True),),
    "case.read_identity": (rule({R.CASE_WORKER}, TEAM),),
    "case.work": (rule({R.CASE_WORKER}, TEAM),),
    # A member assigns colleagues of the case's agency; nobody assigns themselves in.
    "case.assign": (rule({R.CASE_WORKER}, TEAM),),
    "case.break_glass": (rule({R.COORDINATOR, R.CASE_WORKER}, AREA),),
    "case.review_access": (rule({R.COORDINATOR}, AREA),),
    # The provider's staff answer a referral (its reporting officer included, as before).
    "referral.respond": (rule({R.CASE_WORKER, R.COORDINATOR, R.REPORTER}, AGENCY),),
    # People figures, counts only (``people.counts.publish_people_table``): whoever reads
    # the register or the dashboards, which show the same published table.
    "people.stats": (rule(_area(Kind.SUPPORT_CASE).roles | _area(Kind.DASHBOARD).roles, ANYWHERE),),
    # Commune assessments: the commune prepares, the coordinating office decides and
    # keeps the criteria sets of its area (a set of no province: a national office).
    "assessment.read": (_area(Kind.ASSESSMENT),),
    "assessment.open": (_area(Kind.ASSESSMENT, write=True),),
    "assessment.edit": (_area(Kind.ASSESSMENT, write=True),),
    "assessment.review": (_area(Kind.ASSESSMENT_REVIEW, write=True),),
    "criteria.edit": (_area(Kind.ASSESSMENT_REVIEW, write=True),),
    # Dashboards: everyone working on the programme gets the working dashboard (with the
    # table of the area's units); a leader (a viewer only) gets the one-page summary.
    "dashboard.read": (_area(Kind.DASHBOARD),),
    "dashboard.work": (
        rule({R.ADMIN, R.COORDINATOR, R.REPORTER, R.INSPECTOR, R.POLICE}, ANYWHERE),
    ),
}

# model label ("sanctions.sanction") -> the function telling a record's Subject.
SUBJECTS: dict[str, Callable[[object], Subject]] = {}


def register(model, subject: Callable[[object], Subject]) -> None:
    """Tell the door what a model's records offer to the relationships; called from
    the owning app's ``AppConfig.ready``."""
    SUBJECTS[model._meta.label_lower] = subject


def subject_of(obj) -> Subject:
    if obj is None:
        return Subject()
    if isinstance(obj, Subject):
        return obj
    label = getattr(getattr(obj, "_meta", None), "label_lower", None)
    try:
        return SUBJECTS[label](obj)
    except KeyError:
        raise LookupError(f"no access subject registered for {label or type(obj)!r}") from None


def _agencies_reached(agency_ids: frozenset[int]) -> dict[int, frozenset[int]]:
    """For each of the user's agencies, itself and the agencies it took over from."""
    from .models import Agency

    result: dict[int, set[int]] = {pk: {pk} for pk in agency_ids}
    frontier = {pk: {pk} for pk in agency_ids}
    while any(frontier.values()):
        older = dict(
            Agency.objects.filter(successor__in=set().union(*frontier.values())).values_list(
                "pk", "successor_id"
            )
        )
        next_frontier: dict[int, set[int]] = {pk: set() for pk in agency_ids}
        for own, reached in frontier.items():
            for old, successor in older.items():
                if successor in reached and old not in result[own]:
                    result[own].add(old)
                    next_frontier[own].add(old)
        frontier = next_frontier
    return {pk: frozenset(reached) for pk, reached in result.items()}


def _holds(user, rule_: Rule, subject: Subject) -> bool:
    held = [g for g in grants(user) if g.role in rule_.roles]
    if not held:
        return False
    if rule_.relation == ANYWHERE:
        return True
    if rule_.relation == TEAM:
        return user.pk in subject.member_ids
    if rule_.relation == UNPLACED:
        return subject.unit_id is None
    if rule_.relation == AGENCY:
        if not subject.agency_ids:
            return False
        mine = frozenset(g.agency_id for g in held if g.agency_id is not None)
        reached = _agencies_reached(mine)
        return any(reached[pk] & subject.agency_ids for pk in mine)
    # AREA
    if any(g.jurisdiction_id is None for g in held):
        return True
    if subject.unit_id is None:
        return False
    from lanhmanh.places.models import UnitContainment

    return UnitContainment.objects.filter(
        outer_id__in={g.jurisdiction_id for g in held}, inner_id=subject.unit_id
    ).exists()


def can(user, action: str, obj=None) -> bool:
    """Whether ``user`` may do ``action`` on ``obj`` (on nothing yet when ``obj`` is None:
    whether the user may do it anywhere at all)."""
    try:
        rules = ACTIONS[action]
    except KeyError:
        raise ValueError(f"unknown action {action!r}") from None
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if obj is None:
        return any(g.role in r.roles for r in rules for g in grants(user))
    subject = subject_of(obj)
    return any(_holds(user, r, subject) for r in rules)


def require(user, action: str, obj=None) -> None:
    """``PermissionDenied`` unless ``can(user, action, obj)``."""
    if not can(user, action, obj):
        raise PermissionDenied


def allowed(user, actions: Iterable[str], obj=None) -> dict[str, bool]:
    """``{action: can(...)}`` for templates, which show only what the user may do."""
    return {action.replace(".", "_"): can(user, action, obj) for action in actions}
