"""What the officer is told, in Korean, when something is missing or does not add up."""

import pytest

from sangsaeng.rounds.models import UpdateState
from sangsaeng.rounds.tests.conftest import RoundWorld, form_data

pytestmark = pytest.mark.django_db


def submit(rw: RoundWorld, user: object, update: object, **changes: str) -> tuple[int, str]:
    client = rw.client(user)  # type: ignore[arg-type]
    data = form_data(client, update) | {"action": "submit"} | changes  # type: ignore[arg-type]
    response = client.post(f"/rounds/updates/{update.pk}/", data)  # type: ignore[attr-defined]
    return response.status_code, response.content.decode()


def test_executed_above_secured_is_explained_and_not_submitted(rw: RoundWorld) -> None:
    update = rw.update_for(rw.open_round(), rw.daegu_task)
    status, body = submit(
        rw,
        rw.daegu_officer,
        update,
        **{
            f"ind_{rw.daegu_indicator.pk}_actual": "26100",
            f"b_{rw.w.sources[1].pk}_executed": "150,000",
            "next_steps": "○ 계속",
        },
    )
    assert status == 422
    assert "도비 2019년 집행액(150,000천원)이 확보액(100,000천원)보다 큽니다" in body
    assert "입력하신 내용은 임시저장했습니다" in body
    update.refresh_from_db()
    assert update.state == UpdateState.DRAFT  # kept as a draft, not submitted
    assert 'value="150,000"' in body  # what was typed is still there


def test_missing_actuals_and_next_steps_are_listed(rw: RoundWorld) -> None:
    update = rw.update_for(rw.open_round(), rw.daegu_task)
    status, body = submit(rw, rw.daegu_officer, update, next_steps="")
    assert status == 422
    assert "확인지표 「의료관광객 유치」의 2019년 실적을 입력하세요" in body
    assert "향후계획을 입력하세요" in body


def test_completed_with_progress_below_100_is_inconsistent(rw: RoundWorld) -> None:
    update = rw.update_for(rw.open_round(), rw.daegu_task)
    status, body = submit(
        rw,
        rw.daegu_officer,
        update,
        status="completed",
        progress="70",
        **{f"ind_{rw.daegu_indicator.pk}_actual": "26100"},
    )
    assert status == 422
    assert "사업이행도가 ‘완료’인데 종합 진도율이 70%입니다" in body


def test_on_hold_needs_problems_and_countermeasures(rw: RoundWorld) -> None:
    update = rw.update_for(rw.open_round(), rw.daegu_task)
    status, body = submit(
        rw,
        rw.daegu_officer,
        update,
        status="on_hold",
        next_steps="○ 재개 검토",
        **{f"ind_{rw.daegu_indicator.pk}_actual": "0"},
    )
    assert status == 422
    assert "사업이행도가 ‘보류’이면 문제점 및 대책을 적어 주세요" in body


def test_a_lower_progress_is_a_note_not_a_refusal(rw: RoundWorld) -> None:
    update = rw.update_for(rw.open_round(), rw.daegu_task)
    status, _body = submit(
        rw,
        rw.daegu_officer,
        update,
        progress="40",
        next_steps="○ 계속",
        **{f"ind_{rw.daegu_indicator.pk}_actual": "100"},
    )
    assert status == 302
    page = rw.client(rw.w.coordinator).get(f"/rounds/updates/{update.pk}/review/").content.decode()
    assert "지난 확정치 50%보다 낮습니다" in page


def test_a_bad_activity_date_is_explained_and_what_was_typed_stays(rw: RoundWorld) -> None:
    update = rw.update_for(rw.open_round(), rw.daegu_task)
    client = rw.client(rw.daegu_officer)
    data = form_data(client, update) | {
        "act_0_when": "2019. 2. 30.",
        "act_0_text": "관광설명회",
        "action": "save",
    }
    response = client.post(f"/rounds/updates/{update.pk}/", data)
    body = response.content.decode()
    assert response.status_code == 422
    assert "달력에 없는 날" in body and 'value="관광설명회"' in body
    update.refresh_from_db()
    assert update.state == UpdateState.NOT_STARTED


def test_an_activity_needs_both_date_and_text(rw: RoundWorld) -> None:
    update = rw.update_for(rw.open_round(), rw.daegu_task)
    client = rw.client(rw.daegu_officer)
    data = form_data(client, update) | {"act_1_text": "설명회", "action": "save"}
    body = client.post(f"/rounds/updates/{update.pk}/", data).content.decode()
    assert "추진실적의 일자를 적으세요" in body


def test_an_activity_outside_the_period_is_a_note(rw: RoundWorld) -> None:
    update = rw.update_for(rw.open_round(), rw.daegu_task)
    client = rw.client(rw.daegu_officer)
    data = form_data(client, update) | {"act_0_when": "2019. 1. 5.", "act_0_text": "설명회", "action": "save"}
    assert client.post(f"/rounds/updates/{update.pk}/", data).status_code == 302
    page = client.get(f"/rounds/updates/{update.pk}/").content.decode()
    assert "보고 기간(2019. 4. 1.~2019. 6. 30.) 밖입니다" in page


def test_returning_needs_a_comment(rw: RoundWorld) -> None:
    update = rw.update_for(rw.open_round(), rw.daegu_task)
    status, _ = submit(
        rw, rw.daegu_officer, update, next_steps="○ 계속", **{f"ind_{rw.daegu_indicator.pk}_actual": "1"}
    )
    assert status == 302
    response = rw.client(rw.w.coordinator).post(f"/rounds/updates/{update.pk}/return/", {"comment": " "})
    assert response.status_code == 422
    assert "반려 사유를 적어 주세요" in response.content.decode()
    update.refresh_from_db()
    assert update.state == UpdateState.SUBMITTED


def test_opening_the_same_period_twice_is_refused(rw: RoundWorld) -> None:
    rw.open_round()
    response = rw.client(rw.w.coordinator).post(
        f"/plans/{rw.plan.pk}/rounds/new/",
        {
            "year": "2019",
            "period_kind": "quarter",
            "period_number": "2",
            "due_date": "2019-07-10",
            "remind_days_before": "3",
        },
    )
    assert response.status_code == 422
    assert "이미 같은 기간의 회차(2019년 2분기)가 있습니다" in response.content.decode()


def test_a_half_year_round_and_a_bad_period_number(rw: RoundWorld) -> None:
    client = rw.client(rw.w.coordinator)
    url = f"/plans/{rw.plan.pk}/rounds/new/"
    base = {"year": "2019", "period_kind": "half", "due_date": "2019-07-15", "remind_days_before": "3"}
    response = client.post(url, base | {"period_number": "3"})
    assert response.status_code == 422 and "차수는 1부터 2까지입니다" in response.content.decode()
    assert client.post(url, base | {"period_number": "1"}).status_code == 302
    assert rw.plan.rounds.get().name == "2019년 상반기"
