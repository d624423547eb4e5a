"""States move only forward through the services, and nobody's work is silently overwritten."""

from decimal import Decimal

import pytest

from sangsaeng.plans.card_state import load_state
from sangsaeng.plans.models import IndicatorValue, Task
from sangsaeng.rounds import services
from sangsaeng.rounds.models import Update, UpdateState
from sangsaeng.rounds.payload import initial_payload
from sangsaeng.rounds.tests.conftest import RoundWorld, form_data

pytestmark = pytest.mark.django_db


def draft(rw: RoundWorld, update: Update, **changes: object) -> Update:
    state = load_state(update.task_id)
    payload = initial_payload(state, 2019).model_copy(
        update={"next_steps": [{"text": "계속", "children": []}], **changes}
    )
    indicators = [
        i.model_copy(update={"actual": i.actual if i.actual is not None else Decimal(1)})
        for i in payload.indicators
    ]
    payload = payload.model_copy(update={"indicators": indicators})
    return services.update_save(
        actor=rw.w.officer,
        update=update,
        payload=payload,
        version=update.version,
        card_revision=state.revision,
    )


def submitted(rw: RoundWorld, update: Update, **changes: object) -> Update:
    update = draft(rw, update, **changes)
    return services.update_submit(actor=rw.w.officer, update=update, version=update.version)


# ---------------------------------------------------------------- illegal transitions


def test_illegal_transitions_are_refused_in_korean(rw: RoundWorld) -> None:
    update = rw.update_for(rw.open_round(), rw.w.task)
    coordinator = rw.w.coordinator
    with pytest.raises(services.TransitionError, match="아직 작성하지 않은 보고입니다"):
        services.update_submit(actor=rw.w.officer, update=update, version=0)
    with pytest.raises(services.TransitionError, match="제출된 보고만 확정할 수 있습니다 \\(지금: 미작성\\)"):
        services.update_confirm(actor=coordinator, update=update)
    update = draft(rw, update)
    with pytest.raises(
        services.TransitionError, match="제출된 보고만 반려할 수 있습니다 \\(지금: 작성 중\\)"
    ):
        services.update_return(actor=coordinator, update=update, comment="다시")
    update = services.update_submit(actor=rw.w.officer, update=update, version=update.version)
    with pytest.raises(services.TransitionError, match="이미 제출한 보고입니다"):
        services.update_submit(actor=rw.w.officer, update=update, version=update.version)
    with pytest.raises(services.TransitionError, match="제출한 보고는 고칠 수 없습니다"):
        draft(rw, update)
    services.update_confirm(actor=coordinator, update=update)
    with pytest.raises(services.TransitionError, match="제출된 보고만 확정할 수 있습니다 \\(지금: 확정\\)"):
        services.update_confirm(actor=coordinator, update=update)
    with pytest.raises(services.TransitionError, match="확정된 보고는 고칠 수 없습니다"):
        draft(rw, update)


def test_an_illegal_transition_through_the_page_answers_409_with_the_reason(rw: RoundWorld) -> None:
    update = rw.update_for(rw.open_round(), rw.w.task)
    response = rw.client(rw.w.coordinator).post(f"/rounds/updates/{update.pk}/confirm/")
    assert response.status_code == 409
    assert "제출된 보고만 확정할 수 있습니다" in response.content.decode()
    assert Update.objects.get(pk=update.pk).state == UpdateState.NOT_STARTED


def test_transitions_are_audited(rw: RoundWorld) -> None:
    from sangsaeng.audit.models import AuditLog

    update = submitted(rw, rw.update_for(rw.open_round(), rw.w.task))
    services.update_return(actor=rw.w.coordinator, update=update, comment="보완")
    actions = list(AuditLog.objects.filter(plan=rw.plan).order_by("id").values_list("action", flat=True))
    assert actions[-4:] == ["round_open", "round_update_save", "round_update_submit", "round_update_return"]


# ---------------------------------------------------------------- two people on one draft


