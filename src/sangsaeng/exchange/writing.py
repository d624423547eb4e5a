"""Writing the plan's workbook with openpyxl's write-only mode: rows go to disk as they are made, so a
plan of 100,000 rows is written in constant memory. Cards are read and computed a batch at a time."""

from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from sangsaeng.budgets.models import Bucket, BudgetEntry, FundingSource
from sangsaeng.exchange import sheets as layout
from sangsaeng.lib import kdate
from sangsaeng.plans.card import compute_card
from sangsaeng.plans.card_state import load_states
from sangsaeng.plans.models import Plan

BATCH = 400  # cards read together (load_states puts the ids in IN (...) lists)

FILLS = {
    "key": PatternFill("solid", fgColor="DDEBF7"),
    "input": PatternFill("solid", fgColor="FFF2CC"),
    "ref": PatternFill("solid", fgColor="EDEDED"),
    "computed": PatternFill("solid", fgColor="EDEDED"),
}
HEADER_FONT = Font(bold=True)
COMPUTED_FONT = Font(color="595959")
WRAP = Alignment(wrap_text=True, vertical="top")

type Progress = Callable[[int, int], None]


def budget_years(plan: Plan, task_ids: Sequence[int] | None) -> list[int]:
    """The term's years and any other year an entry of these cards uses, so none is lost on the way."""
    years = set(plan.term_years)
    if task_ids:
        entries = BudgetEntry.objects.filter(task__plan=plan, bucket=Bucket.YEAR)
        years |= set(entries.order_by().values_list("year", flat=True).distinct())
    return sorted(years)


class _Writer:
    def __init__(self, wb: Workbook, sheet: layout.Sheet) -> None:
        self.sheet = sheet
        self.ws: WriteOnlyWorksheet = wb.create_sheet(sheet.name)
        for index, column in enumerate(sheet.columns, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = column.width
        self.ws.freeze_panes = "B2"  # the header row and the 관리번호 column stay in view
        self.ws.append([self._header(c) for c in sheet.columns])
        self.rows = 0

    def _header(self, column: layout.Column) -> Cell:
        cell = WriteOnlyCell(self.ws, value=column.header)
        cell.font = HEADER_FONT
        cell.fill = FILLS[column.role]
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        return cell

    def append(self, row: dict[str, Any]) -> None:
        self.ws.append([self._cell(c, row.get(c.field)) for c in self.sheet.columns])
        self.rows += 1

    def _cell(self, column: layout.Column, value: Any) -> Any:
        value = column.kind.cell(value) if value is not None else None
        if value is None:
            return None
        if column.number_format or column.role == "computed" or (isinstance(value, str) and "\n" in value):
            cell = WriteOnlyCell(self.ws, value=value)
            if column.number_format:
                cell.number_format = column.number_format
            if column.role == "computed":
                cell.font = COMPUTED_FONT
            if isinstance(value, str) and "\n" in value:
                cell.alignment = WRAP
            return cell
        return value


def write_workbook(
    out: IO[bytes] | str,
    *,
    plan: Plan,
    task_ids: Sequence[int],
    exported_by: str = "",
    progress: Progress | None = None,
) -> int:
    """The plan's workbook with the rows of `task_ids` (none: the blank template); the rows written."""
    with layout.korean():
        wb = Workbook(write_only=True)
        writers = [_Writer(wb, sheet) for sheet in layout.sheets(budget_years(plan, task_ids))]
        tasks, indicators, budget, activities = writers
        for done, cards in _cards(task_ids):
            for card in cards:
                tasks.append(layout.task_row(card))
                for row in layout.indicator_rows(card):
                    indicators.append(row)
                for row in layout.budget_rows(card):
                    budget.append(row)
                for row in layout.activity_rows(card):
                    activities.append(row)
            if progress:
                progress(done, len(task_ids))
            del cards  # before the next batch is read: one batch of cards in memory at a time
        rows = sum(w.rows for w in writers)
        _info(wb, plan, exported_by, rows, blank=not task_ids)
        wb.save(out)
    return rows


def _cards(task_ids: Sequence[int]) -> Iterable[tuple[int, list[Any]]]:
    for start in range(0, len(task_ids), BATCH):
        batch = list(task_ids[start : start + BATCH])
        states = load_states(batch)
        cards = [compute_card(states[pk]) for pk in batch if pk in states]
        del states
        yield start + len(batch), cards
        del cards


NOTES = (
    "노란 머리글 열은 입력값입니다. 고쳐서 [가져오기]로 올리면 미리보기에서 바뀌는 내용을 확인한 뒤 "
    "반영합니다.",
    "파란 머리글 열(관리번호, ID, 연도, 재원, 구분)은 행을 찾는 열쇠입니다. 기존 행의 열쇠는 고치지 마세요.",
    "회색 머리글 열(분야, 주관부서, 수정번호, '계산'이 붙은 열)은 참고용이며 가져올 때 무시합니다.",
    "'과제' 시트에 있는 과제만 가져옵니다. 그 과제의 지표·예산·추진실적은 파일이 전부입니다: "
    "행을 지우면 삭제되고, ID를 비운 새 행은 추가됩니다.",
    "과제 자체의 추가·삭제는 화면에서 합니다. '과제' 시트에서 행을 지운 과제는 그대로 둡니다.",
    "금액은 천원 단위 정수입니다 (1.5억원 = 150,000). '1.5억원'처럼 단위를 붙여 적어도 됩니다.",
    "일자는 2019. 8. 30. / 2019. 6. / 2019. 2. 11. ~ 2019. 2. 28. / 2018. 10. 2. ~ 처럼 적습니다.",
    "세부 내용은 한 줄에 한 항목, ○ • - 기호로 단계를 나눕니다.",
    "가져오기는 전부 반영하거나 하나도 반영하지 않습니다. 잘못된 칸은 시트·행·열로 알려 드립니다.",
)


def _info(wb: Workbook, plan: Plan, exported_by: str, rows: int, *, blank: bool) -> None:
    ws = wb.create_sheet(layout.INFO_SHEET)
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 100
    bold = Font(bold=True)

    def line(label: str, value: Any) -> None:
        head = WriteOnlyCell(ws, value=label)
        head.font = bold
        ws.append([head, value])

    line(layout.PLAN_ID_LABEL, plan.pk)
    line("계획명", plan.title)
    line("임기", f"{plan.term_start_year} ~ {plan.term_end_year}")
    line("내려받은 때", kdate.official(timezone.localdate()) + timezone.localtime().strftime(" %H:%M"))
    if exported_by:
        line("내려받은 사람", exported_by)
    line("종류", "빈 서식" if blank else f"계획 자료 {rows:,}행")
    line("금액 단위", "천원")
    sources = FundingSource.objects.filter(plan=plan).order_by("order", "id").values_list("name", flat=True)
    line("재원", ", ".join(sources))
    ws.append([])
    for note in NOTES:
        ws.append(["", note])
