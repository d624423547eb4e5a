"""Who may fetch documents, the database worker path, the HWPX booklet and the scheduled cleanup."""

import datetime as dt
import io
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from hwpx.tools.validator import validate_document

from sangsaeng.accounts.models import Kind, User
from sangsaeng.conftest import World, make_task, make_user, run_jobs
from sangsaeng.documents import services
from sangsaeng.documents.access import access_document
from sangsaeng.documents.models import GeneratedDocument

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def built(world: World, *, by: Any, kind: str = "booklet_pdf") -> GeneratedDocument:
    document = services.booklet_request(actor=by, plan=world.plan, kind=kind, unit="cheonwon")
    assert services.booklet_build(document_id=document.pk)
    document.refresh_from_db()
    return document


@pytest.fixture
def partner(world: World) -> User:
    """A viewer of 전남, a partner in the 10-4 task only (a second task, 2-1, is not theirs)."""
    user = make_user("jeonnam-partner", world.jeonnam)
    user.kind = Kind.PARTNER
    user.save(update_fields=["kind"])
    world.task.partners.add(world.jeonnam)
    make_task(world.plan, "2-1", area=world.area, lead=world.tourism)
    return user


def test_outsiders_get_404_on_every_document_url(world: World, media: Path, settings: Any) -> None:
    settings.TASKS = IMMEDIATE
    document = built(world, by=world.coordinator)
    urls = [
        reverse("documents:card_pdf", args=[world.task.pk]),
        reverse("documents:card_hwpx", args=[world.task.pk]),
        reverse("documents:plan", args=[world.plan.pk]),
        reverse("documents:status", args=[document.pk]),
        reverse("documents:download", args=[document.pk]),
    ]
    client = world.client_for(world.outsider)
    for url in urls:
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("documents:booklet_request", args=[world.plan.pk]), {"kind": "booklet_pdf"}
    )
    assert response.status_code == 404
    assert GeneratedDocument.objects.count() == 1


def test_a_partner_viewer_cannot_read_a_booklet_holding_cards_it_may_not_see(
    world: World, media: Path, settings: Any, partner: User
) -> None:
    settings.TASKS = IMMEDIATE
    document = built(world, by=world.coordinator)
    assert len(document.task_ids) == 2
    client = world.client_for(partner)
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404
    listing = client.get(reverse("documents:plan", args=[world.plan.pk])).content.decode()
    assert f'id="doc-{document.pk}"' not in listing
    # A colleague of the coordinator's government reads it.
    assert (
        world.client_for(world.officer).get(reverse("documents:download", args=[document.pk])).status_code
        == 200
    )


def test_a_partner_viewer_booklet_holds_only_its_own_tasks(
    world: World, media: Path, settings: Any, partner: User
) -> None:
    settings.TASKS = IMMEDIATE
    document = built(world, by=partner)
    assert document.task_ids == [world.task.pk]
    assert access_document(partner, document.pk) == document
    response = world.client_for(partner).get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 200


def test_the_requester_loses_the_document_with_the_plan(world: World, media: Path, settings: Any) -> None:
    settings.TASKS = IMMEDIATE
    document = built(world, by=world.officer)
    world.officer.organization = world.jeonnam
    world.officer.save(update_fields=["organization"])
    assert (
        world.client_for(world.officer).get(reverse("documents:download", args=[document.pk])).status_code
        == 404
    )


def test_the_database_worker_builds_the_booklet(
    world: World, media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    # The configured backend (django_tasks_db): the request queues a row, the worker runs it.
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client_for(world.coordinator).post(
            reverse("documents:booklet_request", args=[world.plan.pk]),
            {"kind": "booklet_pdf"},
            HTTP_HX_REQUEST="true",
        )
    assert response.status_code == 200 and 'hx-trigger="every 1s"' in response.content.decode()
    document = GeneratedDocument.objects.get()
    assert document.status == "queued"
    run_jobs()
    document.refresh_from_db()
    assert document.status == "done" and document.progress == 100 and document.file
    # Its removal is already scheduled for when it expires.
    cleanup = DBTaskResult.objects.filter(task_path="sangsaeng.documents.tasks.cleanup_documents").get()
    assert cleanup.run_after >= document.expires_at


def test_the_hwpx_booklet_validates(world: World, media: Path, settings: Any) -> None:
    settings.TASKS = IMMEDIATE
    make_task(world.plan, "10-4-1", area=world.area, lead=world.policy, parent=world.task)
    document = built(world, by=world.coordinator, kind="booklet_hwpx")
    assert document.status == "done", document.message
    data = document.file.read()
    report = validate_document(io.BytesIO(data))
    assert report.ok, [str(i) for i in report.errors]
    response = world.client_for(world.coordinator).get(reverse("documents:download", args=[document.pk]))
    assert response["Content-Type"] == "application/hwp+zip"
    assert (
        "filename*=utf-8''" in response["Content-Disposition"] and ".hwpx" in response["Content-Disposition"]
    )


def test_cleanup_removes_expired_documents_and_their_files(world: World, media: Path, settings: Any) -> None:
    settings.TASKS = IMMEDIATE
    old = built(world, by=world.coordinator)
    fresh = built(world, by=world.officer)
    path = Path(old.file.path)
    assert path.exists()
    GeneratedDocument.objects.filter(pk=old.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    # Past its keeping time it is no longer served, even before the cleanup runs.
    download = reverse("documents:download", args=[old.pk])
    assert world.client_for(world.coordinator).get(download).status_code == 404
    out = StringIO()
    call_command("documents", "cleanup", stdout=out)
    assert "1건" in out.getvalue()
    assert not path.exists()
    assert list(GeneratedDocument.objects.values_list("pk", flat=True)) == [fresh.pk]
    # Running it again is harmless.
    call_command("documents", "cleanup", stdout=StringIO())
    assert GeneratedDocument.objects.count() == 1


def test_cleanup_fails_jobs_whose_worker_died(world: World) -> None:
    stuck = services.booklet_request(
        actor=world.coordinator, plan=world.plan, kind="booklet_pdf", unit="cheonwon"
    )
    GeneratedDocument.objects.filter(pk=stuck.pk).update(
        status="running", created=timezone.now() - dt.timedelta(hours=2)
    )
    services.documents_cleanup()
    stuck.refresh_from_db()
    assert stuck.status == "failed" and "다시 요청" in stuck.message


def test_a_failed_build_says_why(world: World, media: Path, monkeypatch: Any) -> None:
    document = services.booklet_request(
        actor=world.coordinator, plan=world.plan, kind="booklet_pdf", unit="eok"
    )

    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise services.pdf.PdfError("글꼴을 찾을 수 없습니다")

    monkeypatch.setattr(services.pdf, "booklet_pdf", broken)
    assert services.booklet_build(document_id=document.pk) is False
    document.refresh_from_db()
    assert document.status == "failed" and "글꼴을 찾을 수 없습니다" in document.message
    page = (
        world.client_for(world.coordinator)
        .get(reverse("documents:status", args=[document.pk]))
        .content.decode()
    )
    assert "글꼴을 찾을 수 없습니다" in page and "hx-trigger" not in page
