"""Every change to a round or an update: atomic, audited, refusing illegal transitions in Korean.

not_started → draft (save) → submitted (submit) → confirmed (confirm, written to the card)
                                   ↘ returned (return, with a comment) → submitted …

Confirming writes the card through plans.services.editing_card, so the card's history shows
"<round> 실적 확정", roll-ups recompute, and a card changed since the draft began is a conflict.
"""

import calendar
import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from sangsaeng.accounts.models import User
from sangsaeng.audit.diff import diff, flatten
from sangsaeng.audit.models import AuditLog
from sangsaeng.audit.services import log_event
from sangsaeng.budgets.models import Bucket, BudgetEntry, BudgetKind
from sangsaeng.lib import kdate
from sangsaeng.orgs.models import Department
from sangsaeng.plans import attachments as card_attachments
from sangsaeng.plans.card_state import CardState, load_state
from sangsaeng.plans.models import Activity, Attachment, IndicatorValue, Plan, Status, Task, TaskText
from sangsaeng.plans.parts import computed_actuals_of, retire_stated_figures
from sangsaeng.plans.services import editing_card
from sangsaeng.rounds.models import (
    PeriodKind,
    Round,
    RoundDeadline,
    Update,
    UpdateAttachment,
    UpdateState,
)
from sangsaeng.rounds.payload import (
    Issue,
    UpdatePayload,
    apply_payload,
    check_payload,
    touched_paths,
)


class RoundError(Exception):
    """A refused action; `message` is Korean and shown to the user as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TransitionError(RoundError):
    """The update is not in a state that allows the action."""


class DraftConflict(RoundError):
    """Someone saved the draft since the form was opened."""

    def __init__(self, update: Update) -> None:
        who = update.saved_by.display_name if update.saved_by else _("다른 사용자")
        when = timezone.localtime(update.saved_at).strftime("%Y. %-m. %-d. %H:%M") if update.saved_at else ""
        super().__init__(
            _(
                "%(who)s님이 %(when)s에 이 보고를 먼저 저장했습니다. 아래에 입력하신 내용은 그대로 있습니다. "
                "바뀐 내용을 확인하고 다시 저장하면 입력하신 내용으로 저장됩니다."
            )
            % {"who": who, "when": when}
        )
        self.version = update.version


class SubmitRefused(RoundError):
    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(
            _("제출하지 않았습니다. 아래 %(n)d가지를 고친 뒤 다시 제출하세요.") % {"n": len(issues)}
        )
        self.issues = issues


class CardChangedConflict(RoundError):
    """The card changed, since the draft (or change request) began, in a part it would write."""

    def __init__(self, changes: list[dict[str, Any]], by: list[str], what: str) -> None:
        names = ", ".join(sorted(set(by))) or _("다른 사용자")
        super().__init__(
            _(
                "확정하지 않았습니다. %(what)s 작성한 뒤 %(names)s님이 관리카드의 같은 항목을 고쳤습니다. "
                "덮어쓰지 않도록 멈췄습니다. 아래 항목을 확인하고 반려해 최신 카드에 맞춰 "
                "다시 작성하게 하세요."
            )
            % {"what": what, "names": names}
        )
        self.changes = changes
        self.by = by


# ---------------------------------------------------------------- periods


def period_bounds(year: int, kind: str, number: int) -> tuple[dt.date, dt.date]:
    if kind == PeriodKind.QUARTER:
        first = (number - 1) * 3 + 1
        last = first + 2
    elif kind == PeriodKind.HALF:
        first, last = (1, 6) if number == 1 else (7, 12)
    else:
        first, last = 1, 12
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def period_name(year: int, kind: str, number: int) -> str:
    """The round's name as stored (data, in Korean): 2019년 2분기, 2019년 상반기."""
    if kind == PeriodKind.QUARTER:
        return f"{year}년 {number}분기"
    if kind == PeriodKind.HALF:
        return f"{year}년 {'상' if number == 1 else '하'}반기"
    return f"{year}년 연간"


