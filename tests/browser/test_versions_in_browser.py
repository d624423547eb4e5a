"""A plan revised in a real browser: the coordinator makes the new version of the 달빛동맹 plan, marks
its tasks (보완, 삭제 after a refused try, 통합), adds a newly found task, reads the comparison and
downloads it as PDF; the 한뿌리 plan's demo revision is read by an officer of the other government."""

import shutil
import subprocess  # nosec B404: poppler's own tool, fixed argv
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from sangsaeng.plans.models import Plan, Task
from sangsaeng.versions.models import Change, PlanVersion, TaskRevision

pytestmark = pytest.mark.browser

DALBIT = "달빛동맹 상생협력"


def no_axe_violations(s: Any, name: str) -> None:
    violations = s.axe_violations()
    assert not violations, (name, violations)


def mark(s: Any, version: PlanVersion, code: str) -> None:
    old = Task.objects.get(plan=version.previous, code=code)
    s.page.click(f"#old-{old.pk} >> xpath=ancestor::tr >> a:has-text('표시 바꾸기')")
    s.page.wait_for_url(f"**/versions/{version.pk}/tasks/{old.pk}/")


def test_a_plan_is_revised_marked_compared_and_printed(demo: Any, login: Any, tmp_path: Path) -> None:
    old_plan = Plan.objects.get(title=DALBIT)
    coord = login()

    # ---- start the revision
    coord.open(f"/versions/plans/{old_plan.pk}/new/")
    coord.page.fill("#id_title", "달빛동맹 상생협력 (2022–2026)")
    coord.page.fill("#id_label", "2022 개정")
    coord.page.fill("#id_term_start_year", "2022")
    coord.page.fill("#id_term_end_year", "2026")
    coord.page.fill("#id_revised_on", "2022-08-10")
    coord.shot("versions-01-start")
    no_axe_violations(coord, "start")
    coord.page.click("main button:text-is('새 판 만들기')")
    coord.page.wait_for_url("**/versions/*/")
    version = PlanVersion.objects.get(previous=old_plan)
    expect(coord.page.locator("h1")).to_have_text("2022 개정: 과제 변경")
    expect(coord.page.locator('#change-counts td[data-change="keep"]')).to_have_text("10건")

    # ---- 보완
    mark(coord, version, "2-3")
    coord.page.check("input[name=change][value=supplement]")
    coord.page.fill("#id_reason", "생성형 AI 협력 사업을 추가해 내용 보완")
    coord.page.click("main button:text-is('저장')")
    coord.page.wait_for_url(f"**/versions/{version.pk}/#*")

    # ---- 삭제: refused without a reason, the choice kept; then saved
    mark(coord, version, "3-1")
    coord.page.check("input[name=change][value=drop]")
    coord.page.click("main button:text-is('저장')")
    expect(coord.page.locator(".field-error")).to_contain_text("사유를 적으세요")
    expect(coord.page.locator("input[name=change][value=drop]")).to_be_checked()
    coord.shot("versions-02-mark-refused")
    coord.page.fill("#id_reason", "2038 아시안게임 유치 신청 철회")
    coord.page.click("main button:text-is('저장')")
    coord.page.wait_for_url(f"**/versions/{version.pk}/#*")

    # ---- 통합: 3-3 into the new 3-2
    mark(coord, version, "3-3")
    coord.page.check("input[name=change][value=merge]")
    coord.page.fill("#id_reason", "문화·관광 교류를 하나로 묶음")
    target = Task.objects.get(plan=version.plan, code="3-2")
    coord.page.select_option("#id_merge_into", str(target.pk))
    coord.page.click("main button:text-is('저장')")
    coord.page.wait_for_url(f"**/versions/{version.pk}/#*")

    # ---- 추가 발굴
    coord.page.click("text=과제 추가 발굴")
    coord.page.fill("#id_code", "2-4")
    coord.page.fill("#id_title", "달빛 반도체 공동 인력 양성")
    coord.page.select_option("#id_area", label="2. 미래산업 협력")
    coord.page.fill("#id_reason", "제5차 달빛동맹 정상회의 합의")
    coord.page.click("main button:text-is('추가')")
    coord.page.wait_for_url(f"**/versions/{version.pk}/#*")
    coord.shot("versions-03-revision-page")
    no_axe_violations(coord, "revision page")
    changes = dict(
        TaskRevision.objects.filter(version=version).values_list("change", "reason").order_by("id")
    )
    assert set(changes) == {Change.KEEP, Change.SUPPLEMENT, Change.DROP, Change.MERGE, Change.NEW}
    for change, n in (
        ("keep", "6건"),
        ("supplement", "1건"),
        ("drop", "1건"),
        ("merge", "1건"),
        ("new", "1건"),
    ):
        expect(coord.page.locator(f'#change-counts td[data-change="{change}"]')).to_have_text(n)

    # ---- the comparison, printed
    coord.page.click("text=신구 대비표")
    coord.page.wait_for_url("**/compare/")
    expect(coord.page.locator("h1")).to_have_text("2022 개정 신구 과제 대비표")
    coord.shot("versions-04-comparison")
    no_axe_violations(coord, "comparison")
    with coord.page.expect_download() as download:
        coord.page.click("#download-pdf")
    pdf = tmp_path / "versions-browser.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    tool = shutil.which("pdftotext") or "pdftotext"
    text = subprocess.run(  # noqa: S603  # nosec B603
        [tool, "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    line = " ".join(text.split())
    assert "6건 1건 1건 1건 1건 0건 10건" in line and "2038 아시안게임 유치 신청 철회" in line
    # The refused form answered 422 on purpose; nothing else went wrong in the page.
    assert [e for e in coord.errors if "status of 422" not in e] == []


def test_an_officer_of_the_partner_government_reads_the_demo_revision(demo: Any, login: Any) -> None:
    version = PlanVersion.objects.get(previous__title="대구·경북 한뿌리 상생협력")
    reader = login("daegu", "sangsaeng-daegu-2026")
    reader.open(f"/versions/{version.pk}/compare/")
    expect(reader.page.locator('#change-counts td[data-change="supplement"]')).to_have_text("5건")
    expect(reader.page.locator("main")).not_to_contain_text("표시 바꾸기")
    reader.shot("versions-05-demo-comparison")
    assert reader.open(f"/versions/{version.pk}/add/").locator("h1").inner_text() != "과제 추가 발굴"
