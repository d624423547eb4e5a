"""Attachments of a card: checked by extension and by content, stored under a random name, audited.

Only the document and image types officials exchange are accepted. A file is read, never executed or
unpacked to disk. What is read:

- every type: the leading magic bytes (the extension must match them);
- PDF: the `%%EOF` marker within the last 1 KiB (where Acrobat looks for it), so a cut-off file is refused;
- PNG: the IHDR chunk right after the signature;
- HWP: the OLE2 signature, and the OLE directory names, so a renamed Word/Excel 97-2003 file is named;
- ZIP-based formats (HWPX, XLSX, DOCX): the central directory (entry count, sizes, ratios, overlaps,
  encryption, unsafe paths), one expected member, and the start of every member: nested archives are
  checked the same way (within one shared budget), and XML members are parsed with defusedxml up to
  their root element only, refusing any DTD (so no entity expansion and no external entities).

Anything unreadable ends in a Korean ValidationError; a parser failure nobody foresaw is logged and
refused the same way, never a server error.
"""

import copy
import itertools
import logging
import lzma
import os
import re
import secrets
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from typing import IO, Any, Protocol

# Only the exception and handler base classes come from the standard library; parsing goes through
# defusedxml.sax, which refuses DTDs and entities.
from xml.sax import SAXException  # nosec B406
from xml.sax.handler import ContentHandler  # nosec B406

from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from sangsaeng.accounts.models import User
from sangsaeng.plans.models import Attachment
from sangsaeng.plans.services import editing_card

logger = logging.getLogger(__name__)

ZIP_MAX_TOTAL = 200 * 1024 * 1024  # uncompressed bytes of all members, nested archives included
ZIP_MAX_RATIO = 200
ZIP_RATIO_FLOOR = 1024 * 1024  # smaller members may compress as well as they like
ZIP_MAX_MEMBERS = 10_000
ZIP_MAX_DEPTH = 2  # an archive inside an archive inside the file (a chart's workbook in a DOCX)
XML_PROLOG_MAX = 64 * 1024  # bytes of an XML member read to reach its root element
NAME_MAX = 255
DESCRIPTION_MAX = 200
ACCEPT = ".hwp,.hwpx,.pdf,.xlsx,.docx,.png,.jpg,.jpeg"

# Messages are Korean msgids, translated where they are raised (gettext), so the checker answers in the
# language of the screen that uploads.
NOT_ALLOWED = gettext_noop(
    "허용되지 않는 파일 형식입니다. HWP, HWPX, PDF, XLSX, DOCX, PNG, JPG 파일만 올릴 수 있습니다."
)
ZIP_BOMB = gettext_noop("압축을 풀면 지나치게 커지는 비정상적인 파일입니다. 올릴 수 없습니다.")
ZIP_NESTED = gettext_noop(
    "압축 파일 안에 압축 파일이 여러 겹 들어 있는 비정상적인 파일입니다. 올릴 수 없습니다."
)
ZIP_UNSAFE_PATH = gettext_noop("압축 파일 안에 위험한 경로(../ 등)가 들어 있어 올릴 수 없습니다.")
ENCRYPTED = gettext_noop("암호가 걸린 파일은 올릴 수 없습니다. 암호를 풀고 다시 올리세요.")
XML_UNSAFE = gettext_noop(
    "문서 안에 보안상 허용되지 않는 XML 선언(DTD·엔터티)이 들어 있어 올릴 수 없습니다. "
    "원래 프로그램에서 다시 저장해 올리세요."
)
XML_BROKEN = gettext_noop(
    "문서 내부의 XML이 손상되어 읽을 수 없습니다. 원래 프로그램에서 다시 저장해 올리세요."
)
DAMAGED = gettext_noop("파일이 손상되어 읽을 수 없습니다. 원래 프로그램에서 다시 저장해 올리세요.")
UNREADABLE = gettext_noop(
    "파일을 읽는 중 문제가 생겨 올릴 수 없습니다. 파일이 손상되지 않았는지 확인하고 다시 올리세요."
)

# What zipfile and its decompressors raise on a damaged archive.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    RuntimeError,
    KeyError,
    ValueError,
    OSError,
    EOFError,
    struct.error,
    zlib.error,
    lzma.LZMAError,
)


class _Reader(Protocol):
    def read(self, n: int = -1, /) -> bytes: ...


