"""Korean first, English second: the switch, the default, and a catalogue that is complete and compiled.

The msgids are the Korean text itself; locale/en/LC_MESSAGES/django.po gives English and its compiled
django.mo ships with the package, so nothing here needs the gettext tools.
"""

import ast
import gettext
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from sangsaeng.audit.models import AuditLog
from sangsaeng.conftest import World
from sangsaeng.plans import cost_lines
from sangsaeng.plans.models import Task
from sangsaeng.plans.tests.test_card_edit import indicator_post, url

LC_MESSAGES = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO, MO = LC_MESSAGES / "django.po", LC_MESSAGES / "django.mo"
SETLANG = "/i18n/setlang/"


@pytest.fixture(autouse=True)
def _leave_the_language_as_it_was() -> Iterator[None]:
    # The test client runs LocaleMiddleware in this thread; its activation would outlive the test.
    before = translation.get_language()
    yield
    if before:
        translation.activate(before)
    else:
        translation.deactivate()


def html_lang(body: str) -> str:
    match = re.search(r'<html lang="([^"]+)"', body)
    assert match, "no <html lang>"
    return match.group(1)


def switch(client: Client, language: str, next_url: str) -> None:
    response = client.post(SETLANG, {"language": language, "next": next_url})
    assert response.status_code == 302 and response["Location"] == next_url


# ---------------------------------------------------------------- the switch and the default


@pytest.mark.django_db
def test_the_plan_list_speaks_english_after_the_switch_and_korean_after_switching_back(world: World) -> None:
    client = world.client_for(world.coordinator)
    korean = client.get("/plans/").content.decode()
    assert html_lang(korean) == "ko"
    assert '<h1 class="page-title">협력계획</h1>' in korean and "완료·이행후계속" in korean

    switch(client, "en", "/plans/")
    english = client.get("/plans/").content.decode()
    assert html_lang(english) == "en"
    assert '<h1 class="page-title">Cooperation plans</h1>' in english
    assert "Completed / continuing" in english and "Average progress" in english
    assert "협력계획" not in english
    # A status label from the model's choices, on the plan's task table.
    detail = client.get(f"/plans/{world.plan.pk}/").content.decode()
    assert "On track" in detail and "정상추진" not in detail

    switch(client, "ko", "/plans/")
    again = client.get("/plans/").content.decode()
    assert html_lang(again) == "ko" and '<h1 class="page-title">협력계획</h1>' in again
    assert "정상추진" in client.get(f"/plans/{world.plan.pk}/").content.decode()


@pytest.mark.django_db
def test_the_management_card_is_korean_by_default_and_english_after_the_switch(world: World) -> None:
    client = world.client_for(world.officer)
    card = f"/tasks/{world.task.pk}/"
    korean = client.get(card).content.decode()
    assert html_lang(korean) == "ko"
    for heading in (
        'id="h-header">기본 정보</h2>',
        'id="h-indicators">□ 이행 확인지표</h2>',
        'id="h-budget">□ 예산투입 실적 및 계획 <span class="meta">(단위: 천원)</span></h2>',
        'id="h-activities">□ 세부추진실적</h2>',
        'id="h-subtasks">□ 세부과제</h2>',
    ):
        assert heading in korean
    assert '<th scope="row">종합 진도율</th>' in korean and "담당부서 입력값" in korean

    switch(client, "en", card)
    english = client.get(card).content.decode()
    assert html_lang(english) == "en"
    for heading in (
        'id="h-header">Basic information</h2>',
        'id="h-indicators">□ Implementation indicators</h2>',
        'id="h-budget">□ Budget: plan and results <span class="meta">(unit: thousand won)</span></h2>',
        'id="h-activities">□ Activity log</h2>',
        'id="h-subtasks">□ Sub-tasks</h2>',
    ):
        assert heading in english
    # A table heading, and the progress formula that plans.card words as it computes the card.
    assert '<th scope="row">Overall progress</th>' in english and "Entered by the department" in english
    assert not any(korean_text in english for korean_text in ("기본 정보", "세부추진실적", "종합 진도율"))


@pytest.mark.django_db
def test_korean_is_the_default_without_accept_language(world: World) -> None:
    anonymous = Client().get("/accounts/login/").content.decode()
    assert html_lang(anonymous) == "ko" and "본문 바로가기" in anonymous
    page = world.client_for(world.officer).get("/plans/").content.decode()
    assert html_lang(page) == "ko" and '<h1 class="page-title">협력계획</h1>' in page