def _check_period(kind: str, number: int) -> None:
    limit = {PeriodKind.QUARTER: 4, PeriodKind.HALF: 2, PeriodKind.YEAR: 1}.get(PeriodKind(kind), 1)
    if not 1 <= number <= limit:
        raise RoundError(_("차수는 1부터 %(limit)d까지입니다.") % {"limit": limit})


# ---------------------------------------------------------------- rounds


def scope_tasks(plan: Plan) -> list[Task]:
    """Tasks that report in a round: every task with a lead department, except dropped ones."""
    return list(
        Task.objects.filter(plan=plan, lead_department__isnull=False)
        .exclude(status=Status.DROPPED)
        .order_by("sort_key")
    )


def round_open(
    *,
    actor: User,
    plan: Plan,
    year: int,
    period_kind: str,
    period_number: int,
    due_date: dt.date,
    name: str = "",
    deadlines: Mapping[int, dt.date] | None = None,
    remind_days_before: int = 3,
) -> Round:
    """Open a round: one update to fill per task in scope; officers are told by the worker."""
    from sangsaeng.rounds import tasks as jobs

    _check_period(period_kind, period_number)
    if year not in plan.term_years:
        raise RoundError(
            _("계획 기간(%(start)d–%(end)d) 안의 연도를 고르세요.")
            % {"start": plan.term_start_year, "end": plan.term_end_year}
        )
    start, end = period_bounds(year, period_kind, period_number)
    if due_date < start:
        raise RoundError(
            _("제출 기한이 보고 기간 시작일(%(start)s)보다 앞섭니다.") % {"start": kdate.official(start)}
        )
    name = (name or "").strip() or period_name(year, period_kind, period_number)
    with transaction.atomic():
        if Round.objects.filter(
            plan=plan, year=year, period_kind=period_kind, period_number=period_number
        ).exists():
            raise RoundError(_("이 계획에는 이미 같은 기간의 회차(%(name)s)가 있습니다.") % {"name": name})
        tasks = scope_tasks(plan)
        if not tasks:
            raise RoundError(_("보고할 과제가 없습니다. 주관부서가 지정된 과제가 있어야 합니다."))
        departments = {t.lead_department_id for t in tasks}
        for dept_id, day in (deadlines or {}).items():
            if dept_id not in departments:
                raise RoundError(_("이 회차에 보고할 과제가 없는 부서의 기한은 정할 수 없습니다."))
            if day < start:
                raise RoundError(_("부서별 기한이 보고 기간 시작일보다 앞섭니다."))
        rnd = Round.objects.create(
            plan=plan,
            name=name,
            year=year,
            period_kind=period_kind,
            period_number=period_number,
            period_start=start,
            period_end=end,
            due_date=due_date,
            remind_days_before=remind_days_before,
            opened_by=actor,
            opened_at=timezone.now(),
        )
        RoundDeadline.objects.bulk_create(
            RoundDeadline(round=rnd, department_id=d, due_date=day)
            for d, day in (deadlines or {}).items()
            if day != due_date
        )
        Update.objects.bulk_create(
            Update(round=rnd, task=t, department_id=t.lead_department_id)
            for t in tasks
            if t.lead_department_id
        )
        log_event(
            actor=actor,
            action="round_open",
            summary=gettext_noop("실적 보고 회차 시작: %(name)s (과제 %(n)d건, 기한 %(due)s)")
            % {"name": name, "n": len(tasks), "due": kdate.official(due_date)},
            plan=plan,
        )
        # The queue row is written in this transaction: no reminder for a round that was rolled back.
        jobs.send_round_opened.enqueue(rnd.pk)
    return rnd


def round_close(*, actor: User, round: Round) -> Round:
    with transaction.atomic():
        rnd = Round.objects.select_for_update().get(pk=round.pk)
        if not rnd.is_open:
            raise TransitionError(_("이미 마감된 회차입니다."))
        rnd.status = Round.Status.CLOSED
        rnd.closed_by, rnd.closed_at = actor, timezone.now()
        rnd.save(update_fields=["status", "closed_by", "closed_at"])
        log_event(
            actor=actor,
            action="round_close",
            summary=gettext_noop("실적 보고 회차 마감: %(name)s") % {"name": rnd.name},
            plan=rnd.plan,
        )
    return rnd


