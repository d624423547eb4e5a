"""A request can become a task (linked both ways) and be put on a meeting's agenda (linked both ways)."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from sangsaeng.plans.models import Task
from sangsaeng.requests.models import State
from sangsaeng.requests.tests.conftest import RequestWorld

pytestmark = pytest.mark.django_db


def render_partial(name: str, user: object, **context: object) -> str:
    request = RequestFactory().get("/")
    request.user = user  # type: ignore[attr-defined]
    return Template(f'{{% include "requests/{name}" %}}').render(Context({"request": request, **context}))


def test_a_request_becomes_a_task_linked_both_ways(rw: RequestWorld) -> None:
    req = rw.reviewing(rw.submit())
    client = rw.client(rw.w.coordinator)
    response = client.post(
        f"/requests/{req.pk}/task/",
        {
            "plan": rw.w.plan.pk,
            "code": "11-1",
            "title": "영일만 횡단고속도로 공동 건의",
            "lead_department": rw.w.policy.pk,
            "revision": req.revision,
        },
    )
    assert response.status_code == 302, response.content.decode()
    task = Task.objects.get(plan=rw.w.plan, code="11-1")
    req.refresh_from_db()
    assert req.task == task and list(task.partners.all()) == [rw.pohang]
    page = client.get(f"/requests/{req.pk}/").content.decode()
    assert f"/tasks/{task.pk}/" in page and "11-1 영일만 횡단고속도로 공동 건의" in page
    # The task side: the partial the card includes names the request, to those who may read it.
    html = render_partial("_task_origin.html", rw.w.coordinator, task=task)
    assert req.subject in html and f"/requests/{req.pk}/" in html
    assert req.subject not in render_partial("_task_origin.html", rw.w.outsider, task=task)
    # A task code already in the plan is refused, with the input kept.
    other = rw.reviewing(rw.submit(subject="두 번째"))
    response = client.post(
        f"/requests/{other.pk}/task/",
        {"plan": rw.w.plan.pk, "code": "11-1", "title": "중복 번호 과제", "revision": other.revision},
    )
    assert response.status_code == 422
    assert "이미 있습니다" in response.content.decode() and "중복 번호 과제" in response.content.decode()


def test_only_a_coordinator_of_the_plan_makes_a_task(rw: RequestWorld) -> None:
    req = rw.reviewing(rw.submit())
    response = rw.client(rw.w.officer).post(
        f"/requests/{req.pk}/task/",
        {"plan": rw.w.plan.pk, "code": "11-1", "title": "t", "revision": req.revision},
    )
    assert response.status_code == 403


def test_a_request_goes_on_a_meeting_agenda(rw: RequestWorld) -> None:
    committees = pytest.importorskip(
        "sangsaeng.committees.models", reason="the committees app has no models yet"
    )
    committee = committees.Committee.objects.create(name="대구경북 상생협력 추진위원회", plan=rw.w.plan)
    committee.organizations.set([rw.w.gyeongbuk, rw.w.daegu])
    start = timezone.now() + dt.timedelta(days=10)
    meeting = committees.Meeting.objects.create(
        committee=committee,
        title="제5차 상생협력 추진위원회",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )
    req = rw.reviewing(rw.submit())
    client = rw.client(rw.w.coordinator)
    page = client.get(f"/requests/{req.pk}/").content.decode()
    assert "제5차 상생협력 추진위원회" in page
    response = client.post(
        f"/requests/{req.pk}/agenda/",
        {"meeting": meeting.pk, "title": "영일만 횡단고속도로 공동 건의", "revision": req.revision},
    )
    assert response.status_code == 302, response.content.decode()
    req.refresh_from_db()
    assert req.state == State.ON_AGENDA
    item = req.agenda_item
    assert item is not None and item.meeting == meeting and item.title == "영일만 횡단고속도로 공동 건의"
    assert "제5차 상생협력 추진위원회" in client.get(f"/requests/{req.pk}/").content.decode()
    html = render_partial("_agenda_item_requests.html", rw.w.coordinator, item=item)
    assert req.subject in html
    assert req.subject not in render_partial("_agenda_item_requests.html", rw.w.outsider, item=item)
    # On a meeting page, one query for all the items, then the same partial per item.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    items = list(meeting.agenda_items.all())
    request = RequestFactory().get("/")
    request.user = rw.w.coordinator  # type: ignore[attr-defined]
    page = Template(
        "{% load partner_requests_tags %}{% requests_by_agenda_item items as requests_by_item %}"
        '{% for item in items %}{% include "requests/_agenda_item_requests.html" %}{% endfor %}'
    )
    with CaptureQueriesContext(connection) as ctx:
        html = page.render(Context({"request": request, "items": items}))
    assert req.subject in html and len(ctx.captured_queries) == 1
    # From the agenda the request moves on to 처리중 and is answered.
    response = rw.client(rw.w.officer).post(
        f"/requests/{req.pk}/move/", {"to": "in_progress", "revision": req.revision}
    )
    assert response.status_code == 302


def test_a_request_not_yet_under_review_cannot_become_a_task(rw: RequestWorld) -> None:
    client = rw.client(rw.w.coordinator)
    received = rw.submit()
    assigned = rw.assigned(rw.submit(subject="배정만 된 건의"))
    for req in (received, assigned):
        assert "과제로 만들기" not in client.get(f"/requests/{req.pk}/").content.decode()
        response = client.post(
            f"/requests/{req.pk}/task/",
            {"plan": rw.w.plan.pk, "code": "11-1", "title": "이른 과제화", "revision": req.revision},
        )
        assert response.status_code == 422
        body = response.content.decode()
        assert "검토를 시작한 건의사항만" in body and "이른 과제화" in body
    assert not Task.objects.filter(plan=rw.w.plan, code="11-1").exists()
    received.refresh_from_db()
    assert received.task is None and received.revision == 1


def test_a_request_closed_at_screening_cannot_become_a_task(rw: RequestWorld) -> None:
    req = rw.submit()
    client = rw.client(rw.w.coordinator)
    client.post(f"/requests/{req.pk}/move/", {"to": "closed", "note": "중복 접수", "revision": req.revision})
    req.refresh_from_db()
    assert req.state == State.CLOSED
    response = client.post(
        f"/requests/{req.pk}/task/",
        {"plan": rw.w.plan.pk, "code": "11-2", "title": "종결 후 과제화", "revision": req.revision},
    )
    assert response.status_code == 422 and "회신 없이 종결된" in response.content.decode()
    assert not Task.objects.filter(plan=rw.w.plan, code="11-2").exists()


def test_an_answered_request_can_still_become_a_task(rw: RequestWorld) -> None:
    req = rw.answered(rw.submit())
    response = rw.client(rw.w.coordinator).post(
        f"/requests/{req.pk}/task/",
        {"plan": rw.w.plan.pk, "code": "11-3", "title": "수용 과제", "revision": req.revision},
    )
    assert response.status_code == 302, response.content.decode()
    assert Task.objects.filter(plan=rw.w.plan, code="11-3").exists()
