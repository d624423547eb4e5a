"""Hostile attachments: random and mutated files, bombs, hostile XML and file names.

Whatever arrives, the upload answers with the card (302, or 200 for htmx) or with a Korean refusal
(422); never a server error, and a refusal leaves no row, no file and no audit entry behind.
"""

import io
import random
import re
import struct
import time
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sangsaeng.audit.models import AuditLog
from sangsaeng.conftest import World
from sangsaeng.plans import attachments
from sangsaeng.plans.models import Attachment
from sangsaeng.plans.views_attachments import UNREADABLE_NAME

HANGUL = re.compile("[가-힣]")
# The HTTP properties share one `world` and one media directory across examples, on purpose.
SHARED_WORLD = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]

# ---------------------------------------------------------------- valid seed files, built here


def make_pdf() -> bytes:
    stream = b"BT /F1 12 Tf 20 100 Td (Sangsaeng) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def make_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x1a\x5f\xb4" * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


# A 2×2 JPEG as Chromium encodes it (canvas.toDataURL), ICC profile removed.
JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300100b0c0e0c0a100e0d0e1211101318281a181616183123"
    "251d283a333d3c3933383740485c4e404457453738506d51575f626768673e4d71797064785c656763ffdb0043011112"
    "121815182f1a1a2f63423842636363636363636363636363636363636363636363636363636363636363636363636363"
    "6363636363636363636363636363ffc00011080002000203012200021101031101ffc400150001010000000000000000"
    "0000000000000005ffc40014100100000000000000000000000000000000ffc400140101000000000000000000000000"
    "00000005ffc40014110100000000000000000000000000000000ffda000c03010002110311003f009201918fffd9"
)


def make_ole(stream: str = "FileHeader", content: bytes = b"HWP Document File".ljust(32, b"\x00")) -> bytes:
    """An OLE2 compound file shaped like HWP's: header, one FAT sector, a directory, one stream."""
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = attachments.OLE2
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIII", header, 44, 1, 1, 0, 0x1000, end)  # FAT sectors, directory start
    struct.pack_into("<II", header, 68, end, 0)  # no DIFAT sectors
    struct.pack_into("<I", header, 76, 0)  # the FAT is sector 0
    header[80:512] = struct.pack("<I", free) * 108
    fat = struct.pack("<3I", fat_sector, end, end) + struct.pack("<I", free) * 125

    def entry(name: str, kind: int, start: int, size: int, child: int = free) -> bytes:
        raw = (name + "\x00").encode("utf-16-le")
        e = bytearray(128)
        e[0 : len(raw)] = raw
        struct.pack_into("<HBB", e, 64, len(raw), kind, 1)
        struct.pack_into("<III", e, 68, free, free, child)
        struct.pack_into("<II", e, 116, start, size)
        return bytes(e)

    directory = entry("Root Entry", 5, end, 0, child=1) + entry(stream, 2, 2, len(content))
    directory += bytes(512 - len(directory))
    return bytes(header) + fat + directory + content.ljust(512, b"\x00")


HWP = make_ole()
DOC_AS_HWP = make_ole("WordDocument", b"\xec\xa5" + bytes(510))

OOXML_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
OOXML_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def xlsx_members(workbook: str | None = None) -> dict[str, bytes]:
    return {
        "[Content_Types].xml": (
            f'{DECL}<Types xmlns="{OOXML_TYPES}"><Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            "</Types>"
        ).encode(),
        "_rels/.rels": (
            f'{DECL}<Relationships xmlns="{OOXML_RELS}">'
            f'<Relationship Id="rId1" Type="{OFFICE_DOC}" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            workbook
            or f'{DECL}<workbook xmlns="{SHEET_NS}"><sheets><sheet name="실적" sheetId="1"/></sheets>'
            "</workbook>"
        ).encode(),
        "xl/worksheets/sheet1.xml": (
            f'{DECL}<worksheet xmlns="{SHEET_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
            "<is><t>상생협력과제 발굴</t></is></c></row></sheetData></worksheet>"
        ).encode(),
    }