def due_date_for(update: Update, deadlines: Mapping[int, dt.date]) -> dt.date:
    return deadlines.get(update.department_id, update.round.due_date)


# ---------------------------------------------------------------- updates: officer


def _locked(update: Update) -> Update:
    return (
        Update.objects.select_for_update(of=("self",))
        .select_related("round__plan", "task", "saved_by")
        .get(pk=update.pk)
    )


def _require_open(update: Update) -> None:
    if not update.round.is_open:
        raise TransitionError(_("마감된 회차입니다. 더 이상 작성하거나 제출할 수 없습니다."))


_REFUSE_EDIT = {
    UpdateState.SUBMITTED: gettext_lazy(
        "제출한 보고는 고칠 수 없습니다. 총괄 담당자가 반려하면 다시 고칠 수 있습니다."
    ),
    UpdateState.CONFIRMED: gettext_lazy("확정된 보고는 고칠 수 없습니다. 카드에 이미 반영되었습니다."),
}


def _summary(verb: str, update: Update) -> str:
    return f"{verb}: {update.task.code} {update.task.title} ({update.round.name})"[:300]


def _check_refs(update: Update, payload: UpdatePayload) -> None:
    """The payload names only this task's indicators and this plan's funding sources."""
    indicators = set(update.task.indicators.values_list("pk", flat=True))
    sources = set(update.round.plan.funding_sources.values_list("pk", flat=True))
    if any(i.indicator_id not in indicators for i in payload.indicators) or any(
        c.source_id not in sources for c in payload.budget
    ):
        raise RoundError(_("카드에 없는 지표나 재원이 들어 있습니다. 화면을 새로 고친 뒤 다시 작성하세요."))


def update_save(
    *, actor: User, update: Update, payload: UpdatePayload, version: int, card_revision: int
) -> Update:
    """Save the draft. `version` is the draft the form showed; `card_revision` the card it showed."""
    with transaction.atomic():
        u = _locked(update)
        _require_open(u)
        if u.state in _REFUSE_EDIT:
            raise TransitionError(str(_REFUSE_EDIT[UpdateState(u.state)]))
        if u.version != version:
            raise DraftConflict(u)
        current = Task.objects.values_list("revision", flat=True).get(pk=u.task_id)
        if not 0 <= card_revision <= current:
            raise RoundError(_("카드 버전이 맞지 않습니다. 화면을 새로 고친 뒤 다시 저장하세요."))
        _check_refs(u, payload)
        # The form showed the card at `card_revision` (with any changes since the draft began listed),
        # so that revision is what the saved figures now start from.
        if u.base_revision is None or card_revision > u.base_revision:
            u.base_revision = card_revision
        u.payload = payload.to_json()
        u.version += 1
        u.saved_by, u.saved_at = actor, timezone.now()
        if u.state == UpdateState.NOT_STARTED:
            u.state = UpdateState.DRAFT
        u.save(update_fields=["payload", "version", "base_revision", "saved_by", "saved_at", "state"])
        log_event(
            actor=actor,
            action="round_update_save",
            summary=_summary(gettext_noop("실적 보고 임시저장"), u),
            plan=u.round.plan,
        )
    return u


def issues_for(
    update: Update, payload: UpdatePayload | None = None, state: CardState | None = None
) -> list[Issue]:
    state = state or load_state(update.task_id)
    payload = payload or UpdatePayload.from_json(update.payload)
    rnd = update.round
    return check_payload(payload, state, year=rnd.year, period=(rnd.period_start, rnd.period_end))


def update_submit(*, actor: User, update: Update, version: int) -> Update:
    with transaction.atomic():
        u = _locked(update)
        _require_open(u)
        if u.state == UpdateState.NOT_STARTED:
            raise TransitionError(_("아직 작성하지 않은 보고입니다. 내용을 입력해 저장한 뒤 제출하세요."))
        if u.state == UpdateState.SUBMITTED:
            raise TransitionError(_("이미 제출한 보고입니다."))
        if u.state == UpdateState.CONFIRMED:
            raise TransitionError(str(_REFUSE_EDIT[UpdateState.CONFIRMED]))
        if u.version != version:
            raise DraftConflict(u)
        blocking = [i for i in issues_for(u) if i.blocking]
        if blocking:
            raise SubmitRefused(blocking)
        u.state = UpdateState.SUBMITTED
        u.submitted_by, u.submitted_at = actor, timezone.now()
        u.save(update_fields=["state", "submitted_by", "submitted_at"])
        log_event(
            actor=actor,
            action="round_update_submit",
            summary=_summary(gettext_noop("실적 보고 제출"), u),
            plan=u.round.plan,
        )
    return u


