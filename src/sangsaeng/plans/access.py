"""The only way views fetch plans and tasks: each getter checks the user's right to it.

Reading: a plan is visible to users of its participating governments and to its coordinators.
Writing a card: the plan's coordinators, and officers of the task's lead department (or of a team
under it). An object the user may not see answers 404, so its existence does not leak.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from sangsaeng.accounts.models import User
from sangsaeng.plans.models import Attachment, Plan, Task


def visible_plans(user: User) -> QuerySet[Plan]:
    if not user.is_authenticated or not user.is_active:
        return Plan.objects.none()
    if user.is_superuser:
        return Plan.objects.all()
    return Plan.objects.filter(Q(organizations=user.organization_id) | Q(coordinators=user)).distinct()


def access_plan(user: User, plan_id: int) -> Plan:
    plan = visible_plans(user).filter(pk=plan_id).first()
    if plan is None:
        raise Http404("계획을 찾을 수 없습니다.")
    return plan


def is_coordinator(user: User, plan: Plan) -> bool:
    return user.is_superuser or plan.coordinators.filter(pk=user.pk).exists()


def can_edit_task(user: User, task: Task) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or is_coordinator(user, task.plan):
        return True
    dept = user.department
    if dept is None or task.lead_department_id is None:
        return False
    return task.lead_department_id in (dept.pk, dept.parent_id)


def access_task(user: User, task_id: int, *, write: bool = False) -> Task:
    task = Task.objects.select_related("plan").filter(pk=task_id, plan__in=visible_plans(user)).first()
    if task is None:
        raise Http404("과제를 찾을 수 없습니다.")
    if write and not can_edit_task(user, task):
        raise PermissionDenied(
            "이 과제를 수정할 권한이 없습니다. 주관부서 담당자나 총괄 담당자에게 요청하세요."
        )
    return task


def access_attachment(user: User, attachment_id: int, *, write: bool = False) -> Attachment:
    attachment = Attachment.objects.select_related("task__plan").filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404("첨부파일을 찾을 수 없습니다.")
    access_task(user, attachment.task_id, write=write)
    return attachment
