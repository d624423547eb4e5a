"""Reading an uploaded workbook back into rows of typed values, each bad cell named by sheet, row and column.

The upload is first checked as any attachment is (plans.attachments.check_upload: zip bombs, nesting,
DTDs and entities in the XML), then opened with openpyxl in read-only mode (which parses through
defusedxml). Only the columns of the layout are read; reference and computed columns are skipped.
"""

import logging
import re
import zipfile
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from sangsaeng.exchange import sheets as layout
from sangsaeng.exchange import values as v
from sangsaeng.plans import attachments

logger = logging.getLogger(__name__)

MAX_ROWS = 200_000  # over every sheet; a plan of 400 cards × 50 tasks stays well under
MAX_COLUMNS = 200
MAX_PROBLEMS = 200  # a file with more bad cells than this is reported by its first ones
YEAR_HEADER = re.compile(r"^\s*(\d{4})\s*년")

NOT_XLSX = "엑셀(XLSX) 파일만 가져올 수 있습니다. 엑셀에서 'Excel 통합 문서(*.xlsx)'로 저장해 올리세요."
UNREADABLE = (
    "엑셀 파일을 읽을 수 없습니다. 내려받은 서식을 엑셀에서 열어 'Excel 통합 문서(*.xlsx)'로 다시 저장해 "
    "올리세요."
)


