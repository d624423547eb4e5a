"""Hostile and broken workbooks: whatever arrives, the import answers with a preview or with a Korean
refusal (422) that names the problem; never a server error, and a refusal writes nothing.

Extends the attachment harness (plans/tests/test_attachment_fuzz.py): the same damaged-ZIP builders,
bombs and hostile XML, applied to a real export of the plan.
"""

import datetime as dt
import io
import re
import time
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from sangsaeng.conftest import World
from sangsaeng.exchange import reading
from sangsaeng.exchange.models import ImportPreview
from sangsaeng.exchange.tests.helpers import XLSX, audit_count, card_states, download, fill, save, workbook
from sangsaeng.plans import attachments
from sangsaeng.plans.tests.test_attachment_fuzz import (
    EXTERNAL_DTD,
    SEEDS,
    _mutate,
    billion_laughs,
    crowded_with_a_lying_end_record,
    make_zip,
    overlapping,
    ratio_bomb,
    with_unsafe_path,
    xlsx_members,
)

HANGUL = re.compile("[가-힣]")
SHARED_WORLD = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@pytest.fixture
def exported(world: World) -> bytes:
    fill(world)
    client = world.client_for(world.coordinator)
    return download(client.get(f"/plans/{world.plan.pk}/xlsx/export/"))


def members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def post(world: World, name: str, content: bytes) -> Any:
    client = world.client_for(world.coordinator)
    upload = SimpleUploadedFile(name, content, content_type=XLSX)
    return client.post(f"/plans/{world.plan.pk}/xlsx/import/", {"file": upload})


def problems(response: Any) -> str:
    match = re.search(r'<ul id="import-problems">(.*?)</ul>', response.content.decode(), re.S)
    assert match, "a refusal lists its problems"
    return re.sub(r"<[^>]+>", " ", match.group(1)).replace("&#x27;", "'").strip()


def assert_clean(world: World, before: tuple[Any, int, int], response: Any) -> str:
    """A preview (nothing written to the cards) or a Korean refusal (nothing written at all)."""
    assert response.status_code in (302, 422), response.status_code
    states, logs, previews = before
    assert card_states(world) == states and audit_count() == logs
    if response.status_code == 422:
        reason = problems(response)
        assert HANGUL.search(reason), reason
        assert ImportPreview.objects.count() == previews
        return reason
    assert ImportPreview.objects.count() == previews + 1
    return ""


def snapshot(world: World) -> tuple[Any, int, int]:
    return card_states(world), audit_count(), ImportPreview.objects.count()


@st.composite
def damaged_exports(draw: Any, content: bytes) -> bytes:
    """The plan's real export, damaged as bytes or inside one of its members."""
    if draw(st.booleans()):
        return bytes(_mutate(draw, bytearray(content)))
    parts = members(content)
    name = draw(st.sampled_from(sorted(parts)))
    parts[name] = bytes(_mutate(draw, bytearray(parts[name])))
    return make_zip(parts, stored=())


@pytest.mark.django_db
def test_damaged_exports_never_fail_nor_write(world: World, exported: bytes) -> None:
    @settings(max_examples=30, deadline=None, suppress_health_check=SHARED_WORLD, derandomize=True)
    @given(case=damaged_exports(exported))
    def run(case: bytes) -> None:
        before = snapshot(world)
        assert_clean(world, before, post(world, "손상.xlsx", case))

    run()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.binary(max_size=4096), zip_magic=st.booleans())
def test_random_bytes_are_answered_in_korean(body: bytes, zip_magic: bool) -> None:
    content = (attachments.ZIP_MAGIC + body) if zip_magic else body
    try:
        reading.read_upload(SimpleUploadedFile("무작위.xlsx", content))
    except reading.ImportInvalid as exc:
        assert all(HANGUL.search(str(p)) for p in exc.problems)
    else:
        raise AssertionError("random bytes were read as a workbook")


def huge_sheet_cell(content: bytes) -> bytes:
    wb = workbook(content)
    wb["추진실적"]["D2"] = "가" * 32_000
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def nested_in_workbook(inner: bytes) -> bytes:
    name = "xl/embeddings/oleObject1.xlsx"
    return make_zip(xlsx_members() | {name: inner}, stored=(name,))


def other_workbook() -> bytes:
    wb = Workbook()
    wb.active.title = "실적"
    wb.active["A1"] = "상생협력과제 발굴"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


