"""The two pages every register's attachments share: sending a file to a record and
downloading one of its files.

``views(...)`` makes both for one kind of record. The record is fetched and authorised
in one call (``get_<thing>_for_user``: 404 outside the user's area, 403 if the door
refuses the action); the attaching action asks the door again, checks the file
(``uploads.check_attachment``) and writes the audit row. A record's files are
``record.attachments``; a file of another record is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST


def attach(request, record, action, form_class, redirect_to: str):
    """Run ``action(user, record, upload)`` with the posted file; its refusal (a file of
    the wrong type or size) is a message on the record's page, never an error page."""
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
    else:
        try:
            action(request.user, record, form.cleaned_data["file"])
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("The file was attached."))
    return redirect(redirect_to, record.pk)


def download(record, attachment_id):
    """One of ``record``'s files, as a download under the name it was sent with."""
    attachment = record.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


def views(get_for_user, edit: str, action, form_class, redirect_to: str):
    """The page that takes a file (``edit``: the door's action for it) and the one that
    serves a file (to whoever may read the record), for records ``get_for_user`` finds."""

    @login_required
    @require_POST
    def add(request, pk):
        record = get_for_user(request.user, pk, action=edit)
        return attach(request, record, action, form_class, redirect_to)

    @login_required
    def serve(request, pk, attachment_id):
        return download(get_for_user(request.user, pk), attachment_id)

    return add, serve


def paths(prefix: str, pages, names: tuple[str, str]) -> list:
    """URL patterns ``<prefix><pk>/attachments/`` and ``…/<attachment_id>/`` for the two
    pages of ``views``, named ``names``."""
    add, serve = pages
    return [
        path(f"{prefix}<int:pk>/attachments/", add, name=names[0]),
        path(f"{prefix}<int:pk>/attachments/<int:attachment_id>/", serve, name=names[1]),
    ]
