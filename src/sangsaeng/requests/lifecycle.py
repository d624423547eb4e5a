"""The life cycle of a request: which state may follow which, with the refusal worded for the user.

접수 → 배정 → 검토 → (의제화 ↔ 처리중) → 회신 → 종결. A request received may also be closed at
screening (a duplicate or a citizen's proposal that is not one), with a reason.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from sangsaeng.requests.models import State

NEXT: dict[str, frozenset[str]] = {
    State.RECEIVED: frozenset({State.ASSIGNED, State.CLOSED}),
    State.ASSIGNED: frozenset({State.ASSIGNED, State.REVIEWING}),
    State.REVIEWING: frozenset({State.ASSIGNED, State.ON_AGENDA, State.IN_PROGRESS, State.ANSWERED}),
    State.ON_AGENDA: frozenset({State.IN_PROGRESS, State.ANSWERED}),
    State.IN_PROGRESS: frozenset({State.ON_AGENDA, State.ANSWERED}),
    State.ANSWERED: frozenset({State.CLOSED}),
    State.CLOSED: frozenset(),
}


def label(state: str) -> str:
    return str(State(state).label)


def allowed(current: str, target: str) -> bool:
    return target in NEXT.get(current, frozenset())


def check(current: str, target: str) -> None:
    """Refuse a move the life cycle does not allow, saying what may come next."""
    if allowed(current, target):
        return
    if current == State.CLOSED:
        raise ValidationError(gettext("종결된 건의사항은 더 처리할 수 없습니다."))
    options = sorted(NEXT.get(current, frozenset()) - {current}, key=list(State.values).index)
    nexts = ", ".join(label(s) for s in options)
    raise ValidationError(
        gettext("%(current)s 상태에서는 %(target)s(으)로 넘길 수 없습니다. 다음 단계: %(next)s")
        % {"current": label(current), "target": label(target), "next": nexts or "-"}
    )


# 과제화 follows a review: from 검토 on, or after an answer (also once closed); not while the request is
# only received or assigned, nor when it was closed at screening without an answer.
TASK_STATES = frozenset({State.REVIEWING, State.ON_AGENDA, State.IN_PROGRESS, State.ANSWERED})


def may_make_task(state: str, *, answered: bool) -> bool:
    return state in TASK_STATES or (state == State.CLOSED and answered)


def check_make_task(state: str, *, answered: bool) -> None:
    """Refuse 과제화 before the handling department has begun its review."""
    if may_make_task(state, answered=answered):
        return
    if state == State.CLOSED:
        raise ValidationError(gettext("회신 없이 종결된 건의사항은 과제로 만들 수 없습니다."))
    raise ValidationError(
        gettext(
            "과제화는 처리 부서에 배정되어 검토를 시작한 건의사항만 할 수 있습니다(지금 상태: %(current)s). "
            "먼저 배정하고 검토를 시작하세요."
        )
        % {"current": label(state)}
    )
