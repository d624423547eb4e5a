"""The review shows exactly what confirming writes: the in-memory card equals the stored one."""

from decimal import Decimal

import pytest

from sangsaeng.plans.card import compute_card
from sangsaeng.plans.card_state import load_state
from sangsaeng.rounds import services
from sangsaeng.rounds.payload import BudgetCell, NewActivity, apply_payload, initial_payload, touched_paths
from sangsaeng.rounds.tests.conftest import RoundWorld

pytestmark = pytest.mark.django_db


def test_the_previewed_card_is_the_confirmed_card(rw: RoundWorld) -> None:
    update = rw.update_for(rw.open_round(), rw.daegu_task)
    state = load_state(rw.daegu_task.pk)
    payload = initial_payload(state, 2019)
    payload = payload.model_copy(
        update={
            "status": "partial",
            "progress": Decimal("62.5"),
            "indicators": [
                payload.indicators[0].model_copy(update={"actual": Decimal(26100), "actual_text": "의료관광"})
            ],
            "budget": [
                BudgetCell(
                    source_id=s.id,
                    secured=100_000 if s.name == "도비" else None,
                    executed=45_000 if s.name == "도비" else None,
                )
                for s in state.sources
            ],
            "activities": [NewActivity(start="2019-05-03", text="설명회", participants=40)],
            "problems": [{"text": "예산 부족", "children": [{"text": "추경 요청", "children": []}]}],
            "next_steps": [{"text": "하반기 설명회", "children": []}],
        }
    )
    preview = compute_card(apply_payload(state, payload, 2019)).to_json()
    update = services.update_save(
        actor=rw.daegu_officer, update=update, payload=payload, version=0, card_revision=state.revision
    )
    update = services.update_submit(actor=rw.daegu_officer, update=update, version=update.version)
    services.update_confirm(actor=rw.w.coordinator, update=update)
    after = load_state(rw.daegu_task.pk)
    assert compute_card(after).to_json() == preview
    assert after.texts["problems"] == payload.problems and after.texts["next_steps"] == payload.next_steps
    assert [a.text for a in after.activities] == ["설명회"]


def test_touched_paths_name_the_audit_paths_of_the_round_year() -> None:
    from sangsaeng.rounds.payload import IndicatorActual, UpdatePayload

    payload = UpdatePayload(
        status="on_track", indicators=[IndicatorActual(indicator_id=7)], budget=[BudgetCell(source_id=3)]
    )
    paths = touched_paths(payload, 2019)
    assert "indicators.7.2019.actual" in paths and "budget.executed.3.year.2019" in paths
    assert not any("target" in p for p in paths)
