"""Every write of a revision: atomic, checked for concurrent edits, audited.

Cards are created, changed and deleted through plans.services (task_create, editing_card, task_delete),
so each card's own history records the revision; the marks themselves are audited on the new plan.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext

from sangsaeng.accounts.models import User
from sangsaeng.audit.services import log_event
from sangsaeng.budgets.models import FundingSource
from sangsaeng.committees.models import Decision
from sangsaeng.orgs.models import Department
from sangsaeng.plans.models import Area, Plan, Task
from sangsaeng.plans.services import editing_card, in_record_language, sort_key, task_create, task_delete
from sangsaeng.versions.carry import carry_task
from sangsaeng.versions.models import Change, PlanVersion, RevisionSource, TaskRevision

# Marks that need a reason: everything but 유지.
NEEDS_REASON = {Change.SUPPLEMENT, Change.NEW, Change.DROP, Change.MERGE, Change.MOVE}


class RevisionError(Exception):
    """A revision step refused, with the message to show (field: which form field it concerns)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        self.message = message
        self.field = field
        super().__init__(message)


def stale_message() -> str:
    return gettext(
        "다른 사용자가 이 과제의 개정 내용을 먼저 바꿨습니다. 아래에서 현재 내용을 확인하고 다시 "
        "저장하세요. 입력하신 내용은 그대로 남아 있습니다."
    )


def _history(version: PlanVersion, old: Task) -> str:
    return gettext("%(label)s: %(year)s 계획 %(code)s에서 이어받음") % {
        "label": version.label,
        "year": version.previous.term_start_year,
        "code": old.code,
    }


# ---------------------------------------------------------------- starting a revision


def version_create(
    *,
    actor: User | None,
    previous: Plan,
    title: str,
    label: str,
    term_start_year: int,
    term_end_year: int,
    revised_on: dt.date,
    last_year_label: str = "",
    note: str = "",
    decision: Decision | None = None,
) -> PlanVersion:
    """Make the new plan from `previous`: its areas, sources, people and every task carried over (유지)."""
    with transaction.atomic():
        Plan.objects.select_for_update().filter(pk=previous.pk).first()
        if PlanVersion.objects.filter(previous=previous).exists():
            raise RevisionError(gettext("이 계획에는 이미 다음 판이 있습니다. 그 판에서 이어서 개정하세요."))
        plan = Plan(
            title=title,
            description=previous.description,
            term_start_year=term_start_year,
            term_end_year=term_end_year,
            last_year_label=last_year_label,
            is_published=False,
        )
        try:
            plan.full_clean()
        except ValidationError as exc:
            raise RevisionError(" ".join(exc.messages)) from exc
        plan.save()
        plan.organizations.set(previous.organizations.all())
        plan.coordinators.set(previous.coordinators.all())
        plan.committee_members.set(previous.committee_members.all())
        areas = {
            a.number: a
            for a in Area.objects.bulk_create(
                Area(plan=plan, number=a.number, name=a.name) for a in previous.areas.order_by("number")
            )
        }
        sources = {
            s.name: s
            for s in FundingSource.objects.bulk_create(
                FundingSource(plan=plan, name=s.name, is_national=s.is_national, order=s.order)
                for s in previous.funding_sources.all()
            )
        }
        version = PlanVersion.objects.create(
            plan=plan,
            previous=previous,
            label=label,
            revised_on=revised_on,
            note=note,
            decision=decision,
            created_by=actor,
        )
        top = previous.tasks.filter(parent__isnull=True).select_related("area").order_by("sort_key")
        for old in top:
            new = carry_task(
                actor=actor,
                old=old,
                plan=plan,
                areas=areas,
                sources=sources,
                summary=_history(version, old),
            )
            row = TaskRevision.objects.create(version=version, change=Change.KEEP, new_task=new)
            RevisionSource.objects.create(revision=row, version=version, task=old)
        with in_record_language():
            summary = gettext("「%(old)s」을(를) 개정한 %(label)s 작성: 과제 %(n)d건 이어받음") % {
                "old": previous.title,
                "label": label,
                "n": len(top),
            }
            log_event(actor=actor, action="version_create", summary=summary, plan=plan)
            log_event(
                actor=actor,
                action="version_create",
                summary=gettext("다음 판 「%(new)s」(%(label)s) 작성") % {"new": title, "label": label},
                plan=previous,
            )
        return version


