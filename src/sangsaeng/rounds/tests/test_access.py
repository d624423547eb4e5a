"""Who may read and change what: outsiders, other governments and other departments get 404 for every
round URL, by page or by guessing ids; officers cannot review; coordinators can."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, get_resolver

from sangsaeng.conftest import make_user
from sangsaeng.rounds import changes, services
from sangsaeng.rounds.models import ChangeRequest, Update, UpdateAttachment, UpdateState
from sangsaeng.rounds.tests.conftest import RoundWorld, form_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def rounds_routes() -> list[tuple[str, str]]:
    resolver = next(r for r in get_resolver().url_patterns if getattr(r, "namespace", None) == "rounds")
    return [(f"rounds:{p.name}", str(p.pattern)) for p in resolver.url_patterns if isinstance(p, URLPattern)]


def fill(route: str, ids: dict[str, Any]) -> str:
    url = "/" + route
    for name, value in ids.items():
        url = url.replace(f"<int:{name}>", str(value))
    assert "<" not in url, f"{route}: add a sample id for it"
    return url


@pytest.fixture
def scene(rw: RoundWorld, settings: Any, tmp_path: Any) -> dict[str, Any]:
    """A round with 경북's update submitted, a file on it, a change request and a notice."""
    settings.MEDIA_ROOT = str(tmp_path)
    rnd = rw.open_round()
    update = rw.update_for(rnd, rw.w.task)
    client = rw.client(rw.w.officer)
    data = form_data(client, update) | {"next_steps": "○ 계속", "action": "submit"}
    assert client.post(f"/rounds/updates/{update.pk}/", data).status_code == 302
    update.refresh_from_db()
    services.update_return(actor=rw.w.coordinator, update=update, comment="보완")
    attachment = services.update_attachment_add(
        actor=rw.w.officer, update=update, upload=SimpleUploadedFile("증빙.pdf", PDF), description=""
    )
    changes.plan_adopt(actor=rw.w.coordinator, plan=rw.plan, adopted_on=rnd.opened_at.date())
    cr = changes.change_request_file(
        actor=rw.w.officer,
        task=rw.w.task,
        part="goal",
        proposed=changes.GoalChange(goal="새 목표", term_indicator=""),
        reason="여건 변화",
    )
    from sangsaeng.notices.services import notice_create

    notice = notice_create(user=rw.w.officer, kind="x", title="비밀 알림", url="/rounds/")
    return {
        "round": rnd,
        "update": update,
        "ids": {
            "plan_id": rw.plan.pk,
            "round_id": rnd.pk,
            "update_id": update.pk,
            "file_id": attachment.pk,
            "task_id": rw.w.task.pk,
            "change_id": cr.pk,
            "notice_id": notice.pk,
        },
    }


def test_an_outsider_gets_404_on_every_round_url(rw: RoundWorld, scene: dict[str, Any]) -> None:
    client = rw.client(rw.w.outsider)
    secrets = [rw.w.task.title, rw.plan.title, "보완", "증빙.pdf"]
    for name, route in rounds_routes():
        if name == "rounds:home":
            continue
        url = fill(route, scene["ids"])
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (404, 405), (
                f"{method.upper()} {url} ({name}) → {response.status_code}"
            )
            body = response.content.decode(errors="replace")
            assert not any(s in body for s in secrets), f"{url} leaks to an outsider"
    home = client.get("/rounds/").content.decode()
    assert rw.w.task.title not in home and rw.plan.title not in home
    assert Update.objects.get(pk=scene["update"].pk).state == UpdateState.RETURNED


def test_guessing_ids_finds_nothing(rw: RoundWorld, scene: dict[str, Any]) -> None:
    outsider, other_gov = rw.client(rw.w.outsider), rw.client(rw.daegu_officer)
    top = max(Update.objects.order_by("-pk").values_list("pk", flat=True)[:1]) + 5
    theirs = Update.objects.get(task=rw.daegu_task).pk
    for guess in range(1, top):
        for path in (
            f"/rounds/updates/{guess}/",
            f"/rounds/updates/{guess}/review/",
            f"/rounds/files/{guess}/",
        ):
            assert outsider.get(path).status_code == 404, path
            if guess != theirs or "review" in path or "files" in path:
                assert other_gov.get(path).status_code in (403, 404), path
    for guess in range(1, ChangeRequest.objects.count() + 5):
        assert outsider.get(f"/rounds/changes/{guess}/").status_code == 404
        assert other_gov.get(f"/rounds/changes/{guess}/").status_code == 404


