"""Server-side enforcement: idle timeout and session tracking, then the second-factor requirement.

Both come after AuthenticationMiddleware and MessageMiddleware. The idle timeout is enforced here,
whatever the browser's script does; the script only warns and extends.
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect, JsonResponse
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from sangsaeng.accounts.models import User
from sangsaeng.security import policy, services, session_state
from sangsaeng.security.net import client_address
from sangsaeng.security.receivers import LOGOUT_REASON

# Requests the idle script makes: answered with JSON, not a redirect.
IDLE_HEADER = "X-Sangsaeng-Idle"
# Requests the page made without the user acting (htmx polling, status checks): not activity.
BACKGROUND_HEADER = "X-Sangsaeng-Background"
SEEN_EVERY = 60  # seconds between updates of a session's "last seen"
# Seconds between updates of the idle clock: writing it on every request saved the session (three
# queries) on every page; the 30-minute idle timeout does not need a finer grain.
ACTIVITY_EVERY = 20

# What a user who must enrol a second factor may still open (besides public views: login, logout,
# the language switch, health checks).
OPEN_WHILE_ENROLLING = {
    "security:two_factor_enrol",
    "security:reauth",
    "security:session_extend",
    "security:session_status",
    "accounts:logout",
}


def _leave(request: HttpRequest, target: str, *, with_next: bool = True) -> HttpResponse:
    """Send the browser to `target`: a JSON answer for the idle script, HX-Redirect for htmx."""
    if with_next and request.method == "GET" and not request.headers.get("HX-Request"):
        target = f"{target}?{urlencode({'next': request.get_full_path()})}"
    if request.headers.get(IDLE_HEADER):
        # 200, not 401: the script expects this answer, and browsers log every 4xx as an error.
        return JsonResponse({"expired": True, "location": target})
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=200)
        response["HX-Redirect"] = target
        return response
    return HttpResponseRedirect(target)


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self._status_path: str | None = None

    def status_path(self) -> str:
        if self._status_path is None:
            self._status_path = reverse("security:session_status")
        return self._status_path

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        # Public views (login, health checks of the load balancer) neither count as activity nor
        # need the session: they are left alone, and cost no query.
        if not getattr(view, "login_required", True) or not request.user.is_authenticated:
            return None
        session = request.session
        now = session_state.now()
        last = session.get(session_state.LAST_ACTIVITY)
        login_at = session.get(session_state.LOGIN_AT)
        if isinstance(last, float | int) and now - last > settings.SECURITY_IDLE_TIMEOUT:
            return self.expire(request, "장시간 미사용", _("오랫동안 사용하지 않아 로그아웃되었습니다."))
        if isinstance(login_at, float | int) and now - login_at > settings.SECURITY_SESSION_MAX_AGE:
            hours = settings.SECURITY_SESSION_MAX_AGE // 3600
            text = _("로그인한 지 %(hours)d시간이 지나 로그아웃되었습니다. 다시 로그인하세요.") % {
                "hours": hours
            }
            return self.expire(request, "최대 사용 시간 경과", text)
        # A tenth of the timeout at most, for the short timeouts of tests.
        every = min(ACTIVITY_EVERY, settings.SECURITY_IDLE_TIMEOUT // 10)
        if not isinstance(last, float | int) or (self.is_activity(request) and now - last >= every):
            session[session_state.LAST_ACTIVITY] = now
        if login_at is None:
            session[session_state.LOGIN_AT] = now
        seen = session.get(session_state.SEEN_AT)
        if not isinstance(seen, float | int) or now - seen >= SEEN_EVERY:
            services.session_seen(
                user=request.user,
                session_key=str(session.session_key),
                address=client_address(request),
                user_agent=request.META.get("HTTP_USER_AGENT", ""),
            )
            session[session_state.SEEN_AT] = now
        return None

    def is_activity(self, request: HttpRequest) -> bool:
        return request.headers.get(BACKGROUND_HEADER) != "1" and request.path_info != self.status_path()

    def expire(self, request: HttpRequest, reason: str, text: str) -> HttpResponse:
        setattr(request, LOGOUT_REASON, reason)
        logout(request)
        messages.info(request, text)
        return _leave(request, resolve_url(settings.LOGIN_URL))


class SecondFactorMiddleware:
    """Who must use a second factor and has none is sent to enrolment (after any grace period); a
    session of a user with a device that did not pass the code step is ended.

    The decision is taken once per session and kept in it, so ordinary requests cost no query.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not getattr(view, "login_required", True):
            return None
        if not request.user.is_authenticated or session_state.is_verified(request.session):
            return None
        user = request.user
        state = request.session.get(session_state.SECOND_FACTOR)
        if not isinstance(state, dict):
            state = self.evaluate(request, user)
            request.session[session_state.SECOND_FACTOR] = state
        if state["device"]:
            # Logged in by a path that skipped the code step: not good enough for this account.
            setattr(request, LOGOUT_REASON, "2단계 인증 미완료")
            logout(request)
            messages.error(request, _("2단계 인증을 마쳐야 합니다. 다시 로그인하세요."))
            return _leave(request, resolve_url(settings.LOGIN_URL))
        if not state["required"]:
            return None
        until = state.get("until")
        if isinstance(until, float | int) and session_state.now() < until:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_WHILE_ENROLLING:
            return None
        return _leave(request, reverse("security:two_factor_enrol"), with_next=False)

    def evaluate(self, request: HttpRequest, user: User) -> dict[str, Any]:
        if policy.has_device(user):
            return {"device": True, "required": True, "until": None}
        if not policy.second_factor_required(user):
            return {"device": False, "required": False, "until": None}
        deadline = policy.enrolment_deadline(user)
        if deadline is not None and deadline.timestamp() > session_state.now():
            messages.warning(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _(
                        "%(date)s까지 2단계 인증을 설정해야 합니다. "
                        "그 뒤에는 설정하기 전까지 다른 화면을 쓸 수 없습니다."
                    )
                    % {"date": dateformat.format(timezone.localtime(deadline), "Y. n. j.")},
                    reverse("security:two_factor_enrol"),
                    _("지금 설정하기"),
                ),
            )
            return {"device": False, "required": True, "until": deadline.timestamp()}
        return {"device": False, "required": True, "until": None}