@dataclass(frozen=True)
class FileType:
    kind: str  # Attachment.Kind
    content_type: str
    label: str


TYPES = {
    "hwp": FileType(Attachment.Kind.HWP, "application/x-hwp", gettext_noop("한글(HWP) 문서")),
    "hwpx": FileType(Attachment.Kind.HWPX, "application/hwp+zip", gettext_noop("한글(HWPX) 문서")),
    "pdf": FileType(Attachment.Kind.PDF, "application/pdf", gettext_noop("PDF 문서")),
    "xlsx": FileType(
        Attachment.Kind.XLSX,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        gettext_noop("엑셀(XLSX) 문서"),
    ),
    "docx": FileType(
        Attachment.Kind.DOCX,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "워드(DOCX) 문서",
    ),
    "png": FileType(Attachment.Kind.IMAGE, "image/png", gettext_noop("PNG 이미지")),
    "jpg": FileType(Attachment.Kind.IMAGE, "image/jpeg", gettext_noop("JPEG 이미지")),
    "jpeg": FileType(Attachment.Kind.IMAGE, "image/jpeg", gettext_noop("JPEG 이미지")),
}
OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAGIC = {
    "pdf": (b"%PDF-",),
    "hwp": (OLE2,),
    "png": (PNG_SIGNATURE,),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}
ZIP_MAGIC = b"PK\x03\x04"
ZIP_CENTRAL = b"PK\x01\x02"
ZIP_END = b"PK\x05\x06"
SNIFF = (
    (b"%PDF-", gettext_noop("PDF 문서")),
    (OLE2, gettext_noop("HWP 또는 MS Office 97-2003 문서")),
    (PNG_SIGNATURE, gettext_noop("PNG 이미지")),
    (b"\xff\xd8\xff", gettext_noop("JPEG 이미지")),
    (ZIP_MAGIC, gettext_noop("ZIP 압축 파일")),
    (b"MZ", gettext_noop("실행 파일(EXE)")),
    (b"GIF8", gettext_noop("GIF 이미지")),
)
# OLE directory entry names (UTF-16LE) of the MS Office 97-2003 formats, and HWP's own.
OLE_OFFICE = (
    ("WordDocument", gettext_noop("MS Word 97-2003 문서(DOC)")),
    ("Workbook", gettext_noop("MS Excel 97-2003 문서(XLS)")),
    ("PowerPoint Document", gettext_noop("MS PowerPoint 97-2003 문서(PPT)")),
)
OLE_HWP = "FileHeader"
INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})  # Unicode general categories
LEADING, TRAILING = re.compile(r"^[\s.]+"), re.compile(r"[\s.]+$")
XML_SUFFIXES = (".xml", ".rels", ".hpf", ".vml")
SCAN_CHUNK = 1024 * 1024


def _size_label(n: int) -> str:
    mb = 1024 * 1024
    if n >= mb and n % mb == 0:
        return f"{n // mb}MB"
    if n >= 1024:
        return f"{n / 1024:,.0f}KB"
    return gettext("%(n)s바이트") % {"n": f"{n:,}"}


def max_size_label() -> str:
    return _size_label(settings.ATTACHMENT_MAX_BYTES)


def _printable(text: str) -> str:
    """Text without control, format (bidi overrides, zero-width), surrogate or line-separator characters."""
    return "".join(ch for ch in text if unicodedata.category(ch) not in INVISIBLE)


