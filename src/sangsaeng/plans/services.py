"""Every write to a plan or a card goes through here: atomic, conflict-checked, rolled up, audited."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from sangsaeng.accounts.models import User
from sangsaeng.audit.diff import FIELD_LABELS, diff
from sangsaeng.audit.models import AuditLog
from sangsaeng.audit.services import log_card_change, log_event
from sangsaeng.lib import figures
from sangsaeng.plans.card_state import CardState, load_state
from sangsaeng.plans.models import Plan, Task


class ConflictError(Exception):
    """The part being saved changed since the form was opened."""

    def __init__(self, part: str, changes: list[dict[str, Any]], by: list[tuple[str, Any]]) -> None:
        self.part = part
        self.changes = changes
        self.by = by
        super().__init__(f"conflict on {part}")

    @property
    def message(self) -> str:
        who = ", ".join(sorted({name for name, _ in self.by})) or gettext("다른 사용자")
        return gettext(
            "%(who)s님이 이 항목을 먼저 수정했습니다. 아래에서 바뀐 내용을 확인하고, "
            "입력하신 내용을 다시 저장하세요. 입력하신 내용은 그대로 남아 있습니다."
        ) % {"who": who}


def _part_prefixes(part: str) -> tuple[str, ...]:
    kind, _, key = part.partition(":")
    if kind == "header":
        return tuple(k for k in FIELD_LABELS if k not in ("goal", "term_indicator", "rollup", "weight"))
    return {
        "goal": ("goal", "term_indicator"),
        "text": (f"texts.{key}",),
        "indicator": (f"indicators.{key}.",),
        "budget": ("budget.",),
        "item": (f"items.{key}.",),
        "settlement": (f"settlements.{key}.",),
        "schedule": (f"schedule.{key}.",),
        "activity": (f"activities.{key}",),
        "legislation": (f"legislation.{key}.",),
        "subtasks": ("children.", "rollup"),
    }.get(kind, (part,))


def _matches(path: str, prefixes: tuple[str, ...]) -> bool:
    return any(
        path == p or path.startswith(p if p.endswith(".") else p + ".") or path == p.rstrip(".")
        for p in prefixes
    )


def check_part_unchanged(*, task: Task, part: str, base_revision: int, current: CardState) -> None:
    """Refuse the save when another change since `base_revision` touched the same part."""
    if base_revision == task.revision:
        return
    base = AuditLog.objects.filter(task=task, revision=base_revision).filter(state__isnull=False).first()
    later = AuditLog.objects.filter(task=task, revision__gt=base_revision).select_related("actor")
    by = [(log.actor.display_name if log.actor else gettext("시스템"), log.at) for log in later]
    prefixes = _part_prefixes(part)
    if base is None:
        # No record of what the form started from: refuse rather than risk overwriting.
        raise ConflictError(part, [], by)
    changes = [c for c in diff(base.state, current.to_json()) if _matches(c["path"], prefixes)]
    if changes:
        raise ConflictError(part, changes, by)


def _chain(task: Task) -> list[Task]:
    chain = [task]
    while chain[-1].parent_id:
        chain.append(Task.objects.select_for_update().get(pk=chain[-1].parent_id))
    return chain


def recompute_progress(task: Task) -> bool:
    """Recompute a parent's 진도율 from its children; returns True when it changed."""
    children = list(task.children.values_list("progress", "weight"))
    value = figures.rollup_progress(children, task.rollup)
    if value is None or value == task.progress:
        return False
    task.progress = value
    task.save(update_fields=["progress", "updated_at"])
    return True


def in_record_language() -> translation.override:
    """Audit rows (summaries, change labels) are a record: written in the product's language (Korean),
    whichever language the editor's screen speaks. Fixed summaries are marked with gettext_noop so a
    page can translate them when it shows them."""
    return translation.override(settings.LANGUAGE_CODE)


@dataclass
class CardChange:
    task: Task
    before: CardState
    summary: str = ""
    actor: User | None = None  # who is editing; part guards (plans.parts.PART_GUARDS) decide by it


@contextmanager
def editing_card(
    *,
    task_id: int,
    actor: User | None,
    action: str,
    summary: str,
    part: str | None = None,
    base_revision: int | None = None,
) -> Iterator[CardChange]:
    """Lock the card, check the part for concurrent edits, let the caller write, then roll up and audit.

    Every card whose inputs changed (the task, and its ancestors through the progress roll-up and the
    sub-task list) gets a new revision and an audit row with its state, all in one transaction.
    """
    with transaction.atomic():
        task = Task.objects.select_for_update().get(pk=task_id)
        chain = _chain(task)
        befores = {t.pk: load_state(t.pk) for t in chain}
        if part is not None and base_revision is not None:
            check_part_unchanged(task=task, part=part, base_revision=base_revision, current=befores[task.pk])
        change = CardChange(task, befores[task.pk], summary, actor)
        yield change
        finish_card_change(
            chain=chain, befores=befores, actor=actor, action=action, summary=change.summary or summary
        )


