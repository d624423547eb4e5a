"""Typed requests: LoginRequiredMiddleware guarantees a logged-in user on every non-public view."""

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext
from django_htmx.middleware import HtmxDetails

from sangsaeng.accounts.models import User


class AuthedRequest(HttpRequest):
    user: User
    htmx: HtmxDetails


def stored_file_response(file: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    """An uploaded file handed back as a download that the browser never renders (its type was checked
    on upload, but a user's file is still not our page)."""
    try:
        handle = file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(gettext("파일을 찾을 수 없습니다.")) from exc
    # FileResponse writes the name as filename*=utf-8''… (RFC 5987) when it is not plain ASCII.
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
