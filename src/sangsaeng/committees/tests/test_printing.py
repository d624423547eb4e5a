"""Agenda, minutes and roster print as PDF (Typst) and HWPX (python-hwpx, checked by its validators)."""

import io
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from hwpx.tools.package_validator import validate_package
from hwpx.tools.validator import validate_document

from sangsaeng.committees import printing, services
from sangsaeng.committees.models import Meeting
from sangsaeng.committees.tests.factory import setup
from sangsaeng.conftest import World
from sangsaeng.documents.tests.conftest import pdf_text


@pytest.mark.django_db
def test_the_minutes_pdf_prints_attendance_minutes_and_decisions(world: World, tmp_path: Path) -> None:
    s = setup(world)
    meeting = services.attendance_record(
        actor=world.coordinator,
        meeting=s.meeting,
        rows=[
            services.AttendanceInput(s.chair, "proxy", proxy_name="행정부시장"),
            services.AttendanceInput(s.member, "present"),
        ],
    )
    # User text with Typst markup in it stays text.
    services.minutes_save(
        actor=world.coordinator,
        meeting=s.meeting,
        text='○ 개회 #set page(width: 1cm) "따옴표" $수식$',
        base_revision=meeting.revision,
    )
    response = world.client_for(world.coordinator).get(
        reverse("committees:minutes_print", args=[s.meeting.pk, "pdf"])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "회의록" in text and "2019. 3. 28." in text and "대리출석 (행정부시장)" in text
    assert '#set page(width: 1cm) "따옴표" $수식$' in text
    assert "제외 1건 의결" in text and "목적 달성" in text


@pytest.mark.django_db
def test_the_agenda_and_roster_print_in_both_formats_and_the_hwpx_validates(
    world: World, tmp_path: Path
) -> None:
    s = setup(world)
    meeting = Meeting.objects.select_related("committee__plan", "host").get(pk=s.meeting.pk)
    agenda = pdf_text(printing.paper_pdf(printing.agenda_doc(meeting)), tmp_path)
    assert "과제 점검" in agenda and "회의자료.pdf" in agenda and "경북도청 회의실 (경상북도)" in agenda
    roster = pdf_text(printing.paper_pdf(printing.roster_doc(s.committee)), tmp_path)
    assert "김위원장" in roster and "공동위원장" in roster
    for paper in (
        printing.agenda_doc(meeting),
        printing.minutes_doc(meeting),
        printing.roster_doc(s.committee),
    ):
        data = printing.paper_hwpx(paper)
        report = validate_document(io.BytesIO(data))
        assert report.ok, [str(i) for i in report.errors]
        assert validate_package(io.BytesIO(data)).ok
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            section = archive.read("Contents/section0.xml").decode()
        assert paper.data["title"] in section
    response = world.client_for(world.officer).get(
        reverse("committees:roster_print", args=[s.committee.pk, "hwpx"])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/hwp+zip"
    assert world.client_for(world.officer).get(f"/committees/{s.committee.pk}/roster.exe").status_code == 404
