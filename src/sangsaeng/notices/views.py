"""The user's own notices. Nobody sees another user's notice: it answers 404."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sangsaeng.accounts.models import User
from sangsaeng.lib.http import AuthedRequest
from sangsaeng.notices.models import Notice
from sangsaeng.notices.services import notice_mark_read, notice_settings_update, notices_mark_all_read


def access_notice(user: User, notice_id: int) -> Notice:
    notice = Notice.objects.filter(pk=notice_id, user=user).first()
    if notice is None:
        raise Http404(_("알림을 찾을 수 없습니다."))
    return notice


@require_GET
def notice_list(request: AuthedRequest) -> HttpResponse:
    notices = Notice.objects.filter(user=request.user)
    page = Paginator(notices, 50).get_page(request.GET.get("page"))
    return render(request, "notices/list.html", {"page": page, "nav": "notices", "me": request.user})


@require_GET
def notice_open(request: AuthedRequest, notice_id: int) -> HttpResponse:
    notice = access_notice(request.user, notice_id)
    notice_mark_read(notice=notice)
    if notice.url and url_has_allowed_host_and_scheme(notice.url, allowed_hosts=None):
        return redirect(notice.url)
    return redirect("notices:list")


@require_POST
def notices_read(request: AuthedRequest) -> HttpResponse:
    count = notices_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("알림 %(count)d건을 읽음으로 표시했습니다.") % {"count": count})
    return redirect("notices:list")


@require_POST
def notice_settings(request: AuthedRequest) -> HttpResponse:
    wanted = request.POST.get("email_notices") == "on"
    notice_settings_update(user=request.user, email_notices=wanted)
    if wanted and not request.user.email:
        messages.warning(
            request, _("메일 주소가 없어 메일은 가지 않습니다. 계정 화면에서 메일 주소를 등록하세요.")
        )
    else:
        messages.success(request, _("알림 메일 설정을 저장했습니다."))
    return redirect("notices:list")
