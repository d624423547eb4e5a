"""Roles: who reads and who writes what."""

import pytest

from sangsaeng.accounts.models import Kind, User
from sangsaeng.conftest import World, make_task, make_user
from sangsaeng.orgs.models import Department

pytestmark = pytest.mark.django_db


def as_kind(user: User, kind: str) -> User:
    user.kind = kind
    user.save(update_fields=["kind"])
    return user


def test_an_auditor_reads_every_plan_and_writes_nothing(world: World) -> None:
    auditor = as_kind(make_user("auditor", world.jeonnam), Kind.AUDITOR)
    client = world.client_for(auditor)
    assert world.plan.title in client.get("/plans/").content.decode()
    assert client.get(f"/tasks/{world.task.pk}/").status_code == 200
    assert client.get(f"/tasks/{world.task.pk}/parts/header/").status_code == 403
    assert client.post(f"/tasks/{world.task.pk}/parts/header/", {"base_revision": "1"}).status_code == 403


def test_a_committee_member_reads_the_plans_of_their_committee_only(world: World) -> None:
    member = as_kind(make_user("member", world.jeonnam), Kind.COMMITTEE)
    client = world.client_for(member)
    assert client.get(f"/plans/{world.plan.pk}/").status_code == 404
    member.committee_plans.add(world.plan)
    assert client.get(f"/plans/{world.plan.pk}/").status_code == 200
    assert client.get(f"/tasks/{world.task.pk}/parts/header/").status_code == 403


def test_a_partner_viewer_reads_only_the_tasks_their_government_takes_part_in(world: World) -> None:
    busan = world.jeonnam
    viewer = as_kind(make_user("viewer", busan), Kind.PARTNER)
    client = world.client_for(viewer)
    assert client.get(f"/tasks/{world.task.pk}/").status_code == 404
    joint = make_task(world.plan, "10-5", area=world.area, lead=world.policy)
    joint.partners.add(busan)
    assert client.get(f"/tasks/{joint.pk}/").status_code == 200
    assert client.get(f"/tasks/{world.task.pk}/").status_code == 404
    assert client.get(f"/tasks/{joint.pk}/parts/header/").status_code == 403


def test_a_partner_viewer_sees_only_their_tasks_in_the_plan_list(world: World) -> None:
    busan = world.jeonnam
    viewer = as_kind(make_user("viewer", busan), Kind.PARTNER)
    joint = make_task(world.plan, "10-5", area=world.area, lead=world.policy)
    joint.partners.add(busan)
    page = world.client_for(viewer).get(f"/plans/{world.plan.pk}/").content.decode()
    assert joint.title in page
    assert world.task.title not in page
    assert "총 1건" in page  # the summary counts what the viewer may read, as the list does
    assert (
        world.task.title
        in world.client_for(world.coordinator).get(f"/plans/{world.plan.pk}/").content.decode()
    )


def test_officers_of_a_co_leading_department_in_another_government_edit_the_joint_task(world: World) -> None:
    daegu_dept = Department.objects.create(organization=world.daegu, name="정책기획관실")
    daegu_officer = make_user("daegu-officer", world.daegu, daegu_dept)
    client = world.client_for(daegu_officer)
    assert client.get(f"/tasks/{world.task.pk}/parts/header/").status_code == 403
    world.task.co_departments.add(daegu_dept)
    assert client.get(f"/tasks/{world.task.pk}/parts/header/").status_code == 200


def test_a_deactivated_user_is_logged_out_of_everything(world: World) -> None:
    client = world.client_for(world.officer)
    world.officer.is_active = False
    world.officer.save()
    assert client.get("/plans/").status_code == 302