def docx_members(document: str | None = None) -> dict[str, bytes]:
    return {
        "[Content_Types].xml": xlsx_members()["[Content_Types].xml"],
        "_rels/.rels": xlsx_members()["_rels/.rels"].replace(b"xl/workbook.xml", b"word/document.xml"),
        "word/document.xml": (
            document
            or f'{DECL}<w:document xmlns:w="{WORD_NS}"><w:body><w:p><w:r><w:t>한뿌리 상생</w:t>'
            "</w:r></w:p></w:body></w:document>"
        ).encode(),
    }


def hwpx_members(section: str | None = None) -> dict[str, bytes]:
    hs = "http://www.hancom.co.kr/hwpml/2011/section"
    hp = "http://www.hancom.co.kr/hwpml/2011/paragraph"
    return {
        "mimetype": b"application/hwp+zip",
        "version.xml": f'{DECL}<hv:HCFVersion xmlns:hv="http://www.hancom.co.kr/hwpml/2011/version"/>'.encode(),
        "META-INF/container.xml": (
            f'{DECL}<ocf:container xmlns:ocf="urn:oasis:names:tc:opendocument:xmlns:container">'
            '<ocf:rootfiles><ocf:rootfile full-path="Contents/content.hpf"/></ocf:rootfiles></ocf:container>'
        ).encode(),
        "Contents/content.hpf": f'{DECL}<opf:package xmlns:opf="http://www.idpf.org/2007/opf/"/>'.encode(),
        "Contents/section0.xml": (
            section
            or f'{DECL}<hs:sec xmlns:hs="{hs}" xmlns:hp="{hp}"><hp:p><hp:run><hp:t>상생</hp:t>'
            "</hp:run></hp:p></hs:sec>"
        ).encode(),
        "Preview/PrvText.txt": "상생협력".encode("utf-16-le"),
    }


def make_zip(members: dict[str, bytes], *, stored: tuple[str, ...] = ("mimetype",)) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data, compress_type=zipfile.ZIP_STORED if name in stored else None)
    return buffer.getvalue()


PDF, PNG = make_pdf(), make_png()
MEMBERS = {"xlsx": xlsx_members(), "docx": docx_members(), "hwpx": hwpx_members()}
SEEDS = {
    "pdf": PDF,
    "png": PNG,
    "jpg": JPEG,
    "jpeg": JPEG,
    "hwp": HWP,
    **{ext: make_zip(members) for ext, members in MEMBERS.items()},
}

# ---------------------------------------------------------------- strategies


def _mutate(draw: Any, data: bytearray) -> bytearray:
    for _ in range(draw(st.integers(1, 3))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["truncate", "flip", "insert", "overwrite", "delete"]))
        if kind == "truncate":
            del data[at:]
        elif kind == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "overwrite":
            patch = draw(st.binary(min_size=1, max_size=16))
            data[at : at + len(patch)] = patch
        else:
            del data[at : at + draw(st.integers(1, 64))]
    return data


@st.composite
def mutated_files(draw: Any) -> tuple[str, bytes]:
    """A valid seed of a random type, damaged as bytes or, for ZIP types, inside one member."""
    ext = draw(st.sampled_from(sorted(SEEDS)))
    if ext in MEMBERS and draw(st.booleans()):
        members = dict(MEMBERS[ext])
        name = draw(st.sampled_from(sorted(members)))
        members[name] = bytes(_mutate(draw, bytearray(members[name])))
        return ext, make_zip(members)
    return ext, bytes(_mutate(draw, bytearray(SEEDS[ext])))


@st.composite
def random_files(draw: Any) -> tuple[str, bytes]:
    """Random bytes under an accepted extension, often behind the right magic so deeper checks run."""
    ext = draw(st.sampled_from(sorted(attachments.TYPES)))
    body = draw(st.binary(max_size=2048))
    if draw(st.booleans()):
        magic = attachments.MAGIC.get(ext, (attachments.ZIP_MAGIC,))[0]
        body = magic + body
    return ext, body


