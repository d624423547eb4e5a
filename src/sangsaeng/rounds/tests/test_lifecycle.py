"""A round from opening to the confirmed card, through the pages, as the people involved use them."""

import datetime as dt
from decimal import Decimal

import pytest

from sangsaeng.audit.models import AuditLog
from sangsaeng.budgets.models import BudgetEntry
from sangsaeng.plans.card import compute_card
from sangsaeng.plans.card_state import load_state
from sangsaeng.plans.models import Activity, Task
from sangsaeng.rounds.models import Round, RoundDeadline, Update, UpdateState
from sangsaeng.rounds.selectors import confirmation_for
from sangsaeng.rounds.tests.conftest import RoundWorld, form_data

pytestmark = pytest.mark.django_db


def test_opening_a_round_gives_every_task_in_scope_an_update(rw: RoundWorld) -> None:
    Task.objects.filter(pk=rw.w.task.pk).update()  # the world's 10-4 and the 대구 3-5
    rnd = rw.open_round(**{f"deadline_{rw.daegu_dept.pk}": "2019-07-05"})
    assert rnd.name == "2019년 2분기"
    assert (rnd.period_start, rnd.period_end) == (dt.date(2019, 4, 1), dt.date(2019, 6, 30))
    assert set(rnd.updates.values_list("task__code", "state")) == {
        ("10-4", UpdateState.NOT_STARTED),
        ("3-5", UpdateState.NOT_STARTED),
    }
    assert RoundDeadline.objects.get(round=rnd).due_date == dt.date(2019, 7, 5)
    assert AuditLog.objects.filter(action="round_open", plan=rw.plan).exists()


