"""The only way views fetch versions and their rows: each getter checks the user's right.

- Reading a version (the revision page, the comparison and its documents): whoever may read both the
  old and the new plan (plans.access.visible_plans). Partner viewers, who read only some tasks of a
  plan, see only the rows whose tasks they may read (versions.comparison).
- Writing (starting a revision, marking tasks, adding tasks, the version's own fields): the
  coordinators of the old plan. Anyone else who can see it gets 403; anyone who cannot, 404.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext

from sangsaeng.accounts.models import User
from sangsaeng.plans.access import access_plan, is_coordinator, visible_plans
from sangsaeng.plans.models import Plan, Task
from sangsaeng.versions.models import PlanVersion, TaskRevision


def _refuse_write() -> PermissionDenied:
    return PermissionDenied(gettext("계획 개정은 이전 판 계획의 총괄 담당자만 할 수 있습니다."))


def can_revise(user: User, plan: Plan) -> bool:
    return is_coordinator(user, plan)


def access_plan_to_revise(user: User, plan_id: int) -> Plan:
    """A plan the user may read, and revise (403 when they may only read it)."""
    plan = access_plan(user, plan_id)
    if not can_revise(user, plan):
        raise _refuse_write()
    return plan


def access_version(user: User, version_id: int, *, write: bool = False) -> PlanVersion:
    visible = visible_plans(user)
    version = (
        PlanVersion.objects.select_related("plan", "previous", "decision__meeting")
        .filter(pk=version_id, plan__in=visible, previous__in=visible)
        .first()
    )
    if version is None:
        raise Http404(gettext("개정판을 찾을 수 없습니다."))
    if write and not can_revise(user, version.previous):
        raise _refuse_write()
    return version


def access_old_task(user: User, version_id: int, task_id: int) -> tuple[PlanVersion, Task]:
    """A top-level task of the version's old plan, to be marked (writes only)."""
    version = access_version(user, version_id, write=True)
    task = (
        Task.objects.select_related("area")
        .filter(pk=task_id, plan=version.previous, parent__isnull=True)
        .first()
    )
    if task is None:
        raise Http404(gettext("과제를 찾을 수 없습니다."))
    return version, task


def access_task_revision(user: User, task_revision_id: int, *, write: bool = False) -> TaskRevision:
    row = TaskRevision.objects.filter(pk=task_revision_id).only("pk", "version_id").first()
    if row is None:
        raise Http404(gettext("개정 내용을 찾을 수 없습니다."))
    version = access_version(user, row.version_id, write=write)
    found = TaskRevision.objects.select_related("new_task__area", "decision").get(pk=row.pk)
    found.version = version
    return found
