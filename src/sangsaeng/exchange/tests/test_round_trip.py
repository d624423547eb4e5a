"""Export → import through the pages: an untouched file changes nothing; an edit previews exactly what
changes and applies it, audited; a bad cell is named by sheet, row and column in Korean."""

from decimal import Decimal
from typing import Any

import pytest

from sangsaeng.audit.models import AuditLog
from sangsaeng.budgets.models import BudgetEntry
from sangsaeng.conftest import World
from sangsaeng.exchange.models import ImportPreview
from sangsaeng.exchange.tests.helpers import (
    audit_count,
    card_states,
    column,
    download,
    fill,
    find_row,
    save,
    workbook,
)
from sangsaeng.plans.models import Activity, Indicator, IndicatorValue, Task


def export(world: World, user: Any = None) -> Any:
    client = world.client_for(user or world.coordinator)
    return workbook(download(client.get(f"/plans/{world.plan.pk}/xlsx/export/")))


def upload(world: World, wb: Any, name: str = "계획.xlsx") -> Any:
    client = world.client_for(world.coordinator)
    return client.post(f"/plans/{world.plan.pk}/xlsx/import/", {"file": save(wb, name)})


def preview_of(response: Any) -> ImportPreview:
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportPreview.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


@pytest.fixture
def full(world: World) -> World:
    fill(world)
    return world


@pytest.mark.django_db
def test_it_exports_four_sheets_with_korean_headers_frozen_and_in_cheonwon(full: World) -> None:
    wb = export(full)
    assert wb.sheetnames == ["과제", "확인지표", "예산", "추진실적", "안내"]
    tasks, budget = wb["과제"], wb["예산"]
    assert [c.value for c in tasks[1]][:5] == ["관리번호", "과제 ID", "상위 관리번호", "분야", "과제명"]
    assert all(wb[name].freeze_panes == "B2" for name in wb.sheetnames[:4])
    row = find_row(budget, 관리번호="10-4", 재원="국비", 구분="투자계획")
    cell = budget.cell(row, column(budget, "2019년(천원)"))
    assert cell.value == 120_000 and cell.number_format == "#,##0"
    total = budget.cell(row, column(budget, "합계(천원, 계산)")).value
    assert total == 170_000  # 기투자 50,000 + 2019 120,000, computed by lib.figures
    assert (
        tasks.cell(find_row(tasks, 관리번호="10-4"), column(tasks, "총사업비(천원, 계산)")).value == 250_000
    )


@pytest.mark.django_db
def test_an_untouched_file_changes_nothing(full: World) -> None:
    wb = export(full)
    states, logs = card_states(full), audit_count()
    preview = preview_of(upload(full, wb))
    assert preview.changes == [] and preview.tasks == 2
    page = full.client_for(full.coordinator).get(f"/xlsx-imports/{preview.pk}/")
    assert "바뀌는 것이 없습니다" in page.content.decode()
    assert card_states(full) == states and audit_count() == logs