@dataclass(frozen=True)
class Problem:
    """What is wrong, and where: sheet, row and column (None for the whole file or sheet)."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""  # letter
    header: str = ""

    def __str__(self) -> str:
        where = []
        if self.sheet:
            where.append(f"'{self.sheet}' 시트")
        if self.row:
            where.append(f"{self.row}행")
        if self.column:
            where.append(f"{self.column}열({self.header})" if self.header else f"{self.column}열")
        return f"{' '.join(where)}: {self.message}" if where else self.message

    def to_json(self) -> dict[str, Any]:
        return {
            "message": self.message,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "text": str(self),
        }


class ImportInvalid(Exception):
    """The file cannot be imported; `problems` say why, each in Korean."""

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        self.problems = problems
        self.total = total if total is not None else len(problems)
        super().__init__("; ".join(str(p) for p in problems[:3]))


@dataclass
class Row:
    number: int  # the row in the sheet, as Excel shows it
    raw: dict[str, Any]  # cell values as read, by field
    values: dict[str, Any]  # typed values of the key and input columns
    letters: dict[str, str]  # column letter of each field


@dataclass
class Parsed:
    plan_id: int | None
    sheets: dict[str, layout.Sheet]
    rows: dict[str, list[Row]]
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0

    def add(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)

    def problem(self, sheet: str, row: Row, column: str, message: str) -> None:
        spec = self.sheets[sheet]
        header = spec.column(column).header if any(c.field == column for c in spec.columns) else ""
        self.add(Problem(message, spec.name, row.number, row.letters.get(column, ""), header))

    def check(self) -> None:
        if self.problem_count:
            raise ImportInvalid(self.problems, self.problem_count)


def check_file(upload: Any) -> None:
    """The checks every uploaded XLSX passes before anything opens it; ImportInvalid in Korean."""
    name = attachments.clean_name(getattr(upload, "name", "") or "")
    if attachments.extension(name) != "xlsx":
        raise ImportInvalid([Problem(NOT_XLSX)])
    try:
        attachments.check_upload(upload)
    except ValidationError as exc:
        raise ImportInvalid([Problem(" ".join(exc.messages))]) from exc


def read_upload(upload: Any) -> Parsed:
    check_file(upload)
    upload.seek(0)
    return read_workbook(upload)


def read_workbook(f: IO[bytes]) -> Parsed:
    """Every sheet of the layout read into typed rows. Problems are collected, not raised, so the user
    sees all of them at once; call Parsed.check() to raise them."""
    try:
        wb = load_workbook(f, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or foreign file
        logger.info("unreadable workbook: %r", exc)
        raise ImportInvalid([Problem(UNREADABLE)]) from exc
    try:
        return _read(wb)
    except ImportInvalid:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError, IndexError, OSError) as exc:
        logger.info("unreadable workbook: %r", exc)
        raise ImportInvalid([Problem(UNREADABLE)]) from exc
    except Exception as exc:
        # A reader failure nobody foresaw: logged, and refused in Korean rather than a server error.
        logger.exception("unexpected failure while reading an imported workbook")
        raise ImportInvalid([Problem(UNREADABLE)]) from exc
    finally:
        wb.close()


def _read(wb: Any) -> Parsed:
    names = wb.sheetnames
    with layout.korean():
        plan_id = _plan_id(wb) if layout.INFO_SHEET in names else None
        budget_years = _budget_years(wb) if "예산" in names else []
        specs = {s.key: s for s in layout.sheets(budget_years)}
        parsed = Parsed(plan_id, specs, {key: [] for key in specs})
        missing = [s.name for s in specs.values() if s.name not in names]
        if missing:
            names_text = ", ".join(f"'{n}'" for n in missing)
            raise ImportInvalid(
                [Problem(f"{names_text} 시트가 없습니다. 내려받은 파일의 시트 이름을 그대로 두세요.")]
            )
        budget = 0
        for spec in specs.values():
            budget = _read_sheet(wb[spec.name], spec, parsed, budget)
    return parsed


def _plan_id(wb: Any) -> int | None:
    for row in wb[layout.INFO_SHEET].iter_rows(min_row=1, max_row=20, max_col=2, values_only=True):
        if row and row[0] == layout.PLAN_ID_LABEL:
            try:
                return int(row[1])
            except (TypeError, ValueError):
                return None
    return None


def _budget_years(wb: Any) -> list[int]:
    header = next(wb["예산"].iter_rows(min_row=1, max_row=1, max_col=MAX_COLUMNS, values_only=True), ())
    years = {int(m.group(1)) for h in header if isinstance(h, str) and (m := YEAR_HEADER.match(h))}
    return sorted(y for y in years if 1990 <= y <= 2100)


def _header_key(text: Any) -> str:
    return re.sub(r"\s+", "", str(text or ""))


def _read_sheet(ws: Any, spec: layout.Sheet, parsed: Parsed, seen: int) -> int:
    header = next(ws.iter_rows(min_row=1, max_row=1, max_col=MAX_COLUMNS, values_only=True), None) or ()
    width = max((i + 1 for i, h in enumerate(header) if h not in (None, "")), default=1)
    # Only as many columns as the header has: read-only rows are padded to max_col.
    rows = ws.iter_rows(min_row=2, max_col=width, values_only=True)
    where = {_header_key(h): i for i, h in reversed(list(enumerate(header))) if h not in (None, "")}
    columns: dict[str, int] = {}
    for column in spec.columns:
        index = where.get(_header_key(column.header))
        if index is not None:
            columns[column.field] = index
        elif column.imported:
            parsed.add(
                Problem(
                    f"'{column.header}' 열이 없습니다. 내려받은 파일의 머리글(1행)을 그대로 두세요.",
                    spec.name,
                    1,
                )
            )
    if any(c.imported and c.field not in columns for c in spec.columns):
        return seen
    letters = {f: get_column_letter(i + 1) for f, i in columns.items()}
    for number, cells in enumerate(rows, start=2):
        if not any(c not in (None, "") and not (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        seen += 1
        if seen > MAX_ROWS:
            raise ImportInvalid([Problem(f"행이 너무 많습니다 (모든 시트를 합해 최대 {MAX_ROWS:,}행).")])
        raw = {f: cells[i] if i < len(cells) else None for f, i in columns.items()}
        row = Row(number, raw, {}, letters)
        for column in spec.columns:
            if not column.imported:
                continue
            try:
                row.values[column.field] = column.kind.read(raw[column.field])
            except v.CellError as exc:
                parsed.problem(spec.key, row, column.field, str(exc))
        parsed.rows[spec.key].append(row)
        if parsed.problem_count > MAX_PROBLEMS * 5:
            parsed.check()  # a file this wrong: stop reading, report what was found
    return seen
