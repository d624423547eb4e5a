"""The card's row controls as a browser without JavaScript uses them, and the history's first revision."""

import re

import pytest
from django.test import Client

from sangsaeng.conftest import World, make_task
from sangsaeng.plans.models import Activity, Task


def shared_form(body: str, form_id: str) -> dict[str, str]:
    """The hidden inputs of the one form the rows' delete buttons submit."""
    match = re.search(rf'<form id="{form_id}" method="post" hidden>(.*?)</form>', body, re.S)
    assert match, f"no #{form_id} form"
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', match.group(1)))


def delete_button(body: str, form_id: str, label: str) -> str:
    """The formaction of the delete button labelled `label` that submits `form_id`."""
    match = re.search(rf'form="{form_id}" formaction="([^"]+)" aria-label="{re.escape(label)}"', body)
    assert match, f"no delete button {label!r}"
    return match.group(1)


def strict_client(world: World) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.officer)
    return client


@pytest.mark.django_db
def test_an_activity_is_deleted_through_the_lists_one_form(world: World) -> None:
    kept = Activity.objects.create(task=world.task, start="2018-05-01", text="남길 실적")
    gone = Activity.objects.create(task=world.task, start="2019-08-30", text="지울 실적")
    client = strict_client(world)
    body = client.get(f"/tasks/{world.task.pk}/").content.decode()
    assert body.count('class="inline-form"') == 0  # no form per row
    data = shared_form(body, "activity-delete")
    assert data["base_revision"] == str(Task.objects.get(pk=world.task.pk).revision)
    action = delete_button(body, "activity-delete", "&#x27;19. 8. 30 실적 삭제")
    assert action == f"/tasks/{world.task.pk}/parts/activity:{gone.pk}/delete/"
    # Edit links keep their own URL; the list gives them the htmx target.
    assert f'href="/tasks/{world.task.pk}/parts/activity:{gone.pk}/"' in body
    assert '<ul class="activity-list" hx-target="#part-activities" hx-swap="outerHTML">' in body
    response = client.post(action, data)
    assert response.status_code == 302
    assert list(Activity.objects.filter(task=world.task)) == [kept]


@pytest.mark.django_db
def test_a_subtask_is_deleted_through_the_tables_one_form(world: World) -> None:
    child = make_task(world.plan, "10-4-1", parent=world.task, lead=world.policy)
    client = strict_client(world)
    body = client.get(f"/tasks/{world.task.pk}/").content.decode()
    action = delete_button(body, "subtask-delete", "세부과제 10-4-1 삭제")
    assert action == f"/tasks/{child.pk}/delete/"
    assert f'<a href="/tasks/{child.pk}/">' in body
    assert client.post(action, shared_form(body, "subtask-delete")).status_code == 302
    assert not Task.objects.filter(pk=child.pk).exists()


@pytest.mark.django_db
def test_a_reader_gets_no_row_controls(world: World) -> None:
    Activity.objects.create(task=world.task, start="2019-08-30", text="실적")
    make_task(world.plan, "10-4-1", parent=world.task, lead=world.policy)
    body = world.client_for(world.partner_viewer).get(f"/tasks/{world.task.pk}/").content.decode()
    assert "실적" in body and "activity-delete" not in body and "subtask-delete" not in body
    assert "hx-get" not in body and "hx-target" not in body


@pytest.mark.django_db
def test_the_first_revision_is_summarised_with_a_link_to_that_card(world: World) -> None:
    body = world.client_for(world.officer).get(f"/tasks/{world.task.pk}/history/").content.decode()
    assert re.search(
        r"처음 등록한 입력값 \d+개 · <a href=\"/tasks/\d+/\?as_of=\d{4}-\d\d-\d\d\">버전 1 카드에서", body
    )
    assert "<ins>" not in body  # the inputs themselves are on the card, not listed here