@pytest.mark.django_db
def test_an_edit_is_previewed_field_by_field_and_applied_with_an_audit_row(full: World) -> None:
    wb = export(full)
    ind = wb["확인지표"]
    row = find_row(ind, 지표명="상생협력과제 발굴", 연도=2020)
    ind.cell(row, column(ind, "실적")).value = 7
    ind.cell(row, column(ind, "달성률(%, 계산)")).value = 999  # computed: ignored
    budget = wb["예산"]
    budget.cell(find_row(budget, 재원="국비", 구분="확보"), column(budget, "2019년(천원)")).value = "1.5억원"
    acts = wb["추진실적"]
    acts.delete_rows(find_row(acts, 내용="교류 사업"))
    acts.append(["10-4", None, "2020. 3. 2.", "합동 워크숍", "○ 실무자 30명", 30])
    tasks = wb["과제"]
    tasks.cell(find_row(tasks, 관리번호="10-4-1"), column(tasks, "종합 진도율(%)")).value = 90
    preview = preview_of(upload(full, wb))
    summary = {(c["sheet"], c["op"], c["label"]): c["fields"] for c in preview.changes}
    assert summary[("indicators", "change", "10-4 · 「상생협력과제 발굴」 2020년")] == [
        {"field": "actual", "header": "실적", "before": "", "after": "7"}
    ]
    assert summary[("budget", "change", "10-4 · 국비 확보")] == [
        {"field": "y2019", "header": "2019년(천원)", "before": "100,000", "after": "150,000"}
    ]
    assert ("activities", "remove", "10-4 · 2018. 10. ~ 교류 사업") in summary
    assert ("activities", "add", "10-4 · 2020. 3. 2. 합동 워크숍") in summary
    assert summary[("tasks", "change", "10-4-1 과제 10-4-1")][0]["after"] == "90"
    assert len(preview.changes) == 5
    page = full.client_for(full.coordinator).get(f"/xlsx-imports/{preview.pk}/").content.decode()
    assert "'확인지표' 시트" in page and "150,000" in page

    logs = AuditLog.objects.filter(action="xlsx_import").count()
    response = full.client_for(full.coordinator).post(f"/xlsx-imports/{preview.pk}/apply/")
    assert response.status_code == 302
    task = full.task
    assert IndicatorValue.objects.get(indicator=full.indicator, year=2020).actual == 7
    assert (
        BudgetEntry.objects.get(
            task=task, kind="secured", bucket="year", year=2019, source=full.sources[0]
        ).amount
        == 150_000
    )
    assert not Activity.objects.filter(text="교류 사업").exists()
    added = Activity.objects.get(text="합동 워크숍")
    assert added.participants == 30 and added.details == [{"text": "실무자 30명", "children": []}]
    # The sub-task's progress rolled up into its parent, in the same change.
    assert Task.objects.get(pk=task.pk).progress == Decimal(90)
    cards = AuditLog.objects.filter(action="xlsx_import").exclude(task=None)
    assert cards.count() == 2 and AuditLog.objects.filter(action="xlsx_import", task=None).count() == 1
    assert AuditLog.objects.filter(action="xlsx_import").count() == logs + 3
    assert ImportPreview.objects.get(pk=preview.pk).status == "applied"
    # Applying twice does nothing more.
    again = full.client_for(full.coordinator).post(f"/xlsx-imports/{preview.pk}/apply/")
    assert again.status_code == 302 and AuditLog.objects.filter(action="xlsx_import").count() == logs + 3


@pytest.mark.django_db
def test_after_applying_the_file_exported_again_is_the_file_imported(full: World) -> None:
    wb = export(full)
    ind = wb["확인지표"]
    ind.cell(find_row(ind, 지표명="값 없는 지표"), column(ind, "연도")).value = 2021
    ind.cell(find_row(ind, 지표명="값 없는 지표"), column(ind, "계획")).value = 3.5
    ind.append(["10-4", None, "새 지표", "수치", "명", 2022, 10, None, None, None, None, None, None])
    preview = preview_of(upload(full, wb))
    assert {(c["op"], c["entity"]) for c in preview.changes} == {("add", "value"), ("add", "indicator")}
    full.client_for(full.coordinator).post(f"/xlsx-imports/{preview.pk}/apply/")
    new = Indicator.objects.get(name="새 지표")
    assert new.values.get().target == 10 and new.unit == "명"
    assert IndicatorValue.objects.get(indicator__name="값 없는 지표", year=2021).target == Decimal("3.5")
    assert preview_of(upload(full, export(full))).changes == []


@pytest.mark.django_db
def test_a_bad_cell_is_reported_by_sheet_row_and_column_in_korean_and_nothing_is_written(full: World) -> None:
    wb = export(full)
    ind = wb["확인지표"]
    row = find_row(ind, 지표명="상생협력과제 발굴", 연도=2019)
    ind.cell(row, column(ind, "실적")).value = "열여섯"
    budget = wb["예산"]
    budget_row = find_row(budget, 재원="국비", 구분="투자계획")
    budget.cell(budget_row, column(budget, "2019년(천원)")).value = -5
    acts = wb["추진실적"]
    acts.cell(2, column(acts, "일자")).value = "2019. 13. 1."
    states, logs, previews = card_states(full), audit_count(), ImportPreview.objects.count()
    response = upload(full, wb)
    assert response.status_code == 422
    body = response.content.decode()
    assert f"&#x27;확인지표&#x27; 시트 {row}행 H열(실적): 숫자가 아닙니다: &#x27;열여섯&#x27;" in body
    assert f"&#x27;예산&#x27; 시트 {budget_row}행 F열(2019년(천원)): 음수는 입력할 수 없습니다." in body
    assert "&#x27;추진실적&#x27; 시트 2행 C열(일자)" in body
    assert card_states(full) == states and audit_count() == logs and ImportPreview.objects.count() == previews


