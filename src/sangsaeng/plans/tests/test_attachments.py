import io
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sangsaeng.audit.models import AuditLog
from sangsaeng.conftest import World
from sangsaeng.plans import attachments
from sangsaeng.plans.models import Attachment

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20 + b"\xff\xd9"
HWP = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504


def make_zip(members: dict[str, bytes], *, stored: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data, compress_type=zipfile.ZIP_STORED if name in stored else None)
    return buffer.getvalue()


DOCX = make_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = make_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
HWPX = make_zip(
    {"mimetype": b"application/hwp+zip", "Contents/content.hpf": b"<opf:package/>"}, stored=("mimetype",)
)


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    yield root


def files_in(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def upload(world: World, name: str, content: bytes, *, user: Any = None, **extra: Any) -> Any:
    client = world.client_for(user or world.officer)
    data = {"file": SimpleUploadedFile(name, content, content_type="text/html"), "description": "실적 보고서"}
    return client.post(f"/tasks/{world.task.pk}/attachments/", data, **extra)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "kind", "content_type"),
    [
        ("2019 상반기 실적.pdf", PDF, "pdf", "application/pdf"),
        ("사진.PNG", PNG, "image", "image/png"),
        ("현장.jpeg", JPEG, "image", "image/jpeg"),
        ("보고서.hwp", HWP, "hwp", "application/x-hwp"),
        (
            "계획.docx",
            DOCX,
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("예산.xlsx", XLSX, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("공문.hwpx", HWPX, "hwpx", "application/hwp+zip"),
    ],
    ids=["pdf", "png", "jpeg", "hwp", "docx", "xlsx", "hwpx"],
)
def test_it_accepts_documents_and_lets_partners_download_them(
    world: World, media: Path, name: str, content: bytes, kind: str, content_type: str
) -> None:
    response = upload(world, name, content)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/tasks/{world.task.pk}/#part-attachments")
    a = Attachment.objects.get()
    assert (a.original_name, a.kind, a.content_type, a.size) == (name, kind, content_type, len(content))
    assert a.uploaded_by == world.officer and a.description == "실적 보고서"
    # Stored under the random token only: the user's name never reaches the file system.
    assert a.file.name == f"attachments/{world.task.pk}/{a.token}" and len(a.token) >= 32
    assert [p.read_bytes() for p in files_in(media)] == [content]

    card = world.client_for(world.partner_viewer).get(f"/tasks/{world.task.pk}/").content.decode()
    assert f'href="/attachments/{a.pk}/"' in card and name in card
    assert "파일 올리기" not in card  # the upload form is for editors only
    download = world.client_for(world.partner_viewer).get(f"/attachments/{a.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Type"] == content_type
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
    assert f"filename*=utf-8''{quote(name)}" in download["Content-Disposition"]


@pytest.mark.django_db
def test_it_records_uploads_and_deletions_in_the_card_history(
    world: World, media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    upload(world, "보고서.pdf", PDF)
    a = Attachment.objects.get()
    log = AuditLog.objects.filter(task=world.task).latest("id")
    assert (log.action, log.summary, log.actor) == (
        "attachment_add",
        "첨부파일 추가: 보고서.pdf",
        world.officer,
    )
    assert [c["after"] for c in log.changes] == ["보고서.pdf"]
    history = world.client_for(world.officer).get(f"/tasks/{world.task.pk}/history/").content.decode()
    assert "첨부파일 추가: 보고서.pdf" in history

    with django_capture_on_commit_callbacks(execute=True):
        response = world.client_for(world.officer).post(f"/attachments/{a.pk}/delete/")
    assert response.status_code == 302
    assert not Attachment.objects.exists() and files_in(media) == []
    log = AuditLog.objects.filter(task=world.task).latest("id")
    assert (log.action, log.summary) == ("attachment_delete", "첨부파일 삭제: 보고서.pdf")


@pytest.mark.django_db
def test_it_keeps_only_the_base_name_of_what_the_browser_sends(world: World, media: Path) -> None:
    long_name = "가" * 300 + ".pdf"
    upload(world, "C:\\Users\\kim\\문서\\..\\보고서.pdf", PDF)
    upload(world, long_name, PDF)
    names = sorted(Attachment.objects.values_list("original_name", flat=True), key=len)
    assert names[0] == "보고서.pdf"
    assert len(names[1]) == 255 and names[1].endswith(".pdf")
    # Decomposed Hangul (as macOS sends it) is stored composed.
    assert attachments.clean_name("보고서.pdf") == "보고서.pdf"


# ---------------------------------------------------------------- refusals


def bomb() -> bytes:
    return make_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\x00" * (50 * 1024 * 1024)})


def encrypted() -> bytes:
    """A DOCX whose member is marked encrypted (zipfile cannot write encryption, so set the flag bit)."""
    data = bytearray(make_zip({"word/document.xml": b"<w:document/>"}))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        data[at + offset] |= 0x1
    return bytes(data)


def crowded() -> bytes:
    return make_zip({f"x/{i}": b"" for i in range(10_001)} | {"word/document.xml": b"<w:document/>"})


REFUSALS = [
    ("가짜.pdf", PNG, "파일 내용이 확장자(.pdf)와 맞지 않습니다. 실제 내용은 PNG 이미지입니다."),
    ("setup.exe", b"MZ\x90\x00" + b"\x00" * 60, attachments.NOT_ALLOWED),
    ("보고서.pdf.exe", PDF, attachments.NOT_ALLOWED),
    ("확장자없음", PDF, attachments.NOT_ALLOWED),
    ("빈파일.pdf", b"", "빈 파일은 올릴 수 없습니다."),
    (
        "실행.hwp",
        b"MZ" + b"\x00" * 100,
        "파일 내용이 확장자(.hwp)와 맞지 않습니다. 실제 내용은 실행 파일(EXE)입니다.",
    ),
    ("표.xlsx", DOCX, "파일 내용이 확장자(.xlsx)와 맞지 않습니다. 엑셀(XLSX) 문서의 구성 요소가 없습니다."),
    ("문서.docx", make_zip({"readme.txt": b"hi"}), "파일 내용이 확장자(.docx)와 맞지 않습니다."),
    ("공문.hwpx", make_zip({"mimetype": b"application/zip"}), "파일 내용이 확장자(.hwpx)와 맞지 않습니다."),
    ("깨진.docx", b"PK\x03\x04" + b"\x00" * 100, "파일 내용이 확장자(.docx)와 맞지 않습니다."),
    ("문서.docx", encrypted(), "암호가 걸린 파일은 올릴 수 없습니다."),
    ("항목많음.docx", crowded(), "압축 파일 안의 항목이 너무 많습니다 (최대 10,000개)."),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "message"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_it_refuses_files_it_does_not_accept_and_writes_nothing(
    world: World, media: Path, name: str, content: bytes, message: str
) -> None:
    logs = AuditLog.objects.filter(task__isnull=False).count()
    response = upload(world, name, content)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Attachment.objects.exists() and files_in(media) == []
    assert AuditLog.objects.filter(task__isnull=False).count() == logs


@pytest.mark.django_db
def test_it_refuses_a_zip_bomb_quickly(world: World, media: Path) -> None:
    data = bomb()
    assert len(data) < 200_000  # 50 MB of zeros, compressed
    logs = AuditLog.objects.filter(task__isnull=False).count()
    started = time.monotonic()
    response = upload(world, "폭탄.docx", data)
    assert time.monotonic() - started < 2
    assert response.status_code == 422
    assert attachments.ZIP_BOMB in response.content.decode()
    assert (
        not Attachment.objects.exists()
        and files_in(media) == []
        and AuditLog.objects.filter(task__isnull=False).count() == logs
    )


@pytest.mark.django_db
def test_it_refuses_archives_that_unpack_too_large(world: World, media: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(attachments, "ZIP_MAX_TOTAL", 1000)
    data = make_zip({"word/document.xml": bytes(range(256)) * 8}, stored=("word/document.xml",))
    response = upload(world, "큰문서.docx", data)
    assert response.status_code == 422 and attachments.ZIP_BOMB in response.content.decode()
    assert not Attachment.objects.exists() and files_in(media) == []


@pytest.mark.django_db
def test_it_refuses_a_file_over_the_size_limit(world: World, media: Path, settings: Any) -> None:
    settings.ATTACHMENT_MAX_BYTES = 64
    logs = AuditLog.objects.filter(task__isnull=False).count()
    response = upload(world, "큰파일.pdf", PDF)
    assert response.status_code == 422
    assert "파일이 너무 큽니다 (최대 64바이트)." in response.content.decode()
    assert (
        not Attachment.objects.exists()
        and files_in(media) == []
        and AuditLog.objects.filter(task__isnull=False).count() == logs
    )
    assert attachments._size_label(30 * 1024 * 1024) == "30MB"


@pytest.mark.django_db
def test_it_returns_the_section_with_the_error_to_htmx_and_keeps_the_description(
    world: World, media: Path
) -> None:
    response = upload(world, "가짜.pdf", PNG, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    body = response.content.decode()
    assert body.lstrip().startswith('<section class="card-section" id="part-attachments"')
    assert 'role="alert"' in body and "파일 내용이 확장자(.pdf)와 맞지 않습니다." in body
    assert 'value="실적 보고서"' in body
    assert 'accept=".hwp,.hwpx,.pdf,.xlsx,.docx,.png,.jpg,.jpeg"' in body


@pytest.mark.django_db
def test_it_returns_the_section_after_an_htmx_upload(world: World, media: Path) -> None:
    response = upload(world, "보고서.pdf", PDF, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="part-attachments"' in body and "보고서.pdf" in body and "을(를) 올렸습니다." in body


@pytest.mark.django_db
def test_it_asks_for_a_file_when_none_is_sent(world: World, media: Path) -> None:
    response = world.client_for(world.officer).post(
        f"/tasks/{world.task.pk}/attachments/", {"description": "x"}
    )
    assert response.status_code == 422 and "올릴 파일을 고르세요." in response.content.decode()


@pytest.mark.django_db
def test_it_shows_the_upload_form_to_editors(world: World) -> None:
    body = world.client_for(world.officer).get(f"/tasks/{world.task.pk}/").content.decode()
    assert 'enctype="multipart/form-data"' in body
    assert 'accept=".hwp,.hwpx,.pdf,.xlsx,.docx,.png,.jpg,.jpeg"' in body
    assert '<label for="attachment-file-' in body and "설명</label>" in body


# ---------------------------------------------------------------- access


@pytest.mark.django_db
def test_it_refuses_outsiders_and_other_departments(world: World, media: Path) -> None:
    upload(world, "보고서.pdf", PDF)
    a = Attachment.objects.get()
    logs = AuditLog.objects.filter(task__isnull=False).count()
    outsider, other = world.client_for(world.outsider), world.client_for(world.other_officer)
    assert upload(world, "또.pdf", PDF, user=world.outsider).status_code == 404
    assert upload(world, "또.pdf", PDF, user=world.other_officer).status_code == 403
    assert upload(world, "또.pdf", PDF, user=world.partner_viewer).status_code == 403
    assert outsider.get(f"/attachments/{a.pk}/").status_code == 404
    assert other.get(f"/attachments/{a.pk}/").status_code == 200  # same government reads
    assert outsider.post(f"/attachments/{a.pk}/delete/").status_code == 404
    assert other.post(f"/attachments/{a.pk}/delete/").status_code == 403
    assert world.client_for(world.partner_viewer).post(f"/attachments/{a.pk}/delete/").status_code == 403
    assert world.client_for(world.officer).get(f"/attachments/{a.pk}/delete/").status_code == 405
    assert world.client_for(world.officer).get(f"/tasks/{world.task.pk}/attachments/").status_code == 405
    assert (
        Attachment.objects.count() == 1
        and len(files_in(media)) == 1
        and AuditLog.objects.filter(task__isnull=False).count() == logs
    )


@pytest.mark.django_db
def test_it_answers_404_when_the_stored_file_is_gone(world: World, media: Path) -> None:
    upload(world, "보고서.pdf", PDF)
    for path in files_in(media):
        path.unlink()
    a = Attachment.objects.get()
    assert world.client_for(world.officer).get(f"/attachments/{a.pk}/").status_code == 404