@dataclass(frozen=True)
class VersionFields:
    label: str
    revised_on: dt.date
    note: str
    decision: Decision | None


def version_update(*, actor: User, version: PlanVersion, fields: VersionFields, base_revision: int) -> None:
    with transaction.atomic():
        locked = PlanVersion.objects.select_for_update().get(pk=version.pk)
        if locked.revision != base_revision:
            raise RevisionError(stale_message())
        locked.label, locked.revised_on = fields.label, fields.revised_on
        locked.note, locked.decision = fields.note, fields.decision
        locked.revision += 1
        locked.save(update_fields=["label", "revised_on", "note", "decision", "revision"])
        with in_record_language():
            log_event(
                actor=actor,
                action="version_update",
                summary=gettext("개정판 정보 수정: %(label)s") % {"label": fields.label},
                plan=locked.plan,
            )
        version.refresh_from_db()


# ---------------------------------------------------------------- marking the old tasks


@dataclass(frozen=True)
class Mark:
    change: str
    reason: str = ""
    decision: Decision | None = None
    area: Area | None = None  # 이관: the new plan's area the task moves to
    merge_into: Task | None = None  # 통합: the new plan's task it merges into
    code: str = ""  # a new 관리번호 for the carried task (optional)


def row_of(version: PlanVersion, old: Task) -> TaskRevision:
    """The row of an old task, locked. A task added to the old plan after the revision started gets
    one now, without a card (marking it carries it over when the mark needs one)."""
    rows = TaskRevision.objects.select_for_update(of=("self",)).select_related(
        "version__previous", "version__plan", "new_task__area"
    )
    row = rows.filter(version=version, sources__task=old).first()
    if row is not None:
        return row
    if old.plan_id != version.previous_id or old.parent_id is not None:
        raise RevisionError(gettext("이 과제는 이 개정판의 이전 과제가 아닙니다."))
    own = TaskRevision.objects.create(version=version, change=Change.DROP)
    RevisionSource.objects.create(revision=own, version=version, task=old)
    return rows.get(pk=own.pk)


def task_mark(
    *, actor: User, version: PlanVersion, old: Task, mark: Mark, base_revision: int
) -> TaskRevision:
    """Mark an old task 유지 · 보완 · 삭제 · 통합 · 이관, and make the new plan say the same.

    A member of a merge marked otherwise leaves the merge and is carried over afresh when it needs a
    card; the merged task stays with the others (as 유지 when one is left, as 추가 발굴 when none is)."""
    _check_mark(version, old, mark)
    try:
        with transaction.atomic():
            row = row_of(version, old)
            if row.revision != base_revision:
                raise RevisionError(stale_message())
            if mark.change == Change.MERGE:
                result = _merge(actor, row, old, mark)
            else:
                if row.change == Change.MERGE:
                    _leave(actor, row, old)
                    row = _own_row(row.version, old)
                result = _set_mark(actor, row, old, mark)
            with in_record_language():
                log_event(
                    actor=actor,
                    action="version_mark",
                    summary=_mark_summary(version, old, result, mark),
                    plan=version.plan,
                )
            return result
    except ProtectedError as exc:
        raise RevisionError(gettext("다른 기록이 이 과제를 가리키고 있어 지울 수 없습니다.")) from exc
    except ValidationError as exc:
        raise RevisionError(" ".join(exc.messages), field="code") from exc


def _check_mark(version: PlanVersion, old: Task, mark: Mark) -> None:
    if mark.change not in Change.values or mark.change == Change.NEW:
        raise RevisionError(gettext("이전 과제에는 유지·보완·삭제·통합·이관 중 하나를 고르세요."), "change")
    if mark.change in NEEDS_REASON and not mark.reason.strip():
        raise RevisionError(gettext("유지가 아닌 변경에는 사유를 적으세요."), "reason")
    if mark.change == Change.MOVE:
        if mark.area is None or mark.area.plan_id != version.plan_id:
            raise RevisionError(gettext("이관할 분야를 고르세요."), "area")
        if old.area is not None and old.area.number == mark.area.number:
            raise RevisionError(
                gettext("지금과 다른 분야를 고르세요. 같은 분야면 유지나 보완입니다."), "area"
            )
    if mark.change == Change.MERGE:
        target = mark.merge_into
        if target is None or target.plan_id != version.plan_id or target.parent_id is not None:
            raise RevisionError(gettext("통합할 새 판의 과제를 고르세요."), "merge_into")