@pytest.mark.django_db
def test_unknown_keys_and_a_file_of_another_plan_are_refused_in_korean(full: World) -> None:
    wb = export(full)
    wb["과제"].append(["99-9", None, None, None, "없는 과제", "정상추진", 0])
    wb["예산"].append(["10-4", "외자", "투자계획", 5])
    body = upload(full, wb).content.decode()
    assert "이 계획에 없는 관리번호입니다: &#x27;99-9&#x27;" in body
    assert "이 계획에 없는 재원입니다: &#x27;외자&#x27;" in body
    wb = export(full)
    info = wb["안내"]
    info["B1"] = full.plan.pk + 1000
    assert "다른 계획(계획 ID" in upload(full, wb).content.decode()


@pytest.mark.django_db
def test_an_edit_made_after_the_preview_is_not_overwritten(full: World) -> None:
    wb = export(full)
    ind = wb["확인지표"]
    ind.cell(find_row(ind, 지표명="상생협력과제 발굴", 연도=2020), column(ind, "실적")).value = 7
    preview = preview_of(upload(full, wb))
    # Someone edits the card through the page meanwhile.
    client = full.client_for(full.coordinator)
    task = Task.objects.get(pk=full.task.pk)
    response = client.post(
        f"/tasks/{task.pk}/parts/goal/",
        {"goal": "새 목표", "term_indicator": "", "base_revision": task.revision},
    )
    assert response.status_code in (200, 302)
    states, logs = card_states(full), audit_count()
    response = client.post(f"/xlsx-imports/{preview.pk}/apply/", follow=True)
    assert "미리보기 뒤에 다른 사람이 고친 카드가 있어 반영하지 않았습니다: 10-4" in response.content.decode()
    assert card_states(full) == states and audit_count() == logs
    assert ImportPreview.objects.get(pk=preview.pk).status == "stale"


@pytest.mark.django_db
def test_the_blank_template_has_the_headers_and_imports_as_nothing(full: World) -> None:
    client = full.client_for(full.coordinator)
    wb = workbook(download(client.get(f"/plans/{full.plan.pk}/xlsx/template/")))
    assert wb["과제"].max_row == 1 and wb["확인지표"]["A1"].value == "관리번호"
    assert preview_of(upload(full, wb)).changes == []


@pytest.mark.django_db
def test_a_failure_while_applying_leaves_every_card_as_it_was(full: World, monkeypatch: Any) -> None:
    from django.db import IntegrityError

    from sangsaeng.exchange import services

    wb = export(full)
    tasks = wb["과제"]
    for code in ("10-4", "10-4-1"):
        tasks.cell(find_row(tasks, 관리번호=code), column(tasks, "사업주체")).value = "경북"
    acts = wb["추진실적"]
    acts.cell(find_row(acts, 내용="교류 사업"), column(acts, "내용")).value = "교류 사업 확대"
    preview = preview_of(upload(full, wb))
    states, logs = card_states(full), audit_count()

    def broken(*args: Any) -> None:
        raise IntegrityError("disk full")

    monkeypatch.setattr(services, "_apply_activity", broken)
    response = full.client_for(full.coordinator).post(f"/xlsx-imports/{preview.pk}/apply/", follow=True)
    assert "아무것도 바꾸지 않았습니다" in response.content.decode()
    assert card_states(full) == states and audit_count() == logs
    assert ImportPreview.objects.get(pk=preview.pk).status == "pending"


@pytest.mark.django_db
def test_an_actual_counted_from_events_cannot_be_changed_by_the_file(full: World) -> None:
    from sangsaeng.events.models import IndicatorFeed

    IndicatorFeed.objects.create(indicator=full.indicator, measure=IndicatorFeed.Measure.values[0])
    wb = export(full)
    ind = wb["확인지표"]
    row = find_row(ind, 지표명=full.indicator.name, 연도=2019)
    ind.cell(row, column(ind, "실적")).value = 99
    states, logs = card_states(full), audit_count()
    response = upload(full, wb)
    assert response.status_code == 422
    body = response.content.decode()
    where = f"&#x27;확인지표&#x27; 시트 {row}행 H열(실적)"
    assert f"{where}: 교류행사에서 자동 집계되는 실적이라 고칠 수 없습니다." in body
    assert card_states(full) == states and audit_count() == logs
