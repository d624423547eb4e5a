"""Revising a plan: what is carried over, what each mark does to the new plan, and the counts."""

import datetime as dt

import pytest

from sangsaeng.audit.models import AuditLog
from sangsaeng.budgets.models import BudgetEntry
from sangsaeng.conftest import World, make_task
from sangsaeng.plans.models import Plan, Task
from sangsaeng.versions import services
from sangsaeng.versions.comparison import compare
from sangsaeng.versions.models import Change, TaskRevision
from sangsaeng.versions.tests.conftest import Revision

pytestmark = pytest.mark.django_db


def counts(revision: Revision) -> dict[str, int]:
    return {value: n for value, _, n in compare(revision.version).counts}


def test_a_revision_carries_every_task_over_as_kept(revision: Revision) -> None:
    new_plan = revision.new_plan
    assert (new_plan.term_start_year, new_plan.term_end_year, new_plan.is_published) == (2020, 2022, False)
    assert list(new_plan.areas.values_list("number", "name")) == list(
        revision.world.plan.areas.values_list("number", "name")
    )
    assert set(new_plan.coordinators.all()) == {revision.world.coordinator}
    assert set(new_plan.tasks.values_list("code", flat=True)) == {"10-4", "2-1", "2-1-1", "2-2", "3-1"}
    assert revision.new("2-1-1").parent == revision.new("2-1")
    assert revision.new("2-1").area == revision.new_area(2)
    assert counts(revision) == {"keep": 4, "supplement": 0, "new": 0, "drop": 0, "merge": 0, "move": 0}


def test_the_card_inputs_go_along_and_the_record_stays_with_the_old_version(revision: Revision) -> None:
    new = revision.new("10-4")
    assert list(new.contacts.values_list("name", "phone")) == [("권순락", "880-2147")]
    assert new.texts.get(kind="outline").items == [{"text": "한뿌리 상생", "children": []}]
    assert list(new.partners.all()) == [revision.world.daegu]
    assert list(new.co_departments.all()) == [revision.world.tourism]
    assert new.lead_department == revision.world.policy
    assert new.novelty == Task.Novelty.CONTINUING and new.progress == 0
    # The indicator keeps the new term's years, with targets only: actuals are the old version's record.
    values = list(new.indicators.get().values.values_list("year", "target", "actual"))
    assert values == [(2020, 2, None), (2021, 2, None), (2022, 2, None)]
    # Only the investment plan for the new term goes along; activities and secured money stay behind.
    assert list(BudgetEntry.objects.filter(task=new).values_list("kind", "year", "amount")) == [
        ("planned", 2021, 200)
    ]
    assert BudgetEntry.objects.get(task=new).source.plan == revision.new_plan
    assert not new.activities.exists()
    assert revision.old("10-4").activities.count() == 1


def test_the_new_card_history_says_where_it_came_from(revision: Revision) -> None:
    summaries = list(AuditLog.objects.filter(task=revision.new("2-1")).values_list("summary", flat=True))
    assert "2020 개정: 2018 계획 2-1에서 이어받음" in summaries
    plan_log = AuditLog.objects.filter(plan=revision.new_plan, action="version_create").get()
    assert "과제 4건 이어받음" in plan_log.summary


def test_a_plan_has_one_next_version(revision: Revision) -> None:
    with pytest.raises(services.RevisionError, match="이미 다음 판"):
        services.version_create(
            actor=revision.world.coordinator,
            previous=revision.world.plan,
            title="또 다른 판",
            label="2021 개정",
            term_start_year=2021,
            term_end_year=2022,
            revised_on=dt.date(2021, 1, 1),
        )
    assert Plan.objects.count() == 2


def test_supplement_keeps_the_card_and_needs_a_reason(revision: Revision) -> None:
    with pytest.raises(services.RevisionError, match="사유"):
        revision.mark("2-2", Change.SUPPLEMENT, reason=" ")
    row = revision.mark("2-2", Change.SUPPLEMENT, reason="사업 내용 보완")
    assert (row.change, row.reason, row.new_task) == (
        Change.SUPPLEMENT,
        "사업 내용 보완",
        revision.new("2-2"),
    )
    assert AuditLog.objects.filter(
        plan=revision.new_plan, action="version_mark", summary__contains="보완"
    ).exists()


def test_drop_deletes_the_carried_card_and_keep_brings_it_back(revision: Revision) -> None:
    row = revision.mark("2-1", Change.DROP, reason="목적 달성")
    assert row.new_task is None
    assert not revision.new_plan.tasks.filter(code__startswith="2-1").exists()
    assert revision.old("2-1").children.count() == 1  # the old version is untouched
    row = revision.mark("2-1", Change.KEEP, reason="")
    assert row.new_task == revision.new("2-1") and revision.new("2-1-1").parent == row.new_task
    assert counts(revision)["drop"] == 0


