"""Attaching files to the card in a real browser: a bad file is refused in place, a good one is listed."""

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from sangsaeng.plans.models import Attachment, Task

pytestmark = pytest.mark.browser

NOT_A_PDF = b"<html><body>this was saved from a web page, not a PDF</body></html>"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"


def small_pdf() -> bytes:
    """A complete one-page PDF, cross-reference offsets included."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


def card_task() -> Task:
    return Task.objects.get(code="10-4", plan__title="대구·경북 한뿌리 상생협력")


def tidy(s: Any) -> None:
    """Drop the empty style attributes that Playwright's screenshots (caret hiding) and axe leave behind:
    htmx would copy them onto the next swapped form, and the CSP would rightly report that."""
    s.page.evaluate(
        "() => document.querySelectorAll('[style=\"\"]').forEach(e => e.removeAttribute('style'))"
    )


def shoot(s: Any, name: str, section: Any) -> None:
    """The whole page and the attachments section alone."""
    path = s.shot(name)
    section.screenshot(path=str(path.with_name(f"{name}-section.png")))
    tidy(s)


def axe_on(s: Any, selector: str) -> list[str]:
    """A and AA violations inside one section (the rest of the card has its own test)."""
    seen = len(s.errors)
    s.page.evaluate(AXE.read_text())
    result = s.page.evaluate(
        "async (sel) => await axe.run(sel, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})",
        selector,
    )
    del s.errors[seen:]
    tidy(s)
    return [v["id"] for v in result["violations"]]


def test_a_bad_attachment_is_refused_in_place_and_a_good_one_is_listed(demo: Any, login: Any) -> None:
    task = card_task()
    before = Attachment.objects.filter(task=task).count()
    s = login()
    s.open(f"/tasks/{task.pk}/")
    section = s.page.locator("#part-attachments")
    section.scroll_into_view_if_needed()
    s.page.fill("#part-attachments input[name=description]", "2019년 상반기 실적 보고서")
    s.page.set_input_files(
        "#part-attachments input[type=file]",
        files=[{"name": "상반기 실적.pdf", "mimeType": "application/pdf", "buffer": NOT_A_PDF}],
    )
    s.page.click("#part-attachments button:text-is('올리기')")

    alert = s.page.locator("#part-attachments [role=alert]")
    expect(alert).to_contain_text("「상반기 실적.pdf」을(를) 올리지 못했습니다.")
    expect(alert).to_contain_text("확장자(.pdf)와 맞지 않습니다. 실제 내용은 웹 페이지(HTML)입니다.")
    assert s.page.input_value("#part-attachments input[name=description]") == "2019년 상반기 실적 보고서"
    assert s.page.get_attribute("#part-attachments input[type=file]", "aria-invalid") == "true"
    assert s.page.locator("#part-attachments input[type=file]").evaluate("e => e.files.length") == 0
    assert Attachment.objects.filter(task=task).count() == before
    assert axe_on(s, "#part-attachments") == []
    shoot(s, "10-attachment-refused", section)

    s.page.set_input_files(
        "#part-attachments input[type=file]",
        files=[{"name": "상반기 실적.pdf", "mimeType": "application/pdf", "buffer": small_pdf()}],
    )
    s.page.click("#part-attachments button:text-is('올리기')")
    expect(section.locator("a", has_text="상반기 실적.pdf")).to_be_visible()
    expect(section).to_contain_text("2019년 상반기 실적 보고서")
    expect(section).to_contain_text("올렸습니다")
    expect(section.locator("[role=alert]")).to_have_count(0)
    assert s.page.input_value("#part-attachments input[name=description]") == ""
    attachment = Attachment.objects.get(task=task, original_name="상반기 실적.pdf")
    assert attachment.description == "2019년 상반기 실적 보고서" and attachment.size == len(small_pdf())
    shoot(s, "11-attachment-listed", section)
    # The browser reports the refusal's 422 as a failed resource; anything else is a real error.
    errors = [e for e in s.errors if "status of 422" not in e]
    assert not errors, errors
