"""The plan's booklet: requested on the page, built by the task worker, listed with its progress,
downloaded when done; its table of contents points at the right pages."""

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sangsaeng.accounts.models import User
from sangsaeng.demo.loader import DemoSummary
from sangsaeng.documents import services
from sangsaeng.documents.models import GeneratedDocument
from sangsaeng.documents.tests.conftest import HANPPURI, pdf_info, pdf_pages
from sangsaeng.plans.models import Plan, Task

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
FOOTER = re.compile(r"^\s*-\s?(\d+|[ivx]+)\s?-\s*$")
TOC_ENTRY = re.compile(r"^\s*(?P<title>\S.*?)\s*(?:\.\s*){3,}\u2060?(?P<page>\d+|[ivx]+)\s*$")


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def layout_pages(data: bytes, tmp_path: Path) -> list[list[str]]:
    """Each page's non-blank lines as laid out (a footer is its page's last line)."""
    return [[ln for ln in page.splitlines() if ln.strip()] for page in pdf_pages(data, tmp_path, layout=True)]


@pytest.fixture
def booklet(
    demo: DemoSummary, media: Path, settings: Any, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> tuple[GeneratedDocument, list[int]]:
    settings.TASKS = IMMEDIATE
    seen: list[int] = []
    real_progress = services._progress

    def spy(document_id: int, value: int, message: str = "") -> None:
        seen.append(value)
        real_progress(document_id, value, message)

    monkeypatch.setattr(services, "_progress", spy)
    plan = Plan.objects.get(title=HANPPURI)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("demo").post(
            reverse("documents:booklet_request", args=[plan.pk]), {"kind": "booklet_pdf", "unit": "cheonwon"}
        )
    assert response.status_code == 302
    return GeneratedDocument.objects.get(plan=plan), seen


def test_the_booklet_job_runs_through_the_task_backend_to_done(
    booklet: tuple[GeneratedDocument, list[int]],
) -> None:
    document, seen = booklet
    assert document.status == GeneratedDocument.Status.DONE, document.message
    assert document.progress == 100
    # The bar moved forward through the stages before the job finished.
    assert seen == sorted(seen) and len(seen) >= 2 and seen[-1] < 100
    assert document.pages and document.pages > Task.objects.filter(plan=document.plan).count()
    assert document.file.name.startswith(f"documents/{document.token}/")
    assert document.size == document.file.size


def test_the_page_lists_the_job_and_polls_until_it_is_done(
    booklet: tuple[GeneratedDocument, list[int]],
) -> None:
    document, _ = booklet
    client = client_for("demo")
    page = client.get(reverse("documents:plan", args=[document.plan_id])).content.decode()
    assert f'id="doc-{document.pk}"' in page
    status = client.get(reverse("documents:status", args=[document.pk])).content.decode()
    assert reverse("documents:download", args=[document.pk]) in status
    assert "hx-trigger" not in status  # finished: the row stops polling

    GeneratedDocument.objects.filter(pk=document.pk).update(status="running", progress=45)
    status = client.get(reverse("documents:status", args=[document.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in status and 'value="45"' in status
    assert reverse("documents:download", args=[document.pk]) not in status


def test_the_booklet_downloads_with_cover_contents_summary_and_every_card(
    booklet: tuple[GeneratedDocument, list[int]], tmp_path: Path
) -> None:
    document, _ = booklet
    response = client_for("demo").get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    info = pdf_info(data, tmp_path)
    assert info["Title"] == f"{HANPPURI} 관리카드"
    assert info["Author"] == "경상북도 · 대구광역시"
    pages = layout_pages(data, tmp_path)
    assert HANPPURI in " ".join(pages[0]) and not FOOTER.match(pages[0][-1])  # the cover has no number
    assert "목차" in " ".join(pages[1]).replace(" ", "")
    assert any("과제 총괄표" in " ".join(p) for p in pages[1:4])
    cards = sum(" ".join(p).count("(관리카드)") for p in pages)
    assert cards == Task.objects.filter(plan=document.plan).count()


def test_the_table_of_contents_points_at_each_card(
    booklet: tuple[GeneratedDocument, list[int]], tmp_path: Path
) -> None:
    document, _ = booklet
    data = document.file.read()
    pages = layout_pages(data, tmp_path)
    numbered = {}
    for index, lines in enumerate(pages):
        footer = FOOTER.match(lines[-1])
        if footer and footer.group(1).isdigit():
            numbered[int(footer.group(1))] = index
    toc = [m for lines in pages[1:3] for line in lines if (m := TOC_ENTRY.match(line))]
    entries = [
        (m["title"], int(m["page"])) for m in toc if m["page"].isdigit() and "-" in m["title"].split()[0]
    ]
    assert len(entries) == Task.objects.filter(plan=document.plan).count()
    for title, number in entries:
        body = " ".join(" ".join(pages[numbered[number]]).split())
        # The card starts on that page: its title block, after the "(관리카드)" mark.
        assert "(관리카드)" in body, title
        assert " ".join(title.split()) in body.split("(관리카드)", 1)[1], (title, number)
    # The 한뿌리 card itself: 10-4, whose page the summary table gives too.
    hanppuri = next(n for t, n in entries if t.startswith("10-4"))
    summary = [line for p in pages[1:5] for line in p if line.strip().startswith("10-4")]
    assert summary and summary[-1].split()[-1] == str(hanppuri)


def test_a_second_click_while_it_runs_gets_the_same_job(demo: DemoSummary, settings: Any) -> None:
    settings.TASKS = IMMEDIATE
    plan = Plan.objects.get(title=HANPPURI)
    user = User.objects.get(username="demo")
    first = services.booklet_request(actor=user, plan=plan, kind="booklet_pdf", unit="eok")
    again = services.booklet_request(actor=user, plan=plan, kind="booklet_pdf", unit="eok")
    assert first.pk == again.pk
    assert services.booklet_request(actor=user, plan=plan, kind="booklet_hwpx", unit="eok").pk != first.pk


def test_building_twice_builds_once(demo: DemoSummary, media: Path, settings: Any) -> None:
    settings.TASKS = IMMEDIATE
    plan = Plan.objects.get(title=HANPPURI)
    user = User.objects.get(username="demo")
    document = services.booklet_request(actor=user, plan=plan, kind="booklet_pdf", unit="eok")
    GeneratedDocument.objects.filter(pk=document.pk).update(task_ids=document.task_ids[:2])
    assert services.booklet_build(document_id=document.pk) is True
    assert services.booklet_build(document_id=document.pk) is False
    document.refresh_from_db()
    assert document.status == "done" and document.pages == 5  # cover, contents, summary, two cards