HOSTILE = [
    ("폭탄.xlsx", lambda c: ratio_bomb(), attachments.ZIP_BOMB),
    ("항목수위장.xlsx", lambda c: crowded_with_a_lying_end_record(), "압축 파일 안의 항목이 너무 많습니다"),
    ("겹침.xlsx", lambda c: overlapping(), attachments.ZIP_BOMB),
    ("중첩.xlsx", lambda c: nested_in_workbook(ratio_bomb()), attachments.ZIP_BOMB),
    ("웃음폭탄.xlsx", lambda c: make_zip(xlsx_members(billion_laughs("workbook"))), attachments.XML_UNSAFE),
    ("외부DTD.xlsx", lambda c: make_zip(xlsx_members(EXTERNAL_DTD)), attachments.XML_UNSAFE),
    (
        "시트엔터티.xlsx",
        lambda c: make_zip(members(c) | {"xl/worksheets/sheet1.xml": billion_laughs("worksheet").encode()}),
        attachments.XML_UNSAFE,
    ),
    ("경로.xlsx", lambda c: with_unsafe_path(), attachments.ZIP_UNSAFE_PATH),
    ("워드.xlsx", lambda c: SEEDS["docx"], "확장자(.xlsx)와 맞지 않습니다"),
    ("표.csv", lambda c: "관리번호,과제명\n10-4,과제".encode(), "엑셀(XLSX) 파일만"),
    ("PDF.xlsx", lambda c: SEEDS["pdf"], "실제 내용은 PDF 문서입니다"),
    ("다른서식.xlsx", lambda c: other_workbook(), "'과제', '확인지표', '예산', '추진실적' 시트가 없습니다"),
    ("큰칸.xlsx", huge_sheet_cell, "500자 이하로 적으세요 (지금 32,000자)"),
    ("잘림.xlsx", lambda c: c[: len(c) // 2], "압축 구조의 끝부분이 없어"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "build", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_files_are_refused_quickly_in_korean_and_write_nothing(
    world: World, exported: bytes, name: str, build: Any, message: str
) -> None:
    content = build(exported)
    before = snapshot(world)
    started = time.monotonic()
    response = post(world, name, content)
    assert time.monotonic() - started < 5
    assert response.status_code == 422
    assert message in assert_clean(world, before, response)


WRONG_TYPES = [
    ("확인지표", "G", True, "숫자가 아닙니다"),
    ("확인지표", "H", dt.datetime(2020, 1, 1, tzinfo=dt.UTC).replace(tzinfo=None), "숫자가 아닙니다"),
    ("확인지표", "G", 1.234, "소수점 아래 2자리까지만"),
    ("확인지표", "F", 2019.5, "정수가 아닙니다"),
    ("확인지표", "F", 3000, "1,990부터 2,100 사이여야 합니다"),
    ("확인지표", "K", "반쯤", "달성이면 O, 아니면 비워 두세요"),
    ("확인지표", "D", "비율", "고를 수 있는 값이 아닙니다"),
    ("과제", "F", "진행중", "고를 수 있는 값이 아닙니다"),
    ("과제", "G", 120, "100 이하여야 합니다"),
    ("과제", "E", None, "비어 있습니다"),
    ("예산", "F", 12.5, "천원 미만은 입력할 수 없습니다"),
    ("예산", "F", "많이", "금액 '많이'을(를) 읽을 수 없습니다"),
    ("추진실적", "F", -3, "0부터"),
    ("추진실적", "C", "어제", "읽을 수 없습니다"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("sheet", "letter", "value", "message"), WRONG_TYPES)
def test_a_cell_of_the_wrong_type_is_named_by_sheet_row_and_column(
    world: World, exported: bytes, sheet: str, letter: str, value: Any, message: str
) -> None:
    wb = workbook(exported)
    wb[sheet][f"{letter}2"] = value
    before = snapshot(world)
    response = post(world, "틀린칸.xlsx", save(wb).read())
    assert response.status_code == 422
    reason = assert_clean(world, before, response)
    assert f"'{sheet}' 시트 2행 {letter}열(" in reason and message in reason


@pytest.mark.django_db
def test_a_reader_bug_is_refused_in_korean_not_a_server_error(
    world: World, exported: bytes, monkeypatch: Any, caplog: Any
) -> None:
    def broken(*args: Any) -> None:
        raise RuntimeError("a bug in the reader")

    monkeypatch.setattr(reading, "_read_sheet", broken)
    before = snapshot(world)
    response = post(world, "정상.xlsx", exported)
    assert reading.UNREADABLE in assert_clean(world, before, response)
    assert any(r.name == "sangsaeng.exchange.reading" and r.exc_info for r in caplog.records)
