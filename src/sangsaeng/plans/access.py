"""The only way views fetch plans and tasks: each getter checks the user's right to it.

Reading:
- system administrators and auditors read every plan;
- a plan's coordinators and committee members read it;
- officers read the plans their government takes part in;
- partner viewers read only the tasks their government takes part in (as lead or partner).
Writing a card: the plan's coordinators, and officers of the task's lead department (or of a team
under it). Auditors, committee members and partner viewers write nothing. An object the user may not
see answers 404, so its existence does not leak.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from sangsaeng.accounts.models import Kind, User
from sangsaeng.plans.models import Attachment, Plan, Task


def _reads_everything(user: User) -> bool:
    return user.is_superuser or user.kind == Kind.AUDITOR


def _partner_tasks_q(user: User, prefix: str = "") -> Q:
    org = user.organization_id
    return Q(**{f"{prefix}lead_department__organization": org}) | Q(**{f"{prefix}partners": org})


def visible_plans(user: User) -> QuerySet[Plan]:
    if not user.is_authenticated or not user.is_active:
        return Plan.objects.none()
    if _reads_everything(user):
        return Plan.objects.all()
    granted = Q(coordinators=user) | Q(committee_members=user)
    if user.organization_id is None:
        return Plan.objects.filter(granted).distinct()
    if user.kind == Kind.PARTNER:
        # Plans holding at least one task the viewer's government takes part in.
        tasks = Task.objects.filter(_partner_tasks_q(user)).values("plan_id")
        return Plan.objects.filter(granted | Q(pk__in=tasks)).distinct()
    return Plan.objects.filter(granted | Q(organizations=user.organization_id)).distinct()


def readable_tasks(user: User, plans: QuerySet[Plan] | list[int] | None = None) -> QuerySet[Task]:
    """The tasks of `plans` (default: every plan the user may read) that this user may read.

    The caller has checked those plans are visible to the user (access_plan, visible_plans). A list
    of plan ids goes into the SQL as a list, which the dashboards' grouped queries plan better than a
    DISTINCT subquery. Partner viewers read a whole plan only as its coordinator or committee member."""
    plans = visible_plans(user) if plans is None else plans
    tasks = Task.objects.filter(plan__in=plans)
    if user.kind != Kind.PARTNER or _reads_everything(user):
        return tasks
    whole = Plan.objects.filter(Q(coordinators=user) | Q(committee_members=user)).values("pk")
    # Subqueries, not joins: the callers annotate counts, which a join on partners would multiply.
    own = Task.objects.filter(_partner_tasks_q(user)).values("pk")
    return tasks.filter(Q(plan__in=whole) | Q(pk__in=own))


def visible_tasks(user: User, plan: Plan) -> QuerySet[Task]:
    """The tasks of a visible plan that this user may read."""
    return readable_tasks(user, [plan.pk])


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
    if user.kind != Kind.OFFICER:
        return False
    dept = user.department
    if dept is None:
        return False
    mine = [d for d in (dept.pk, dept.parent_id) if d is not None]
    if task.lead_department_id in mine:
        return True
    # Joint tasks: officers of a co-leading department, in whichever government, edit too.
    return task.co_departments.filter(pk__in=mine).exists()


def access_task(user: User, task_id: int, *, write: bool = False) -> Task:
    task = Task.objects.select_related("plan").filter(pk=task_id, plan__in=visible_plans(user)).first()
    if task is None:
        raise Http404("과제를 찾을 수 없습니다.")
    if user.kind == Kind.PARTNER and not visible_tasks(user, task.plan).filter(pk=task.pk).exists():
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