def test_the_update_starts_from_the_last_confirmed_figures(rw: RoundWorld) -> None:
    rnd = rw.open_round()
    update = rw.update_for(rnd, rw.w.task)
    page = rw.client(rw.w.officer).get(f"/rounds/updates/{update.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    # 2019 actual of 상생협력과제 발굴 is 16 on the card; 도비 secured 100,000천원.
    assert 'value="16"' in body and 'value="100,000"' in body
    data = form_data(rw.client(rw.w.officer), update)
    assert data[f"ind_{rw.w.indicator.pk}_actual"] == 16


def test_the_whole_round_through_the_pages(rw: RoundWorld) -> None:
    rnd = rw.open_round()
    officer, daegu, coord = rw.client(rw.w.officer), rw.client(rw.daegu_officer), rw.client(rw.w.coordinator)
    ours, theirs = rw.update_for(rnd, rw.w.task), rw.update_for(rnd, rw.daegu_task)

    # 경북: saves a draft, then submits.
    data = form_data(officer, ours) | {
        f"ind_{rw.w.indicator.pk}_actual": "18",
        f"b_{rw.w.sources[1].pk}_executed": "40,000",
        "act_0_when": "2019. 5. 28.",
        "act_0_text": "상생슬로건 공모·선정",
        "next_steps": "○ 하반기 상생위원회 개최",
        "action": "save",
    }
    assert officer.post(f"/rounds/updates/{ours.pk}/", data).status_code == 302
    ours.refresh_from_db()
    assert ours.state == UpdateState.DRAFT and ours.version == 1 and ours.base_revision is not None
    data = form_data(officer, ours) | {"action": "submit"}
    response = officer.post(f"/rounds/updates/{ours.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    ours.refresh_from_db()
    assert ours.state == UpdateState.SUBMITTED

    # 대구: fills and submits in one go.
    data = form_data(daegu, theirs) | {
        "progress": "60",
        f"ind_{rw.daegu_indicator.pk}_actual": "26100",
        f"b_{rw.w.sources[1].pk}_executed": "50,000",
        "next_steps": "○ 의료관광 상품 홍보",
        "action": "submit",
    }
    assert daegu.post(f"/rounds/updates/{theirs.pk}/", data).status_code == 302
    theirs.refresh_from_db()
    assert theirs.state == UpdateState.SUBMITTED

    # The coordinator sees both on the board, reviews 3-5 side by side and returns it.
    board = coord.get(f"/rounds/{rnd.pk}/").content.decode()
    assert board.count("검토") >= 2 and "대구 관광과" in board
    review = coord.get(f"/rounds/updates/{theirs.pk}/review/").content.decode()
    assert "변경" in review and "26,100명" in review and "104.4%" in review
    response = coord.post(f"/rounds/updates/{theirs.pk}/return/", {"comment": "집행액 증빙을 붙여 주세요."})
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.state == UpdateState.RETURNED and theirs.return_count == 1

    # 대구 sees why, fixes and resubmits; the coordinator confirms both.
    page = daegu.get(f"/rounds/updates/{theirs.pk}/").content.decode()
    assert "집행액 증빙을 붙여 주세요." in page
    data = form_data(daegu, theirs) | {f"b_{rw.w.sources[1].pk}_executed": "45,000", "action": "submit"}
    assert daegu.post(f"/rounds/updates/{theirs.pk}/", data).status_code == 302
    for update in (theirs, ours):
        response = coord.post(f"/rounds/updates/{update.pk}/confirm/")
        assert response.status_code == 302, response.content.decode()[:3000]
        update.refresh_from_db()
        assert update.state == UpdateState.CONFIRMED and update.confirmed_revision

    # The card shows the new figures, stamped with the round.
    card = compute_card(load_state(rw.daegu_task.pk))
    assert card.progress == Decimal(60)
    cell = next(c for c in card.indicators[0].years if c.year == 2019)
    assert cell.actual == 26100 and cell.rate.headline == "104.4%"
    assert BudgetEntry.objects.get(task=rw.daegu_task, kind="executed", year=2019).amount == 45_000
    assert Activity.objects.filter(task=rw.w.task, text="상생슬로건 공모·선정").exists()
    log = AuditLog.objects.filter(task=rw.w.task).order_by("-id").first()
    assert log is not None and log.summary == "2019년 2분기 실적 확정" and log.action == "round_confirm"
    stamp = confirmation_for(rw.w.task.pk)
    assert stamp is not None and stamp.label.startswith("확정: ") and stamp.label.endswith("(2019년 2분기)")
    history = coord.get(f"/tasks/{rw.w.task.pk}/history/").content.decode()
    assert "2019년 2분기 실적 확정" in history


def test_a_sub_task_confirmation_rolls_up_to_its_parent(rw: RoundWorld) -> None:
    from sangsaeng.conftest import make_task

    child = make_task(rw.plan, "10-4-1", parent=rw.w.task, lead=rw.w.policy, progress=Decimal(20))
    make_task(rw.plan, "10-4-2", parent=rw.w.task, lead=rw.w.policy, progress=Decimal(40))
    rnd = rw.open_round()
    update = rw.update_for(rnd, child)
    officer = rw.client(rw.w.officer)
    data = form_data(officer, update) | {"progress": "80", "next_steps": "○ 계속", "action": "submit"}
    assert officer.post(f"/rounds/updates/{update.pk}/", data).status_code == 302
    assert rw.client(rw.w.coordinator).post(f"/rounds/updates/{update.pk}/confirm/").status_code == 302
    assert Task.objects.get(pk=rw.w.task.pk).progress == Decimal(60)  # (80 + 40) / 2


def test_a_parent_tasks_progress_is_not_typed(rw: RoundWorld) -> None:
    from sangsaeng.conftest import make_task

    make_task(rw.plan, "10-4-1", parent=rw.w.task, lead=rw.w.policy, progress=Decimal(20))
    rnd = rw.open_round()
    update = rw.update_for(rnd, rw.w.task)
    page = rw.client(rw.w.officer).get(f"/rounds/updates/{update.pk}/").content.decode()
    assert "세부과제에서 자동 계산됩니다" in page


def test_closing_a_round_stops_submissions(rw: RoundWorld) -> None:
    rnd = rw.open_round()
    update = rw.update_for(rnd, rw.w.task)
    assert rw.client(rw.w.coordinator).post(f"/rounds/{rnd.pk}/close/").status_code == 302
    assert Round.objects.get(pk=rnd.pk).status == Round.Status.CLOSED
    officer = rw.client(rw.w.officer)
    response = officer.post(f"/rounds/updates/{update.pk}/", form_data(officer, update) | {"action": "save"})
    assert response.status_code == 409
    assert "마감된 회차입니다" in response.content.decode()
    assert Update.objects.get(pk=update.pk).state == UpdateState.NOT_STARTED


def test_confirming_keeps_an_actual_counted_from_events(rw: RoundWorld) -> None:
    from sangsaeng.events.models import IndicatorFeed
    from sangsaeng.plans.models import IndicatorValue

    IndicatorFeed.objects.create(indicator=rw.w.indicator, measure=IndicatorFeed.Measure.values[0])
    counted = IndicatorValue.objects.get(indicator=rw.w.indicator, year=2019).actual
    rnd = rw.open_round()
    ours = rw.update_for(rnd, rw.w.task)
    officer, coord = rw.client(rw.w.officer), rw.client(rw.w.coordinator)
    form = officer.get(f"/rounds/updates/{ours.pk}/").content.decode()
    assert f'name="ind_{rw.w.indicator.pk}_actual"' in form and "교류행사에서 자동 집계" in form
    assert form.count(" disabled") >= 1  # shown, not typed
    data = form_data(officer, ours) | {
        f"ind_{rw.w.indicator.pk}_actual": "99",
        f"ind_{rw.w.indicator.pk}_actual_text": "상호방문 4회",
        "next_steps": "○ 하반기 상호방문",
        "action": "submit",
    }
    assert officer.post(f"/rounds/updates/{ours.pk}/", data).status_code == 302
    assert coord.post(f"/rounds/updates/{ours.pk}/confirm/").status_code == 302
    ours.refresh_from_db()
    assert ours.state == UpdateState.CONFIRMED
    value = IndicatorValue.objects.get(indicator=rw.w.indicator, year=2019)
    # The count stays; what the officer wrote beside it is confirmed.
    assert value.actual == counted and value.actual_text == "상호방문 4회"
