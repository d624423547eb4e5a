"""The card as PDF and HWPX: the demo 한뿌리 card's figures, printed the way the card page shows them."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from hwpx.tools.package_validator import validate_package
from hwpx.tools.validator import validate_document

from sangsaeng.accounts.models import User
from sangsaeng.demo.loader import DemoSummary
from sangsaeng.documents import services
from sangsaeng.documents.card_doc import card_doc
from sangsaeng.documents.dates import official_range
from sangsaeng.documents.hwpx_doc import card_hwpx
from sangsaeng.documents.tests.conftest import HANPPURI, pdf_fonts, pdf_info, pdf_pages, pdf_text
from sangsaeng.plans.card import compute_card
from sangsaeng.plans.card_state import load_state
from sangsaeng.plans.models import Task

pytestmark = pytest.mark.django_db


def hanppuri() -> Task:
    return Task.objects.get(plan__title=HANPPURI, code="10-4")


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def card_pdf(demo: DemoSummary) -> bytes:
    return services.card_document(task=hanppuri(), unit="cheonwon", fmt="pdf").data


def test_the_card_pdf_prints_the_sample_figures(card_pdf: bytes, tmp_path: Path) -> None:
    text = pdf_text(card_pdf, tmp_path)
    # 상생협력과제 발굴: 2 planned and 5 found in 2018 (250%), 21 of 10 over the term, capped.
    assert "250%" in text and "800%" in text
    assert "100% (실제 210%)" in text
    # The budget table as on the card page, in 천원.
    assert "1,800,000" in text and "(단위: 천원)" in text
    headings = ("사업이행도", "예산투입 실적 및 계획", "이행 확인지표", "세부추진실적", "조례 입법 추진현황")
    for heading in (*headings, "문제점 및 대책", "향후계획"):
        assert heading in text, heading


def test_dates_are_written_the_official_way(card_pdf: bytes, tmp_path: Path) -> None:
    text = pdf_text(card_pdf, tmp_path)
    # The ordinance promulgated on 2018-11-01, in the 조례 table and the activity log.
    assert "2018. 11. 1." in text
    assert "2019. 2. 11. ~ 2. 28." in text


def test_the_pdf_names_its_title_and_author_and_embeds_the_vendored_font(
    card_pdf: bytes, tmp_path: Path
) -> None:
    info = pdf_info(card_pdf, tmp_path)
    assert info["Title"] == "10-4 대구·경북 한뿌리 상생협력 관리카드"
    assert info["Author"] == "경상북도 정책기획관"
    assert info["Page size"].startswith("595.")  # A4
    fonts = pdf_fonts(card_pdf, tmp_path)
    assert "PretendardGOV-Regular" in fonts and "PretendardGOV-Bold" in fonts
    embedded = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert embedded and all(" yes yes " in line for line in embedded), fonts


def test_every_page_is_numbered(card_pdf: bytes, tmp_path: Path) -> None:
    pages = [" ".join(p.split()) for p in pdf_pages(card_pdf, tmp_path)]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        # "- 1 -" centred in the footer (pdftotext may drop the thin spaces around the number).
        assert re.search(rf"(^|\s)-\s?{number}\s?-(\s|$)", page), page[-60:]


def test_amounts_in_eok_when_asked(demo: DemoSummary, tmp_path: Path) -> None:
    data = services.card_document(task=hanppuri(), unit="eok", fmt="pdf").data
    text = pdf_text(data, tmp_path, layout=True)
    assert "(단위: 억원)" in text
    # 합계 기투자 소계 '18 … '22 임기후: the first row of the sample card's budget table.
    assert "계 18 6 12 2 2 2 3 3 -" in text
    assert "1,800,000" not in text


def test_official_ranges() -> None:
    import datetime as dt

    day = dt.date
    assert official_range(day(2018, 11, 1), "day", None, "day", False) == "2018. 11. 1."
    assert official_range(day(2018, 5, 1), "month", None, "day", False) == "2018. 5."
    assert official_range(day(2019, 2, 11), "day", day(2019, 2, 28), "day", False) == "2019. 2. 11. ~ 2. 28."
    assert official_range(day(2018, 10, 2), "day", None, "day", True) == "2018. 10. 2. ~"
    assert (
        official_range(day(2018, 12, 1), "month", day(2019, 3, 1), "month", False) == "2018. 12. ~ 2019. 3."
    )


# ---------------------------------------------------------------- HWPX


@pytest.fixture
def card_hwpx_bytes(demo: DemoSummary) -> bytes:
    return card_hwpx(card_doc(compute_card(load_state(hanppuri().pk)), "cheonwon"))


def test_the_card_hwpx_passes_the_validator_of_its_library(card_hwpx_bytes: bytes) -> None:
    report = validate_document(io.BytesIO(card_hwpx_bytes))
    assert report.ok, [str(i) for i in report.errors]
    assert not report.warnings, [str(i) for i in report.warnings]
    package = validate_package(io.BytesIO(card_hwpx_bytes))
    assert package.ok, [str(i) for i in package.errors]


def test_the_card_hwpx_holds_the_figures_in_merged_tables_on_a4(card_hwpx_bytes: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(card_hwpx_bytes)) as archive:
        section = archive.read("Contents/section0.xml").decode()
        header = archive.read("Contents/header.xml").decode()
    assert "100% (실제 210%)" in section and "250%" in section and "2018. 11. 1." in section
    assert 'rowSpan="2"' in section and 'colSpan="6"' in section  # 사업이행도; 임기 내 over 소계 + 5 years
    assert 'repeatHeader="1"' in section
    assert 'width="59528" height="84189"' in section  # A4 in HWPUNIT
    assert 'face="Pretendard GOV"' in header and 'substFont face="함초롬돋움"' in header


def test_text_xml_cannot_carry_is_dropped_not_fatal() -> None:
    from sangsaeng.documents.hwpx_doc import xml_text

    assert xml_text("a\x00b\x1fc\td\ne\ud800") == "abc\td\ne"


# ---------------------------------------------------------------- download views


def test_card_downloads_from_the_card_page(demo: DemoSummary) -> None:
    client = client_for("demo")
    task = hanppuri()
    response = client.get(reverse("documents:card_pdf", args=[task.pk]) + "?unit=eok")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert "attachment" in response["Content-Disposition"]
    assert "filename*=utf-8''10-4" in response["Content-Disposition"]
    response = client.get(reverse("documents:card_hwpx", args=[task.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/hwp+zip"
    assert response.content.startswith(b"PK")


def test_an_outsider_gets_404_for_a_card_document(demo: DemoSummary) -> None:
    task = hanppuri()
    url = reverse("documents:card_pdf", args=[task.pk])
    assert client_for("outsider").get(url).status_code == 404
    assert client_for("outsider").get(reverse("documents:card_hwpx", args=[task.pk])).status_code == 404
