"""변경안: after adoption, goals and targets change only by an approved change request, and the history
keeps the original and every approved change."""

import datetime as dt
from decimal import Decimal

import pytest

from sangsaeng.audit.models import AuditLog
from sangsaeng.plans.models import Indicator, IndicatorValue, Task
from sangsaeng.rounds import changes, services
from sangsaeng.rounds.models import ChangeRequest
from sangsaeng.rounds.tests.conftest import RoundWorld

pytestmark = pytest.mark.django_db


def adopt(rw: RoundWorld, day: dt.date = dt.date(2018, 9, 1)) -> None:
    response = rw.client(rw.w.coordinator).post(
        f"/plans/{rw.plan.pk}/adoption/", {"adopted_on": day.isoformat()}
    )
    assert response.status_code == 302


def indicator_post(rw: RoundWorld, *, target_2020: int, actual_2019: int) -> dict[str, object]:
    task = Task.objects.get(pk=rw.w.task.pk)
    data: dict[str, object] = {
        "base_revision": task.revision,
        "name": "상생협력과제 발굴",
        "kind": "numeric",
        "unit": "건",
        "aggregation": "sum",
    }
    for year, target, actual in (
        (2018, 2, 5),
        (2019, 2, actual_2019),
        (2020, target_2020, None),
        (2021, 2, None),
        (2022, 2, None),
    ):
        data[f"target_{year}"] = target
        if actual is not None:
            data[f"actual_{year}"] = actual
    return data


def test_before_adoption_the_card_is_edited_directly(rw: RoundWorld) -> None:
    response = rw.client(rw.w.officer).post(
        f"/tasks/{rw.w.task.pk}/parts/goal/", {"base_revision": rw.w.task.revision, "goal": "새 목표"}
    )
    assert response.status_code == 302
    assert Task.objects.get(pk=rw.w.task.pk).goal == "새 목표"


def test_after_adoption_an_officer_cannot_change_goal_or_targets_on_the_card(rw: RoundWorld) -> None:
    adopt(rw)
    client = rw.client(rw.w.officer)
    task = Task.objects.get(pk=rw.w.task.pk)
    response = client.post(
        f"/tasks/{task.pk}/parts/goal/", {"base_revision": task.revision, "goal": "새 목표"}
    )
    assert response.status_code == 422
    assert "계획이 확정된 뒤에는 목표·확인지표·계획값을 바로 고칠 수 없습니다" in response.content.decode()
    url = f"/tasks/{task.pk}/parts/indicator:{rw.w.indicator.pk}/"
    response = client.post(url, indicator_post(rw, target_2020=5, actual_2019=16))
    assert response.status_code == 422
    assert IndicatorValue.objects.get(indicator=rw.w.indicator, year=2020).target == 2
    # Actuals are not targets: they are still entered directly.
    assert client.post(url, indicator_post(rw, target_2020=2, actual_2019=17)).status_code == 302
    assert IndicatorValue.objects.get(indicator=rw.w.indicator, year=2019).actual == 17
    # Nor can an indicator be added or deleted directly.
    new = client.post(
        f"/tasks/{task.pk}/parts/indicator:new/",
        {"base_revision": 0, "name": "새 지표", "kind": "numeric", "aggregation": "sum"},
    )
    assert new.status_code == 422
    task.refresh_from_db()
    deleted = client.post(f"{url}delete/", {"base_revision": task.revision})
    assert deleted.status_code == 302 and Indicator.objects.filter(pk=rw.w.indicator.pk).exists()
    # The coordinator still may.
    coord = rw.client(rw.w.coordinator)
    task.refresh_from_db()
    assert (
        coord.post(
            f"/tasks/{task.pk}/parts/goal/", {"base_revision": task.revision, "goal": "총괄 수정"}
        ).status_code
        == 302
    )


def test_a_change_request_is_filed_approved_and_kept_in_history(rw: RoundWorld) -> None:
    adopt(rw)
    officer, coord = rw.client(rw.w.officer), rw.client(rw.w.coordinator)
    part = f"indicator:{rw.w.indicator.pk}"
    page = officer.get(f"/tasks/{rw.w.task.pk}/changes/new/?part={part}")
    assert page.status_code == 200 and 'value="상생협력과제 발굴"' in page.content.decode()
    data = {
        "part": part,
        "name": "상생협력과제 발굴",
        "kind": "numeric",
        "unit": "건",
        "aggregation": "sum",
        "term_plan_text": "상생협력과제 발굴(14건)",
        "target_2018": "2",
        "target_2019": "2",
        "target_2020": "4",
        "target_2021": "3",
        "target_2022": "3",
    }
    refused = officer.post(f"/tasks/{rw.w.task.pk}/changes/new/", data)
    assert refused.status_code == 422 and "변경 사유를 적어 주세요" in refused.content.decode()
    response = officer.post(
        f"/tasks/{rw.w.task.pk}/changes/new/", data | {"reason": "2019년 실적 초과로 목표 상향"}
    )
    assert response.status_code == 302
    cr = ChangeRequest.objects.get()
    assert cr.state == ChangeRequest.State.PENDING and cr.label == "확인지표 「상생협력과제 발굴」"
    detail = coord.get(f"/rounds/changes/{cr.pk}/").content.decode()
    assert "2019년 실적 초과로 목표 상향" in detail and "<ins>4</ins>" in detail
    assert coord.post(f"/rounds/changes/{cr.pk}/approve/", {"comment": "승인합니다"}).status_code == 302
    cr.refresh_from_db()
    assert cr.state == ChangeRequest.State.APPROVED and cr.applied_revision
    assert IndicatorValue.objects.get(indicator=rw.w.indicator, year=2020).target == 4
    assert IndicatorValue.objects.get(indicator=rw.w.indicator, year=2019).actual == 16  # actuals untouched
    log = AuditLog.objects.get(task=rw.w.task, revision=cr.applied_revision)
    assert log.summary.startswith("변경안 승인: 확인지표 「상생협력과제 발굴」")
    history = changes.target_history(Task.objects.get(pk=rw.w.task.pk))
    assert [v.label for v in history] == ["확정 당시", "확인지표 「상생협력과제 발굴」"]
    original = next(v for v in history[0].indicators[0].values if v.year == 2020)
    current = next(v for v in history[1].indicators[0].values if v.year == 2020)
    assert (original.target, current.target) == (Decimal(2), Decimal(4))
    page = officer.get(f"/tasks/{rw.w.task.pk}/changes/").content.decode()
    assert "확정 당시" in page and "승인" in page


