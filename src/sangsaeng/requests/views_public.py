"""시·도민 제안: the public form, open without an account. It lands as 접수 for the receiving
government's coordinators to screen. No external captcha (the intranet is offline): a honeypot field,
a minimum time to fill the form, and a limit of proposals per address (an IPv6 /64) and hour."""

import datetime as dt

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from sangsaeng.requests import services
from sangsaeng.requests.forms import ProposalForm, fill_token
from sangsaeng.requests.models import Channel, RequestType
from sangsaeng.security.net import client_address


def _proposal_type() -> RequestType | None:
    return (
        RequestType.objects.filter(is_active=True, behaviour=RequestType.Behaviour.GENERAL)
        .order_by("order", "pk")
        .first()
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest) -> HttpResponse:
    form = ProposalForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        # Cleaned first, so the refusals below can be added to the form's errors.
        valid = form.is_valid()
        now = timezone.now()
        if not services.proposal_attempt(address=client_address(request), at=now):
            form.add_error(
                None, gettext("같은 곳에서 제안이 너무 많이 들어왔습니다. 한 시간쯤 뒤에 다시 보내 주세요.")
            )
            status = 429
        elif (request.POST.get("website") or "").strip():
            # A bot filled the hidden field: it is told nothing, and nothing is kept.
            return redirect("requests:propose_done")
        elif form.is_spam(now):
            form.add_error(
                None,
                gettext(
                    "제안서를 너무 빨리 보냈거나 화면을 연 지 오래되었습니다. "
                    "내용을 확인하고 다시 보내 주세요."
                ),
            )
            status = 422
        elif valid:
            kind = _proposal_type()
            if kind is None:
                form.add_error(None, gettext("지금은 제안을 받지 않습니다."))
                status = 422
            else:
                data = form.cleaned_data
                try:
                    services.request_submit(
                        actor=None,
                        request_type=kind,
                        subject=data["subject"],
                        body=data["body"],
                        receiving_org=data["receiving_org"],
                        channel=Channel.CITIZEN,
                        requester_name=data["name"],
                        requester_contact=data["contact"],
                    )
                except ValidationError as exc:
                    form.add_error(None, exc.messages)
                    status = 422
                else:
                    return redirect("requests:propose_done")
        else:
            status = 422
        # A fresh start time, so the corrected form can be sent again.
        again = request.POST.copy()
        again["started"] = fill_token(now - dt.timedelta(seconds=60))
        form.data = again
    return render(request, "requests/propose.html", {"form": form}, status=status)


@login_not_required
@require_GET
def propose_done(request: HttpRequest) -> HttpResponse:
    return render(request, "requests/propose_done.html")
