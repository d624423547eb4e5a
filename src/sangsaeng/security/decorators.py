"""`reauth_required`: sensitive changes need the password (and code, if enrolled) entered recently."""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from sangsaeng.security import session_state


def reauth_required[R: HttpResponse](view: Callable[..., R]) -> Callable[..., R | HttpResponseRedirect]:
    """Within SECURITY_REAUTH_SECONDS (5 minutes) of proving who one is, the view runs; otherwise the
    re-authentication page asks and comes back. A POST comes back as a GET of the same page: what was
    posted is asked again rather than replayed."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> R | HttpResponseRedirect:
        if session_state.reauthenticated_within(request.session, settings.SECURITY_REAUTH_SECONDS):
            return view(request, *args, **kwargs)
        back = request.get_full_path() if request.method == "GET" else request.path
        return HttpResponseRedirect(f"{reverse('security:reauth')}?{urlencode({'next': back})}")

    return wrapped