def clean_name(name: str) -> str:
    """The user's file name without any path, control characters or decomposed Hangul, ≤255 chars."""
    name = unicodedata.normalize("NFC", _printable(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    name = TRAILING.sub("", name)
    core = LEADING.sub("", name)
    if core and "." not in core and "." in name:  # ".pdf": all extension, no name
        core = "첨부파일." + core
    name = core
    if len(name) > NAME_MAX:
        stem, ext = os.path.splitext(name)
        name = stem[: NAME_MAX - len(ext)] + ext if len(ext) < 20 else name[:NAME_MAX]
        name = TRAILING.sub("", name)
    return name


def clean_description(text: str) -> str:
    """One line of text: line breaks and tabs become spaces, other invisible characters (NUL…) go."""
    text = "".join(" " if ch in "\r\n\t" else ch for ch in text or "")
    return " ".join(_printable(text).split())


def extension(name: str) -> str:
    return name.rsplit(".", 1)[1].lower() if "." in name else ""


def _mismatch(ext: str, head: bytes, found: str | None = None) -> ValidationError:
    found = found or next((label for magic, label in SNIFF if head.startswith(magic)), None)
    if not found and head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith((b"<!doctype html", b"<html")):
        found = gettext_noop("웹 페이지(HTML)")  # often a portal's error page saved under the document's name
    if found:
        text = gettext(
            "파일 내용이 확장자(.%(ext)s)와 맞지 않습니다. 실제 내용은 %(found)s입니다. "
            "파일을 확인하고 다시 올리세요."
        )
        return ValidationError(text % {"ext": ext, "found": gettext(found)})
    text = gettext("파일 내용이 확장자(.%(ext)s)와 맞지 않습니다. 파일을 확인하고 다시 올리세요.")
    return ValidationError(text % {"ext": ext})


def _chunks(f: IO[bytes], overlap: int) -> Iterator[bytes]:
    """The whole file in chunks that overlap by `overlap` bytes, so a pattern is never split."""
    f.seek(0)
    tail = b""
    while chunk := f.read(SCAN_CHUNK):
        yield tail + chunk
        tail = (tail + chunk)[-overlap:]


# ---------------------------------------------------------------- PDF, images, HWP


def _check_pdf(f: IO[bytes], size: int) -> None:
    f.seek(max(0, size - 1024))
    if b"%%EOF" not in f.read(1024):
        raise ValidationError(
            gettext(
                "PDF 파일의 끝부분이 없습니다. 저장이나 내려받기가 중간에 끊긴 파일일 수 있으니 "
                "다시 저장해 올리세요."
            )
        )


def _check_png(head: bytes) -> None:
    if head[12:16] != b"IHDR":
        raise ValidationError(f"{gettext('PNG 이미지의 머리 부분이 손상되어 있습니다.')} {gettext(DAMAGED)}")


def _check_hwp(f: IO[bytes]) -> None:
    """A renamed Word/Excel/PowerPoint 97-2003 file shares HWP's OLE2 signature: name it by its streams."""
    patterns = {name: name.encode("utf-16-le") for name, _ in OLE_OFFICE} | {
        OLE_HWP: OLE_HWP.encode("utf-16-le")
    }
    seen: set[str] = set()
    longest = max(len(p) for p in patterns.values())
    for chunk in _chunks(f, longest):
        seen.update(name for name, pattern in patterns.items() if name not in seen and pattern in chunk)
    if OLE_HWP not in seen:
        for name, label in OLE_OFFICE:
            if name in seen:
                raise _mismatch("hwp", b"", found=label)


# ---------------------------------------------------------------- ZIP containers


@dataclass
class _Budget:
    """What one upload may announce, summed over the file and every archive nested in it."""

    total: int
    members: int

    def spend(self, size: int, members: int = 0) -> None:
        self.total -= size
        self.members -= members
        if self.members < 0:
            raise ValidationError(_too_many_members())
        if self.total < 0:
            raise ValidationError(gettext(ZIP_BOMB))


def _too_many_members() -> str:
    return gettext("압축 파일 안의 항목이 너무 많습니다 (최대 %(n)s개).") % {"n": f"{ZIP_MAX_MEMBERS:,}"}


def _central_entries(f: IO[bytes]) -> int:
    """Central directory headers in the file, counted before zipfile builds an object for each one."""
    return sum(chunk.count(ZIP_CENTRAL) for chunk in _chunks(f, len(ZIP_CENTRAL) - 1))


def _has_end_record(f: IO[bytes], size: int) -> bool:
    tail = min(size, 22 + 65535)
    f.seek(size - tail)
    data = f.read(tail)
    at = data.rfind(ZIP_END)
    return at >= 0 and len(data) >= at + 22


def _unsafe_path(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":")


def _check_directory(zf: zipfile.ZipFile, budget: _Budget) -> list[zipfile.ZipInfo]:
    """Refuse what the central directory alone shows: bombs, overlaps, encryption, unsafe paths."""
    infos = zf.infolist()
    budget.spend(0, len(infos))
    names: set[str] = set()
    for info in infos:
        if info.flag_bits & 0x1:
            raise ValidationError(gettext(ENCRYPTED))
        if _unsafe_path(info.filename):
            raise ValidationError(gettext(ZIP_UNSAFE_PATH))
        if info.filename in names:
            raise ValidationError(
                f"{gettext('압축 파일 안에 같은 이름의 항목이 여러 개 있습니다.')} {gettext(DAMAGED)}"
            )
        names.add(info.filename)
        budget.spend(info.file_size)
        if info.file_size > 0 and info.compress_size == 0:
            raise ValidationError(gettext(ZIP_BOMB))
        if info.file_size > ZIP_RATIO_FLOOR and info.file_size > ZIP_MAX_RATIO * info.compress_size:
            raise ValidationError(gettext(ZIP_BOMB))
    # Members must not share bytes (the "overlapping entries" bomb): each local header is at least
    # 30 bytes long, followed by its compressed data, before the next one starts.
    ordered = sorted(infos, key=lambda i: i.header_offset)
    for a, b in itertools.pairwise(ordered):
        if a.header_offset + 30 + a.compress_size > b.header_offset:
            raise ValidationError(gettext(ZIP_BOMB))
    if ordered and ordered[-1].header_offset + 30 + ordered[-1].compress_size > zf.start_dir:
        raise ValidationError(gettext(ZIP_BOMB))
    return infos


class _RootReached(Exception):
    pass


class _Root(ContentHandler):
    def startElement(self, name: str, attrs: Any) -> None:  # SAX's name
        raise _RootReached


def _looks_like_xml(name: str, first: bytes) -> bool:
    if name.lower().endswith(XML_SUFFIXES):
        return True
    start = first.lstrip(b"\xef\xbb\xbf").lstrip()
    return start.startswith((b"<?xml", b"\xff\xfe<\x00", b"\xfe\xff\x00<", b"<\x00?\x00", b"\x00<\x00?"))


def _check_xml_prolog(first: bytes, rest: _Reader) -> None:
    """Parse up to the root element with defusedxml, refusing any DTD; the body is not read."""
    parser = DefusedExpatParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.setContentHandler(_Root())
    fed = 0
    chunk = first
    try:
        while chunk:
            parser.feed(chunk)
            fed += len(chunk)
            if fed >= XML_PROLOG_MAX:
                raise ValidationError(gettext(XML_BROKEN))
            chunk = rest.read(8192)
        parser.close()  # the whole member was read: malformed XML fails here
    except _RootReached:
        return
    except DefusedXmlException as exc:
        raise ValidationError(gettext(XML_UNSAFE)) from exc
    except (SAXException, ValueError, LookupError) as exc:  # LookupError: an unknown encoding
        raise ValidationError(gettext(XML_BROKEN)) from exc
    raise ValidationError(gettext(XML_BROKEN))  # closed without ever starting an element


class _Counted:
    """A member being read: bytes given so far, and the CRC-32 of the first `limit` of them."""

    def __init__(self, f: _Reader, limit: int) -> None:
        self.f = f
        self.limit = limit
        self.count = 0
        self.crc = 0

    def read(self, n: int = -1, /) -> bytes:
        data = self.f.read(n)
        if self.count < self.limit:
            self.crc = zlib.crc32(data[: self.limit - self.count], self.crc)
        self.count += len(data)
        return data


def _check_members(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], budget: _Budget, depth: int) -> None:
    """Every member read once, in memory, one chunk at a time: nested archives are checked in turn and
    XML up to its root element; all of it must match its CRC and be no larger than the directory says
    (a bomb that lies about its sizes is read one byte too far, never further)."""
    for info in infos:
        if info.is_dir():
            continue
        probe = copy.copy(info)
        probe.file_size = info.file_size + 1
        del probe.CRC  # checked below over the declared size
        with zf.open(probe) as member:
            reader = _Counted(member, info.file_size)
            first = reader.read(4096)
            if first.startswith(ZIP_MAGIC):
                if depth >= ZIP_MAX_DEPTH:
                    raise ValidationError(gettext(ZIP_NESTED))
                if info.file_size > settings.ATTACHMENT_MAX_BYTES:
                    raise ValidationError(gettext(ZIP_BOMB))
                inner = first + reader.read(info.file_size + 1 - len(first))
            else:
                inner = b""
                if first and _looks_like_xml(info.filename, first):
                    _check_xml_prolog(first, reader)
                while reader.count <= info.file_size and reader.read(SCAN_CHUNK):
                    pass
        if reader.count > info.file_size:
            raise ValidationError(gettext(ZIP_BOMB))
        if reader.crc != info.CRC:
            raise zipfile.BadZipFile(f"Bad CRC-32 for {info.filename!r}")
        if inner:
            _check_archive(BytesIO(inner), len(inner), budget, depth + 1)


def _required_member(zf: zipfile.ZipFile, names: set[str], ext: str) -> None:
    if ext == "hwpx":
        ok = "Contents/content.hpf" in names
        if not ok and "mimetype" in names:
            with zf.open("mimetype") as member:
                ok = b"application/hwp+zip" in member.read(64)
    else:
        ok = {"xlsx": "xl/workbook.xml", "docx": "word/document.xml"}[ext] in names
    if not ok:
        text = gettext(
            "파일 내용이 확장자(.%(ext)s)와 맞지 않습니다. %(type)s의 구성 요소가 없습니다. "
            "파일을 확인하고 다시 올리세요."
        )
        raise ValidationError(text % {"ext": ext, "type": gettext(TYPES[ext].label)})


def _check_archive(f: IO[bytes], size: int, budget: _Budget, depth: int, ext: str | None = None) -> None:
    if not _has_end_record(f, size):
        raise ValidationError(gettext(DAMAGED))
    if _central_entries(f) > budget.members:
        raise ValidationError(_too_many_members())
    f.seek(0)
    with zipfile.ZipFile(f) as zf:
        infos = _check_directory(zf, budget)
        if ext is not None:
            _required_member(zf, {info.filename for info in infos}, ext)
        _check_members(zf, infos, budget, depth)


def _check_zip(f: IO[bytes], ext: str, size: int, head: bytes) -> None:
    if not _has_end_record(f, size):
        text = gettext(
            "파일 내용이 확장자(.%(ext)s)와 맞지 않습니다. 압축 구조의 끝부분이 없어 %(type)s로 "
            "읽을 수 없습니다. 저장이 중간에 끊겼을 수 있으니 파일을 확인하고 다시 올리세요."
        )
        raise ValidationError(text % {"ext": ext, "type": gettext(TYPES[ext].label)})
    try:
        _check_archive(f, size, _Budget(total=ZIP_MAX_TOTAL, members=ZIP_MAX_MEMBERS), 0, ext)
    except ZIP_ERRORS as exc:
        text = gettext("%(type)s가 손상되어 읽을 수 없습니다. 원래 프로그램에서 다시 저장해 올리세요.")
        raise ValidationError(text % {"type": gettext(TYPES[ext].label)}) from exc


# ---------------------------------------------------------------- upload


def _check_content(upload: Any, ext: str, size: int) -> None:
    upload.seek(0)
    head = upload.read(64)
    if ext in MAGIC:
        if not any(head.startswith(m) for m in MAGIC[ext]):
            raise _mismatch(ext, head)
        if ext == "pdf":
            _check_pdf(upload, size)
        elif ext == "png":
            _check_png(head)
        elif ext == "hwp":
            _check_hwp(upload)
    else:
        if not head.startswith(ZIP_MAGIC):
            raise _mismatch(ext, head)
        _check_zip(upload, ext, size, head)


def check_upload(upload: Any) -> tuple[str, FileType]:
    """(clean original name, type) of an acceptable upload; ValidationError in Korean otherwise."""
    name = clean_name(getattr(upload, "name", "") or "")
    ext = extension(name)
    if ext not in TYPES:
        raise ValidationError(gettext(NOT_ALLOWED))
    size = upload.size or 0
    if size == 0:
        raise ValidationError(gettext("빈 파일은 올릴 수 없습니다."))
    if size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(gettext("파일이 너무 큽니다 (최대 %(size)s).") % {"size": max_size_label()})
    try:
        _check_content(upload, ext, size)
    except ValidationError:
        raise
    except Exception as exc:
        # A reader bug must not become a server error; the log keeps it visible.
        logger.exception("Unexpected failure while checking attachment %r", name)
        raise ValidationError(gettext(UNREADABLE)) from exc
    upload.seek(0)
    return name, TYPES[ext]


def attachment_add(*, actor: User | None, task_id: int, upload: Any, description: str = "") -> Attachment:
    """Check and store a file on a card; audited as a card change (part=None: adding never conflicts)."""
    description = clean_description(description)
    if len(description) > DESCRIPTION_MAX:
        raise ValidationError(gettext("설명은 %(n)s자 이하로 적으세요.") % {"n": DESCRIPTION_MAX})
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
