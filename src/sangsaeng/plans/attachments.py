"""Attachments of a card: checked by extension and by content, stored under a random name, audited.

Only the document and image types officials exchange are accepted. A file is read, never executed or
unpacked: ZIP-based formats (HWPX, XLSX, DOCX) are opened with `zipfile` to look at their directory
and one expected member, and refused when the directory looks like a zip bomb.
"""

import os
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction

from sangsaeng.accounts.models import User
from sangsaeng.plans.models import Attachment
from sangsaeng.plans.services import editing_card

ZIP_MAX_TOTAL = 200 * 1024 * 1024  # uncompressed bytes of all members
ZIP_MAX_RATIO = 200
ZIP_MAX_MEMBERS = 10_000
NAME_MAX = 255
DESCRIPTION_MAX = 200
ACCEPT = ".hwp,.hwpx,.pdf,.xlsx,.docx,.png,.jpg,.jpeg"

NOT_ALLOWED = "허용되지 않는 파일 형식입니다. HWP, HWPX, PDF, XLSX, DOCX, PNG, JPG 파일만 올릴 수 있습니다."
ZIP_BOMB = "압축을 풀면 지나치게 커지는 비정상적인 파일입니다. 올릴 수 없습니다."


@dataclass(frozen=True)
class FileType:
    kind: str  # Attachment.Kind
    content_type: str
    label: str


TYPES = {
    "hwp": FileType(Attachment.Kind.HWP, "application/x-hwp", "한글(HWP) 문서"),
    "hwpx": FileType(Attachment.Kind.HWPX, "application/hwp+zip", "한글(HWPX) 문서"),
    "pdf": FileType(Attachment.Kind.PDF, "application/pdf", "PDF 문서"),
    "xlsx": FileType(
        Attachment.Kind.XLSX,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "엑셀(XLSX) 문서",
    ),
    "docx": FileType(
        Attachment.Kind.DOCX,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "워드(DOCX) 문서",
    ),
    "png": FileType(Attachment.Kind.IMAGE, "image/png", "PNG 이미지"),
    "jpg": FileType(Attachment.Kind.IMAGE, "image/jpeg", "JPEG 이미지"),
    "jpeg": FileType(Attachment.Kind.IMAGE, "image/jpeg", "JPEG 이미지"),
}
OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
MAGIC = {
    "pdf": (b"%PDF-",),
    "hwp": (OLE2,),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}
ZIP_MAGIC = b"PK\x03\x04"
SNIFF = (
    (b"%PDF-", "PDF 문서"),
    (OLE2, "HWP 또는 MS Office 97-2003 문서"),
    (b"\x89PNG\r\n\x1a\n", "PNG 이미지"),
    (b"\xff\xd8\xff", "JPEG 이미지"),
    (ZIP_MAGIC, "ZIP 압축 파일"),
    (b"MZ", "실행 파일(EXE)"),
    (b"GIF8", "GIF 이미지"),
)


def _size_label(n: int) -> str:
    mb = 1024 * 1024
    if n >= mb and n % mb == 0:
        return f"{n // mb}MB"
    if n >= 1024:
        return f"{n / 1024:,.0f}KB"
    return f"{n:,}바이트"


def max_size_label() -> str:
    return _size_label(settings.ATTACHMENT_MAX_BYTES)


