"""Every login and logout, whichever path it took (the login form, the code step, an invitation,
the test client), starts or ends the session's row and its audit record."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest

from sangsaeng.accounts.models import User
from sangsaeng.security import services, session_state
from sangsaeng.security.net import client_address

# Views say how the user logged in or why they were logged out by setting these on the request.
LOGIN_METHOD = "security_login_method"
LOGOUT_REASON = "security_logout_reason"


@receiver(user_logged_in, dispatch_uid="security_login")
def on_login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    session = request.session
    session.pop(session_state.SECOND_FACTOR, None)
    session_state.started_fresh(session)
    if session.session_key is None:
        session.save()
    services.session_started(
        user=user,
        session_key=str(session.session_key),
        address=client_address(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        method=getattr(request, LOGIN_METHOD, "비밀번호"),
    )


@receiver(user_logged_out, dispatch_uid="security_logout")
def on_logout(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if request is None or user is None or not hasattr(request, "session"):
        return
    services.session_ended(
        user=user,
        session_key=request.session.session_key,
        address=client_address(request),
        reason=getattr(request, LOGOUT_REASON, "사용자"),
    )
