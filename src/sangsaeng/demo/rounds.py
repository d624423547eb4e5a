"""시연 자료: reporting rounds of 「대구·경북 한뿌리 상생협력」, so the round board is alive on first run.

- The plan was adopted on 2018. 9. 1. (goals and targets now change by 변경안).
- 2019년 2분기: closed; every update confirmed on 2019. 7. 5. with the figures the cards show. This is
  past data, entered as an import (the cards already hold those figures), not replayed as edits.
- 2019년 3분기: open, due in ten days (대구 관광과 earlier, and already overdue), with drafts, submitted
  and returned updates made through the round services, as officers and the coordinator would.
"""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from sangsaeng.accounts.models import User
from sangsaeng.plans.card_state import load_state
from sangsaeng.plans.models import Plan, Task
from sangsaeng.rounds import changes, services
from sangsaeng.rounds.models import Round, Update, UpdateState
from sangsaeng.rounds.payload import NewActivity, UpdatePayload, initial_payload

HANPPURI = "대구·경북 한뿌리 상생협력"
KST = ZoneInfo("Asia/Seoul")
CONFIRMED_AT = dt.datetime(2019, 7, 5, 10, 0, tzinfo=KST)


def load_rounds(users: dict[str, User]) -> None:
    plan = Plan.objects.get(title=HANPPURI)
    coordinator = users["demo"]
    changes.plan_adopt(actor=coordinator, plan=plan, adopted_on=dt.date(2018, 9, 1))
    _past_round(plan, coordinator)
    _current_round(plan, users)


def _past_round(plan: Plan, coordinator: User) -> None:
    rnd = services.round_open(
        actor=coordinator,
        plan=plan,
        year=2019,
        period_kind="quarter",
        period_number=2,
        due_date=dt.date(2019, 7, 10),
    )
    confirmed_at = CONFIRMED_AT
    Round.objects.filter(pk=rnd.pk).update(
        opened_at=dt.datetime(2019, 6, 20, 9, 0, tzinfo=KST),
        status=Round.Status.CLOSED,
        closed_by=coordinator,
        closed_at=confirmed_at,
    )
    for update in rnd.updates.select_related("task"):
        state = load_state(update.task_id)
        update.payload = initial_payload(state, 2019).to_json()
        update.state = UpdateState.CONFIRMED
        update.base_revision = update.confirmed_revision = state.revision
        update.submitted_at = confirmed_at - dt.timedelta(days=3)
        update.confirmed_by, update.confirmed_at = coordinator, confirmed_at
        update.version = 1
        update.save()


def _task(plan: Plan, code: str) -> Task:
    return Task.objects.get(plan=plan, code=code)


def _fill(update: Update, **fields: object) -> UpdatePayload:
    state = load_state(update.task_id)
    return initial_payload(state, update.round.year).model_copy(update=fields)


def _save(update: Update, actor: User, payload: UpdatePayload) -> Update:
    revision = load_state(update.task_id).revision
    return services.update_save(
        actor=actor, update=update, payload=payload, version=update.version, card_revision=revision
    )


def _current_round(plan: Plan, users: dict[str, User]) -> None:
    today = timezone.localdate()
    officer, daegu, coordinator = users["officer"], users["daegu"], users["demo"]
    daegu_tourism = _task(plan, "3-5").lead_department
    if daegu_tourism is None:
        raise ValueError("the demo's task 3-5 has no lead department")
    rnd = services.round_open(
        actor=coordinator,
        plan=plan,
        year=2019,
        period_kind="quarter",
        period_number=3,
        due_date=today + dt.timedelta(days=10),
        deadlines={daegu_tourism.pk: today - dt.timedelta(days=2)},
    )
    updates = {u.task.code: u for u in rnd.updates.select_related("task", "round")}

    # 경북 관광정책과: 3-2 is a draft, 3-8 was returned.
    u = updates["3-2"]
    payload = _fill(u)
    payload = payload.model_copy(
        update={
            "indicators": [payload.indicators[0].model_copy(update={"actual": Decimal(15_300)})],
            "activities": [
                NewActivity(start=dt.date(2019, 8, 14), text="관광패스 하계 할인 행사(대구·안동)")
            ],
        }
    )
    _save(u, officer, payload)
    u = updates["3-8"]
    payload = _fill(
        u,
        progress=Decimal(30),
        activities=[NewActivity(start=dt.date(2019, 3, 5), text="연계 관광코스 현장 답사")],
        next_steps=[{"text": "관광코스 시범 운영('19. 10.)", "children": []}],
    )
    u = _save(u, officer, payload)
    u = services.update_submit(actor=officer, update=u, version=u.version)
    services.update_return(
        actor=coordinator,
        update=u,
        comment="현장 답사 일자('19. 3. 5.)가 3분기 보고 기간 밖입니다. 3분기 실적으로 고쳐 주세요.",
    )

    # 대구 관광과: 3-5 submitted (after its earlier deadline), 3-1-2 still a draft.
    u = updates["3-5"]
    payload = _fill(
        u,
        progress=Decimal(60),
        activities=[
            NewActivity(
                start=dt.date(2019, 9, 20),
                text="의료관광 팸투어(중국 여행사 초청)",
                participants=24,
            )
        ],
        next_steps=[{"text": "한방·웰니스 연계 상품 판매 개시('19. 11.)", "children": []}],
    )
    payload = payload.model_copy(
        update={"indicators": [payload.indicators[0].model_copy(update={"actual": Decimal(27_400)})]}
    )
    u = _save(u, daegu, payload)
    services.update_submit(actor=daegu, update=u, version=u.version)
    _save(updates["3-1-2"], daegu, _fill(updates["3-1-2"], progress=Decimal(55)))
