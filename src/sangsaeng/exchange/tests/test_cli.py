"""The command line: card and plan exports in every format, and the import with --dry-run, with progress."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sangsaeng.audit.models import AuditLog
from sangsaeng.conftest import World
from sangsaeng.exchange.tests.helpers import audit_count, card_states, column, fill, find_row, workbook
from sangsaeng.plans.models import IndicatorValue


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF-"), ("hwpx", b"PK"), ("xlsx", b"PK")])
def test_card_export_writes_the_card_in_each_format(
    world: World, tmp_path: Path, fmt: str, magic: bytes
) -> None:
    target = tmp_path / f"card.{fmt}"
    output = run("card", "export", "10-4", "--format", fmt, "-o", str(target))
    assert target.read_bytes().startswith(magic) and "저장했습니다" in output
    if fmt == "xlsx":
        assert [
            r[0] for r in workbook(target.read_bytes())["과제"].iter_rows(min_row=2, values_only=True)
        ] == ["10-4"]


@pytest.mark.django_db
@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF-"), ("hwpx", b"PK"), ("xlsx", b"PK")])
def test_plan_export_writes_the_booklet_or_the_workbook_with_progress(
    world: World, tmp_path: Path, fmt: str, magic: bytes
) -> None:
    target = tmp_path / f"plan.{fmt}"
    output = run("plan", "export", str(world.plan.pk), "--format", fmt, "-o", str(target))
    assert target.read_bytes().startswith(magic)
    assert ("카드 1/1" if fmt == "xlsx" else "관리카드 1장") in output


@pytest.mark.django_db
def test_plan_import_previews_with_dry_run_then_applies(world: World, tmp_path: Path) -> None:
    fill(world)
    target = tmp_path / "plan.xlsx"
    run("plan", "export", "한뿌리", "--format", "xlsx", "-o", str(target))
    wb = workbook(target.read_bytes())
    ind = wb["확인지표"]
    ind.cell(find_row(ind, 지표명="상생협력과제 발굴", 연도=2021), column(ind, "실적")).value = 4
    wb.save(target)
    states, logs = card_states(world), audit_count()
    output = run("plan", "import", str(world.plan.pk), str(target), "--dry-run")
    assert "확인지표: 추가 0 · 변경 1 · 삭제 0" in output and "실적 '' → '4'" in output
    assert "아무것도 바꾸지 않았습니다" in output
    assert card_states(world) == states and audit_count() == logs
    output = run("plan", "import", str(world.plan.pk), str(target), "--user", "coordinator")
    assert "반영했습니다: 과제 1건, 변경 1건." in output
    assert IndicatorValue.objects.get(indicator=world.indicator, year=2021).actual == 4
    assert AuditLog.objects.filter(action="xlsx_import", task=world.task, actor=world.coordinator).exists()


@pytest.mark.django_db
def test_plan_import_refuses_a_bad_file_in_korean(world: World, tmp_path: Path) -> None:
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"not a workbook")
    with pytest.raises(CommandError, match="가져올 수 없습니다"):
        run("plan", "import", str(world.plan.pk), str(target))
    with pytest.raises(CommandError, match="총괄 담당자가 아닙니다"):
        run("plan", "import", str(world.plan.pk), str(target), "--user", "officer")