# ---------------------------------------------------------------- updates: coordinator


def update_return(*, actor: User, update: Update, comment: str) -> Update:
    from sangsaeng.rounds import tasks as jobs

    comment = (comment or "").strip()
    if not comment:
        raise RoundError(_("반려 사유를 적어 주세요. 담당자가 무엇을 고쳐야 하는지 알 수 있어야 합니다."))
    if len(comment) > 2000:
        raise RoundError(_("반려 사유는 2,000자 이하로 적어 주세요."))
    with transaction.atomic():
        u = _locked(update)
        if u.state != UpdateState.SUBMITTED:
            raise TransitionError(
                _("제출된 보고만 반려할 수 있습니다 (지금: %(state)s).") % {"state": u.get_state_display()}
            )
        _require_open(u)
        u.state = UpdateState.RETURNED
        u.returned_by, u.returned_at = actor, timezone.now()
        u.return_comment = comment
        u.return_count += 1
        u.save(update_fields=["state", "returned_by", "returned_at", "return_comment", "return_count"])
        log_event(
            actor=actor,
            action="round_update_return",
            summary=_summary(gettext_noop("실적 보고 반려"), u),
            plan=u.round.plan,
            changes=[{"path": "return_comment", "label": "반려 사유", "before": None, "after": comment}],
        )
        jobs.send_update_returned.enqueue(u.pk, u.return_count)
    return u


def card_changes_since(
    *,
    task_id: int,
    base_revision: int | None,
    current: CardState,
    proposed: CardState,
    paths: tuple[str, ...],
) -> tuple[list[dict[str, Any]], list[str]]:
    """Changes to `paths` between the card at `base_revision` and now, where the proposal differs from
    what the card now says (a change the proposal agrees with is no conflict). Also who made them."""
    if base_revision is None or base_revision == current.revision:
        return [], []
    later = AuditLog.objects.filter(task_id=task_id, revision__gt=base_revision).select_related("actor")
    by = [log.actor.display_name if log.actor else _("시스템") for log in later]
    base = AuditLog.objects.filter(task_id=task_id, revision=base_revision, state__isnull=False).first()
    if base is None or base.state is None:
        # Without the starting point nothing can be compared: refuse rather than overwrite.
        return [{"path": "*", "label": _("카드 전체"), "before": None, "after": None, "proposed": None}], by
    wanted = set(paths)
    ours = flatten(proposed.to_json())
    changes = []
    for c in diff(base.state, current.to_json()):
        if not any(c["path"] == p or c["path"].startswith(p + ".") for p in wanted):
            continue
        mine = ours.get(c["path"], ("", None))[1]
        if mine != c["after"] and not (mine in (None, "") and c["after"] in (None, "")):
            changes.append(c | {"proposed": mine})
    return changes, by


def confirm_preview(
    update: Update, state: CardState | None = None
) -> tuple[CardState, CardState, list[dict[str, Any]], list[str]]:
    """(confirmed card, card as the update would make it, conflicts, who) — what the review page shows."""
    if update.state == UpdateState.CONFIRMED and update.confirmed_revision:
        # What the confirmation did, from the card's history (the card may have moved on since).
        logs = {
            log.revision: log
            for log in AuditLog.objects.filter(
                task_id=update.task_id,
                revision__in=[update.confirmed_revision - 1, update.confirmed_revision],
                state__isnull=False,
            )
        }
        after_log = logs.get(update.confirmed_revision)
        if after_log is not None and after_log.state is not None:
            after = CardState.from_json(after_log.state)
            before_log = (
                logs.get(update.confirmed_revision - 1) if after_log.action == "round_confirm" else None
            )
            before = CardState.from_json(before_log.state) if before_log and before_log.state else after
            return before, after, [], []
    state = state or load_state(update.task_id)
    payload = UpdatePayload.from_json(update.payload) if update.payload else None
    if payload is None:
        return state, state, [], []
    proposed = apply_payload(state, payload, update.round.year, pending_attachments(update))
    conflicts, by = card_changes_since(
        task_id=update.task_id,
        base_revision=update.base_revision,
        current=state,
        proposed=proposed,
        paths=touched_paths(payload, update.round.year),
    )
    return state, proposed, conflicts, by


