"""The object-level permission matrix: each action of the door, asked by each role in
each relationship to the object, through its real endpoint with a valid body.

The expected answer is *read from the policy table* (``agencies.policy.ACTIONS``) by the
small interpretation below, from the relationship the test built — not recorded from
what the code answers:

- ``ANYWHERE``: the role suffices;
- ``AREA``: the object lies in the user's jurisdiction: the ``member`` (of the object's
  own agency, inside the province), the ``area`` user (another agency of the same
  province) and a case's ``colleague`` do, the ``outside`` user (another province) not;
- ``AGENCY``: the user belongs to the object's own agency (``member``, a case's
  ``colleague``);
- ``TEAM``: the user is assigned to the case (``member``).

A request is then judged by what happened, not only by its status: an allowed user
gets 2xx/3xx *and the change is there* (or the secret is shown, for a read); a refused
user gets 403/404 *and nothing changed* (no secret shown). Each request runs in a
savepoint rolled back afterwards, so every user meets the object as it was built.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.test import Client

from lanhmanh.agencies.policy import ACTIONS, AGENCY, ANYWHERE, AREA, TEAM
from lanhmanh.agencies.roles import Role

ROLES = list(Role.values)

# relationship built by the test -> the relations of the policy it satisfies
SATISFIES = {
    "member": {ANYWHERE, AREA, AGENCY, TEAM},
    "colleague": {ANYWHERE, AREA, AGENCY},
    "area": {ANYWHERE, AREA},
    "outside": {ANYWHERE},
}


def expected(action: str, role: str, relation: str) -> bool:
    """Whether the policy table allows ``role`` in ``relation`` to do ``action``."""
    return any(
        role in rule.roles and rule.relation in SATISFIES[relation] for rule in ACTIONS[action]
    )


def holds_somewhere(action: str, role: str) -> bool:
    """Whether ``role`` is named by any rule of ``action`` (else: refused outright)."""
    return any(role in rule.roles for rule in ACTIONS[action])


@dataclass
class Spec:
    """One action through one endpoint.

    ``build(cast)`` makes the object (or a dict of what the request needs) and
    returns it; ``users(cast, obj, role)`` the ``Relations`` for a role; ``send(client,
    obj, user)`` the request (a web client signed in, or an API client with a bearer
    token, after ``channel``); ``state(obj)`` what the action changes (compared before
    and after), or ``shows(response, obj)`` for a read, whether the secret is shown.
    ``creates``: the action makes a new record in a commune of the request's body, so
    a user of a role the action names, asking outside their area, may be refused by a
    field error (400/422) as well as by 403/404.
    """

    action: str
    channel: str  # "web" or "api"
    build: Callable
    send: Callable
    users: Callable | None = None
    state: Callable | None = None
    shows: Callable | None = None
    creates: bool = False
    # how the endpoint answers a refused field of a new record (a form re-shown, a
    # rejected import sent back to its list with every bad row named)
    field_refusals: frozenset[int] = frozenset({400, 422})
    note: str = ""
    roles: list[str] = field(default_factory=lambda: list(ROLES))

    @property
    def name(self) -> str:
        return f"{self.action}[{self.channel}]"


def client_for(user, channel: str) -> Client:
    if channel == "web":
        client = Client()
        client.force_login(user)
        return client
    from lanhmanh.api.actions import create_token

    _token, secret = create_token(user, "permission matrix")
    return Client(headers={"Authorization": f"Bearer {secret}"})


@dataclass
class Outcome:
    role: str
    relation: str
    allowed: bool  # expected
    status: int
    changed: bool | None
    shown: bool | None
    ok: bool
    detail: str = ""

    def line(self) -> str:
        want = "allow" if self.allowed else "refuse"
        what = []
        if self.changed is not None:
            what.append("changed" if self.changed else "unchanged")
        if self.shown is not None:
            what.append("shown" if self.shown else "not shown")
        return (
            f"{self.role:12} {self.relation:9} expected {want:6} got {self.status} "
            f"{', '.join(what)} {self.detail}"
        ).rstrip()


def judge(spec: Spec, role: str, relation: str, status: int, changed, shown) -> Outcome:
    allowed = expected(spec.action, role, relation)
    if allowed:
        ok = 200 <= status < 400
        ok = ok and (changed is not False) and (shown is not False)
    else:
        refusals = {403, 404}
        if spec.creates and holds_somewhere(spec.action, role):
            refusals |= spec.field_refusals
        if shown is not None and changed is None:
            # a read: the page may stand (200) for those who see the record, without
            # the secret
            refusals |= {200}
        ok = status in refusals and not changed and not shown
    return Outcome(role, relation, allowed, status, changed, shown, ok)


def run(spec: Spec, cast) -> list[Outcome]:
    """Every role in every relationship, each request rolled back after it answered."""
    obj = spec.build(cast)
    outcomes = []
    for role in spec.roles:
        relations = spec.users(cast, obj, role) if spec.users else cast.relations(role)
        for relation, user in relations.items():
            client = client_for(user, spec.channel)
            cookies = copy.deepcopy(client.cookies)
            with transaction.atomic():
                before = spec.state(obj) if spec.state else None
                response = spec.send(client, obj, user)
                after = spec.state(obj) if spec.state else None
                shown = spec.shows(response, obj) if spec.shows else None
                transaction.set_rollback(True)
            client.cookies = cookies
            changed = (before != after) if spec.state else None
            outcomes.append(judge(spec, role, relation, response.status_code, changed, shown))
    return outcomes


def report(spec: Spec, outcomes: list[Outcome]) -> str:
    wrong = [o for o in outcomes if not o.ok]
    head = f"{spec.name}: {len(wrong)} of {len(outcomes)} answers differ from the policy"
    if spec.note:
        head += f" ({spec.note})"
    return "\n".join([head, *("    " + o.line() for o in wrong)])
