import datetime as dt
from typing import Any

import pytest

from sangsaeng.audit.models import AuditLog
from sangsaeng.conftest import World
from sangsaeng.plans.models import Legislation

BILL = {
    "name": "대구경북 상생협력 조례",
    "bill_kind": "제정조례안",
    "proposed_on": "2018. 10. 1.",
    "committee_on": "'18.10.15",
    "plenary_on": "2018-10-26",
    "promulgated_on": "",
    "note": "",
}


def _post(world: World, part: str, data: dict[str, Any], user: Any = None, **extra: Any) -> Any:
    world.task.refresh_from_db()
    client = world.client_for(user or world.officer)
    return client.post(
        f"/tasks/{world.task.pk}/parts/{part}/", {"base_revision": world.task.revision, **data}, **extra
    )


@pytest.mark.django_db
def test_it_adds_an_ordinance_with_korean_dates_and_shows_its_stage(world: World) -> None:
    response = _post(world, "legislation:new", BILL)
    assert response.status_code == 302
    lg = Legislation.objects.get(task=world.task)
    assert (lg.proposed_on, lg.committee_on, lg.plenary_on, lg.promulgated_on) == (
        dt.date(2018, 10, 1),
        dt.date(2018, 10, 15),
        dt.date(2018, 10, 26),
        None,
    )
    body = world.client_for(world.partner_viewer).get(f"/tasks/{world.task.pk}/").content.decode()
    assert "대구경북 상생협력 조례" in body and "&#x27;18. 10. 15" in body and "본회의 의결" in body
    assert (
        AuditLog.objects.filter(task=world.task).latest("id").summary == "조례 추가: 대구경북 상생협력 조례"
    )


@pytest.mark.django_db
def test_it_refuses_stage_dates_that_go_backwards(world: World) -> None:
    before = AuditLog.objects.filter(task__isnull=False).count()
    data = BILL | {
        "committee_on": "2018. 9. 1.",
        "plenary_on": "2018. 9. 20.",
        "promulgated_on": "2018. 11. 1.",
    }
    response = _post(world, "legislation:new", data, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    body = response.content.decode()
    assert "위원회 심사(2018. 9. 1.)이(가) 발의(2018. 10. 1.)보다 앞섭니다." in body
    # Compared with the latest earlier stage, not only the one just before it.
    assert "본회의 의결(2018. 9. 20.)이(가) 발의(2018. 10. 1.)보다 앞섭니다." in body
    assert "발의 ≤ 위원회 심사 ≤ 본회의 의결 ≤ 공포" in body
    assert "공포(2018. 11. 1.)" not in body
    assert not Legislation.objects.exists() and AuditLog.objects.filter(task__isnull=False).count() == before


@pytest.mark.django_db
def test_it_allows_skipped_stages_and_the_same_day(world: World) -> None:
    data = BILL | {"committee_on": "", "plenary_on": "2018. 10. 1.", "promulgated_on": "2018. 10. 1."}
    assert _post(world, "legislation:new", data).status_code == 302


@pytest.mark.django_db
def test_it_explains_unreadable_and_imprecise_dates(world: World) -> None:
    response = _post(world, "legislation:new", BILL | {"proposed_on": "시월", "committee_on": "2018. 10."})
    assert response.status_code == 422
    body = response.content.decode()
    assert "발의: 날짜 &#x27;시월&#x27;을(를) 읽을 수 없습니다" in body
    assert "위원회 심사: 날짜를 일까지 입력하세요" in body


@pytest.mark.django_db
def test_it_edits_and_deletes_an_ordinance(world: World) -> None:
    _post(world, "legislation:new", BILL)
    lg = Legislation.objects.get()
    form = world.client_for(world.officer).get(f"/tasks/{world.task.pk}/parts/legislation:{lg.pk}/")
    assert 'value="2018. 10. 15."' in form.content.decode()
    response = _post(world, f"legislation:{lg.pk}", BILL | {"promulgated_on": "2018. 11. 8.", "note": "공포"})
    assert response.status_code == 302
    lg.refresh_from_db()
    assert (lg.promulgated_on, lg.note) == (dt.date(2018, 11, 8), "공포")
    deleted = _post(world, f"legislation:{lg.pk}/delete", {})
    assert deleted.status_code == 302 and not Legislation.objects.exists()
    assert _post(world, f"legislation:{lg.pk}", BILL).status_code == 404


@pytest.mark.django_db
def test_it_refuses_outsiders_and_other_departments(world: World) -> None:
    lg = Legislation.objects.create(task=world.task, name="조례")
    for part in ("legislation:new", f"legislation:{lg.pk}"):
        url = f"/tasks/{world.task.pk}/parts/{part}/"
        assert world.client_for(world.outsider).get(url).status_code == 404
        assert _post(world, part, BILL, user=world.outsider).status_code == 404
        assert world.client_for(world.other_officer).get(url).status_code == 403
        assert _post(world, part, BILL, user=world.other_officer).status_code == 403
    assert _post(world, f"legislation:{lg.pk}/delete", {}, user=world.outsider).status_code == 404
    assert _post(world, f"legislation:{lg.pk}/delete", {}, user=world.other_officer).status_code == 403
    assert Legislation.objects.get().name == "조례"


@pytest.mark.django_db
def test_it_does_not_touch_another_tasks_ordinance(world: World) -> None:
    from sangsaeng.conftest import make_task

    other = make_task(world.plan, "10-5", lead=world.policy)
    lg = Legislation.objects.create(task=other, name="다른 과제 조례")
    assert _post(world, f"legislation:{lg.pk}", BILL).status_code == 404
    assert _post(world, f"legislation:{lg.pk}/delete", {}).status_code == 404
    assert Legislation.objects.get().name == "다른 과제 조례"
