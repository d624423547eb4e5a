"""변경안: once a plan is adopted (계획 확정), a task's goal, indicators and targets change only through a
change request with a reason, approved by the plan's coordinator.

The card's own edit forms stay as they are; `guard_part_change` is registered with plans.parts (see
RoundsConfig.ready) and refuses, for non-coordinators, a goal or target edit after adoption. Approval
writes through plans.services.editing_card, so the card's history keeps the original and every approved
change ("변경안 승인: …"); `target_history` reads them back for 일치도 (original vs current).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from pydantic import BaseModel, ConfigDict, Field

from sangsaeng.accounts.models import User
from sangsaeng.audit.models import AuditLog
from sangsaeng.audit.services import log_event
from sangsaeng.lib import kdate
from sangsaeng.plans.access import is_coordinator
from sangsaeng.plans.card_state import CardState, IndicatorState, IndicatorValueState, load_state
from sangsaeng.plans.models import Indicator, IndicatorValue, Plan, Task
from sangsaeng.plans.parts import retire_stated_figures
from sangsaeng.plans.services import CardChange, editing_card
from sangsaeng.rounds.models import ChangeRequest, PlanAdoption
from sangsaeng.rounds.services import CardChangedConflict, RoundError, TransitionError, card_changes_since


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class GoalChange(_Model):
    goal: str = ""
    term_indicator: str = ""


class TargetValue(_Model):
    year: int
    target: Decimal | None = None
    plan_text: str = Field(default="", max_length=300)


class IndicatorChange(_Model):
    name: str = Field(max_length=200)
    kind: str = Indicator.Kind.NUMERIC
    unit: str = Field(default="", max_length=20)
    aggregation: str = Indicator.Aggregation.SUM
    term_plan_text: str = Field(default="", max_length=300)
    values: list[TargetValue] = Field(default_factory=list)
    remove: bool = False


GOAL_FIELDS = ("goal", "term_indicator")
INDICATOR_FIELDS = ("name", "kind", "unit", "aggregation", "term_plan_text")


# ---------------------------------------------------------------- adoption


def adoption_of(plan: Plan) -> PlanAdoption | None:
    return PlanAdoption.objects.filter(plan=plan).first()


def is_adopted(plan_id: int, today: dt.date | None = None) -> bool:
    return PlanAdoption.objects.filter(
        plan_id=plan_id, adopted_on__lte=today or timezone.localdate()
    ).exists()


def plan_adopt(*, actor: User, plan: Plan, adopted_on: dt.date) -> PlanAdoption:
    """Record (or correct) the date the plan was adopted."""
    with transaction.atomic():
        adoption, _created = PlanAdoption.objects.update_or_create(
            plan=plan, defaults={"adopted_on": adopted_on, "recorded_by": actor}
        )
        log_event(
            actor=actor,
            action="plan_adopt",
            summary=gettext_noop("계획 확정일 기록: %(date)s") % {"date": kdate.official(adopted_on)},
            plan=plan,
        )
    return adoption


# ---------------------------------------------------------------- the guard on card edits


def _indicator_targets_changed(ind: IndicatorState | None, data: dict[str, Any]) -> bool:
    if ind is None:
        return True
    if any((data.get(f) or "") != (getattr(ind, f) or "") for f in INDICATOR_FIELDS):
        return True
    values = {v.year: v for v in ind.values}
    years = {int(k.rsplit("_", 1)[1]) for k in data if k.startswith("target_")} | set(values)
    for y in years:
        old = values.get(y)
        if data.get(f"target_{y}") != (old.target if old else None):
            return True
        if (data.get(f"plan_text_{y}") or "") != (old.plan_text if old else ""):
            return True
    return False


def guard_part_change(change: CardChange, kind: str, key: str, data: dict[str, Any] | None) -> str | None:
    """Refuse (with the reason) a direct edit of goal or targets by a non-coordinator after adoption."""
    if kind not in ("goal", "indicator") or change.actor is None:
        return None
    task = change.task
    if not is_adopted(task.plan_id) or is_coordinator(change.actor, task.plan):
        return None
    before = change.before
    if kind == "goal":
        if data is not None and all((data.get(f) or "") == (getattr(before, f) or "") for f in GOAL_FIELDS):
            return None
    elif data is not None and key != "new":
        ind = next((i for i in before.indicators if str(i.id) == key), None)
        if not _indicator_targets_changed(ind, data):
            return None
    return _(
        "계획이 확정된 뒤에는 목표·확인지표·계획값을 바로 고칠 수 없습니다. 실적은 그대로 입력할 수 "
        "있습니다. 목표나 계획값을 바꾸려면 변경안을 내어 총괄 담당자의 승인을 받으세요."
    )


# ---------------------------------------------------------------- change requests


def current_values(state: CardState, part: str) -> dict[str, Any]:
    kind, _sep, key = part.partition(":")
    if kind == "goal":
        return GoalChange(goal=state.goal, term_indicator=state.term_indicator).model_dump(mode="json")
    if kind == "indicator" and key != "new":
        ind = next((i for i in state.indicators if str(i.id) == key), None)
        if ind is None:
            raise RoundError(_("확인지표를 찾을 수 없습니다."))
        return IndicatorChange(
            name=ind.name,
            kind=ind.kind,
            unit=ind.unit,
            aggregation=ind.aggregation,
            term_plan_text=ind.term_plan_text,
            values=[
                TargetValue(year=v.year, target=v.target, plan_text=v.plan_text)
                for v in ind.values
                if v.target is not None or v.plan_text
            ],
        ).model_dump(mode="json")
    if part == "indicator:new":
        return {}
    raise RoundError(_("바꿀 수 있는 항목은 목표와 확인지표입니다."))


def part_label(state: CardState, part: str) -> str:
    kind, _sep, key = part.partition(":")
    # Stored with the request and written to the audit log: a record, kept in Korean.
    if kind == "goal":
        return gettext_noop("목표·이행 확인지표")
    if key == "new":
        return gettext_noop("확인지표 추가")
    ind = next((i for i in state.indicators if str(i.id) == key), None)
    return gettext_noop("확인지표 「%(name)s」") % {"name": ind.name if ind else key}


def _normal(values: dict[str, Any]) -> dict[str, Any]:
    """Compare proposals by meaning: 2 and 2.00 are the same target."""
    out = dict(values)
    if "values" in out:
        out["values"] = sorted(
            (
                {
                    "year": v["year"],
                    "target": None if v.get("target") in (None, "") else Decimal(str(v["target"])),
                    "plan_text": v.get("plan_text", ""),
                }
                for v in out["values"]
                if v.get("target") not in (None, "") or v.get("plan_text")
            ),
            key=lambda v: v["year"],
        )
    return out


def change_request_file(
    *, actor: User, task: Task, part: str, proposed: GoalChange | IndicatorChange, reason: str
) -> ChangeRequest:
    reason = (reason or "").strip()
    if not reason:
        raise RoundError(_("변경 사유를 적어 주세요."))
    with transaction.atomic():
        task = Task.objects.select_for_update().select_related("plan").get(pk=task.pk)
        state = load_state(task.pk)
        before = current_values(state, part)
        after = proposed.model_dump(mode="json")
        if part != "indicator:new" and _normal(before) == _normal(after):
            raise RoundError(_("바뀐 내용이 없습니다. 고칠 값을 입력하세요."))
        if isinstance(proposed, IndicatorChange) and part == "indicator:new" and proposed.remove:
            raise RoundError(_("새 지표는 폐지할 수 없습니다."))
        if ChangeRequest.objects.filter(task=task, part=part, state=ChangeRequest.State.PENDING).exists():
            raise RoundError(_("같은 항목의 변경안이 이미 검토 중입니다. 그 변경안이 처리된 뒤 다시 내세요."))
        label = part_label(state, part)
        cr = ChangeRequest.objects.create(
            task=task,
            part=part,
            label=label,
            before=before,
            proposed=after,
            reason=reason,
            base_revision=task.revision,
            requested_by=actor,
            requested_at=timezone.now(),
        )
        log_event(
            actor=actor,
            action="change_request_file",
            summary=gettext_noop("변경안 제출: %(code)s %(label)s") % {"code": task.code, "label": label},
            plan=task.plan,
        )
    return cr


def _locked(cr: ChangeRequest) -> ChangeRequest:
    return ChangeRequest.objects.select_for_update(of=("self",)).select_related("task__plan").get(pk=cr.pk)


def _require_pending(cr: ChangeRequest) -> None:
    if cr.state != ChangeRequest.State.PENDING:
        raise TransitionError(_("이미 처리된 변경안입니다 (%(state)s).") % {"state": cr.get_state_display()})


def _paths(cr: ChangeRequest, state: CardState) -> tuple[str, ...]:
    kind, _sep, key = cr.part.partition(":")
    if kind == "goal":
        return GOAL_FIELDS
    if key == "new":
        return ()
    years = {v["year"] for v in cr.proposed.get("values", [])} | {
        v["year"] for v in cr.before.get("values", [])
    }
    base = f"indicators.{key}"
    return (
        *(f"{base}.{f}" for f in INDICATOR_FIELDS),
        *(f"{base}.{y}.{a}" for y in years for a in ("target", "plan_text")),
    )


def _proposed_state(state: CardState, cr: ChangeRequest) -> CardState:
    kind, _sep, key = cr.part.partition(":")
    if kind == "goal":
        g = GoalChange.model_validate(cr.proposed)
        return state.model_copy(update={"goal": g.goal, "term_indicator": g.term_indicator})
    change = IndicatorChange.model_validate(cr.proposed)
    indicators = []
    for ind in state.indicators:
        if str(ind.id) != key:
            indicators.append(ind)
            continue
        if change.remove:
            continue
        targets = {v.year: v for v in change.values}
        values = [
            v.model_copy(
                update={
                    "target": targets[v.year].target if v.year in targets else None,
                    "plan_text": targets[v.year].plan_text if v.year in targets else "",
                }
            )
            for v in ind.values
        ]
        seen = {v.year for v in ind.values}
        values += [
            IndicatorValueState(year=t.year, target=t.target, plan_text=t.plan_text)
            for t in change.values
            if t.year not in seen
        ]
        indicators.append(
            ind.model_copy(
                update={f: getattr(change, f) for f in INDICATOR_FIELDS}
                | {"values": sorted(values, key=lambda v: v.year)}
            )
        )
    return state.model_copy(update={"indicators": indicators})


def change_request_approve(*, actor: User, change_request: ChangeRequest, comment: str = "") -> ChangeRequest:
    """Apply the change to the card (audited "변경안 승인: …"), unless the card changed there meanwhile."""
    with transaction.atomic():
        cr = _locked(change_request)
        _require_pending(cr)
        task = cr.task
        summary = gettext_noop("변경안 승인: %(label)s — %(reason)s") % {
            "label": cr.label,
            "reason": cr.reason[:80],
        }
        with editing_card(
            task_id=task.pk, actor=actor, action="change_request_approve", summary=summary[:300]
        ) as change:
            if cr.part != "indicator:new":
                conflicts, by = card_changes_since(
                    task_id=task.pk,
                    base_revision=cr.base_revision,
                    current=change.before,
                    proposed=_proposed_state(change.before, cr),
                    paths=_paths(cr, change.before),
                )
                if conflicts:
                    raise CardChangedConflict(conflicts, by, _("이 변경안을"))
            _apply(change.task, cr)
        cr.state = ChangeRequest.State.APPROVED
        cr.decided_by, cr.decided_at = actor, timezone.now()
        cr.decision_comment = (comment or "").strip()
        cr.applied_revision = Task.objects.values_list("revision", flat=True).get(pk=task.pk)
        cr.save(update_fields=["state", "decided_by", "decided_at", "decision_comment", "applied_revision"])
        log_event(
            actor=actor,
            action="change_request_approve",
            summary=f"{task.code} {summary}"[:300],
            plan=task.plan,
        )
    return cr


def _apply(task: Task, cr: ChangeRequest) -> None:
    kind, _sep, key = cr.part.partition(":")
    if kind == "goal":
        g = GoalChange.model_validate(cr.proposed)
        Task.objects.filter(pk=task.pk).update(goal=g.goal, term_indicator=g.term_indicator)
        return
    change = IndicatorChange.model_validate(cr.proposed)
    if key == "new":
        indicator = Indicator.objects.create(
            task=task, order=task.indicators.count(), **{f: getattr(change, f) for f in INDICATOR_FIELDS}
        )
    else:
        found = Indicator.objects.filter(pk=int(key), task=task).first()
        if found is None:
            raise RoundError(_("변경하려는 확인지표가 카드에서 삭제되었습니다. 변경안을 반려하세요."))
        indicator = found
        if change.remove:
            indicator.delete()
            return
        for f in INDICATOR_FIELDS:
            setattr(indicator, f, getattr(change, f))
        indicator.save()
    targets = {v.year: v for v in change.values}
    for value in indicator.values.all():
        t = targets.pop(value.year, None)
        value.target, value.plan_text = (t.target, t.plan_text) if t else (None, "")
        if (
            any(
                x not in (None, "", False)
                for x in (value.target, value.actual, value.plan_text, value.actual_text, value.achieved_on)
            )
            or value.achieved
        ):
            value.save(update_fields=["target", "plan_text"])
        else:
            value.delete()
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=indicator, year=t.year, target=t.target, plan_text=t.plan_text)
        for t in targets.values()
    )
    retire_stated_figures(task=task, kind="indicator", key=str(indicator.pk))


def change_request_reject(*, actor: User, change_request: ChangeRequest, comment: str) -> ChangeRequest:
    comment = (comment or "").strip()
    if not comment:
        raise RoundError(_("반려 사유를 적어 주세요."))
    with transaction.atomic():
        cr = _locked(change_request)
        _require_pending(cr)
        cr.state = ChangeRequest.State.REJECTED
        cr.decided_by, cr.decided_at, cr.decision_comment = actor, timezone.now(), comment
        cr.save(update_fields=["state", "decided_by", "decided_at", "decision_comment"])
        log_event(
            actor=actor,
            action="change_request_reject",
            summary=gettext_noop("변경안 반려: %(code)s %(label)s")
            % {"code": cr.task.code, "label": cr.label},
            plan=cr.task.plan,
        )
    return cr


def change_request_withdraw(*, actor: User, change_request: ChangeRequest) -> ChangeRequest:
    with transaction.atomic():
        cr = _locked(change_request)
        _require_pending(cr)
        cr.state = ChangeRequest.State.WITHDRAWN
        cr.decided_by, cr.decided_at = actor, timezone.now()
        cr.save(update_fields=["state", "decided_by", "decided_at"])
        log_event(
            actor=actor,
            action="change_request_withdraw",
            summary=gettext_noop("변경안 철회: %(code)s %(label)s")
            % {"code": cr.task.code, "label": cr.label},
            plan=cr.task.plan,
        )
    return cr


# ---------------------------------------------------------------- history for 일치도


@dataclass(frozen=True)
class TargetVersion:
    label: str
    at: dt.datetime | None
    goal: str
    term_indicator: str
    indicators: list[IndicatorState]


def target_history(task: Task) -> list[TargetVersion]:
    """The goal and targets as adopted, then after each approved change request (oldest first)."""
    adoption = adoption_of(task.plan)
    versions: list[TargetVersion] = []
    approved = list(
        ChangeRequest.objects.filter(
            task=task, state=ChangeRequest.State.APPROVED, applied_revision__isnull=False
        ).order_by("decided_at")
    )
    if adoption is not None:
        end = timezone.make_aware(
            dt.datetime.combine(adoption.adopted_on + dt.timedelta(days=1), dt.time.min)
        )
        states = AuditLog.objects.filter(task=task, state__isnull=False).order_by("-at", "-id")
        log = states.filter(at__lt=end).first()
        if log is None and approved:
            # The card's records start after adoption (an imported plan): the original is the card as
            # it stood right before the first approved change.
            log = states.filter(revision__lt=approved[0].applied_revision).first()
        if log is not None and log.state is not None:
            s = CardState.from_json(log.state)
            versions.append(TargetVersion(_("확정 당시"), None, s.goal, s.term_indicator, s.indicators))
    logs = {
        log.revision: log
        for log in AuditLog.objects.filter(
            task=task, revision__in=[c.applied_revision for c in approved], state__isnull=False
        )
    }
    for cr in approved:
        log = logs.get(cr.applied_revision)
        if log is not None and log.state is not None:
            s = CardState.from_json(log.state)
            versions.append(TargetVersion(cr.label, cr.decided_at, s.goal, s.term_indicator, s.indicators))
    return versions