def pending_attachments(update: Update) -> list[Any]:
    from sangsaeng.plans.card_state import AttachmentState

    return [
        AttachmentState(id=-a.pk, name=a.original_name, kind=a.kind, size=a.size, description=a.description)
        for a in update.attachments.all()
        if a.card_attachment_id is None
    ]


def update_confirm(*, actor: User, update: Update) -> Update:
    """Write the update to the card (one audited card change, stamped with the round) and close it."""
    with transaction.atomic():
        u = _locked(update)
        if u.state != UpdateState.SUBMITTED:
            raise TransitionError(
                _("제출된 보고만 확정할 수 있습니다 (지금: %(state)s).") % {"state": u.get_state_display()}
            )
        payload = UpdatePayload.from_json(u.payload)
        rnd = u.round
        summary = gettext_noop("%(round)s 실적 확정") % {"round": rnd.name}
        with editing_card(task_id=u.task_id, actor=actor, action="round_confirm", summary=summary) as change:
            proposed = apply_payload(change.before, payload, rnd.year)
            conflicts, by = card_changes_since(
                task_id=u.task_id,
                base_revision=u.base_revision,
                current=change.before,
                proposed=proposed,
                paths=touched_paths(payload, rnd.year),
            )
            if conflicts:
                raise CardChangedConflict(conflicts, by, _("이 보고를"))
            changed = {c["path"] for c in diff(change.before.to_json(), proposed.to_json())}
            _write_payload(change.task, change.before, payload, rnd.year, changed)
            _move_attachments(u, change.task)
        revision = Task.objects.values_list("revision", flat=True).get(pk=u.task_id)
        u.state = UpdateState.CONFIRMED
        u.confirmed_by, u.confirmed_at = actor, timezone.now()
        u.confirmed_revision = revision
        u.save(update_fields=["state", "confirmed_by", "confirmed_at", "confirmed_revision"])
        log_event(
            actor=actor,
            action="round_update_confirm",
            summary=_summary(gettext_noop("실적 보고 확정"), u),
            plan=rnd.plan,
        )
    return u


def _write_payload(
    task: Task, before: CardState, payload: UpdatePayload, year: int, changed: set[str]
) -> None:
    if payload.status not in Status.values:
        raise RoundError(_("사업이행도 값이 올바르지 않습니다."))
    task.status = payload.status
    fields = ["status", "updated_at"]
    if payload.progress is not None and not before.children:
        task.progress = payload.progress
        fields.append("progress")
    task.save(update_fields=fields)
    known = {i.id for i in before.indicators}
    computed = computed_actuals_of(a.indicator_id for a in payload.indicators)
    for a in payload.indicators:
        if a.indicator_id not in known or not any(
            p.startswith(f"indicators.{a.indicator_id}.") for p in changed
        ):
            continue
        value = IndicatorValue.objects.filter(
            indicator_id=a.indicator_id, year=year
        ).first() or IndicatorValue(indicator_id=a.indicator_id, year=year)
        if a.indicator_id not in computed:
            # An actual counted from other records (events) keeps the count: a reported figure would
            # be overwritten at the next count. The officer's text and achievement are still theirs.
            value.actual = a.actual
        value.actual_text = a.actual_text
        value.achieved, value.achieved_on = a.achieved, a.achieved_on
        if (
            any(
                x not in (None, "", False)
                for x in (value.target, value.actual, value.plan_text, value.actual_text, value.achieved_on)
            )
            or value.achieved
        ):
            value.save()
        elif value.pk:
            value.delete()
        retire_stated_figures(task=task, kind="indicator", key=str(a.indicator_id))
    sources = {s.id for s in before.sources}
    budget_changed = False
    for cell in payload.budget:
        if cell.source_id not in sources:
            continue
        for kind, amount in ((BudgetKind.SECURED, cell.secured), (BudgetKind.EXECUTED, cell.executed)):
            if f"budget.{kind}.{cell.source_id}.year.{year}" not in changed:
                continue
            budget_changed = True
            cells = BudgetEntry.objects.filter(
                task=task, source_id=cell.source_id, kind=kind, bucket=Bucket.YEAR, year=year
            )
            if amount is None:
                cells.delete()
            else:
                BudgetEntry.objects.update_or_create(
                    task=task,
                    source_id=cell.source_id,
                    kind=kind,
                    bucket=Bucket.YEAR,
                    year=year,
                    defaults={"amount": amount},
                )
    if budget_changed:
        retire_stated_figures(task=task, kind="budget", key="")
    Activity.objects.bulk_create(Activity(task=task, **a.model_dump()) for a in payload.activities)
    for text_kind, tree in (("problems", payload.problems), ("next_steps", payload.next_steps)):
        if f"texts.{text_kind}" in changed:
            TaskText.objects.update_or_create(task=task, kind=text_kind, defaults={"items": tree})


