"""Decisions (의결) and applying them to the plan.

Recording a decision changes nothing yet; applying it does, once: adopting creates the task
(plans.services.task_create), dropping sets it to 폐기 and changing sets its title, status or lead
department (plans.services.editing_card). The task's history row that records the change reads like
"2019. 3. 28. 전체위원회 의결: 신규 채택" and is linked to the decision (Decision.audit_log).
"""

from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from sangsaeng.accounts.models import User
from sangsaeng.audit.models import AuditLog
from sangsaeng.audit.services import log_event
from sangsaeng.committees.models import Decision, Meeting
from sangsaeng.committees.services import stale_error
from sangsaeng.lib import kdate
from sangsaeng.plans.models import Status, Task
from sangsaeng.plans.services import editing_card, in_record_language, task_create

Kind = Decision.Kind
TASK_KINDS = (Kind.DROP_TASK, Kind.CHANGE_TASK)
DECISION_FIELDS = (
    "agenda_item",
    "kind",
    "task",
    "code",
    "title",
    "area",
    "parent_task",
    "status",
    "lead_department",
    "text",
    "reason",
)


def history_summary(decision: Decision) -> str:
    """The line on the task's history: "2019. 3. 28. 전체위원회 의결: 신규 채택"."""
    meeting = decision.meeting
    day = timezone.localtime(meeting.starts_at).date()
    return gettext("%(date)s %(committee)s 의결: %(kind)s") % {
        "date": kdate.official(day),
        "committee": meeting.committee.name,
        "kind": decision.get_kind_display(),
    }


def _check(decision: Decision, meeting: Meeting) -> None:
    plan_id = meeting.committee.plan_id
    errors: dict[str, str] = {}
    kind = decision.kind
    if kind in (Kind.ADOPT_TASK, *TASK_KINDS, Kind.APPROVE_VERSION) and plan_id is None:
        errors["kind"] = gettext("계획에 연결되지 않은 위원회는 과제·계획에 관한 의결을 할 수 없습니다.")
    if kind == Kind.ADOPT_TASK:
        if not decision.code.strip():
            errors["code"] = gettext("채택할 과제의 관리번호를 적으세요.")
        if not decision.title.strip():
            errors["title"] = gettext("채택할 과제의 과제명을 적으세요.")
        elif plan_id and Task.objects.filter(plan_id=plan_id, code=decision.code.strip()).exists():
            errors["code"] = gettext("관리번호 %(code)s은(는) 이 계획에 이미 있습니다.") % {
                "code": decision.code
            }
    if kind in TASK_KINDS and decision.task is None:
        errors["task"] = gettext("의결 대상 과제를 고르세요.")
    if kind == Kind.DROP_TASK and not decision.reason.strip():
        errors["reason"] = gettext("제외 사유를 적으세요.")
    if kind == Kind.CHANGE_TASK and not (
        decision.title.strip() or decision.status or decision.lead_department
    ):
        errors["title"] = gettext("바꿀 과제명, 사업이행도, 주관부서 중 하나 이상을 적으세요.")
    if decision.status and decision.status not in Status.values:
        errors["status"] = gettext("사업이행도를 목록에서 고르세요.")
    for field in ("task", "parent_task", "area"):
        value = getattr(decision, field)
        if value is not None and value.plan_id != plan_id:
            errors[field] = gettext("이 위원회의 계획에 없는 항목입니다.")
    if decision.agenda_item is not None and decision.agenda_item.meeting_id != meeting.pk:
        errors["agenda_item"] = gettext("이 회의의 안건이 아닙니다.")
    if errors:
        raise ValidationError(errors)


def decision_save(
    *,
    actor: User,
    meeting: Meeting,
    values: dict[str, Any],
    decision: Decision | None = None,
    base_revision: int | None = None,
) -> Decision:
    """Record a decision (or correct one not yet applied).

    Correcting one is refused when it changed since `base_revision`, the revision the form was opened
    at (None: not checked, for callers that hold no form)."""
    with transaction.atomic():
        if decision is not None:
            decision = Decision.objects.select_for_update().get(pk=decision.pk)
            if decision.is_applied:
                raise ValidationError(gettext("이미 계획에 반영된 의결은 고칠 수 없습니다."))
            if base_revision is not None and base_revision != decision.revision:
                raise stale_error(gettext("의결"))
            decision.revision += 1
        created = decision is None
        decision = decision or Decision(meeting=meeting, order=meeting.decisions.count() + 1)
        for field in DECISION_FIELDS:
            if field in values:
                value = values[field]
                setattr(decision, field, value.strip() if isinstance(value, str) else value)
        _check(decision, meeting)
        decision.full_clean()
        decision.save()
        log_event(
            actor=actor,
            action="committee.decision_add" if created else "committee.decision_update",
            summary=gettext("의결 기록: %(kind)s (%(meeting)s)")
            % {"kind": decision.get_kind_display(), "meeting": meeting.title},
            plan=meeting.committee.plan,
        )
    return decision