def test_a_goal_change_request_and_its_rejection(rw: RoundWorld) -> None:
    adopt(rw)
    officer, coord = rw.client(rw.w.officer), rw.client(rw.w.coordinator)
    data = {"part": "goal", "goal": "대구경북 통합", "term_indicator": "", "reason": "시·도 통합 논의"}
    assert officer.post(f"/tasks/{rw.w.task.pk}/changes/new/", data).status_code == 302
    cr = ChangeRequest.objects.get()
    response = coord.post(f"/rounds/changes/{cr.pk}/reject/", {"comment": ""})
    assert response.status_code == 422 and "반려 사유를 적어 주세요" in response.content.decode()
    assert (
        coord.post(f"/rounds/changes/{cr.pk}/reject/", {"comment": "위원회 의결 후 다시"}).status_code == 302
    )
    cr.refresh_from_db()
    assert cr.state == ChangeRequest.State.REJECTED
    assert Task.objects.get(pk=rw.w.task.pk).goal == ""
    with pytest.raises(services.TransitionError, match="이미 처리된 변경안입니다"):
        changes.change_request_approve(actor=rw.w.coordinator, change_request=cr)


def test_an_unchanged_or_duplicate_request_is_refused(rw: RoundWorld) -> None:
    adopt(rw)
    same = changes.GoalChange(goal="", term_indicator="")
    with pytest.raises(services.RoundError, match="바뀐 내용이 없습니다"):
        changes.change_request_file(
            actor=rw.w.officer, task=rw.w.task, part="goal", proposed=same, reason="x"
        )
    new = changes.GoalChange(goal="새", term_indicator="")
    changes.change_request_file(actor=rw.w.officer, task=rw.w.task, part="goal", proposed=new, reason="x")
    with pytest.raises(services.RoundError, match="같은 항목의 변경안이 이미 검토 중입니다"):
        changes.change_request_file(actor=rw.w.officer, task=rw.w.task, part="goal", proposed=new, reason="x")


def test_approving_over_a_goal_changed_since_is_a_conflict(rw: RoundWorld) -> None:
    adopt(rw)
    cr = changes.change_request_file(
        actor=rw.w.officer, task=rw.w.task, part="goal", proposed=changes.GoalChange(goal="안 A"), reason="x"
    )
    coord = rw.client(rw.w.coordinator)
    task = Task.objects.get(pk=rw.w.task.pk)
    assert (
        coord.post(
            f"/tasks/{task.pk}/parts/goal/", {"base_revision": task.revision, "goal": "안 B"}
        ).status_code
        == 302
    )
    response = coord.post(f"/rounds/changes/{cr.pk}/approve/")
    assert response.status_code == 409 and "확정하지 않았습니다" in response.content.decode()
    assert Task.objects.get(pk=task.pk).goal == "안 B"


def test_adding_an_indicator_by_change_request(rw: RoundWorld) -> None:
    adopt(rw)
    data = {
        "part": "indicator:new",
        "name": "공동 홍보",
        "kind": "numeric",
        "unit": "회",
        "aggregation": "sum",
        "target_2020": "3",
        "reason": "홍보 강화",
    }
    assert rw.client(rw.w.officer).post(f"/tasks/{rw.w.task.pk}/changes/new/", data).status_code == 302
    cr = ChangeRequest.objects.get()
    changes.change_request_approve(actor=rw.w.coordinator, change_request=cr)
    ind = Indicator.objects.get(task=rw.w.task, name="공동 홍보")
    assert ind.values.get(year=2020).target == 3


def test_the_requester_may_withdraw(rw: RoundWorld) -> None:
    adopt(rw)
    cr = changes.change_request_file(
        actor=rw.w.officer, task=rw.w.task, part="goal", proposed=changes.GoalChange(goal="안"), reason="x"
    )
    from sangsaeng.conftest import make_user

    colleague = make_user("colleague", rw.w.gyeongbuk, rw.w.policy)
    assert rw.client(colleague).post(f"/rounds/changes/{cr.pk}/withdraw/").status_code == 403
    assert rw.client(rw.w.officer).post(f"/rounds/changes/{cr.pk}/withdraw/").status_code == 302
    cr.refresh_from_db()
    assert cr.state == ChangeRequest.State.WITHDRAWN