# ---------------------------------------------------------------- helpers


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    # The world's users need no real password hashing here; argon2 would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    yield root


def snapshot(world: World, media: Path) -> tuple[int, int, list[str]]:
    paths = sorted(str(p.relative_to(media)) for p in media.rglob("*"))
    return Attachment.objects.count(), AuditLog.objects.filter(task=world.task).count(), paths


def post(world: World, name: str, content: bytes, *, htmx: bool = False, **extra: Any) -> Any:
    data = {
        "file": SimpleUploadedFile(name, content, content_type="application/octet-stream"),
        "description": "실적 보고서",
        **extra,
    }
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return world.client_for(world.officer).post(f"/tasks/{world.task.pk}/attachments/", data, **headers)


def post_raw(world: World, filename: bytes, content: bytes, description: bytes = "설명".encode()) -> Any:
    """A multipart body written by hand, the way a hostile or old client may send it."""
    body = (
        b'--B\r\nContent-Disposition: form-data; name="description"\r\n\r\n' + description + b"\r\n"
        b'--B\r\nContent-Disposition: form-data; name="file"; filename="' + filename + b'"\r\n'
        b"Content-Type: application/pdf\r\n\r\n" + content + b"\r\n--B--\r\n"
    )
    return world.client_for(world.officer).post(
        f"/tasks/{world.task.pk}/attachments/", body, content_type="multipart/form-data; boundary=B"
    )


def refusal(response: Any) -> str:
    match = re.search(r'role="alert"[^>]*>(.*?)</div>', response.content.decode(), re.S)
    assert match, "a refusal shows its reason in the alert"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def assert_clean_outcome(world: World, media: Path, before: tuple[int, int, list[str]], response: Any) -> str:
    """Accepted: one row, one file, one audit entry. Refused: a Korean reason and nothing written."""
    assert response.status_code in (200, 302, 422), response.status_code
    count, logs, paths = before
    after = snapshot(world, media)
    if response.status_code == 422:
        reason = refusal(response)
        assert HANGUL.search(reason), reason
        assert attachments.UNREADABLE not in reason, "a reader failed in a way nobody foresaw"
        assert after == before
        return reason
    assert after[0] == count + 1 and after[1] == logs + 1
    assert len([p for p in after[2] if p not in paths and (media / p).is_file()]) == 1
    return ""


def check_directly(name: str, content: bytes) -> str:
    """check_upload alone: '' when accepted, else the Korean reason (never an unforeseen failure)."""
    try:
        attachments.check_upload(SimpleUploadedFile(name, content))
    except ValidationError as exc:
        reason = " ".join(exc.messages)
        assert HANGUL.search(reason) and attachments.UNREADABLE not in reason, reason
        return reason
    return ""


# ---------------------------------------------------------------- properties


def test_every_seed_file_is_accepted_as_built() -> None:
    for ext, content in SEEDS.items():
        assert check_directly(f"시험.{ext}", content) == "", ext


@settings(max_examples=400, deadline=None)
@given(mutated_files())
def test_the_checker_answers_every_damaged_file_with_a_korean_reason(case: tuple[str, bytes]) -> None:
    ext, content = case
    event(check_directly(f"손상.{ext}", content)[:24] or "accepted")


@settings(max_examples=200, deadline=None)
@given(random_files())
def test_the_checker_answers_random_bytes_with_a_korean_reason(case: tuple[str, bytes]) -> None:
    ext, content = case
    check_directly(f"무작위.{ext}", content)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=SHARED_WORLD)