def decision_delete(*, actor: User, decision: Decision) -> None:
    with transaction.atomic():
        # Locked and read again: an apply that committed meanwhile must not lose its decision.
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        if decision.is_applied:
            raise ValidationError(gettext("이미 계획에 반영된 의결은 삭제할 수 없습니다."))
        decision.delete()
        log_event(
            actor=actor,
            action="committee.decision_delete",
            summary=gettext("의결 삭제: %(kind)s (%(meeting)s)")
            % {"kind": decision.get_kind_display(), "meeting": decision.meeting.title},
            plan=decision.meeting.committee.plan,
        )


def _last_log_id() -> int:
    return AuditLog.objects.order_by("-id").values_list("id", flat=True).first() or 0


def _history_row(decision: Decision, task: Task, actor: User, since: int, summary: str) -> AuditLog:
    """The task's history row this application wrote; a plain note when the card did not change."""
    row = AuditLog.objects.filter(task=task, id__gt=since).order_by("id").first()
    if row is not None:
        return row
    return AuditLog.objects.create(
        at=timezone.now(), actor=actor, action="decision", summary=summary, task=task, plan_id=task.plan_id
    )


def _adopt(decision: Decision, actor: User, summary: str) -> Task:
    since = _last_log_id()
    task = task_create(
        actor=actor,
        plan=decision.meeting.committee.plan,  # type: ignore[arg-type]  # checked in _check
        code=decision.code,
        title=decision.title,
        parent=decision.parent_task,
        area=decision.area,
        lead_department=decision.lead_department,
        **({"status": decision.status} if decision.status else {}),
    )
    # The card's first history row says why it exists: the decision that adopted it.
    row = _history_row(decision, task, actor, since, summary)
    AuditLog.objects.filter(pk=row.pk).update(summary=summary)
    decision.audit_log = row
    return task


def _edit(decision: Decision, actor: User, summary: str) -> Task:
    task = decision.task
    if task is None:  # checked in _check
        raise ValueError("decision without a task")
    since = _last_log_id()
    with editing_card(task_id=task.pk, actor=actor, action="decision", summary=summary) as change:
        fields = ["updated_at"]
        if decision.kind == Kind.DROP_TASK:
            change.task.status = Status.DROPPED
            fields.append("status")
        else:
            if decision.title:
                change.task.title = decision.title
                fields.append("title")
            if decision.status:
                change.task.status = decision.status
                fields.append("status")
            if decision.lead_department is not None:
                change.task.lead_department = decision.lead_department
                fields.append("lead_department")
        change.task.full_clean()
        change.task.save(update_fields=fields)
    decision.audit_log = _history_row(decision, task, actor, since, summary)
    return task


def decision_apply(*, actor: User, decision: Decision) -> bool:
    """Apply a decision to its plan; True when this call applied it, False when it already was."""
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update(of=("self",))
            .select_related("meeting__committee__plan", "task", "parent_task", "area", "lead_department")
            .get(pk=decision.pk)
        )
        if decision.is_applied:
            return False
        meeting = decision.meeting
        if decision.kind == Kind.ADOPT_TASK:
            decision.task = None  # a fresh check: the code must still be free
        _check(decision, meeting)
        with in_record_language():
            summary = history_summary(decision)
        if decision.kind == Kind.ADOPT_TASK:
            decision.task = _adopt(decision, actor, summary)
        elif decision.kind in TASK_KINDS:
            _edit(decision, actor, summary)
        decision.applied_at = timezone.now()
        decision.applied_by = actor
        decision.revision += 1
        decision.save(update_fields=["task", "applied_at", "applied_by", "audit_log", "revision"])
        log_event(
            actor=actor,
            action="committee.decision_apply",
            summary=gettext("의결 반영: %(summary)s") % {"summary": summary},
            plan=meeting.committee.plan,
        )
    return True


def decisions_apply(*, actor: User, meeting: Meeting) -> int:
    """Apply every decision of a meeting not yet applied; how many this call applied."""
    with transaction.atomic():
        return sum(
            decision_apply(actor=actor, decision=d) for d in meeting.decisions.filter(applied_at__isnull=True)
        )


def count_by_kind(kinds: Iterable[str]) -> dict[str, int]:
    """How many decisions of each kind, in the order of Decision.Kind, kinds with none left out."""
    counts = Counter(kinds)
    return {kind: counts[kind] for kind in Kind.values if counts[kind]}


SUMMARY_LABELS = {
    Kind.ADOPT_TASK: gettext_noop("신규"),
    Kind.DROP_TASK: gettext_noop("제외"),
    Kind.CHANGE_TASK: gettext_noop("변경"),
    Kind.APPROVE_VERSION: gettext_noop("계획 개정 승인"),
    Kind.OTHER: gettext_noop("기타"),
}


def summary_line(kinds: Iterable[str]) -> str:
    """ "신규 12건, 제외 4건 의결" — a meeting's decisions counted by kind."""
    counts = count_by_kind(kinds)
    if not counts:
        return gettext("의결 없음")
    parts = [
        gettext("%(label)s %(count)s건") % {"label": gettext(SUMMARY_LABELS[Kind(k)]), "count": n}
        for k, n in counts.items()
    ]
    return gettext("%(parts)s 의결") % {"parts": ", ".join(parts)}
