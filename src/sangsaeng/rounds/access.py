"""The only way views fetch rounds, updates, their files and change requests.

- A round: users of the plan's governments and its coordinators may open it (officers see their own
  updates in it); managing it (board, deadlines, close) is for coordinators.
- An update, its files, a change request: the plan's coordinators, and officers who may edit the task
  (plans.access.can_edit_task: its lead department or a team under it). Everyone else — another
  department, a partner government, an outsider — gets 404, so not even the existence leaks.
- Reviewing (confirm, return, approve, reject): coordinators; an officer who can see it gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from sangsaeng.accounts.models import User
from sangsaeng.plans.access import access_plan, can_edit_task, is_coordinator, visible_plans
from sangsaeng.plans.models import Plan
from sangsaeng.rounds.models import ChangeRequest, Round, Update, UpdateAttachment


def require_coordinator(user: User, plan: Plan) -> None:
    if not is_coordinator(user, plan):
        raise PermissionDenied(_("총괄 담당자만 할 수 있습니다."))


def access_plan_rounds(user: User, plan_id: int, *, manage: bool = False) -> Plan:
    plan = access_plan(user, plan_id)
    if manage:
        require_coordinator(user, plan)
    return plan


def access_round(user: User, round_id: int, *, manage: bool = False) -> Round:
    rnd = Round.objects.select_related("plan").filter(pk=round_id, plan__in=visible_plans(user)).first()
    if rnd is None:
        raise Http404(_("보고 회차를 찾을 수 없습니다."))
    if manage:
        require_coordinator(user, rnd.plan)
    return rnd


def access_update(user: User, update_id: int, *, write: bool = False, review: bool = False) -> Update:
    update = (
        Update.objects.select_related("round__plan", "task__plan", "department__organization")
        .filter(pk=update_id, round__plan__in=visible_plans(user))
        .first()
    )
    if update is None:
        raise Http404(_("실적 보고를 찾을 수 없습니다."))
    coordinator = is_coordinator(user, update.round.plan)
    if not coordinator and not can_edit_task(user, update.task):
        raise Http404(_("실적 보고를 찾을 수 없습니다."))
    if review and not coordinator:
        raise PermissionDenied(_("보고의 검토·확정·반려는 총괄 담당자만 할 수 있습니다."))
    # `write` is covered above: whoever may see an update may also fill it.
    return update


def access_update_attachment(user: User, attachment_id: int, *, write: bool = False) -> UpdateAttachment:
    attachment = UpdateAttachment.objects.filter(pk=attachment_id).only("pk", "update_id").first()
    if attachment is None:
        raise Http404(_("첨부파일을 찾을 수 없습니다."))
    update = access_update(user, attachment.update_id, write=write)
    found = UpdateAttachment.objects.get(pk=attachment.pk)
    found.update = update
    return found


def access_change_request(user: User, change_id: int, *, decide: bool = False) -> ChangeRequest:
    cr = (
        ChangeRequest.objects.select_related("task__plan", "requested_by", "decided_by")
        .filter(pk=change_id, task__plan__in=visible_plans(user))
        .first()
    )
    if cr is None:
        raise Http404(_("변경안을 찾을 수 없습니다."))
    coordinator = is_coordinator(user, cr.task.plan)
    if not coordinator and not can_edit_task(user, cr.task):
        raise Http404(_("변경안을 찾을 수 없습니다."))
    if decide and not coordinator:
        raise PermissionDenied(_("변경안의 승인·반려는 총괄 담당자만 할 수 있습니다."))
    return cr