def _move_attachments(update: Update, task: Task) -> None:
    """The update's files become the card's (same stored file, a new card attachment row)."""
    for ua in update.attachments.filter(card_attachment__isnull=True):
        attachment = Attachment.objects.create(
            task=task,
            token=secrets.token_urlsafe(24),
            file=ua.file.name,
            original_name=ua.original_name,
            kind=ua.kind,
            content_type=ua.content_type,
            size=ua.size,
            description=ua.description,
            uploaded_by=ua.uploaded_by,
        )
        ua.card_attachment = attachment
        ua.save(update_fields=["card_attachment"])


# ---------------------------------------------------------------- attachments of an update


def _require_editable(update: Update) -> None:
    _require_open(update)
    if update.state in _REFUSE_EDIT:
        raise TransitionError(str(_REFUSE_EDIT[UpdateState(update.state)]))


def update_attachment_add(
    *, actor: User, update: Update, upload: Any, description: str = ""
) -> UpdateAttachment:
    """Check a file exactly as card attachments are checked, and keep it with the update."""
    description = (description or "").strip()
    if len(description) > card_attachments.DESCRIPTION_MAX:
        raise RoundError(_("설명은 %(n)d자 이하로 적으세요.") % {"n": card_attachments.DESCRIPTION_MAX})
    try:
        name, file_type = card_attachments.check_upload(upload)
    except ValidationError as exc:
        raise RoundError(" ".join(exc.messages)) from exc
    stored: list[str] = []
    try:
        with transaction.atomic():
            u = _locked(update)
            _require_editable(u)
            ua = UpdateAttachment(
                update=u,
                token=secrets.token_urlsafe(24),
                original_name=name,
                kind=file_type.kind,
                content_type=file_type.content_type,
                size=upload.size,
                description=description,
                uploaded_by=actor,
            )
            ua.file.save(ua.token, upload, save=False)
            stored.append(ua.file.name or "")
            ua.save()
            log_event(
                actor=actor,
                action="round_update_attach",
                summary=_summary(gettext_noop("실적 보고 첨부파일 추가 「%(name)s」") % {"name": name}, u),
                plan=u.round.plan,
            )
    except BaseException:
        for path in filter(None, stored):
            default_storage.delete(path)
        raise
    return ua


def update_attachment_delete(*, actor: User, attachment: UpdateAttachment) -> None:
    with transaction.atomic():
        u = _locked(attachment.update)
        _require_editable(u)
        path = attachment.file.name or ""
        UpdateAttachment.objects.filter(pk=attachment.pk).delete()
        log_event(
            actor=actor,
            action="round_update_detach",
            summary=_summary(
                gettext_noop("실적 보고 첨부파일 삭제 「%(name)s」") % {"name": attachment.original_name}, u
            ),
            plan=u.round.plan,
        )
        if path:
            transaction.on_commit(lambda: default_storage.delete(path))


def department_label(dept: Department) -> str:
    return f"{dept.organization.short_name} {dept.name}"
