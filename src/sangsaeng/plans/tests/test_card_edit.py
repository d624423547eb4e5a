"""Editing the parts of a card through HTTP, as an officer does."""

import html
from decimal import Decimal

import pytest

from sangsaeng.audit.models import AuditLog
from sangsaeng.budgets.models import BudgetEntry
from sangsaeng.conftest import World
from sangsaeng.plans.models import Activity, Indicator, Task, TaskText


def url(world: World, part: str) -> str:
    return f"/tasks/{world.task.pk}/parts/{part}/"


def indicator_post(world: World, **overrides: str) -> dict[str, str]:
    data = {
        "name": "상생협력과제 발굴",
        "kind": "numeric",
        "unit": "건",
        "aggregation": "sum",
        "base_revision": str(Task.objects.get(pk=world.task.pk).revision),
    }
    for year, actual in zip(range(2018, 2023), ["5", "16", "", "", ""], strict=True):
        data[f"target_{year}"] = "2"
        data[f"actual_{year}"] = actual
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_it_recomputes_the_rate_when_an_actual_changes(world: World) -> None:
    client = world.client_for(world.officer)
    response = client.post(
        url(world, f"indicator:{world.indicator.pk}"), indicator_post(world, actual_2019="18")
    )
    assert response.status_code == 302
    body = client.get(f"/tasks/{world.task.pk}/").content.decode()
    assert "900%" in body and "100% (실제 230%)" in body


