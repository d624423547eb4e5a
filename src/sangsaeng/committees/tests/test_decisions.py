"""Applying a decision changes the plan once, through the plan's services, with a history link back."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sangsaeng.audit.models import AuditLog
from sangsaeng.committees.decisions import decision_apply, decision_save, summary_line
from sangsaeng.committees.models import Decision
from sangsaeng.committees.tests.factory import make_committee, make_meeting, setup
from sangsaeng.conftest import World
from sangsaeng.plans.models import Status, Task


@pytest.mark.django_db
def test_dropping_a_task_sets_it_to_dropped_once_and_its_history_links_the_decision(world: World) -> None:
    s = setup(world)
    assert decision_apply(actor=world.coordinator, decision=s.decision) is True
    world.task.refresh_from_db()
    assert world.task.status == Status.DROPPED
    rows = AuditLog.objects.filter(task=world.task, action="decision")
    assert [r.summary for r in rows] == ["2019. 3. 28. 한뿌리상생위원회 의결: 제외"]
    revision = world.task.revision

    assert decision_apply(actor=world.coordinator, decision=s.decision) is False  # idempotent
    world.task.refresh_from_db()
    assert world.task.revision == revision and rows.count() == 1

    history = world.client_for(world.coordinator).get(reverse("plans:history", args=[world.task.pk]))
    body = history.content.decode()
    assert "2019. 3. 28. 한뿌리상생위원회 의결: 제외" in body
    assert reverse("committees:decision", args=[s.decision.pk]) in body


@pytest.mark.django_db
def test_adopting_creates_the_task_in_the_plan_with_the_decision_as_its_first_history(world: World) -> None:
    meeting = make_meeting(world, make_committee(world, "전체위원회"))
    decision = decision_save(
        actor=world.coordinator,
        meeting=meeting,
        values={
            "kind": Decision.Kind.ADOPT_TASK,
            "code": "10-5",
            "title": "낙동강 수계 수질 공동 관리",
            "area": world.area,
            "lead_department": world.policy,
        },
    )
    decision_apply(actor=world.coordinator, decision=decision)
    decision.refresh_from_db()
    task = Task.objects.get(plan=world.plan, code="10-5")
    assert decision.task == task and task.lead_department == world.policy and task.area == world.area
    first = AuditLog.objects.filter(task=task).order_by("id").first()
    assert first is not None and first.summary == "2019. 3. 28. 전체위원회 의결: 신규 채택"
    assert decision.audit_log == first and first.state is not None
    assert decision_apply(actor=world.coordinator, decision=decision) is False
    assert Task.objects.filter(plan=world.plan, code="10-5").count() == 1


@pytest.mark.django_db
def test_changing_a_task_sets_only_what_the_decision_names(world: World) -> None:
    meeting = make_meeting(world, make_committee(world))
    decision = decision_save(
        actor=world.coordinator,
        meeting=meeting,
        values={"kind": Decision.Kind.CHANGE_TASK, "task": world.task, "status": Status.ON_HOLD, "title": ""},
    )
    decision_apply(actor=world.coordinator, decision=decision)
    world.task.refresh_from_db()
    assert (world.task.status, world.task.title) == (Status.ON_HOLD, "과제 10-4")
    log = AuditLog.objects.get(task=world.task, action="decision")
    assert [c["path"] for c in log.changes] == ["status"]


@pytest.mark.django_db
def test_a_decision_without_what_it_needs_is_refused_in_korean(world: World) -> None:
    meeting = make_meeting(world, make_committee(world))
    with pytest.raises(ValidationError) as drop:
        decision_save(
            actor=world.coordinator, meeting=meeting, values={"kind": "drop_task", "task": world.task}
        )
    assert "제외 사유를 적으세요." in drop.value.message_dict["reason"]
    with pytest.raises(ValidationError) as adopt:
        decision_save(
            actor=world.coordinator,
            meeting=meeting,
            values={"kind": "adopt_task", "code": "10-4", "title": "x"},
        )
    assert "이미 있습니다" in adopt.value.message_dict["code"][0]


@pytest.mark.django_db
def test_an_applied_decision_cannot_be_changed_or_deleted(world: World) -> None:
    s = setup(world)
    decision_apply(actor=world.coordinator, decision=s.decision)
    client = world.client_for(world.coordinator)
    client.post(reverse("committees:decision_delete", args=[s.decision.pk]))
    assert Decision.objects.filter(pk=s.decision.pk).exists()
    response = client.post(
        reverse("committees:decision_edit", args=[s.decision.pk]), {"kind": "other", "text": "바꿈"}
    )
    assert (
        response.status_code == 422
        and "이미 계획에 반영된 의결은 고칠 수 없습니다." in response.content.decode()
    )


def test_a_meeting_summary_counts_decisions_by_kind() -> None:
    kinds = ["adopt_task"] * 12 + ["drop_task"] * 4 + ["other"]
    assert summary_line(kinds) == "신규 12건, 제외 4건, 기타 1건 의결"
    assert summary_line([]) == "의결 없음"
