"""A plan too large to write within a request is exported by the worker, with the same rows and the
same reading rule, and downloaded from the documents page."""

from typing import Any

import pytest

from sangsaeng.accounts.models import Kind
from sangsaeng.conftest import World, make_task, run_jobs
from sangsaeng.documents.models import GeneratedDocument
from sangsaeng.exchange.tests.helpers import download, workbook
from sangsaeng.orgs.models import Department


@pytest.mark.django_db
def test_a_large_plan_is_exported_by_the_worker_and_downloaded_when_ready(
    world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EXCHANGE_DIRECT_EXPORT_ROWS = 0
    settings.MEDIA_ROOT = "/tmp/sangsaeng-test-media"
    client = world.client_for(world.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"/plans/{world.plan.pk}/xlsx/export/")
    assert response.status_code == 302 and response["Location"] == f"/plans/{world.plan.pk}/documents/"
    page = client.get(response["Location"]).content.decode()
    assert "엑셀 파일을 따로 만듭니다" in page
    document = GeneratedDocument.objects.get()
    assert document.kind == GeneratedDocument.Kind.PLAN_XLSX and document.status == "queued"
    # A second click while it is being made gets the same job.
    client.get(f"/plans/{world.plan.pk}/xlsx/export/")
    assert GeneratedDocument.objects.count() == 1
    run_jobs()
    document.refresh_from_db()
    assert document.status == "done", document.message
    got = client.get(f"/documents/{document.pk}/download/")
    assert got["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "xlsx" in got["Content-Disposition"]
    wb = workbook(b"".join(got.streaming_content))  # type: ignore[attr-defined]
    assert wb["과제"]["A2"].value == "10-4"
    assert world.client_for(world.outsider).get(f"/documents/{document.pk}/download/").status_code == 404


@pytest.mark.django_db
def test_the_worker_export_keeps_a_partner_viewer_to_the_tasks_it_takes_part_in(
    world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EXCHANGE_DIRECT_EXPORT_ROWS = 0
    settings.MEDIA_ROOT = "/tmp/sangsaeng-test-media"
    other = Department.objects.create(organization=world.gyeongbuk, name="일자리경제과")
    make_task(world.plan, "3-1", area=world.area, lead=other)
    world.partner_viewer.kind = Kind.PARTNER
    world.partner_viewer.save(update_fields=["kind"])
    client = world.client_for(world.partner_viewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(f"/plans/{world.plan.pk}/xlsx/export/")
    run_jobs()
    document = GeneratedDocument.objects.get()
    wb = workbook(b"".join(client.get(f"/documents/{document.pk}/download/").streaming_content))  # type: ignore[attr-defined]
    assert [row[0] for row in wb["과제"].iter_rows(min_row=2, values_only=True)] == ["10-4"]


@pytest.mark.django_db
def test_a_small_plan_is_still_exported_in_the_request(world: World) -> None:
    response = world.client_for(world.officer).get(f"/plans/{world.plan.pk}/xlsx/export/")
    assert workbook(download(response))["과제"]["A2"].value == "10-4"
    assert not GeneratedDocument.objects.exists()