@pytest.mark.django_db
def test_it_answers_htmx_with_the_section_and_the_header(world: World) -> None:
    client = world.client_for(world.officer)
    response = client.post(
        url(world, f"indicator:{world.indicator.pk}"),
        indicator_post(world, actual_2018="6"),
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="part-indicators"' in body and 'hx-swap-oob="true"' in body and "300%" in body


@pytest.mark.django_db
def test_it_keeps_what_was_typed_when_input_is_invalid(world: World) -> None:
    client = world.client_for(world.officer)
    response = client.post(
        url(world, f"indicator:{world.indicator.pk}"),
        indicator_post(world, actual_2019="열여섯", name="새 이름"),
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "저장하지 못했습니다" in body and 'value="열여섯"' in body and 'value="새 이름"' in body
    assert Indicator.objects.get(pk=world.indicator.pk).name == "상생협력과제 발굴"


@pytest.mark.django_db
def test_it_adds_and_deletes_an_indicator(world: World) -> None:
    client = world.client_for(world.officer)
    data = {
        "name": "조례 개정",
        "kind": "milestone",
        "aggregation": "sum",
        "base_revision": "0",
        "plan_text_2018": "조례개정",
        "actual_text_2018": "조례개정완료",
        "achieved_2018": "on",
        "achieved_on_2018": "'18.11.1",
    }
    assert client.post(url(world, "indicator:new"), data).status_code == 302
    new = Indicator.objects.get(task=world.task, name="조례 개정")
    assert new.values.get(year=2018).achieved_on.isoformat() == "2018-11-01"
    revision = Task.objects.get(pk=world.task.pk).revision
    response = client.post(url(world, f"indicator:{new.pk}") + "delete/", {"base_revision": revision})
    assert response.status_code == 302
    assert not Indicator.objects.filter(pk=new.pk).exists()


@pytest.mark.django_db
def test_it_saves_the_budget_typed_in_eok(world: World) -> None:
    client = world.client_for(world.officer)
    client.get(f"/tasks/{world.task.pk}/?unit=eok")
    doby = world.sources[1]
    data = {
        "base_revision": str(Task.objects.get(pk=world.task.pk).revision),
        f"b_planned_{doby.pk}_before_0": "3",
        f"b_planned_{doby.pk}_year_2021": "1.5",
        f"b_secured_{doby.pk}_year_2021": "1",
        f"b_executed_{doby.pk}_year_2021": "0.5",
    }
    assert client.post(url(world, "budget"), data).status_code == 302
    entry = BudgetEntry.objects.get(task=world.task, kind="planned", year=2021)
    assert entry.amount == 150_000
    body = client.get(f"/tasks/{world.task.pk}/").content.decode()
    assert "4.5" in body  # 3억 기투자 + 1.5억 = 4.5억 합계


@pytest.mark.django_db
def test_it_refuses_executed_above_secured(world: World) -> None:
    client = world.client_for(world.officer)
    doby = world.sources[1]
    data = {
        "base_revision": "1",
        f"b_secured_{doby.pk}_year_2019": "100",
        f"b_executed_{doby.pk}_year_2019": "200",
    }
    response = client.post(url(world, "budget"), data)
    assert response.status_code == 422
    assert "집행액이 확보액보다 큽니다" in response.content.decode()
    assert not BudgetEntry.objects.filter(task=world.task).exists()


@pytest.mark.django_db
def test_it_adds_an_activity_written_the_card_way(world: World) -> None:
    client = world.client_for(world.officer)
    data = {
        "when": "'19. 9. 2 ~ 9. 15",
        "text": "추석명절 귀성객 환영 현수막 공동 설치",
        "details": "• 경북도청 신도시 등 7개소",
        "participants": "",
        "base_revision": "0",
    }
    assert client.post(url(world, "activity:new"), data).status_code == 302
    activity = Activity.objects.get(task=world.task)
    assert (activity.start.isoformat(), activity.end.isoformat()) == ("2019-09-02", "2019-09-15")
    assert activity.details == [{"text": "경북도청 신도시 등 7개소", "children": []}]
    body = html.unescape(client.get(f"/tasks/{world.task.pk}/?year=2019").content.decode())
    assert "'19. 9. 2 ~ 9. 15" in body


@pytest.mark.django_db
def test_it_explains_a_bad_activity_date_in_korean(world: World) -> None:
    client = world.client_for(world.officer)
    response = client.post(
        url(world, "activity:new"), {"when": "2019. 2. 30.", "text": "워크숍", "base_revision": "0"}
    )
    assert response.status_code == 422
    assert "달력에 없는 날" in response.content.decode()


@pytest.mark.django_db
def test_it_filters_activities_by_year(world: World) -> None:
    Activity.objects.create(
        task=world.task, start="2018-05-01", start_precision="month", text="신규과제 발굴"
    )
    Activity.objects.create(task=world.task, start="2019-08-30", text="상생협력 세미나", participants=50)
    client = world.client_for(world.officer)
    body = client.get(f"/tasks/{world.task.pk}/?year=2019").content.decode()
    assert "상생협력 세미나" in body and "신규과제 발굴" not in body
    body = client.get(f"/tasks/{world.task.pk}/").content.decode()
    assert body.index("상생협력 세미나") < body.index("신규과제 발굴")  # newest first


@pytest.mark.django_db
def test_it_saves_outline_bullets_and_header(world: World) -> None:
    client = world.client_for(world.officer)
    data = {
        "items": "○ 위원회 위상 강화\n  • 공동위원장 격상",
        "base_revision": str(Task.objects.get(pk=world.task.pk).revision),
    }
    assert client.post(url(world, "text:outline"), data).status_code == 302
    assert (
        TaskText.objects.get(task=world.task, kind="outline").items[0]["children"][0]["text"]
        == "공동위원장 격상"
    )
    header = {
        "code": "10-4",
        "title": "대구·경북 한뿌리 상생협력",
        "status": "completed",
        "progress": "100",
        "term_class": "in_term",
        "novelty": "both",
        "budget_class": "budget",
        "lead_department": world.policy.pk,
        "contacts": "담당자 권순락 880-2147",
        "partners": [world.daegu.pk],
        "base_revision": str(Task.objects.get(pk=world.task.pk).revision),
    }
    assert client.post(url(world, "header"), header).status_code == 302
    task = Task.objects.get(pk=world.task.pk)
    assert (task.status, task.progress, task.contacts.get().phone) == ("completed", Decimal(100), "880-2147")
    body = client.get(f"/tasks/{world.task.pk}/").content.decode()
    assert "완료" in body and "권순락 880-2147" in body


@pytest.mark.django_db
def test_every_save_is_audited_with_before_and_after(world: World) -> None:
    client = world.client_for(world.officer)
    client.post(url(world, f"indicator:{world.indicator.pk}"), indicator_post(world, actual_2019="17"))
    log = AuditLog.objects.filter(task=world.task).order_by("-id").first()
    assert log is not None and log.actor == world.officer
    change = next(c for c in log.changes if c["path"].endswith("2019.actual"))
    assert (change["before"], change["after"], change["label"]) == (
        "16",
        "17",
        "지표 「상생협력과제 발굴」 2019년 실적",
    )