def finish_card_change(
    *, chain: list[Task], befores: dict[int, CardState], actor: User | None, action: str, summary: str
) -> None:
    for index, node in enumerate(chain):
        if Task.objects.filter(pk=node.pk).exists():
            node.refresh_from_db()
            recompute_progress(node)
        else:
            continue
        record_card_change(
            task=node,
            before=befores.get(node.pk),
            after=load_state(node.pk),
            actor=actor,
            action=action,
            summary=summary,
            direct=index == 0,
        )


def record_card_change(
    *,
    task: Task,
    before: CardState | None,
    after: CardState,
    actor: User | None,
    action: str,
    summary: str,
    direct: bool,
) -> bool:
    """A new revision and an audit row when the card's inputs changed (False when they did not). A parent
    changed only through a child (`direct` False) is recorded as a rollup of that change."""
    if before is not None and _same(before, after):
        return False
    task.revision += 1
    Task.objects.filter(pk=task.pk).update(revision=task.revision)
    with in_record_language():
        log_card_change(
            task=task,
            actor=actor,
            action=action if direct else "rollup",
            summary=summary if direct else f"세부과제 변경 반영: {summary}",
            before=before.to_json() if before else None,
            after=after.model_copy(update={"revision": task.revision}).to_json(),
        )
    return True


def _same(a: CardState, b: CardState) -> bool:
    return a.model_copy(update={"revision": 0}) == b.model_copy(update={"revision": 0})


def record_initial_state(*, task: Task, actor: User | None, summary: str = gettext_noop("과제 등록")) -> None:
    """First audit row of a card created outside `editing_card` (task creation, demo, import)."""
    after = load_state(task.pk)
    task.revision = max(task.revision, 1)
    Task.objects.filter(pk=task.pk).update(revision=task.revision)
    after = after.model_copy(update={"revision": task.revision})
    with in_record_language():
        log_card_change(
            task=task, actor=actor, action="create", summary=summary, before=None, after=after.to_json()
        )


def sort_key(code: str) -> str:
    """Natural order of 관리번호: 2-10 after 2-9, 10-4 after 9-1."""
    parts = []
    for piece in code.replace("_", "-").split("-"):
        parts.append(piece.zfill(6) if piece.isdigit() else piece)
    return "-".join(parts)[:60]


def task_create(
    *, actor: User | None, plan: Plan, code: str, title: str, parent: Task | None = None, **fields: Any
) -> Task:
    """Create a task (or a sub-task under `parent`) with its first audit row; the parent rolls up."""
    with transaction.atomic():
        if Task.objects.filter(plan=plan, code=code).exists():
            raise ValidationError(
                {"code": gettext("관리번호 %(code)s은(는) 이 계획에 이미 있습니다.") % {"code": code}}
            )
        partners = fields.pop("partners", None)
        task = Task(plan=plan, code=code, title=title, parent=parent, sort_key=sort_key(code), **fields)
        if parent is not None:
            task.area = task.area or parent.area
        task.full_clean()
        if parent is not None:
            with editing_card(
                task_id=parent.pk, actor=actor, action="subtask_add", summary=f"세부과제 추가: {code} {title}"
            ):
                task.save()
                if partners:
                    task.partners.set(partners)
                record_initial_state(task=task, actor=actor)
        else:
            task.save()
            if partners:
                task.partners.set(partners)
            record_initial_state(task=task, actor=actor)
        return task


def task_delete(*, actor: User | None, task: Task) -> None:
    """Delete a task; its parent's roll-up is recomputed in the same transaction."""
    if task.parent_id is None:
        with transaction.atomic():
            with in_record_language():
                log_event(
                    actor=actor,
                    action="task_delete",
                    summary=f"과제 삭제: {task.code} {task.title}",
                    plan=task.plan,
                )
            task.delete()
        return
    with editing_card(
        task_id=task.parent_id,
        actor=actor,
        action="subtask_delete",
        summary=f"세부과제 삭제: {task.code} {task.title}",
    ):
        Task.objects.filter(pk=task.pk).delete()


def set_progress(*, task: Task, value: Decimal) -> None:
    if task.children.exists():
        raise ValidationError(
            {"progress": gettext("세부과제가 있는 과제의 진도율은 세부과제에서 자동 계산됩니다.")}
        )
    task.progress = value
