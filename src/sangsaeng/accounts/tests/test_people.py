"""Managing people: invitations by e-mail, accepting them, departments, and hand-over when one leaves."""

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client, TestCase
from django.utils import timezone

from sangsaeng.accounts.models import Invitation, User
from sangsaeng.audit.models import AuditLog
from sangsaeng.conftest import World, make_user
from sangsaeng.orgs.models import Department
from sangsaeng.plans.models import Contact

pytestmark = pytest.mark.django_db
STRONG = "봄바람 부는 대구 경북 2026"


def invite(world: World, **fields: Any) -> Any:
    data = {
        "email": "kim@gb.go.kr",
        "name": "김담당",
        "organization": world.gyeongbuk.pk,
        "department": world.tourism.pk,
        "role": "officer",
        **fields,
    }
    # The mail leaves on commit; the test's transaction never commits, so run the callbacks here.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return world.client_for(world.coordinator).post("/accounts/invitations/new/", data)


def link_in_mail() -> str:
    match = re.search(r"http://testserver(/accounts/invite/[^/\s]+/)", str(mail.outbox[-1].body))
    assert match, mail.outbox[-1].body
    return match.group(1)


def test_a_coordinator_invites_an_officer_who_creates_an_account_from_the_link(world: World) -> None:
    response = invite(world)
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["kim@gb.go.kr"]
    link = link_in_mail()
    client = Client()
    page = client.get(link).content.decode()
    assert "kim@gb.go.kr" in page and "관광정책과" in page
    response = client.post(
        link,
        {
            "username": "kim.officer",
            "name": "김담당",
            "phone": "053-1",
            "password1": STRONG,
            "password2": STRONG,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="kim.officer")
    assert (user.organization, user.department, user.kind) == (world.gyeongbuk, world.tourism, "officer")
    assert client.get("/plans/").status_code == 200  # logged in
    assert AuditLog.objects.filter(action="invite_accept").exists()


def test_a_link_works_once(world: World) -> None:
    invite(world)
    link = link_in_mail()
    data = {"username": "kim1", "name": "김", "phone": "", "password1": STRONG, "password2": STRONG}
    assert Client().post(link, data).status_code == 302
    again = Client().post(link, {**data, "username": "kim2"})
    assert again.status_code == 410
    assert "이미 사용한 초대" in again.content.decode()
    assert not User.objects.filter(username="kim2").exists()


def test_an_expired_or_revoked_link_explains_itself_in_korean(world: World) -> None:
    invite(world)
    link = link_in_mail()
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert "기한이 지난 초대" in Client().get(link).content.decode()
    invite(world, email="lee@gb.go.kr")
    link = link_in_mail()
    inv = Invitation.objects.get(email="lee@gb.go.kr")
    world.client_for(world.coordinator).post(f"/accounts/invitations/{inv.pk}/revoke/")
    assert "취소된 초대" in Client().get(link).content.decode()
    assert "주소가 올바르지 않습니다" in Client().get("/accounts/invite/made-up-token/").content.decode()


def test_a_weak_password_is_refused_and_what_was_typed_stays(world: World) -> None:
    invite(world)
    link = link_in_mail()
    response = Client().post(
        link,
        {
            "username": "kim.officer",
            "name": "김담당",
            "phone": "",
            "password1": "password",
            "password2": "password",
        },
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert "비밀번호" in body and "짧습니다" in body
    assert 'value="kim.officer"' in body
    assert not User.objects.filter(username="kim.officer").exists()


def test_a_coordinator_cannot_invite_into_a_government_outside_their_plans(world: World) -> None:
    other = Department.objects.create(organization=world.jeonnam, name="기획조정실")
    response = invite(world, organization=world.jeonnam.pk, department=other.pk)
    assert response.status_code == 422
    assert not Invitation.objects.exists() and not mail.outbox


def test_only_an_administrator_appoints_auditors(world: World) -> None:
    response = invite(world, role="auditor", department="")
    assert response.status_code == 422 and not Invitation.objects.exists()
    admin = User.objects.create_superuser("root", "root@x.kr", STRONG)
    client = World.client_for(world, admin)
    response = client.post(
        "/accounts/invitations/new/",
        {"email": "audit@bai.go.kr", "organization": world.gyeongbuk.pk, "role": "auditor"},
    )
    assert response.status_code == 302
    assert Invitation.objects.get().role == "auditor"


def test_a_coordinator_invitation_needs_a_plan_they_coordinate(world: World) -> None:
    response = invite(world, role="coordinator")
    assert response.status_code == 422
    assert "계획을 지정" in response.content.decode()
    assert invite(world, role="coordinator", plan=world.plan.pk).status_code == 302
    link = link_in_mail()
    data = {"username": "co2", "name": "공동총괄", "phone": "", "password1": STRONG, "password2": STRONG}
    Client().post(link, data)
    assert world.plan.coordinators.filter(username="co2").exists()


def test_officers_cannot_manage_people(world: World) -> None:
    client = world.client_for(world.officer)
    assert client.get("/accounts/people/").status_code == 403
    assert client.post("/accounts/invitations/new/", {"email": "x@y.kr"}).status_code == 403


def test_the_people_page_shows_departments_with_their_officers(world: World) -> None:
    body = world.client_for(world.coordinator).get("/accounts/people/").content.decode()
    assert "정책기획관" in body and "관광정책과" in body and "officer" in body
    assert "전라남도" not in body  # not a government of the coordinator's plans


def test_a_department_is_added_once(world: World) -> None:
    client = world.client_for(world.coordinator)
    data = {"organization": world.gyeongbuk.pk, "name": "균형발전과", "level": "division"}
    assert client.post("/accounts/departments/new/", data).status_code == 302
    again = client.post("/accounts/departments/new/", data)
    assert again.status_code == 422 and "같은 이름의 부서" in again.content.decode()


def test_an_officer_leaving_hands_cards_and_plans_to_a_successor(world: World) -> None:
    leaving = make_user("leaving", world.gyeongbuk, world.policy)
    successor = world.officer
    successor.phone = "054-880-0000"
    successor.save()
    world.plan.coordinators.add(leaving)
    Contact.objects.create(task=world.task, role="담당자", name="떠나는사람", phone="1", user=leaving)
    client = world.client_for(world.coordinator)
    preview = client.get(f"/accounts/people/{leaving.pk}/handover/").content.decode()
    assert world.plan.title in preview and world.task.title in preview
    response = client.post(f"/accounts/people/{leaving.pk}/handover/", {"successor": successor.pk})
    assert response.status_code == 302
    leaving.refresh_from_db()
    assert not leaving.is_active
    contact = Contact.objects.get(task=world.task)
    assert (contact.user, contact.name, contact.phone) == (successor, successor.display_name, "054-880-0000")
    assert world.plan.coordinators.filter(pk=successor.pk).exists()
    assert not world.plan.coordinators.filter(pk=leaving.pk).exists()
    history = client.get(f"/tasks/{world.task.pk}/history/").content.decode()
    assert "업무 인계" in history


def test_hand_over_only_within_the_same_government(world: World) -> None:
    stranger = make_user("stranger", world.daegu)
    response = world.client_for(world.coordinator).post(
        f"/accounts/people/{world.officer.pk}/handover/", {"successor": stranger.pk}
    )
    assert response.status_code == 422
    world.officer.refresh_from_db()
    assert world.officer.is_active


def test_the_people_page_costs_the_same_queries_with_many_people(world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client_for(world.coordinator)

    def count() -> int:
        client.get("/accounts/people/")  # warm the session
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/accounts/people/").status_code == 200
        return len(ctx)

    few = count()
    for i in range(15):
        dept = Department.objects.create(organization=world.daegu, name=f"부서{i}")
        make_user(f"user{i}", world.daegu, dept).coordinated_plans.add(world.plan)
        invite(world, email=f"p{i}@gb.go.kr")
    assert count() == few
