"""A parent's progress rolls up from its sub-tasks on every add, edit and delete."""

from decimal import Decimal

import pytest

from sangsaeng.audit.models import AuditLog
from sangsaeng.conftest import World, make_task
from sangsaeng.plans.models import Task
from sangsaeng.plans.services import task_create, task_delete


def progress(task: Task) -> Decimal:
    return Task.objects.get(pk=task.pk).progress


@pytest.mark.django_db
def test_it_rolls_up_on_add_edit_and_delete(world: World) -> None:
    parent = world.task
    a = task_create(
        actor=world.officer, plan=world.plan, parent=parent, code="10-4-1", title="가", progress=Decimal(60)
    )
    assert progress(parent) == Decimal(60)
    b = task_create(
        actor=world.officer, plan=world.plan, parent=parent, code="10-4-2", title="나", progress=Decimal(100)
    )
    assert progress(parent) == Decimal(80)
    client = world.client_for(world.coordinator)
    header = {
        "code": "10-4-2",
        "title": "나",
        "status": "on_track",
        "progress": "20",
        "term_class": "in_term",
        "novelty": "new",
        "budget_class": "budget",
        "base_revision": str(Task.objects.get(pk=b.pk).revision),
    }
    assert client.post(f"/tasks/{b.pk}/parts/header/", header).status_code == 302
    assert progress(parent) == Decimal(40)
    task_delete(actor=world.officer, task=Task.objects.get(pk=b.pk))
    assert progress(parent) == Decimal(60)
    assert AuditLog.objects.filter(task=parent, action="subtask_delete").exists()
    assert Task.objects.get(pk=a.pk).parent_id == parent.pk


@pytest.mark.django_db
def test_it_uses_weights_when_asked_and_shows_the_formula(world: World) -> None:
    parent = world.task
    task_create(actor=None, plan=world.plan, parent=parent, code="10-4-1", title="가", progress=Decimal(60))
    child = task_create(
        actor=None,
        plan=world.plan,
        parent=parent,
        code="10-4-2",
        title="나",
        progress=Decimal(100),
        weight=Decimal(3),
    )
    client = world.client_for(world.coordinator)
    data = {
        "rollup": "weighted",
        "base_revision": str(Task.objects.get(pk=parent.pk).revision),
        f"weight_{child.pk}": "3",
    }
    data |= {f"weight_{c.pk}": str(c.weight) for c in parent.children.exclude(pk=child.pk)}
    assert client.post(f"/tasks/{parent.pk}/parts/subtasks/", data).status_code == 302
    assert progress(parent) == Decimal(90)
    body = client.get(f"/tasks/{parent.pk}/").content.decode()
    assert "가중평균 = (60%×1 + 100%×3) ÷ (1 + 3) = 90%" in body


@pytest.mark.django_db
def test_it_rolls_up_through_two_levels_and_over_http_delete(world: World) -> None:
    mid = task_create(actor=None, plan=world.plan, parent=world.task, code="10-4-1", title="중간")
    leaf = task_create(
        actor=None, plan=world.plan, parent=mid, code="10-4-1-1", title="말단", progress=Decimal(50)
    )
    task_create(
        actor=None, plan=world.plan, parent=mid, code="10-4-1-2", title="말단2", progress=Decimal(100)
    )
    assert progress(mid) == Decimal(75) and progress(world.task) == Decimal(75)
    client = world.client_for(world.coordinator)
    assert client.post(f"/tasks/{leaf.pk}/delete/").status_code == 302
    assert progress(mid) == Decimal(100) and progress(world.task) == Decimal(100)


@pytest.mark.django_db
def test_a_parent_progress_cannot_be_typed(world: World) -> None:
    task_create(
        actor=None, plan=world.plan, parent=world.task, code="10-4-1", title="가", progress=Decimal(30)
    )
    client = world.client_for(world.coordinator)
    header = {
        "code": "10-4",
        "title": "x",
        "status": "on_track",
        "progress": "99",
        "term_class": "in_term",
        "novelty": "new",
        "budget_class": "budget",
        "base_revision": str(Task.objects.get(pk=world.task.pk).revision),
    }
    client.post(f"/tasks/{world.task.pk}/parts/header/", header)
    assert progress(world.task) == Decimal(30)


@pytest.mark.django_db
def test_it_refuses_a_duplicate_code_in_korean(world: World) -> None:
    make_task(world.plan, "10-5", lead=world.policy)
    client = world.client_for(world.coordinator)
    response = client.post(
        f"/tasks/{world.task.pk}/subtasks/new/",
        {"code": "10-5", "title": "중복", "progress": "0", "weight": "1"},
    )
    assert response.status_code == 422
    assert "이미 있습니다" in response.content.decode()
