"""Walking every endpoint for the permission matrix test.

The web pages come from the URL conf, the API operations from the OpenAPI document, so
that an endpoint added tomorrow is walked without anybody listing it by hand. Each
request runs inside a savepoint that is rolled back, so that a POST by one user (an
approval, a status change) does not change what the next user meets.

Answers are written one character per status code, in the order of ``WHO``: the seven
roles inside the demo province, the seven roles in another province, then anonymous.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

ROLES = ["admin", "coordinator", "reporter", "inspector", "police", "case_worker", "viewer"]
WHO = [("inside", role) for role in ROLES] + [("outside", role) for role in ROLES]
WHO.append(("anonymous", None))

CODES = {
    200: "2",
    201: "C",
    204: "E",
    302: "3",
    400: "B",
    401: "1",
    403: "4",
    404: "N",
    405: "M",
    409: "X",
    413: "L",
    422: "V",
    429: "R",
    500: "!",
}

# Namespaces that are not ours to walk page by page: the API (walked from its OpenAPI
# document) and Django's admin (every admin page requires a staff account; the
# admin index stands for them in the table).
SKIPPED_PREFIXES = ("api/v1/",)
ADMIN_PREFIX = "admin/"


@dataclass(frozen=True)
class Endpoint:
    name: str  # "namespace:name" (web) or "METHOD /path" (API)
    route: str  # the route, with <converter:param> or {param} placeholders
    params: tuple[str, ...]


def code(status: int) -> str:
    return CODES.get(status, "?")


def _walk(patterns, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for entry in patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from _walk(entry.url_patterns, prefix + route, ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else f"{namespace}<{prefix + route}>"
            yield name, prefix + route


def web_endpoints() -> list[Endpoint]:
    """Every named page of the URL conf but the API's and the admin's (bar its index)."""
    found = {}
    for name, route in _walk(get_resolver().url_patterns):
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if route.startswith(ADMIN_PREFIX) and name != "admin:index":
            continue
        params = tuple(re.findall(r"<(?:\w+:)?(\w+)>", route))
        found.setdefault(name, Endpoint(name, route, params))
    return sorted(found.values(), key=lambda e: e.name)


def api_endpoints(openapi: dict) -> list[Endpoint]:
    found = []
    for path, operations in openapi["paths"].items():
        for method in operations:
            if method.lower() not in {"get", "post", "put", "patch", "delete"}:
                continue
            params = tuple(re.findall(r"{(\w+)}", path))
            found.append(Endpoint(f"{method.upper()} {path}", path, params))
    return sorted(found, key=lambda e: e.name)


def fill(route: str, values: dict[str, object]) -> str:
    """The route with its placeholders replaced by ``values``."""
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)
    route = re.sub(r"{(\w+)}", lambda m: str(values[m.group(1)]), route)
    return "/" + route.lstrip("/")


def answers(send: Callable[[object], int], clients: list) -> str:
    """One character per client, each request rolled back after it answered."""
    out = []
    for client in clients:
        # A logout clears the cookie; the rollback restores the session row, this the cookie.
        cookies = copy.deepcopy(client.cookies)
        with transaction.atomic():
            status = send(client)
            transaction.set_rollback(True)
        client.cookies = cookies
        out.append(code(status))
    return _grouped("".join(out))


def _grouped(row: str) -> str:
    n = len(ROLES)
    return f"{row[:n]} {row[n : 2 * n]} {row[2 * n :]}"