def _merge(actor: User, row: TaskRevision, old: Task, mark: Mark) -> TaskRevision:
    if mark.merge_into is None:  # checked by _check_mark
        raise RevisionError(gettext("통합할 과제를 고르세요."))
    target = (
        TaskRevision.objects.select_for_update(of=("self",))
        .select_related("version")
        .filter(version=row.version, new_task=mark.merge_into)
        .first()
    )
    if target is None:
        # A new-plan task with no row (made outside the revision pages) becomes the merge's row.
        target = TaskRevision.objects.create(
            version=row.version, change=Change.MERGE, new_task=mark.merge_into
        )
    if target.pk == row.pk and row.change != Change.MERGE:
        raise RevisionError(
            gettext("이 과제를 이어받은 과제가 아닌, 통합할 다른 과제를 고르세요."), "merge_into"
        )
    if target.pk != row.pk:
        _leave(actor, row, old)
        RevisionSource.objects.create(revision=target, version=target.version, task=old)
    target.change, target.reason, target.decision = Change.MERGE, mark.reason, mark.decision
    target.revision += 1
    target.save()
    return target


def _leave(actor: User, row: TaskRevision, old: Task) -> None:
    """Take `old` out of its row. Its own row goes, with the card carried from it; a merge stays with
    the tasks left in it (유지 when one is left, 추가 발굴 when none is)."""
    RevisionSource.objects.filter(revision=row, task=old).delete()
    if row.change != Change.MERGE:
        new = row.new_task
        row.delete()
        if new is not None:
            task_delete(actor=actor, task=new)
        return
    left = row.sources.count()
    if left <= 1:
        row.change = Change.KEEP if left == 1 else Change.NEW
    row.revision += 1
    row.save()


def _own_row(version: PlanVersion, old: Task) -> TaskRevision:
    """A row of its own for `old`, with no card yet (_set_mark carries it over when it needs one)."""
    own = TaskRevision.objects.create(version=version, change=Change.DROP)
    RevisionSource.objects.create(revision=own, version=version, task=old)
    return TaskRevision.objects.select_related("version__previous", "version__plan").get(pk=own.pk)


def _set_mark(actor: User, row: TaskRevision, old: Task, mark: Mark) -> TaskRevision:
    version = row.version
    new = row.new_task
    if mark.change == Change.DROP:
        if new is not None:
            row.new_task = None
            row.save(update_fields=["new_task"])
            task_delete(actor=actor, task=new)
    else:
        if new is None:
            new = _carry_again(actor, version, old, mark.code)
            row.new_task = new
        elif mark.code and mark.code != new.code:
            _recode(actor, version, new, mark.code)
        area = mark.area if mark.change == Change.MOVE else _same_area(version, old)
        if area is not None and new.area_id != area.pk:
            _move(actor, version, new, area)
    row.change, row.reason, row.decision = mark.change, mark.reason, mark.decision
    row.revision += 1
    row.save()
    return row


def _same_area(version: PlanVersion, old: Task) -> Area | None:
    if old.area is None:
        return None
    return version.plan.areas.filter(number=old.area.number).first()


def _carry_again(actor: User, version: PlanVersion, old: Task, code: str) -> Task:
    plan = version.plan
    return carry_task(
        actor=actor,
        old=old,
        plan=plan,
        areas={a.number: a for a in plan.areas.all()},
        sources={s.name: s for s in plan.funding_sources.all()},
        summary=_history(version, old),
        code=code or None,
    )


def _recode(actor: User, version: PlanVersion, task: Task, code: str) -> None:
    if Task.objects.filter(plan=version.plan, code=code).exclude(pk=task.pk).exists():
        raise RevisionError(
            gettext("관리번호 %(code)s은(는) 새 판에 이미 있습니다.") % {"code": code}, field="code"
        )
    summary = gettext("%(label)s: 관리번호 %(old)s → %(new)s") % {
        "label": version.label,
        "old": task.code,
        "new": code,
    }
    with editing_card(task_id=task.pk, actor=actor, action="version_recode", summary=summary) as change:
        change.task.code, change.task.sort_key = code, sort_key(code)
        change.task.save(update_fields=["code", "sort_key", "updated_at"])
    task.refresh_from_db()