def test_move_changes_the_area_and_optionally_the_code(revision: Revision) -> None:
    with pytest.raises(services.RevisionError, match="다른 분야"):
        revision.mark("2-1", Change.MOVE, area=revision.new_area(2))
    row = revision.mark("2-1", Change.MOVE, reason="문화 분야로", area=revision.new_area(3), code="3-9")
    assert row.new_task is not None and row.new_task.code == "3-9"
    assert row.new_task.area == revision.new_area(3)
    assert Task.objects.get(parent=row.new_task).area == revision.new_area(3)
    comparison = compare(revision.version)
    moved = next(r for r in comparison.rows if r.change == Change.MOVE)
    assert moved.moved_from == "2. 경제공동체 실현" and moved.area_key == (3, "문화·관광 협력")
    # Marked back to 유지, the task returns to its area.
    revision.mark("2-1", Change.KEEP, reason="")
    assert revision.new("3-9").area == revision.new_area(2)


def test_merge_folds_old_tasks_into_one_new_task(revision: Revision) -> None:
    target = revision.new("2-1")
    with pytest.raises(services.RevisionError, match="다른 과제"):
        revision.mark("2-1", Change.MERGE, merge_into=target)
    revision.mark("2-2", Change.MERGE, reason="유사 과제 통합", merge_into=target)
    revision.mark("3-1", Change.MERGE, reason="세 과제 통합", merge_into=target)
    row = TaskRevision.objects.get(new_task=target)
    assert row.change == Change.MERGE and row.reason == "세 과제 통합"
    assert set(row.old_tasks.values_list("code", flat=True)) == {"2-1", "2-2", "3-1"}
    assert not revision.new_plan.tasks.filter(code__in=["2-2", "3-1"]).exists()
    assert counts(revision) == {"keep": 1, "supplement": 0, "new": 0, "drop": 0, "merge": 1, "move": 0}


def test_a_task_leaving_a_merge_gets_its_own_card_again(revision: Revision) -> None:
    target = revision.new("2-1")
    revision.mark("2-2", Change.MERGE, reason="통합", merge_into=target)
    revision.mark("2-2", Change.SUPPLEMENT, reason="다시 분리")
    assert revision.row("2-2").new_task == revision.new("2-2")
    # Left alone in the merge, 2-1 is 유지 again.
    assert revision.row("2-1").change == Change.KEEP


def test_a_newly_found_task_is_created_through_the_plan_service(revision: Revision) -> None:
    row = services.task_add(
        actor=revision.world.coordinator,
        version=revision.version,
        new=services.NewTask(
            code="2-3", title="수소경제 협력", area=revision.new_area(2), reason="위원회 제안"
        ),
    )
    task = revision.new("2-3")
    assert row.change == Change.NEW and row.new_task == task and task.novelty == Task.Novelty.NEW
    assert AuditLog.objects.filter(task=task, action="create").exists()
    with pytest.raises(services.RevisionError, match="이미 있습니다"):
        services.task_add(
            actor=revision.world.coordinator,
            version=revision.version,
            new=services.NewTask(code="2-3", title="중복", area=None, reason="사유"),
        )
    services.added_remove(actor=revision.world.coordinator, row=row)
    assert (
        not Task.objects.filter(pk=task.pk).exists() and not TaskRevision.objects.filter(pk=row.pk).exists()
    )


def test_a_stale_mark_is_refused(revision: Revision) -> None:
    base = revision.row("2-2").revision
    revision.mark("2-2", Change.SUPPLEMENT, reason="먼저 저장")
    with pytest.raises(services.RevisionError, match="먼저 바꿨습니다"):
        services.task_mark(
            actor=revision.world.coordinator,
            version=revision.version,
            old=revision.old("2-2"),
            mark=services.Mark(change=Change.DROP, reason="나중 저장"),
            base_revision=base,
        )
    assert revision.row("2-2").reason == "먼저 저장"


def test_a_card_deleted_outside_the_revision_shows_as_an_unrecorded_drop(
    revision: Revision, world: World
) -> None:
    revision.new("2-2").delete()
    row = next(r for r in compare(revision.version).rows if r.old and r.old[0].code == "2-2")
    assert (row.change, row.recorded) == (Change.DROP, False)


def test_a_task_added_to_the_old_plan_later_shows_as_not_carried_until_marked(revision: Revision) -> None:
    late = make_task(revision.world.plan, "3-2", area=revision.culture)
    row = next(r for r in compare(revision.version).rows if r.old and r.old[0].code == "3-2")
    assert (row.change, row.recorded, row.new) == (Change.DROP, False, None)
    services.task_mark(
        actor=revision.world.coordinator,
        version=revision.version,
        old=late,
        mark=services.Mark(change=Change.KEEP),
        base_revision=0,
    )
    assert revision.row("3-2").new_task == revision.new("3-2")
    assert all(r.recorded for r in compare(revision.version).rows)