def clean_name(name: str) -> str:
    """The user's file name without any path, control characters or decomposed Hangul, ≤255 chars."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().strip(".")
    if len(name) > NAME_MAX:
        stem, ext = os.path.splitext(name)
        name = stem[: NAME_MAX - len(ext)] + ext if len(ext) < 20 else name[:NAME_MAX]
    return name


def extension(name: str) -> str:
    return name.rsplit(".", 1)[1].lower() if "." in name else ""


def _mismatch(ext: str, head: bytes) -> ValidationError:
    found = next((label for magic, label in SNIFF if head.startswith(magic)), None)
    hint = f" 실제 내용은 {found}입니다." if found else ""
    return ValidationError(
        f"파일 내용이 확장자(.{ext})와 맞지 않습니다.{hint} 파일을 확인하고 다시 올리세요."
    )


def _zip_entry_count(f: IO[bytes], size: int) -> int | None:
    """Entries the end-of-central-directory record announces, read before zipfile parses the directory."""
    tail = min(size, 22 + 65535)
    f.seek(size - tail)
    data = f.read(tail)
    at = data.rfind(b"PK\x05\x06")
    if at < 0 or len(data) < at + 22:
        return None
    return int.from_bytes(data[at + 10 : at + 12], "little")


def _check_zip(f: IO[bytes], ext: str, size: int, head: bytes) -> None:
    count = _zip_entry_count(f, size)
    if count is None:
        raise _mismatch(ext, head)
    if count > ZIP_MAX_MEMBERS:  # 0xFFFF (ZIP64) is refused here as well
        raise ValidationError(f"압축 파일 안의 항목이 너무 많습니다 (최대 {ZIP_MAX_MEMBERS:,}개).")
    f.seek(0)
    try:
        with zipfile.ZipFile(f) as zf:
            infos = zf.infolist()
            if len(infos) > ZIP_MAX_MEMBERS:
                raise ValidationError(f"압축 파일 안의 항목이 너무 많습니다 (최대 {ZIP_MAX_MEMBERS:,}개).")
            total = 0
            for info in infos:
                if info.flag_bits & 0x1:
                    raise ValidationError("암호가 걸린 파일은 올릴 수 없습니다. 암호를 풀고 다시 올리세요.")
                total += info.file_size
                if total > ZIP_MAX_TOTAL:
                    raise ValidationError(ZIP_BOMB)
                if info.file_size > 0 and (
                    info.compress_size == 0 or info.file_size > ZIP_MAX_RATIO * info.compress_size
                ):
                    raise ValidationError(ZIP_BOMB)
            names = {info.filename for info in infos}
            if ext == "hwpx":
                ok = "Contents/content.hpf" in names
                if not ok and "mimetype" in names:
                    with zf.open("mimetype") as member:
                        ok = b"application/hwp+zip" in member.read(64)
            else:
                ok = {"xlsx": "xl/workbook.xml", "docx": "word/document.xml"}[ext] in names
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        ValueError,
        OSError,
        EOFError,
    ) as exc:
        raise _mismatch(ext, head) from exc
    if not ok:
        raise ValidationError(
            f"파일 내용이 확장자(.{ext})와 맞지 않습니다. "
            f"{TYPES[ext].label}의 구성 요소가 없습니다. 파일을 확인하고 다시 올리세요."
        )


def check_upload(upload: Any) -> tuple[str, FileType]:
    """(clean original name, type) of an acceptable upload; ValidationError in Korean otherwise."""
    name = clean_name(getattr(upload, "name", "") or "")
    ext = extension(name)
    if ext not in TYPES:
        raise ValidationError(NOT_ALLOWED)
    size = upload.size or 0
    if size == 0:
        raise ValidationError("빈 파일은 올릴 수 없습니다.")
    if size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(f"파일이 너무 큽니다 (최대 {max_size_label()}).")
    upload.seek(0)
    head = upload.read(16)
    if ext in MAGIC:
        if not any(head.startswith(m) for m in MAGIC[ext]):
            raise _mismatch(ext, head)
    else:
        if not head.startswith(ZIP_MAGIC):
            raise _mismatch(ext, head)
        _check_zip(upload, ext, size, head)
    upload.seek(0)
    return name, TYPES[ext]


def attachment_add(*, actor: User | None, task_id: int, upload: Any, description: str = "") -> Attachment:
    """Check and store a file on a card; audited as a card change (part=None: adding never conflicts)."""
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX:
        raise ValidationError(f"설명은 {DESCRIPTION_MAX}자 이하로 적으세요.")
    name, file_type = check_upload(upload)
    stored: list[str] = []
    try:
        with editing_card(
            task_id=task_id, actor=actor, action="attachment_add", summary=f"첨부파일 추가: {name}"
        ) as change:
            attachment = Attachment(
                task=change.task,
                token=secrets.token_urlsafe(24),
                original_name=name,
                kind=file_type.kind,
                content_type=file_type.content_type,
                size=upload.size,
                description=description,
                uploaded_by=actor,
            )
            attachment.file.save(attachment.token, upload, save=False)
            stored.append(attachment.file.name or "")
            attachment.save()
    except BaseException:
        # The row was rolled back; do not leave its file behind.
        for path in filter(None, stored):
            default_storage.delete(path)
        raise
    return attachment


def attachment_delete(*, actor: User | None, attachment: Attachment) -> None:
    """Remove an attachment; its file goes once the change is committed."""
    path = attachment.file.name or ""
    with editing_card(
        task_id=attachment.task_id,
        actor=actor,
        action="attachment_delete",
        summary=f"첨부파일 삭제: {attachment.original_name}",
    ):
        Attachment.objects.filter(pk=attachment.pk).delete()
        if path:
            transaction.on_commit(lambda: default_storage.delete(path))
