"""Printed papers (PDF, HWPX) and calendar feeds.

The feeds are fetched by calendar clients, which do not log in: the address carries the user's feed
secret (committees.feeds) and answers 404 for a wrong one, or for a committee the user cannot read."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from sangsaeng.committees import access, feeds, ics, printing, selectors
from sangsaeng.documents.pdf import PdfError
from sangsaeng.lib.http import AuthedRequest

PDF = "application/pdf"
HWPX = "application/hwp+zip"


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = "private, no-store"
    return response


def _check_format(fmt: str) -> None:
    if fmt not in ("pdf", "hwpx"):
        raise Http404(gettext("지원하지 않는 문서 형식입니다."))


def _paper(paper: printing.Paper, fmt: str) -> HttpResponse:
    name = paper.title.replace("/", "·")
    if fmt == "hwpx":
        return _download(printing.paper_hwpx(paper), f"{name}.hwpx", HWPX)
    try:
        data = printing.paper_pdf(paper)
    except PdfError as exc:
        # Typst refused the data: say so plainly rather than a server error page.
        return HttpResponse(
            gettext("PDF를 만들지 못했습니다: %(e)s") % {"e": exc},
            status=500,
            content_type="text/plain; charset=utf-8",
        )
    return _download(data, f"{name}.pdf", PDF)


@require_GET
def agenda_print(request: AuthedRequest, meeting_id: int, fmt: str) -> HttpResponse:
    _check_format(fmt)
    meeting = access.access_meeting(request.user, meeting_id)
    return _paper(printing.agenda_doc(meeting), fmt)


@require_GET
def minutes_print(request: AuthedRequest, meeting_id: int, fmt: str) -> HttpResponse:
    _check_format(fmt)
    meeting = access.access_meeting(request.user, meeting_id)
    return _paper(printing.minutes_doc(meeting), fmt)


@require_GET
def roster_print(request: AuthedRequest, committee_id: int, fmt: str) -> HttpResponse:
    _check_format(fmt)
    committee = access.access_committee(request.user, committee_id)
    return _paper(printing.roster_doc(committee), fmt)


# ---------------------------------------------------------------- calendar feeds


@require_GET
def calendar_page(request: AuthedRequest) -> HttpResponse:
    token = feeds.feed_token(request.user)
    base = request.build_absolute_uri("/").rstrip("/")
    committees = list(access.visible_committees(request.user).order_by("order", "name", "id"))
    context = {
        "user_feed": base + reverse("committees:feed_user", args=[token]),
        "committee_feeds": [
            (c, base + reverse("committees:feed_committee", args=[token, c.pk])) for c in committees
        ],
        "nav": "committees",
    }
    return render(request, "committees/calendar.html", context)


@require_POST
def calendar_reset(request: AuthedRequest) -> HttpResponse:
    feeds.feed_token_reset(user=request.user)
    messages.success(
        request, gettext("구독 주소를 새로 만들었습니다. 이전 주소로는 더 이상 일정을 받을 수 없습니다.")
    )
    return redirect("committees:calendar")


def _feed(text: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_not_required
@require_GET
def feed_user(request: AuthedRequest, token: str) -> HttpResponse:
    user = feeds.user_for_token(token)
    if user is None:
        raise Http404(gettext("구독 주소가 올바르지 않습니다."))
    meetings, agendas = selectors.feed_meetings(access.visible_meetings(user))
    return _feed(ics.calendar(meetings, name=gettext("상생 위원회 회의"), agendas=agendas))


@login_not_required
@require_GET
def feed_committee(request: AuthedRequest, token: str, committee_id: int) -> HttpResponse:
    user = feeds.user_for_token(token)
    if user is None:
        raise Http404(gettext("구독 주소가 올바르지 않습니다."))
    committee = access.access_committee(user, committee_id)
    meetings, agendas = selectors.feed_meetings(committee.meetings.all())
    return _feed(ics.calendar(meetings, name=committee.name, agendas=agendas))
