"""The comparison as PDF (read back with pdftotext, as a person would) and as HWPX (validated)."""

import io
import shutil
import subprocess  # nosec B404: poppler's own tool, fixed argv
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from hwpx.tools.package_validator import validate_package
from hwpx.tools.validator import validate_document
from openpyxl import load_workbook

from sangsaeng.versions import services
from sangsaeng.versions.models import Change
from sangsaeng.versions.tests.conftest import Revision

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes, tmp_path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail("pdftotext is needed: apt-get install poppler-utils")
    source = tmp_path / "versions-comparison.pdf"
    source.write_bytes(data)
    argv = [tool, "-layout", "-enc", "UTF-8", str(source), "-"]
    out = subprocess.run(argv, capture_output=True, check=True).stdout.decode()  # noqa: S603  # nosec B603
    return " ".join(out.split())


@pytest.fixture
def marked(revision: Revision) -> Revision:
    revision.mark("2-1", Change.SUPPLEMENT, reason="스마트공장 연계 보완")
    revision.mark("3-1", Change.MERGE, reason="관광 창구 일원화", merge_into=revision.new("2-2"))
    services.task_add(
        actor=revision.world.coordinator,
        version=revision.version,
        new=services.NewTask(
            code="1-6", title="감염병 공동 대응", area=revision.new_area(1), reason="코로나19"
        ),
    )
    return revision


def test_the_pdf_holds_the_counts_and_the_rows(marked: Revision, tmp_path: Path) -> None:
    client = marked.world.client_for(marked.world.officer)
    response = client.get(reverse("versions:compare_pdf", args=[marked.version.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "filename*=utf-8''" in response["Content-Disposition"]
    text = pdf_text(response.content, tmp_path)
    assert "2020 개정 신구 과제 대비표" in text
    # The counts table reads as one line: the labels, then the numbers in the same order.
    assert "유지 보완 추가 발굴 삭제 통합 이관 계" in text
    assert "1건 1건 1건 0건 1건 0건 4건" in text
    assert "스마트공장 연계 보완" in text and "감염병 공동 대응" in text and "관광 창구 일원화" in text


def test_the_hwpx_validates_and_holds_the_counts(marked: Revision) -> None:
    client = marked.world.client_for(marked.world.coordinator)
    response = client.get(reverse("versions:compare_hwpx", args=[marked.version.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/hwp+zip"
    data = response.content
    report = validate_document(io.BytesIO(data))
    assert report.ok, report.issues
    assert validate_package(io.BytesIO(data)).ok
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        section = archive.read("Contents/section0.xml").decode()
    for text in ("신구 과제 대비표", "추가 발굴", "1건", "4건", "관광 창구 일원화", "감염병 공동 대응"):
        assert text in section, text


def test_the_xlsx_lists_the_counts_and_one_row_per_change(marked: Revision) -> None:
    client = marked.world.client_for(marked.world.officer)
    response = client.get(reverse("versions:compare_xlsx", args=[marked.version.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[5] == ["유지", "보완", "추가 발굴", "삭제", "통합", "이관", "계", None]
    assert rows[6] == [1, 1, 1, 0, 1, 0, 4, None]
    changes = [r[3] for r in rows[9:]]
    assert sorted(changes) == sorted(["유지", "보완", "추가 발굴", "통합"])
    merged = next(r for r in rows[9:] if r[3] == "통합")
    assert merged[1] == "2-2\n3-1" and merged[6] == "관광 창구 일원화"