@pytest.mark.django_db
def test_an_english_browser_gets_english_until_the_user_chooses_korean(world: World) -> None:
    client = world.client_for(world.officer)
    english = client.get("/plans/", headers={"accept-language": "en-US,en;q=0.9"}).content.decode()
    assert html_lang(english) == "en"
    switch(client, "ko", "/plans/")
    chosen = client.get("/plans/", headers={"accept-language": "en-US,en;q=0.9"}).content.decode()
    assert html_lang(chosen) == "ko"


@pytest.mark.django_db
def test_the_header_offers_both_languages_and_returns_to_the_same_page(world: World) -> None:
    body = world.client_for(world.officer).get(f"/plans/{world.plan.pk}/?status=on_track").content.decode()
    form = re.search(r'<form class="lang-switch".*?</form>', body, re.S)
    assert form, "no language switch in the header"
    html = form.group(0)
    assert f'action="{SETLANG}"' in html and 'method="post"' in html and "csrfmiddlewaretoken" in html
    assert f'name="next" value="/plans/{world.plan.pk}/?status=on_track"' in html
    assert 'value="ko" lang="ko" aria-current="true">한국어</button>' in html
    assert 'value="en" lang="en">English</button>' in html


@pytest.mark.django_db
def test_the_switch_works_before_login_and_only_returns_to_this_site() -> None:
    client = Client()
    switch(client, "en", "/accounts/login/")
    assert html_lang(client.get("/accounts/login/").content.decode()) == "en"
    response = client.post(SETLANG, {"language": "ko", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get(SETLANG + "?language=en&next=/").status_code == 405  # changes state: POST only
    assert Client(enforce_csrf_checks=True).post(SETLANG, {"language": "en"}).status_code == 403


# ---------------------------------------------------------------- messages in the reader's language


def test_cost_line_errors_are_worded_in_the_active_language() -> None:
    # The fraction check goes by the error's code, not by its Korean wording.
    with translation.override("en"), pytest.raises(cost_lines.CostLinesError) as english:
        cost_lines.parse("201-01 사무관리비\n○ 강의료 = 0.5천원")
    assert english.value.errors == ["Line 2: The amount “0.5천원” is not a whole number of thousand won."]
    with translation.override("ko"), pytest.raises(cost_lines.CostLinesError) as korean:
        cost_lines.parse("201-01 사무관리비\n○ 강의료 = 0.5천원")
    assert korean.value.errors == ["2번째 줄: 금액 '0.5천원'은(는) 천원 단위로 떨어지지 않습니다."]


def test_the_attachment_checker_answers_in_the_active_language() -> None:
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sangsaeng.plans.attachments import check_upload

    fake = SimpleUploadedFile("보고서.jpg", b"%PDF-1.7 ...")
    with translation.override("en"), pytest.raises(ValidationError) as english:
        check_upload(fake)
    assert english.value.messages == [
        "The file content does not match its extension (.jpg). The actual content is: PDF document. "
        "Check the file and upload it again."
    ]
    with translation.override("ko"), pytest.raises(ValidationError) as korean:
        check_upload(fake)
    assert korean.value.messages == [
        "파일 내용이 확장자(.jpg)와 맞지 않습니다. 실제 내용은 PDF 문서입니다. 파일을 확인하고 다시 올리세요."
    ]


@pytest.mark.django_db
def test_an_english_editor_sees_english_but_the_audit_log_stays_korean(world: World) -> None:
    first, second = world.client_for(world.officer), world.client_for(world.coordinator)
    switch(first, "en", "/plans/")
    switch(second, "en", "/plans/")
    base = str(Task.objects.get(pk=world.task.pk).revision)
    part = url(world, f"indicator:{world.indicator.pk}")
    assert first.post(part, indicator_post(world, actual_2019="17", base_revision=base)).status_code == 302

    log = AuditLog.objects.filter(task=world.task).first()
    assert log is not None and log.summary == "확인지표 「상생협력과제 발굴」 수정"
    assert [c["label"] for c in log.changes] == ["지표 「상생협력과제 발굴」 2019년 실적"]

    conflict = second.post(part, indicator_post(world, actual_2019="20", base_revision=base))
    body = conflict.content.decode()
    assert conflict.status_code == 409
    assert "officer changed this item first" in body
    assert "Indicator “상생협력과제 발굴” 2019 Actual" in body


# ---------------------------------------------------------------- the catalogue


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        ctx = self.fields.get("msgctxt")
        return f"{ctx}\x04{self.fields['msgid']}" if ctx is not None else self.fields["msgid"]

    @property
    def msgstrs(self) -> list[str]:
        return [v for k, v in sorted(self.fields.items()) if k.startswith("msgstr")]


def parse_po(text: str) -> list[Entry]:
    """A small .po reader: flags, msgctxt, msgid, msgid_plural, msgstr and msgstr[n], continued lines.

    Obsolete entries (#~) are skipped; they are not compiled.
    """
    entries: list[Entry] = []
    entry: Entry | None = None
    current = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            entry = None
            continue
        if line.startswith("#~"):
            continue
        if entry is None:
            entry = Entry(number)
            entries.append(entry)
        if line.startswith("#,"):
            entry.flags |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry.fields[current] += ast.literal_eval(line)
        else:
            keyword, _, value = line.partition(" ")
            current = keyword
            entry.fields[keyword] = ast.literal_eval(value)
    return entries


def catalogue() -> list[Entry]:
    entries = parse_po(PO.read_text(encoding="utf-8"))
    assert entries and entries[0].fields["msgid"] == "", "the .po has no header"
    return entries[1:]


def placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\([a-z_]+\)[sd]|%%", text))


def test_the_english_catalogue_has_no_empty_or_fuzzy_entry() -> None:
    entries = catalogue()
    assert len(entries) > 300
    header = parse_po(PO.read_text(encoding="utf-8"))[0]
    assert "fuzzy" not in header.flags and "Language: en\n" in header.fields["msgstr"]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.fields["msgstr"]
    problems = [
        f"line {e.line}: {e.key!r}"
        for e in entries
        if "fuzzy" in e.flags or not e.msgstrs or any(not s.strip() for s in e.msgstrs)
    ]
    assert not problems, "untranslated or fuzzy entries (run `make messages`):\n" + "\n".join(problems)


def test_every_translation_keeps_the_placeholders_of_its_korean_text() -> None:
    wrong = [
        f"line {e.line}: {e.key!r}"
        for e in catalogue()
        for s in e.msgstrs
        if "python-format" in e.flags and placeholders(s) != placeholders(e.fields["msgid"])
    ]
    assert not wrong, "\n".join(wrong)


def test_no_translation_is_a_copy_of_the_korean() -> None:
    # Korean may stay inside an example of what to type ('= 20,000천원'), never as the whole wording.
    hangul, latin_word = re.compile(r"[\uac00-\ud7a3]"), re.compile(r"[A-Za-z]{2,}")
    copies = [
        f"line {e.line}: {s!r}"
        for e in catalogue()
        if hangul.search(e.fields["msgid"])
        for s in e.msgstrs
        if s == e.fields["msgid"] or (hangul.search(s) and not latin_word.search(s))
    ]
    assert not copies, "\n".join(copies)


def test_the_compiled_catalogue_matches_the_po() -> None:
    """django.mo is what runs; it must say exactly what django.po says (recompile with `make messages`)."""
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    expected: dict[object, str] = {}
    for e in catalogue():
        if "msgid_plural" in e.fields:
            for k, v in e.fields.items():
                if k.startswith("msgstr["):
                    expected[(e.key, int(k[7:-1]))] = v
        else:
            expected[e.key] = e.fields["msgstr"]
    actual = {k: v for k, v in compiled._catalog.items() if k != ""}  # type: ignore[attr-defined]
    stale = sorted(str(k) for k in expected.keys() ^ actual.keys())
    assert not stale, "django.mo and django.po differ in msgids; run `make messages`:\n" + "\n".join(stale)
    differ = sorted(str(k) for k in expected if expected[k] != actual[k])
    assert not differ, "django.mo is older than django.po; run `make messages`:\n" + "\n".join(differ)


def test_django_loads_the_catalogue_from_the_package() -> None:
    assert Path(settings.LOCALE_PATHS[0]).is_relative_to(Path(settings.BASE_DIR))
    with translation.override("en"):
        assert translation.gettext("이행후계속추진") == "Completed, continuing"
        assert translation.pgettext("indicator", "계획") == "Target"
        assert translation.gettext("계획") == "Plan"
    with translation.override("ko"):
        assert translation.gettext("이행후계속추진") == "이행후계속추진"
