"""Sign-in steps and the user's own account and security pages. Thin: decisions in policy and
throttle, writes in services. Every page here is the user's own: there is no object of anyone else
to fetch, except a session id, which services.end_session looks up among the user's own."""

from typing import Any, cast

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sangsaeng.accounts.forms import LoginForm
from sangsaeng.accounts.models import User
from sangsaeng.lib.http import AuthedRequest
from sangsaeng.security import policy, services, session_state, throttle, totp
from sangsaeng.security.decorators import reauth_required
from sangsaeng.security.forms import CodeForm, EmailForm, EnrolForm, PasswordForm, ProfileForm, ReauthForm
from sangsaeng.security.models import FailureKind, SecondFactorGrace, UserSession
from sangsaeng.security.net import client_address, describe_user_agent
from sangsaeng.security.receivers import LOGIN_METHOD

WRONG_CODE = _("인증 코드가 맞지 않습니다. 앱에 지금 표시된 6자리 숫자나 복구 코드를 입력하세요.")


def _apply(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _safe_next(request: HttpRequest, candidate: str, default: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if candidate and allowed else default


def _complete_login(
    request: HttpRequest, user: User, *, backend: str, method: str, verified: bool, next_url: str
) -> HttpResponseRedirect:
    setattr(request, LOGIN_METHOD, method)
    auth_login(request, user, backend)
    # Logging in proves who one is: sensitive changes need no second proof for a few minutes.
    session_state.mark_reauthenticated(request.session)
    if verified:
        session_state.mark_verified(request.session)
    throttle.clear_user(user)
    return HttpResponseRedirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


# ---------------------------------------------------------------- login


class LoginView(auth_views.LoginView):
    """The password step. A user with an authenticator is not logged in yet: the code step follows."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        user = form.get_user()
        backend = str(getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[0]))
        session_state.clear_pending(self.request.session)
        if policy.has_device(user):
            session_state.start_pending(
                self.request.session, user_id=user.pk, backend=backend, next_url=self.get_redirect_url()
            )
            return redirect("security:login_code")
        return _complete_login(
            self.request,
            user,
            backend=backend,
            method="비밀번호",
            verified=False,
            next_url=self.get_redirect_url(),
        )


login = login_not_required(LoginView.as_view())


@login_not_required
@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    pending = session_state.pending(request.session, settings.SECURITY_LOGIN_CODE_SECONDS)
    user = User.objects.filter(pk=pending["user_id"], is_active=True).first() if pending else None
    if pending is None or user is None:
        if session_state.PENDING_LOGIN in request.session:
            messages.info(request, _("인증 코드 입력 시간이 지났습니다. 다시 로그인하세요."))
        session_state.clear_pending(request.session)
        return redirect(settings.LOGIN_URL)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        address = client_address(request)
        wait = throttle.wait_seconds(kind=FailureKind.CODE, user=user, address=address)
        if wait:
            form.add_error(None, throttle.message(wait))
        else:
            method = services.check_second_factor(user=user, code=form.cleaned_data["code"], address=address)
            if method is None:
                wait = throttle.record_failure(kind=FailureKind.CODE, user=user, address=address)
                form.add_error("code", throttle.message(wait) if wait else WRONG_CODE)
            else:
                session_state.clear_pending(request.session)
                if method == "recovery":
                    _warn_recovery_used(request, user)
                return _complete_login(
                    request,
                    user,
                    backend=pending["backend"],
                    method="비밀번호+인증 앱" if method == "totp" else "비밀번호+복구 코드",
                    verified=True,
                    next_url=_safe_next(request, pending["next"], ""),
                )
    return render(request, "security/login_code.html", {"form": form, "user_name": user.display_name})


def _warn_recovery_used(request: HttpRequest, user: User) -> None:
    left = services.unused_recovery_codes(user)
    messages.warning(
        request,
        ngettext(
            "복구 코드로 로그인했습니다. 남은 복구 코드는 %(n)d개입니다. 휴대전화를 잃어버렸다면 "
            "2단계 인증을 재설정하세요.",
            "복구 코드로 로그인했습니다. 남은 복구 코드는 %(n)d개입니다. 휴대전화를 잃어버렸다면 "
            "2단계 인증을 재설정하세요.",
            left,
        )
        % {"n": left},
    )


@sensitive_post_parameters("password", "code")
@require_http_methods(["GET", "POST"])
def reauth(request: AuthedRequest) -> HttpResponse:
    user = request.user
    with_code = services.confirmed_device(user) is not None
    next_url = _safe_next(
        request, request.POST.get("next") or request.GET.get("next", ""), reverse("security:account")
    )
    form = ReauthForm(request.POST or None, with_code=with_code)
    if request.method == "POST" and form.is_valid():
        address = client_address(request)
        wait = throttle.wait_seconds(kind=FailureKind.PASSWORD, username=user.username, address=address)
        if with_code:
            wait = max(wait, throttle.wait_seconds(kind=FailureKind.CODE, user=user, address=address))
        if wait:
            form.add_error(None, throttle.message(wait))
        elif not user.check_password(form.cleaned_data["password"]):
            wait = throttle.record_failure(kind=FailureKind.PASSWORD, user=user, address=address)
            form.add_error("password", throttle.message(wait) if wait else _("비밀번호가 맞지 않습니다."))
        elif with_code and not services.check_second_factor(
            user=user, code=form.cleaned_data["code"], address=address
        ):
            wait = throttle.record_failure(kind=FailureKind.CODE, user=user, address=address)
            form.add_error("code", throttle.message(wait) if wait else WRONG_CODE)
        else:
            session_state.mark_reauthenticated(request.session)
            return HttpResponseRedirect(next_url)
    return render(request, "security/reauth.html", {"form": form, "next": next_url, "with_code": with_code})


# ---------------------------------------------------------------- account


@require_http_methods(["GET", "POST"])
def account(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(request.POST or None, initial={"name": user.name, "phone": user.phone})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(
                user=user,
                name=form.cleaned_data["name"],
                phone=form.cleaned_data["phone"],
                address=client_address(request),
            )
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("내 정보를 저장했습니다."))
            return redirect("security:account")
    return render(
        request,
        "security/account.html",
        {"form": form, "security": _security_summary(user), "nav": "account"},
    )


def _security_summary(user: User) -> dict[str, Any]:
    device = services.confirmed_device(user)
    return {
        "device": device,
        "required": policy.second_factor_required(user),
        "codes_left": services.unused_recovery_codes(user) if device else 0,
        "sessions": len(services.active_sessions(user)),
    }


@reauth_required
@require_http_methods(["GET", "POST"])
def email_change(request: AuthedRequest) -> HttpResponse:
    form = EmailForm(request.POST or None, initial={"email": request.user.email})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_email(
                user=request.user, email=form.cleaned_data["email"], address=client_address(request)
            )
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, _("이메일을 바꿨습니다."))
            return redirect("security:account")
    return render(request, "security/email.html", {"form": form, "nav": "account"})


@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@require_http_methods(["GET", "POST"])
def password_change(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = PasswordForm(user=user, data=request.POST or None)
    if request.method == "POST":
        address = client_address(request)
        wait = throttle.wait_seconds(kind=FailureKind.PASSWORD, username=user.username, address=address)
        if wait:
            form = PasswordForm(user=user)
            form.add_error(None, throttle.message(wait))
        elif form.is_valid():
            old_key = request.session.session_key
            form.save()
            # The new password's hash keeps this session; Django ends every other one on its next request.
            update_session_auth_hash(request, form.user)
            new_key = str(request.session.session_key)
            services.session_key_changed(user=user, old_key=old_key, new_key=new_key)
            ended = services.password_changed(user=user, current_key=new_key, address=address)
            text = _("비밀번호를 바꿨습니다.")
            if ended:
                text += " " + ngettext(
                    "다른 곳의 로그인 %(n)d개를 로그아웃했습니다.",
                    "다른 곳의 로그인 %(n)d개를 로그아웃했습니다.",
                    ended,
                ) % {"n": ended}
            messages.success(request, text)
            return redirect("security:account")
        elif "old_password" in form.errors:
            wait = throttle.record_failure(kind=FailureKind.PASSWORD, user=user, address=address)
            if wait:
                form.add_error(None, throttle.message(wait))
    return render(request, "security/password.html", {"form": form, "nav": "account"})


# ---------------------------------------------------------------- second factor


@require_GET
def two_factor(request: AuthedRequest) -> HttpResponse:
    user = request.user
    summary = _security_summary(user)
    deadline = None
    if summary["required"] and not summary["device"] and not user.is_superuser:
        grace = SecondFactorGrace.objects.filter(user=user).first()
        deadline = grace.until if grace else None
    return render(
        request, "security/two_factor.html", {"security": summary, "deadline": deadline, "nav": "account"}
    )


def _qr_image(uri: str) -> SafeString:
    """The QR code as an SVG data URI in an <img>: no file, no network, and nothing marked safe by hand."""
    qr = segno.make(uri, error="m")
    scale, border = 5, 4
    side = (qr.symbol_size(scale=scale, border=border))[0]
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}">',
        qr.svg_data_uri(scale=scale, border=border, light="#ffffff", dark="#000000"),
        side,
        side,
        _("인증 앱으로 찍을 QR 코드"),
    )


@reauth_required
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def two_factor_enrol(request: AuthedRequest) -> HttpResponse:
    user = request.user
    device = services.pending_device(user=user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.confirm_device(
                user=user, code=form.cleaned_data["code"], address=client_address(request)
            )
        except ValidationError as exc:
            _apply(form, exc)
        else:
            session_state.mark_verified(request.session)
            messages.success(request, _("2단계 인증을 설정했습니다. 다음 로그인부터 인증 코드를 입력합니다."))
            return _show_codes(request, codes)
    uri = totp.provisioning_uri(device.secret, account=user.username, issuer=settings.SECURITY_TOTP_ISSUER)
    return render(
        request,
        "security/enrol.html",
        {
            "form": form,
            "qr": _qr_image(uri),
            "secret": totp.grouped(device.secret),
            "uri": uri,
            "replacing": services.confirmed_device(user) is not None,
            "required": policy.second_factor_required(user),
            "nav": "account",
        },
    )


def _show_codes(request: HttpRequest, codes: list[str]) -> HttpResponse:
    user = cast(User, request.user)
    text = "\r\n".join(
        [
            str(_("상생 2단계 인증 복구 코드")),
            f"{user.username} · {timezone.localdate():%Y-%m-%d}",
            str(_("코드 하나는 한 번만 쓸 수 있습니다.")),
            "",
            *codes,
            "",
        ]
    )
    response = render(
        request, "security/recovery_codes.html", {"codes": codes, "text": text, "nav": "account"}
    )
    # Shown once: not kept by the browser's cache or back button.
    response["Cache-Control"] = "no-store"
    return response


@reauth_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request: AuthedRequest) -> HttpResponse:
    if services.confirmed_device(request.user) is None:
        return redirect("security:two_factor")
    if request.method == "POST":
        codes = services.regenerate_recovery_codes(user=request.user, address=client_address(request))
        messages.success(request, _("새 복구 코드를 만들었습니다. 이전 코드는 더 이상 쓸 수 없습니다."))
        return _show_codes(request, codes)
    return render(
        request,
        "security/confirm.html",
        {
            "title": _("복구 코드 다시 만들기"),
            "text": _("새 코드를 만들면 지금 가진 복구 코드는 모두 쓸 수 없게 됩니다."),
            "button": _("새 복구 코드 만들기"),
            "danger": False,
            "nav": "account",
        },
    )


@reauth_required
@require_http_methods(["GET", "POST"])
def two_factor_disable(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if services.confirmed_device(user) is None:
        return redirect("security:two_factor")
    if request.method == "POST":
        try:
            services.disable_second_factor(user=user, actor=user, address=client_address(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("2단계 인증을 껐습니다."))
        return redirect("security:two_factor")
    if policy.second_factor_required(user):
        messages.error(
            request, _("총괄 담당자와 시스템 관리자는 2단계 인증을 끌 수 없습니다. 재설정만 할 수 있습니다.")
        )
        return redirect("security:two_factor")
    return render(
        request,
        "security/confirm.html",
        {
            "title": _("2단계 인증 끄기"),
            "text": _(
                "끄면 비밀번호만으로 로그인할 수 있게 됩니다. 인증 앱과 복구 코드는 더 이상 쓸 수 없습니다."
            ),
            "button": _("2단계 인증 끄기"),
            "danger": True,
            "nav": "account",
        },
    )


# ---------------------------------------------------------------- sessions


@require_GET
def sessions(request: AuthedRequest) -> HttpResponse:
    current = request.session.session_key
    rows = [
        {
            "row": row,
            "device": describe_user_agent(row.user_agent) or _("알 수 없는 브라우저"),
            "current": row.session_key == current,
        }
        for row in services.active_sessions(request.user)
    ]
    rows.sort(key=lambda r: not r["current"])
    return render(request, "security/sessions.html", {"rows": rows, "nav": "account"})


@require_POST
def session_end(request: AuthedRequest) -> HttpResponse:
    try:
        session_id = int(request.POST.get("session", ""))
        row = services.end_session(
            user=request.user,
            session_id=session_id,
            current_key=request.session.session_key,
            address=client_address(request),
        )
    except (ValueError, UserSession.DoesNotExist) as exc:
        raise Http404 from exc
    device = describe_user_agent(row.user_agent) or _("알 수 없는 브라우저")
    messages.success(request, _("%(device)s 세션을 로그아웃했습니다.") % {"device": device})
    return redirect("security:sessions")


@require_POST
def sessions_end_others(request: AuthedRequest) -> HttpResponse:
    ended = services.end_other_sessions(
        user=request.user,
        current_key=request.session.session_key,
        address=client_address(request),
        reason="사용자 요청",
    )
    messages.success(
        request,
        ngettext("다른 세션 %(n)d개를 로그아웃했습니다.", "다른 세션 %(n)d개를 로그아웃했습니다.", ended)
        % {"n": ended}
        if ended
        else _("로그아웃할 다른 세션이 없습니다."),
    )
    return redirect("security:sessions")


# ---------------------------------------------------------------- idle timeout


def _remaining(request: HttpRequest) -> int:
    last = request.session.get(session_state.LAST_ACTIVITY, session_state.now())
    return max(0, round(settings.SECURITY_IDLE_TIMEOUT - (session_state.now() - float(last))))


@never_cache
@require_POST
def session_extend(request: HttpRequest) -> JsonResponse:
    """The warning's 연장 button and the page's activity heartbeat: the idle clock restarts now (the
    middleware writes it only every few seconds); the answer says how long the session now has."""
    request.session[session_state.LAST_ACTIVITY] = session_state.now()
    return JsonResponse({"remaining": _remaining(request)})


@never_cache
@require_GET
def session_status(request: HttpRequest) -> JsonResponse:
    """How long the session has left, without extending it (another tab may have been active)."""
    return JsonResponse({"remaining": _remaining(request)})