@given(case=mutated_files(), htmx=st.booleans())
def test_uploading_a_damaged_file_never_fails_nor_leaves_anything_behind(
    world: World, media: Path, case: tuple[str, bytes], htmx: bool
) -> None:
    ext, content = case
    before = snapshot(world, media)
    assert_clean_outcome(world, media, before, post(world, f"손상된 파일.{ext}", content, htmx=htmx))


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=SHARED_WORLD)
@given(case=random_files(), htmx=st.booleans())
def test_uploading_random_bytes_never_fails_nor_leaves_anything_behind(
    world: World, media: Path, case: tuple[str, bytes], htmx: bool
) -> None:
    ext, content = case
    before = snapshot(world, media)
    assert_clean_outcome(world, media, before, post(world, f"무작위.{ext}", content, htmx=htmx))


NAMES = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)


@pytest.mark.django_db
@settings(max_examples=20, deadline=None, suppress_health_check=SHARED_WORLD)
@given(stem=NAMES, ext=st.sampled_from(["pdf", "PDF", "pdf.exe", "", "pdf\u202e", "p\x00df"]))
def test_any_file_name_is_stored_clean_or_refused(world: World, media: Path, stem: str, ext: str) -> None:
    before = snapshot(world, media)
    sent = f"{stem}.{ext}".encode()
    response = post_raw(world, sent, PDF)
    if response.status_code == 400:
        # Django itself refuses a malformed body, e.g. a part header over 1 KiB, before any view runs
        # (browsers send at most 255 characters, which fit).
        assert snapshot(world, media) == before
        return
    assert_clean_outcome(world, media, before, response)
    if response.status_code == 302:
        name = Attachment.objects.latest("id").original_name
        assert name == attachments.clean_name(name) and 0 < len(name) <= 255 and name.lower().endswith(".pdf")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_a_cleaned_name_has_no_path_no_invisible_characters_and_fits_the_column(name: str) -> None:
    clean = attachments.clean_name(name)
    assert len(clean) <= attachments.NAME_MAX
    assert "/" not in clean and "\\" not in clean and clean == clean.strip(". ")
    assert not any(unicodedata.category(ch) in attachments.INVISIBLE for ch in clean)
    assert attachments.clean_name(clean) == clean


# ---------------------------------------------------------------- explicit hostile files


def billion_laughs(root: str) -> str:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    ]
    return f'<?xml version="1.0"?>\n<!DOCTYPE {root} [\n{"".join(entities)}\n]>\n<{root}>&lol9;</{root}>'


XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    f'<w:document xmlns:w="{WORD_NS}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>'
)
EXTERNAL_DTD = (
    '<?xml version="1.0"?>\n<!DOCTYPE workbook SYSTEM "http://example.invalid/x.dtd">\n'
    f'<workbook xmlns="{SHEET_NS}"/>'
)


def ratio_bomb() -> bytes:
    return make_zip(xlsx_members() | {"xl/media/image1.png": b"\x00" * (16 * 1024 * 1024)})


def crowded_hwpx() -> bytes:
    return make_zip(hwpx_members() | {f"BinData/{i}.bin": b"" for i in range(10_001)})


def crowded_with_a_lying_end_record() -> bytes:
    """10,001 entries, but the end record claims one: counted from the directory, not the claim."""
    data = bytearray(make_zip(docx_members() | {f"x/{i}": b"" for i in range(10_001)}))
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 1, 1)
    return bytes(data)


def overlapping() -> bytes:
    """Two directory entries pointing at the same bytes (the non-recursive "overlap" bomb)."""
    data = bytearray(
        make_zip(docx_members() | {"word/media/a.bin": b"a" * 1000}, stored=("word/media/a.bin",))
    )
    last = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, last + 42, 0)
    return bytes(data)


def lying_sizes() -> bytes:
    """A member whose headers say 100 bytes (with the CRC of those 100) but which inflates to 8 MB."""
    data = bytearray(make_zip(docx_members() | {"word/media/a.bin": b"\x00" * (8 * 1024 * 1024)}))
    crc = zlib.crc32(b"\x00" * 100)
    # (signature, offset of CRC, offset of uncompressed size, offset of name length, header length)
    for signature, crc_at, size_at, name_len_at, fixed in (
        (b"PK\x03\x04", 14, 22, 26, 30),
        (b"PK\x01\x02", 16, 24, 28, 46),
    ):
        at = 0
        while (at := data.find(signature, at)) >= 0:
            name_len = struct.unpack_from("<H", data, at + name_len_at)[0]
            if data[at + fixed : at + fixed + name_len] == b"word/media/a.bin":
                struct.pack_into("<I", data, at + crc_at, crc)
                struct.pack_into("<I", data, at + size_at, 100)
            at += 4
    return bytes(data)


