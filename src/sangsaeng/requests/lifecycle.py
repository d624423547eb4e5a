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