def _move(actor: User, version: PlanVersion, task: Task, area: Area) -> None:
    """Put the task and its sub-tasks in `area`, each card recording it."""
    summary = gettext("%(label)s: 분야 변경 → %(area)s") % {"label": version.label, "area": str(area)}
    stack = [task.pk]
    while stack:
        pk = stack.pop()
        with editing_card(task_id=pk, actor=actor, action="version_move", summary=summary) as change:
            change.task.area = area
            change.task.save(update_fields=["area", "updated_at"])
        stack.extend(Task.objects.filter(parent_id=pk).values_list("pk", flat=True))
    task.refresh_from_db()


def _mark_summary(version: PlanVersion, old: Task, row: TaskRevision, mark: Mark) -> str:
    summary = gettext("%(label)s: %(code)s %(title)s → %(change)s") % {
        "label": version.label,
        "code": old.code,
        "title": old.title,
        "change": Change(mark.change).label,
    }
    if row.new_task is not None:
        summary += f" ({row.new_task.code})"
    return summary + (f": {mark.reason.strip()}" if mark.reason.strip() else "")


# ---------------------------------------------------------------- newly found tasks (추가 발굴)


@dataclass(frozen=True)
class NewTask:
    code: str
    title: str
    area: Area | None
    reason: str
    decision: Decision | None = None
    lead_department: Department | None = None


def task_add(*, actor: User, version: PlanVersion, new: NewTask) -> TaskRevision:
    if not new.reason.strip():
        raise RevisionError(gettext("추가 발굴한 사유를 적으세요."), "reason")
    if new.area is not None and new.area.plan_id != version.plan_id:
        raise RevisionError(gettext("새 판의 분야를 고르세요."), "area")
    try:
        with transaction.atomic():
            task = task_create(
                actor=actor,
                plan=version.plan,
                code=new.code,
                title=new.title,
                area=new.area,
                lead_department=new.lead_department,
                novelty=Task.Novelty.NEW,
            )
            row = TaskRevision.objects.create(
                version=version, change=Change.NEW, new_task=task, reason=new.reason, decision=new.decision
            )
            with in_record_language():
                log_event(
                    actor=actor,
                    action="version_add",
                    summary=gettext("%(label)s: 추가 발굴 %(code)s %(title)s: %(reason)s")
                    % {"label": version.label, "code": new.code, "title": new.title, "reason": new.reason},
                    plan=version.plan,
                )
            return row
    except ValidationError as exc:
        raise RevisionError(" ".join(exc.messages), field="code") from exc


def added_update(
    *, actor: User, row: TaskRevision, reason: str, decision: Decision | None, base_revision: int
) -> None:
    """The reason and decision of a newly found task."""
    if not reason.strip():
        raise RevisionError(gettext("추가 발굴한 사유를 적으세요."), "reason")
    with transaction.atomic():
        locked = (
            TaskRevision.objects.select_for_update(of=("self",))
            .select_related("version", "new_task")
            .get(pk=row.pk)
        )
        if locked.revision != base_revision:
            raise RevisionError(stale_message())
        locked.reason, locked.decision = reason, decision
        locked.revision += 1
        locked.save()
        with in_record_language():
            log_event(
                actor=actor,
                action="version_mark",
                summary=gettext("%(label)s: 추가 발굴 %(code)s 사유 수정: %(reason)s")
                % {"label": locked.version.label, "code": _code(locked), "reason": reason},
                plan=locked.version.plan,
            )


def added_remove(*, actor: User, row: TaskRevision) -> None:
    """Take back a newly found task: its card goes with it."""
    with transaction.atomic():
        locked = (
            TaskRevision.objects.select_for_update(of=("self",))
            .select_related("version", "new_task")
            .get(pk=row.pk)
        )
        if locked.change != Change.NEW or locked.sources.exists():
            raise RevisionError(gettext("추가 발굴한 과제만 이렇게 지울 수 있습니다."))
        code = _code(locked)
        if locked.new_task is not None:
            try:
                task_delete(actor=actor, task=locked.new_task)
            except ProtectedError as exc:
                raise RevisionError(gettext("다른 기록이 이 과제를 가리키고 있어 지울 수 없습니다.")) from exc
        locked.delete()
        with in_record_language():
            log_event(
                actor=actor,
                action="version_remove",
                summary=gettext("%(label)s: 추가 발굴 과제 %(code)s 취소")
                % {"label": locked.version.label, "code": code},
                plan=locked.version.plan,
            )


def _code(row: TaskRevision) -> str:
    return row.new_task.code if row.new_task else "-"