def nested(levels: int, core: bytes) -> bytes:
    """A DOCX whose embedded workbook holds an archive, `levels` archives deep, `core` innermost."""
    inner = core
    for _ in range(levels - 1):
        inner = make_zip({"[Content_Types].xml": b"<Types/>", "inner.zip": inner}, stored=("inner.zip",))
    return make_zip(
        docx_members() | {"word/embeddings/Microsoft_Excel_Worksheet.xlsx": inner},
        stored=("word/embeddings/Microsoft_Excel_Worksheet.xlsx",),
    )


def with_unsafe_path() -> bytes:
    return make_zip(docx_members() | {"../../../etc/cron.d/evil": b"* * * * * root sh"})


def with_duplicate_names() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in docx_members().items():
            zf.writestr(name, data)
        with pytest.warns(UserWarning, match="Duplicate name"):
            zf.writestr("word/document.xml", b"<w:document/>")
    return buffer.getvalue()


def encoded_as_euc_kr() -> bytes:
    section = '<?xml version="1.0" encoding="EUC-KR"?>\n<hs:sec xmlns:hs="urn:x"><p>상생</p></hs:sec>'
    return make_zip(hwpx_members() | {"Contents/section0.xml": section.encode("euc-kr")})


HOSTILE = [
    ("폭탄.xlsx", ratio_bomb, attachments.ZIP_BOMB),
    ("항목폭탄.hwpx", crowded_hwpx, "압축 파일 안의 항목이 너무 많습니다 (최대 10,000개)."),
    ("항목수위장.docx", crowded_with_a_lying_end_record, "압축 파일 안의 항목이 너무 많습니다"),
    ("겹침.docx", overlapping, attachments.ZIP_BOMB),
    ("크기위장.docx", lying_sizes, attachments.ZIP_BOMB),
    ("중첩폭탄.docx", lambda: nested(1, ratio_bomb()), attachments.ZIP_BOMB),
    ("여러겹.docx", lambda: nested(3, make_zip(xlsx_members())), attachments.ZIP_NESTED),
    ("웃음폭탄.xlsx", lambda: make_zip(xlsx_members(billion_laughs("workbook"))), attachments.XML_UNSAFE),
    ("웃음폭탄.hwpx", lambda: make_zip(hwpx_members(billion_laughs("hs:sec"))), attachments.XML_UNSAFE),
    ("외부엔터티.docx", lambda: make_zip(docx_members(XXE)), attachments.XML_UNSAFE),
    ("외부DTD.xlsx", lambda: make_zip(xlsx_members(EXTERNAL_DTD)), attachments.XML_UNSAFE),
    ("인코딩.hwpx", encoded_as_euc_kr, attachments.XML_BROKEN),
    ("깨진XML.xlsx", lambda: make_zip(xlsx_members("\x00\x01 not XML at all")), attachments.XML_BROKEN),
    ("경로.docx", with_unsafe_path, attachments.ZIP_UNSAFE_PATH),
    ("중복.docx", with_duplicate_names, "같은 이름의 항목이 여러 개"),
    ("워드.hwp", lambda: DOC_AS_HWP, "실제 내용은 MS Word 97-2003 문서(DOC)입니다."),
    ("잘림.pdf", lambda: PDF[: len(PDF) // 2], "PDF 파일의 끝부분이 없습니다."),
    ("머리없음.png", lambda: PNG[:8] + PNG[33:], "PNG 이미지의 머리 부분이 손상되어 있습니다."),
    ("잘린.xlsx", lambda: SEEDS["xlsx"][:-30], "확장자(.xlsx)와 맞지 않습니다. 압축 구조의 끝부분이 없어"),
    ("가짜.jpg", lambda: PDF, "파일 내용이 확장자(.jpg)와 맞지 않습니다. 실제 내용은 PDF 문서입니다."),
    (
        "포털오류.hwp",
        lambda: b"\r\n<!DOCTYPE HTML><html><body>\xec\x98\xa4\xeb\xa5\x98</body></html>",
        "실제 내용은 웹 페이지(HTML)입니다.",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "build", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_it_refuses_hostile_files_quickly_in_korean_and_writes_nothing(
    world: World, media: Path, name: str, build: Any, message: str
) -> None:
    content = build()
    before = snapshot(world, media)
    # CPU time, not wall time: a bomb that is expanded costs CPU, a busy machine only costs waiting.
    started = time.process_time()
    response = post(world, name, content)
    assert time.process_time() - started < 2
    assert response.status_code == 422
    assert message in assert_clean_outcome(world, media, before, response)


def huge_cell_sheet() -> bytes:
    """One cell holding about a million varied Hangul characters (3 MB of XML)."""
    text = "".join(random.Random(4).choices([chr(c) for c in range(0xAC00, 0xD7A4)], k=1_000_000))
    return (
        f'{DECL}<worksheet xmlns="{SHEET_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
        f"<is><t>{text}</t></is></c></row></sheetData></worksheet>"
    ).encode()


UTF16_STYLES = '<?xml version="1.0" encoding="UTF-16"?>\n<styleSheet/>'.encode("utf-16")


HARMLESS = [
    ("UTF-16.xlsx", lambda: make_zip(xlsx_members() | {"xl/styles.xml": UTF16_STYLES})),
    ("차트포함.docx", lambda: nested(1, make_zip(xlsx_members()))),
    ("알트청크.docx", lambda: make_zip(docx_members() | {"word/afchunk.htm": b"<!DOCTYPE html><p>x</p>"})),
    ("빈항목.hwpx", lambda: make_zip(hwpx_members() | {"BinData/": b"", "Contents/empty.bin": b""})),
    ("큰셀.xlsx", lambda: make_zip(xlsx_members() | {"xl/worksheets/sheet1.xml": huge_cell_sheet()})),
    # Over FILE_UPLOAD_MAX_MEMORY_SIZE: Django hands it over as a temporary file on disk.
    ("스캔본.pdf", lambda: PDF[:-6] + bytes(range(256)) * (6 * 4096) + b"\n%%EOF\n"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "build"), HARMLESS, ids=[h[0] for h in HARMLESS])
def test_it_still_accepts_unusual_but_harmless_documents(
    world: World, media: Path, name: str, build: Any
) -> None:
    content = build()
    before = snapshot(world, media)
    response = post(world, name, content)
    assert response.status_code == 302, refusal(response)
    assert_clean_outcome(world, media, before, response)


@pytest.mark.django_db
def test_a_reader_bug_is_logged_and_refused_in_korean_not_a_server_error(
    world: World, media: Path, monkeypatch: Any, caplog: Any
) -> None:
    def broken(*args: Any) -> None:
        raise RuntimeError("a bug in a reader")

    monkeypatch.setattr(attachments, "_check_pdf", broken)
    before = snapshot(world, media)
    response = post(world, "보고서.pdf", PDF)
    assert response.status_code == 422 and attachments.UNREADABLE in response.content.decode()
    assert snapshot(world, media) == before
    assert any(r.name == "sangsaeng.plans.attachments" and r.exc_info for r in caplog.records)


# ---------------------------------------------------------------- names, headers and fields


@pytest.mark.django_db
def test_a_file_name_in_cp949_is_explained_not_crashed_on(world: World, media: Path) -> None:
    before = snapshot(world, media)
    response = post_raw(world, "2019 실적 보고서.pdf".encode("cp949"), PDF + b" " * 2048)
    assert response.status_code == 422
    assert str(UNREADABLE_NAME) in assert_clean_outcome(world, media, before, response)
    # An empty submission still just asks for a file.
    response = world.client_for(world.officer).post(
        f"/tasks/{world.task.pk}/attachments/", {"description": ""}
    )
    assert "올릴 파일을 고르세요." in refusal(response)


@pytest.mark.django_db
def test_a_name_with_invalid_utf8_is_stored_with_replacement_characters(world: World, media: Path) -> None:
    response = post_raw(world, b"\xed\xa0\x80 report \xff.pdf", PDF)  # an encoded surrogate, a stray byte
    # Django drops a part whose headers are not UTF-8; either way nothing breaks.
    assert response.status_code in (302, 422)
    if response.status_code == 302:
        assert Attachment.objects.get().original_name.endswith(".pdf")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("../../../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system32\\보고서.pdf", "보고서.pdf"),
        ("가" * 280 + ".pdf", "가" * 251 + ".pdf"),
        ("보고서\u202e.pdf", "보고서.pdf"),
        ("\u200b\u200b실적\u2028.pdf", "실적.pdf"),
        (".pdf", "첨부파일.pdf"),
    ],
    ids=["traversal", "windows-traversal", "huge", "rtl-override", "zero-width", "only-extension"],
)
def test_hostile_names_are_reduced_to_a_safe_base_name(
    world: World, media: Path, sent: str, stored: str
) -> None:
    response = post_raw(world, sent.encode(), PDF)
    assert response.status_code == 302
    a = Attachment.objects.get()
    assert a.original_name == stored
    assert [p.name for p in media.rglob("*") if p.is_file()] == [a.token]


@pytest.mark.django_db
def test_a_name_too_long_for_any_file_system_is_a_bad_request_not_a_crash(world: World, media: Path) -> None:
    before = snapshot(world, media)
    assert post_raw(world, ("가" * 1000 + ".pdf").encode(), PDF).status_code == 400
    assert snapshot(world, media) == before
    assert attachments.clean_name("가" * 1000 + ".pdf") == "가" * 251 + ".pdf"


@pytest.mark.django_db
def test_a_right_to_left_trick_cannot_hide_an_executable(world: World, media: Path) -> None:
    # Shown as "실적exe.pdf" by a bidi-aware screen, but it is an .exe.
    assert attachments.extension(attachments.clean_name("실적\u202efdp.exe")) == "exe"
    before = snapshot(world, media)
    response = post(world, "실적\u202efdp.exe", PDF)
    assert attachments.NOT_ALLOWED in assert_clean_outcome(world, media, before, response)


@pytest.mark.django_db
def test_the_browsers_content_type_is_ignored_in_favour_of_the_content(world: World, media: Path) -> None:
    client = world.client_for(world.officer)
    lying = SimpleUploadedFile("보고서.pdf", PDF, content_type="application/x-msdownload")
    assert client.post(f"/tasks/{world.task.pk}/attachments/", {"file": lying}).status_code == 302
    a = Attachment.objects.get()
    assert a.content_type == "application/pdf"
    assert client.get(f"/attachments/{a.pk}/")["Content-Type"] == "application/pdf"
    html = SimpleUploadedFile(
        "보고서.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf"
    )
    response = client.post(f"/tasks/{world.task.pk}/attachments/", {"file": html})
    assert response.status_code == 422 and Attachment.objects.count() == 1


@pytest.mark.django_db
def test_a_description_loses_invisible_characters_and_a_long_one_is_refused(
    world: World, media: Path
) -> None:
    response = post(world, "보고서.pdf", PDF, description="상반기\x00 실적\r\n보고\u202e서")
    assert response.status_code == 302
    assert Attachment.objects.get().description == "상반기 실적 보고서"
    before = snapshot(world, media)
    response = post(world, "보고서.pdf", PDF, description="가" * 5000)
    assert "설명은 200자 이하로 적으세요." in assert_clean_outcome(world, media, before, response)