def test_two_people_saving_one_draft_see_a_conflict_not_an_overwrite(rw: RoundWorld) -> None:
    from sangsaeng.conftest import make_user

    colleague = make_user("colleague", rw.w.gyeongbuk, rw.w.policy)
    update = rw.update_for(rw.open_round(), rw.w.task)
    a, b = rw.client(rw.w.officer), rw.client(colleague)
    form_a, form_b = form_data(a, update), form_data(b, update)  # both open the form at version 0
    field = f"ind_{rw.w.indicator.pk}_actual"
    assert (
        a.post(f"/rounds/updates/{update.pk}/", form_a | {field: "17", "action": "save"}).status_code == 302
    )
    response = b.post(
        f"/rounds/updates/{update.pk}/", form_b | {field: "20", "problems": "○ 예산 부족", "action": "save"}
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "officer님이" in body and "먼저 저장했습니다" in body
    assert 'value="20"' in body and "예산 부족" in body  # what b typed is kept
    assert "2019년 실적" in body  # and what differs from a's save is listed
    update.refresh_from_db()
    assert update.payload["indicators"][0]["actual"] == "17"
    # Having seen the conflict, b saves again: now b's values win, knowingly.
    again = {k: v for k, v in form_b.items()} | {field: "20", "version": "1", "action": "save"}
    assert b.post(f"/rounds/updates/{update.pk}/", again).status_code == 302
    update.refresh_from_db()
    assert update.payload["indicators"][0]["actual"] == "20" and update.version == 2


# ---------------------------------------------------------------- the card changed meanwhile


def edit_card_actual(rw: RoundWorld, value: int) -> None:
    """The coordinator corrects the 2019 actual directly on the card, while the update is pending."""
    client = rw.client(rw.w.coordinator)
    task = Task.objects.get(pk=rw.w.task.pk)
    form = client.get(f"/tasks/{task.pk}/parts/indicator:{rw.w.indicator.pk}/")
    assert form.status_code == 200
    data = {
        "base_revision": task.revision,
        "name": "상생협력과제 발굴",
        "kind": "numeric",
        "unit": "건",
        "aggregation": "sum",
    }
    for year, target, actual in (
        (2018, 2, 5),
        (2019, 2, value),
        (2020, 2, None),
        (2021, 2, None),
        (2022, 2, None),
    ):
        data[f"target_{year}"] = target
        if actual is not None:
            data[f"actual_{year}"] = actual
    response = client.post(f"/tasks/{task.pk}/parts/indicator:{rw.w.indicator.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_confirming_over_a_card_changed_in_the_same_part_is_a_conflict(rw: RoundWorld) -> None:
    update = rw.update_for(rw.open_round(), rw.w.task)
    officer = rw.client(rw.w.officer)
    data = form_data(officer, update) | {
        f"ind_{rw.w.indicator.pk}_actual": "18",
        "next_steps": "○ 계속",
        "action": "submit",
    }
    assert officer.post(f"/rounds/updates/{update.pk}/", data).status_code == 302
    edit_card_actual(rw, 19)
    revision = Task.objects.get(pk=rw.w.task.pk).revision
    coord = rw.client(rw.w.coordinator)
    review = coord.get(f"/rounds/updates/{update.pk}/review/").content.decode()
    assert "확정하면 다른 사람이 고친 카드 값을 덮어씁니다" in review
    response = coord.post(f"/rounds/updates/{update.pk}/confirm/")
    body = response.content.decode()
    assert response.status_code == 409
    assert "확정하지 않았습니다" in body and "coordinator님이" in body and "2019년 실적" in body
    assert IndicatorValue.objects.get(indicator=rw.w.indicator, year=2019).actual == 19
    assert Task.objects.get(pk=rw.w.task.pk).revision == revision
    assert Update.objects.get(pk=update.pk).state == UpdateState.SUBMITTED

    # Returned, the officer sees what changed; saving starts from the current card, and it confirms.
    assert (
        coord.post(f"/rounds/updates/{update.pk}/return/", {"comment": "카드 값이 바뀌었습니다."}).status_code
        == 302
    )
    page = officer.get(f"/rounds/updates/{update.pk}/").content.decode()
    assert "관리카드의 같은 항목이 바뀌었습니다" in page
    data = form_data(officer, update) | {"action": "submit"}
    assert officer.post(f"/rounds/updates/{update.pk}/", data).status_code == 302
    assert coord.post(f"/rounds/updates/{update.pk}/confirm/").status_code == 302
    assert IndicatorValue.objects.get(indicator=rw.w.indicator, year=2019).actual == 18


def test_a_change_elsewhere_on_the_card_does_not_block_confirming(rw: RoundWorld) -> None:
    update = submitted(
        rw,
        rw.update_for(rw.open_round(), rw.w.task),
        status="partial",
        problems=[{"text": "지연", "children": []}],
    )
    client = rw.client(rw.w.coordinator)
    task = Task.objects.get(pk=rw.w.task.pk)
    response = client.post(
        f"/tasks/{task.pk}/parts/text:outline/", {"base_revision": task.revision, "items": "○ 개요를 새로 씀"}
    )
    assert response.status_code == 302
    services.update_confirm(actor=rw.w.coordinator, update=update)
    task.refresh_from_db()
    assert task.status == "partial"
    assert load_state(task.pk).texts["outline"][0]["text"] == "개요를 새로 씀"


def test_a_change_the_update_agrees_with_is_no_conflict(rw: RoundWorld) -> None:
    update = rw.update_for(rw.open_round(), rw.w.task)
    update = draft(rw, update)
    payload = update.payload | {"indicators": [update.payload["indicators"][0] | {"actual": "19"}]}
    from sangsaeng.rounds.payload import UpdatePayload

    update = services.update_save(
        actor=rw.w.officer,
        update=update,
        payload=UpdatePayload.from_json(payload),
        version=update.version,
        card_revision=update.base_revision or 0,
    )
    update = services.update_submit(actor=rw.w.officer, update=update, version=update.version)
    edit_card_actual(rw, 19)
    services.update_confirm(actor=rw.w.coordinator, update=update)  # same value: nothing to protect
    assert Update.objects.get(pk=update.pk).state == UpdateState.CONFIRMED
