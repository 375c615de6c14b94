"""Refuse, at the door, input that no database column can hold.

- NUL characters: PostgreSQL cannot store NUL (0x00) in text and raises on any query
  that carries one, so a ``%00`` in a search box or a ``"\\u0000"`` in a JSON body
  would become a 500 on a real server while passing on SQLite.
- Whole numbers beyond 64 bits (``/plans/99999999999999999999/``, ``?offset=1e30`` as
  digits, ``{"commune_id": 10**40}``): SQLite raises OverflowError and PostgreSQL
  "value out of range" on such a lookup, another 500.

No legitimate input carries either: a path gets a 404 (no record has that number), any
other input a 400 with the reason, before a view sees it.
"""

from __future__ import annotations

import json
import re

from django.http import HttpResponseBadRequest, HttpResponseNotFound, JsonResponse
from django.utils.translation import gettext as _

NUL = "\x00"
INT64_MAX = 2**63 - 1
# An integer written with more digits than a 64-bit number can have.
_LONG_INTEGER = re.compile(r"^\s*[-+]?0*\d{19,}\s*$")
_LONG_SEGMENT = re.compile(r"(?:^|/)0*\d{19,}(?:/|$|\.)")


def _too_long(text: str) -> bool:
    return bool(_LONG_INTEGER.match(text)) and abs(int(text)) > INT64_MAX


def _bad(value) -> bool:
    if isinstance(value, str):
        return NUL in value or _too_long(value)
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) > INT64_MAX
    if isinstance(value, dict):
        return any(_bad(k) or _bad(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_bad(v) for v in value)
    return False


def _bad_json(body: bytes) -> bool:
    try:
        return _bad(json.loads(body))
    except (ValueError, RecursionError):
        return b"\x00" in body  # not JSON: the API answers 422 for it by itself


def bad_input(request) -> str | None:
    """'path', 'input' or None."""
    if NUL in request.path or _LONG_SEGMENT.search(request.path):
        return "path"
    if any(_bad(key) or _bad(values) for key, values in request.GET.lists()):
        return "input"
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return None
    content_type = request.content_type or ""
    if content_type == "application/json":
        return "input" if _bad_json(request.body) else None
    form = content_type in ("application/x-www-form-urlencoded", "multipart/form-data")
    if form and any(_bad(key) or _bad(values) for key, values in request.POST.lists()):
        return "input"
    return None


class RejectUnstorableInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        where = bad_input(request)
        if where is None:
            return self.get_response(request)
        api = request.path.startswith("/api/")
        if where == "path":
            if api:
                return JsonResponse({"detail": "Not Found"}, status=404)
            return HttpResponseNotFound(_("Not found."), content_type="text/plain; charset=utf-8")
        reason = _(
            "The request holds a NUL character or a number too large to store; "
            "correct it and send it again."
        )
        if api:
            return JsonResponse({"detail": reason}, status=400)
        return HttpResponseBadRequest(reason, content_type="text/plain; charset=utf-8")
