"""The only way views fetch an import preview: its plan must be readable, and the preview is its
uploader's own while they coordinate the plan. Anyone else gets 404, so its existence does not leak."""

from django.http import Http404

from sangsaeng.accounts.models import User
from sangsaeng.exchange.models import ImportPreview
from sangsaeng.plans.access import access_plan, is_coordinator


def access_preview(user: User, preview_id: int) -> ImportPreview:
    preview = ImportPreview.objects.select_related("plan").filter(pk=preview_id).first()
    if preview is None:
        raise Http404("미리보기를 찾을 수 없습니다.")
    plan = access_plan(user, preview.plan_id)
    if preview.created_by_id != user.pk or not is_coordinator(user, plan):
        raise Http404("미리보기를 찾을 수 없습니다.")
    return preview