def test_another_governments_officer_cannot_read_or_change_our_update(
    rw: RoundWorld, scene: dict[str, Any]
) -> None:
    """대구's officer takes part in the same plan, but 10-4 is 경북's: its update does not exist for them."""
    client = rw.client(rw.daegu_officer)
    ids = scene["ids"]
    update = scene["update"]
    for url in (
        f"/rounds/updates/{ids['update_id']}/",
        f"/rounds/updates/{ids['update_id']}/review/",
        f"/rounds/files/{ids['file_id']}/",
        f"/rounds/changes/{ids['change_id']}/",
    ):
        assert client.get(url).status_code == 404, url
    before = (update.version, update.payload)
    data = {"version": "1", "card_revision": "1", "status": "completed", "action": "save"}
    assert client.post(f"/rounds/updates/{update.pk}/", data).status_code == 404
    assert client.post(f"/rounds/updates/{update.pk}/confirm/").status_code == 404
    assert client.post(f"/rounds/files/{ids['file_id']}/delete/").status_code == 404
    update.refresh_from_db()
    assert (update.version, update.payload) == before
    assert UpdateAttachment.objects.filter(pk=ids["file_id"]).exists()
    # The round itself they may open: it lists only their own department's update.
    page = client.get(f"/rounds/{ids['round_id']}/").content.decode()
    assert rw.daegu_task.title in page and rw.w.task.title not in page


def test_another_department_of_the_same_government_gets_404(rw: RoundWorld, scene: dict[str, Any]) -> None:
    client = rw.client(rw.w.other_officer)
    assert client.get(f"/rounds/updates/{scene['ids']['update_id']}/").status_code == 404
    assert client.get(f"/rounds/files/{scene['ids']['file_id']}/").status_code == 404


def test_an_officer_cannot_review_confirm_return_or_manage(rw: RoundWorld, scene: dict[str, Any]) -> None:
    client = rw.client(rw.w.officer)
    ids = scene["ids"]
    assert client.get(f"/rounds/updates/{ids['update_id']}/review/").status_code == 403
    assert client.post(f"/rounds/updates/{ids['update_id']}/confirm/").status_code == 403
    assert client.post(f"/rounds/updates/{ids['update_id']}/return/", {"comment": "x"}).status_code == 403
    assert client.get(f"/plans/{ids['plan_id']}/rounds/new/").status_code == 403
    assert client.post(f"/rounds/{ids['round_id']}/close/").status_code == 403
    assert client.post(f"/plans/{ids['plan_id']}/adoption/", {"adopted_on": "2019-01-01"}).status_code == 403
    assert client.post(f"/rounds/changes/{ids['change_id']}/approve/").status_code == 403
    # Reading and filling their own update is fine.
    assert client.get(f"/rounds/updates/{ids['update_id']}/").status_code == 200
    assert client.get(f"/rounds/files/{ids['file_id']}/").status_code == 200


def test_a_partner_viewer_without_a_department_sees_no_update(rw: RoundWorld, scene: dict[str, Any]) -> None:
    client = rw.client(rw.w.partner_viewer)
    assert client.get(f"/rounds/updates/{scene['ids']['update_id']}/").status_code == 404
    assert rw.w.task.title not in client.get("/rounds/").content.decode()


def test_a_team_under_the_lead_department_may_fill_the_update(rw: RoundWorld, scene: dict[str, Any]) -> None:
    from sangsaeng.orgs.models import Department

    team = Department.objects.create(organization=rw.w.gyeongbuk, parent=rw.w.policy, name="상생협력팀")
    member = make_user("team_member", rw.w.gyeongbuk, team)
    assert rw.client(member).get(f"/rounds/updates/{scene['ids']['update_id']}/").status_code == 200
