"""The revision pages through HTTP: who may do what, forms that keep input, concurrent edits."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from sangsaeng.accounts.models import Kind
from sangsaeng.conftest import World, make_user
from sangsaeng.plans.models import Task
from sangsaeng.versions.models import Change, PlanVersion, TaskRevision
from sangsaeng.versions.tests.conftest import Revision, old_plan_tasks

pytestmark = pytest.mark.django_db


def body(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined, no-any-return]


def start_form(**overrides: str) -> dict[str, str]:
    return {
        "title": "대구·경북 상생협력 (2020 개정)",
        "label": "2020 개정",
        "term_start_year": "2020",
        "term_end_year": "2022",
        "last_year_label": "2022.6월",
        "revised_on": "2020. 1. 20.",
        "note": "위원회 의결 반영",
        **overrides,
    }


def test_a_coordinator_starts_a_revision_and_lands_on_the_revision_page(world: World) -> None:
    old_plan_tasks(world)
    client = world.client_for(world.coordinator)
    url = reverse("versions:start", args=[world.plan.pk])
    page = client.get(url)
    assert page.status_code == 200 and "새 판 만들기" in body(page)
    response = client.post(url, start_form())
    version = PlanVersion.objects.get(previous=world.plan)
    assert response.status_code == 302 and response["Location"] == reverse(
        "versions:detail", args=[version.pk]
    )
    detail = client.get(response["Location"])
    assert detail.status_code == 200
    assert "2020 개정: 과제 변경" in body(detail) and 'data-change="keep">4건' in body(detail)
    # Starting again leads to the existing version.
    assert client.get(url)["Location"] == reverse("versions:detail", args=[version.pk])


def test_the_start_form_keeps_what_was_typed_and_says_what_is_wrong(world: World) -> None:
    client = world.client_for(world.coordinator)
    response = client.post(
        reverse("versions:start", args=[world.plan.pk]),
        start_form(term_end_year="2019", revised_on="2020. 13. 1.", note="입력한 개요"),
    )
    assert response.status_code == 422
    html = body(response)
    assert "종료 연도는 시작 연도와 같거나 뒤여야 합니다." in html
    assert 'value="대구·경북 상생협력 (2020 개정)"' in html and "입력한 개요" in html
    assert not PlanVersion.objects.exists()


def test_only_the_old_plans_coordinators_revise_and_outsiders_see_nothing(revision: Revision) -> None:
    world = revision.world
    version = revision.version
    officer = world.client_for(world.officer)
    assert officer.get(reverse("versions:start", args=[world.plan.pk])).status_code == 403
    assert officer.get(reverse("versions:detail", args=[version.pk])).status_code == 200
    assert officer.get(reverse("versions:compare", args=[version.pk])).status_code == 200
    mark_url = reverse("versions:mark", args=[version.pk, world.task.pk])
    assert officer.post(mark_url, {"change": "drop", "reason": "x", "base_revision": "1"}).status_code == 403
    assert officer.get(reverse("versions:add", args=[version.pk])).status_code == 403
    outsider = world.client_for(world.outsider)
    for url in (
        reverse("versions:detail", args=[version.pk]),
        reverse("versions:compare", args=[version.pk]),
        reverse("versions:compare_pdf", args=[version.pk]),
        reverse("versions:compare_hwpx", args=[version.pk]),
        reverse("versions:compare_xlsx", args=[version.pk]),
        mark_url,
        reverse("versions:edit", args=[version.pk]),
    ):
        response = outsider.get(url)
        assert response.status_code == 404, url
        assert world.plan.title not in body(response) and revision.new_plan.title not in body(response)
    # A task of the new plan is not an old task to mark.
    new_task = reverse("versions:mark", args=[version.pk, revision.new("2-1").pk])
    assert world.client_for(world.coordinator).get(new_task).status_code == 404


def test_marking_a_task_keeps_input_on_errors_and_shows_on_the_revision_page(revision: Revision) -> None:
    world, version = revision.world, revision.version
    client = world.client_for(world.coordinator)
    old = revision.old("2-2")
    url = reverse("versions:mark", args=[version.pk, old.pk])
    base = str(revision.row("2-2").revision)
    response = client.post(url, {"change": "move", "reason": "경제에서 문화로", "base_revision": base})
    assert response.status_code == 422
    assert "이관할 분야를 고르세요." in body(response) and "경제에서 문화로" in body(response)
    response = client.post(
        url,
        {
            "change": "move",
            "reason": "경제에서 문화로",
            "area": revision.new_area(3).pk,
            "base_revision": base,
        },
    )
    assert response.status_code == 302
    detail = body(client.get(reverse("versions:detail", args=[version.pk])))
    assert "(2. 경제공동체 실현에서 이관)" in detail and 'data-change="move">1건' in detail


def test_a_concurrent_mark_is_reported_and_the_typed_reason_kept(revision: Revision) -> None:
    world, version = revision.world, revision.version
    client = world.client_for(world.coordinator)
    base = revision.row("2-2").revision
    revision.mark("2-2", Change.SUPPLEMENT, reason="다른 사람이 먼저")
    response = client.post(
        reverse("versions:mark", args=[version.pk, revision.old("2-2").pk]),
        {"change": "drop", "reason": "내가 적은 사유", "base_revision": str(base)},
    )
    assert response.status_code == 409
    html = body(response)
    assert "먼저 바꿨습니다" in html and "내가 적은 사유" in html
    assert revision.row("2-2").change == Change.SUPPLEMENT


def test_merging_through_the_page(revision: Revision) -> None:
    client = revision.world.client_for(revision.world.coordinator)
    target = revision.new("2-1")
    response = client.post(
        reverse("versions:mark", args=[revision.version.pk, revision.old("2-2").pk]),
        {"change": "merge", "reason": "유사 과제", "merge_into": target.pk, "base_revision": "0"},
    )
    assert response.status_code == 302
    assert set(TaskRevision.objects.get(new_task=target).old_tasks.values_list("code", flat=True)) == {
        "2-1",
        "2-2",
    }


def test_adding_a_newly_found_task_keeps_input_and_refuses_a_taken_code(revision: Revision) -> None:
    client = revision.world.client_for(revision.world.coordinator)
    url = reverse("versions:add", args=[revision.version.pk])
    response = client.post(url, {"code": "2-1", "title": "수소경제 협력", "reason": "위원회 제안"})
    assert response.status_code == 422
    assert "관리번호 2-1은(는) 이 계획에 이미 있습니다." in body(response) and "수소경제 협력" in body(
        response
    )
    response = client.post(
        url,
        {"code": "2-3", "title": "수소경제 협력", "reason": "위원회 제안", "area": revision.new_area(2).pk},
    )
    assert response.status_code == 302
    row = TaskRevision.objects.get(change=Change.NEW)
    edit = reverse("versions:added_edit", args=[row.pk])
    assert client.post(edit, {"reason": "", "base_revision": str(row.revision)}).status_code == 422
    assert (
        client.post(edit, {"reason": "시·도민 공모", "base_revision": str(row.revision)}).status_code == 302
    )
    assert client.post(edit, {"reason": "옛 화면에서", "base_revision": str(row.revision)}).status_code == 409
    assert client.get(reverse("versions:added_edit", args=[revision.row("2-1").pk])).status_code == 404
    assert client.post(reverse("versions:added_remove", args=[revision.row("2-1").pk])).status_code == 302
    assert revision.row("2-1").new_task is not None  # refused with a message, nothing removed
    assert client.post(reverse("versions:added_remove", args=[row.pk])).status_code == 302
    assert not Task.objects.filter(plan=revision.new_plan, code="2-3").exists()


def test_the_version_fields_are_edited_with_a_conflict_check(revision: Revision) -> None:
    client = revision.world.client_for(revision.world.coordinator)
    url = reverse("versions:edit", args=[revision.version.pk])
    data = {"label": "2020 수정", "revised_on": "2020. 2. 1.", "note": "", "base_revision": "0"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data | {"label": "옛 화면"})
    assert response.status_code == 422 and "먼저 바꿨습니다" in body(response) and "옛 화면" in body(response)
    revision.version.refresh_from_db()
    assert revision.version.label == "2020 수정"


def test_a_partner_viewer_sees_only_the_rows_of_their_tasks(world: World) -> None:
    old_plan_tasks(world)
    partner = make_user("jeonnam-partner", world.jeonnam)
    partner.kind = Kind.PARTNER
    partner.save(update_fields=["kind"])
    world.task.partners.add(world.jeonnam)
    client = world.client_for(world.coordinator)
    client.post(reverse("versions:start", args=[world.plan.pk]), start_form())
    version = PlanVersion.objects.get()
    html = body(world.client_for(partner).get(reverse("versions:compare", args=[version.pk])))
    assert "10-4" in html and "과제 2-1" not in html
    assert 'data-change="keep">1건' in html


def test_the_plan_page_partial_links_the_versions(revision: Revision) -> None:
    template = Template("{% load versions_tags %}{% plan_versions plan %}")
    request = RequestFactory().get("/")
    request.user = revision.world.officer
    old = template.render(Context({"request": request, "plan": revision.world.plan}))
    assert "다음 판" in old and revision.new_plan.title in old
    assert reverse("versions:compare", args=[revision.version.pk]) in old
    new = template.render(Context({"request": request, "plan": revision.new_plan}))
    assert "이전 판" in new and revision.world.plan.title in new
    request.user = revision.world.coordinator
    fresh = template.render(Context({"request": request, "plan": revision.new_plan}))
    assert reverse("versions:start", args=[revision.new_plan.pk]) in fresh
    request.user = revision.world.outsider
    assert template.render(Context({"request": request, "plan": revision.world.plan})).strip() == ""


def test_a_carried_card_opens_and_its_history_says_where_it_came_from(revision: Revision) -> None:
    client = revision.world.client_for(revision.world.officer)
    new = revision.new("10-4")
    assert client.get(reverse("plans:task", args=[new.pk])).status_code == 200
    history = body(client.get(reverse("plans:history", args=[new.pk])))
    assert "2020 개정: 2018 계획 10-4에서 이어받음" in history
