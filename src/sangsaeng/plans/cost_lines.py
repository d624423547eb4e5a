"""산출근거 (cost breakdown) as budget officials type it, and back.

    201-01 사무관리비
    ○ 권역별 순회 민관협력 세미나 = 20,000천원
      - 전문가 토론 강의료 = 8,000천원
      - 사례집 제작 50,000원 × 80부 = 4,000천원
    ○ 지역교류 활성화를 위한 홍보지원 = 100,000천원
    201-03 행사운영비 = 230,000천원

- A line starting with a budget code (201-01, or 20101 which is read as 201-01) starts an item; the
  rest of the line is its name, optionally followed by "= amount": the item's amount when it has no
  cost lines, else the amount it states, which the card compares with the lines' sum.
- Other lines are cost lines. The marker gives the depth (○ first, - second, • third); a line without
  a marker takes its depth from the indentation (two spaces, or a tab, per level). A level that skips
  one hangs under the nearest shallower line.
- "= N천원" is the line's amount (commas allowed; "N원", "N만원", "1.5억", a bare number is 천원).
- "A원 × B단위" is a unit price in 원 times a quantity with its unit word; the card computes 천원 from
  it (truncated below 1천원). When an amount is also given it is kept as the stated figure.

`parse` refuses what it cannot read with every problem's line number; `to_text` writes what `parse`
reads back to the same value (parse(to_text(items)) == items).
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext

from sangsaeng.lib.money import MoneyError, parse_money

MAX_DEPTH = 3
MAX_LINES = 1000
MAX_ERRORS = 20
LABEL_MAX = 300
NAME_MAX = 50
UNIT_MAX = 10
MARKERS = ("○", "-", "•")
INDENT = "  "
_LEVEL_OF_MARKER = {
    "○": 0,
    "ㅇ": 0,
    "о": 0,
    "◦": 0,
    "◎": 0,
    "●": 0,
    "-": 1,
    "–": 1,
    "―": 1,
    "ㅡ": 1,
    "•": 2,
    "·": 2,
    "∙": 2,
    "ㆍ": 2,
    "▷": 2,
    "※": 2,
}
# The usual names of the 세출 통계목, filled in when a code is typed without its name.
COMMON_NAMES = {
    "201-01": "사무관리비",
    "201-02": "공공운영비",
    "201-03": "행사운영비",
    "202-01": "국내여비",
    "202-03": "국외업무여비",
    "301-01": "사회보장적수혜금",
    "307-02": "민간경상사업보조",
    "307-04": "민간위탁금",
    "307-05": "민간행사사업보조",
    "401-01": "시설비",
    "405-01": "자산취득비",
}

_CODE = re.compile(r"^(?P<code>\d{3}-\d{2}|\d{5})(?=[\s:.)]|$)\s*[:.)]?\s*(?P<rest>.*)$")
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_UNIT_PRICE = re.compile(
    rf"\(?\s*(?P<price>{_NUMBER})\s*(?P<price_unit>만원|천원|원)\s*[×xX*✕]\s*"
    rf"(?P<qty>{_NUMBER})\s*(?P<unit>[^\s\d×xX*✕=()][^\s×*✕=()]*)?\s*\)?\s*$"
)
_LOOKS_LIKE_PRICE = re.compile(rf"{_NUMBER}\s*(?:만원|천원|원)\s*[×xX*✕]")
# Lines copied along with the sheet's table that carry no data.
_NOISE = re.compile(r"^\(?\s*단위\s*[:：]|^과목\s*구분|^세부\s*산출")


class CostLinesError(ValueError):
    """The text could not be read; `errors` holds one message per problem, with its line."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class ParsedLine:
    label: str
    amount: int | None = None  # 천원, as typed (on a line with children or a unit price: the stated figure)
    unit_price: int | None = None  # 원
    quantity: Decimal | None = None
    unit: str = ""
    children: list["ParsedLine"] = field(default_factory=list)
    line_no: int = field(default=0, compare=False)


@dataclass
class ParsedItem:
    code: str
    name: str
    stated_amount: int | None = None
    lines: list[ParsedLine] = field(default_factory=list)
    line_no: int = field(default=0, compare=False)


def normalise_code(code: str) -> str:
    """20101 → 201-01."""
    digits = code.replace("-", "")
    return f"{digits[:3]}-{digits[3:]}"


def _clean(text: str) -> str:
    # Full-width digits and signs, as typed in 한글 documents, read as their ASCII forms.
    return unicodedata.normalize("NFKC", text).replace("\u3000", " ")


def _money(text: str, number: int) -> int:
    try:
        value = parse_money(text.strip())
    except MoneyError as exc:
        if exc.code == "fraction":
            raise _LineError(
                number,
                gettext("금액 '%(text)s'은(는) 천원 단위로 떨어지지 않습니다.") % {"text": text.strip()},
            ) from exc
        raise _LineError(
            number,
            gettext("금액을 읽을 수 없습니다 ('%(text)s'). '= 20,000천원'이나 '= 1.5억원'처럼 적으세요.")
            % {"text": text.strip()},
        ) from exc
    if value is None:
        raise _LineError(number, gettext("'=' 뒤에 금액이 없습니다. '= 20,000천원'처럼 적으세요."))
    if value < 0:
        raise _LineError(number, gettext("금액은 0 이상이어야 합니다."))
    return value


class _LineError(Exception):
    def __init__(self, number: int, message: str) -> None:
        self.number = number
        self.message = message


def _split_amount(text: str, number: int) -> tuple[str, int | None]:
    """ "label = 20,000천원" → ("label", 20000)."""
    if "=" not in text:
        return text.strip(), None
    left, _, right = text.rpartition("=")
    return left.strip(), _money(right, number)


def _quantity(text: str, number: int) -> Decimal:
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation as exc:
        raise _LineError(number, gettext("수량 '%(text)s'을(를) 읽을 수 없습니다.") % {"text": text}) from exc
    if value != value.quantize(Decimal("0.01")) or value >= Decimal(10) ** 10:
        raise _LineError(
            number,
            gettext("수량 '%(text)s'은(는) 소수 둘째 자리까지, 100억 미만으로 적으세요.") % {"text": text},
        )
    return Decimal(int(value)) if value == value.to_integral_value() else value.normalize()


def _unit_price(text: str, price_unit: str, number: int) -> int:
    value = Decimal(text.replace(",", "")) * {"원": 1, "천원": 1000, "만원": 10000}[price_unit]
    if value != value.to_integral_value():
        raise _LineError(
            number,
            gettext("단가 '%(text)s'은(는) 원 단위로 떨어지지 않습니다.") % {"text": text + price_unit},
        )
    if value >= Decimal(10) ** 15:
        raise _LineError(number, gettext("단가 '%(text)s'이(가) 너무 큽니다.") % {"text": text + price_unit})
    return int(value)


def _cost_line(text: str, number: int) -> ParsedLine:
    left, amount = _split_amount(text, number)
    line = ParsedLine(label=left, amount=amount, line_no=number)
    match = _UNIT_PRICE.search(left)
    if match:
        line.unit_price = _unit_price(match["price"], match["price_unit"], number)
        line.quantity = _quantity(match["qty"], number)
        line.unit = match["unit"] or ""
        line.label = left[: match.start()].strip()
        if len(line.unit) > UNIT_MAX:
            raise _LineError(
                number,
                gettext("단위 '%(unit)s'이(가) 너무 깁니다 (%(max)s자 이하).")
                % {"unit": line.unit, "max": UNIT_MAX},
            )
    elif _LOOKS_LIKE_PRICE.search(left):
        raise _LineError(
            number,
            gettext(
                "단가 × 수량을 읽을 수 없습니다. '50,000원 × 80부'처럼 단가 하나에 수량 "
                "하나만 적으세요 (20명 × 4회는 80명으로 합쳐 적습니다)."
            ),
        )
    if not line.label:
        raise _LineError(number, gettext("내역(무엇에 쓰는지)이 없습니다."))
    if len(line.label) > LABEL_MAX:
        raise _LineError(number, gettext("내역이 너무 깁니다 (%(max)s자 이하).") % {"max": LABEL_MAX})
    return line


def _level(raw: str) -> tuple[int, str]:
    """(depth, text without marker) of a cost line."""
    stripped = raw.lstrip(" \t")
    indent = sum(2 if ch == "\t" else 1 for ch in raw[: len(raw) - len(stripped)])
    marker = stripped[:1]
    if marker in _LEVEL_OF_MARKER and (marker != "-" or not stripped[1:2].isdigit()):
        return _LEVEL_OF_MARKER[marker], stripped[1:].strip()
    return min(indent // 2, MAX_DEPTH - 1), stripped.strip()


def parse(text: str) -> list[ParsedItem]:
    """Read the 산출근거 of one year; raise CostLinesError naming the line of every problem."""
    items: list[ParsedItem] = []
    errors: list[str] = []
    stack: list[tuple[int, list[ParsedLine]]] = []
    seen: dict[str, int] = {}
    rows = _clean(text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if sum(1 for r in rows if r.strip()) > MAX_LINES:
        raise CostLinesError([gettext("줄이 너무 많습니다 (%(max)s줄 이하).") % {"max": f"{MAX_LINES:,}"}])

    def add_line(raw: str, number: int) -> None:
        if not items:
            raise _LineError(number, gettext("과목코드 줄(예: 201-01 사무관리비)이 먼저 와야 합니다."))
        level, body = _level(raw)
        line = _cost_line(body, number)
        while stack and stack[-1][0] >= level:
            stack.pop()
        (stack[-1][1] if stack else items[-1].lines).append(line)
        stack.append((level, line.children))

    for number, raw in enumerate(rows, start=1):
        if not raw.strip() or _NOISE.match(raw.strip()):
            continue
        try:
            head = _CODE.match(raw.strip())
            if head is None:
                add_line(raw, number)
                continue
            code = normalise_code(head["code"])
            rest = head["rest"]
            stack.clear()
            if code in seen:
                items.append(ParsedItem(code, "", line_no=number))  # keep reading the lines below it
                raise _LineError(
                    number,
                    gettext("과목 %(code)s이(가) %(line)s번째 줄에 이미 있습니다. 한 번만 적으세요.")
                    % {"code": code, "line": seen[code]},
                )
            seen[code] = number
            if (rest[:1] in _LEVEL_OF_MARKER and rest[:1] != "-") or rest.startswith("- "):
                # "20101 ○ 첫 내역 …": the item's first line pasted from a table onto the code's line.
                items.append(ParsedItem(code, COMMON_NAMES.get(code, ""), line_no=number))
                add_line(rest, number)
                continue
            name, stated = _split_amount(rest, number)
            if len(name) > NAME_MAX:
                raise _LineError(
                    number, gettext("과목명이 너무 깁니다 (%(max)s자 이하).") % {"max": NAME_MAX}
                )
            items.append(ParsedItem(code, name or COMMON_NAMES.get(code, ""), stated, line_no=number))
        except _LineError as exc:
            errors.append(gettext("%(line)s번째 줄: %(error)s") % {"line": exc.number, "error": exc.message})
            if len(errors) >= MAX_ERRORS:
                errors.append(gettext("(이후 오류는 생략했습니다.)"))
                break
    if errors:
        raise CostLinesError(errors)
    return items


# ---------------------------------------------------------------- back to text


def _number(value: Decimal) -> str:
    text = f"{value.normalize():,f}" if value != value.to_integral_value() else f"{int(value):,}"
    return text


def _line_text(line: ParsedLine, depth: int) -> str:
    marker = MARKERS[min(depth, len(MARKERS) - 1)]
    text = f"{INDENT * depth}{marker} {line.label}"
    if line.unit_price is not None and line.quantity is not None:
        text += f" {line.unit_price:,}원 × {_number(Decimal(line.quantity))}{line.unit}"
    if line.amount is not None:
        text += f" = {line.amount:,}천원"
    return text


def _walk(lines: Iterable[ParsedLine], depth: int, out: list[str]) -> None:
    for line in lines:
        out.append(_line_text(line, depth))
        _walk(line.children, min(depth + 1, MAX_DEPTH - 1), out)


def from_state(items: Sequence[Any]) -> list[ParsedItem]:
    """The card state's items (BudgetItemState, flat lines with parent_id) as parsed items."""
    out: list[ParsedItem] = []
    for item in sorted(items, key=lambda i: (i.year, i.code)):
        by_parent: dict[int | None, list[Any]] = {}
        for ln in item.lines:
            by_parent.setdefault(ln.parent_id, []).append(ln)

        def build(
            parent_id: int | None, by_parent: dict[int | None, list[Any]] = by_parent
        ) -> list[ParsedLine]:
            return [
                ParsedLine(
                    label=ln.label,
                    amount=ln.amount,
                    unit_price=ln.unit_price,
                    quantity=Decimal(ln.quantity) if ln.quantity is not None else None,
                    unit=ln.unit,
                    children=build(ln.id),
                )
                for ln in by_parent.get(parent_id, [])
            ]

        out.append(ParsedItem(item.code, item.name, item.stated_amount, build(None)))
    return out


def to_text(items: Sequence[Any]) -> str:
    """Parsed items, or the card state's items of one year, as the text `parse` reads."""
    parsed: list[ParsedItem] = (
        list(items) if all(isinstance(i, ParsedItem) for i in items) else from_state(items)
    )
    out: list[str] = []
    for item in parsed:
        head = f"{item.code} {item.name}".rstrip()
        if item.stated_amount is not None:
            head += f" = {item.stated_amount:,}천원"
        out.append(head)
        _walk(item.lines, 0, out)
    return "\n".join(out)


def computed_total(item: ParsedItem) -> int | None:
    """What the card will show for the item (for previews and messages), via lib.figures."""
    from sangsaeng.lib.figures import cost_line_amount

    def amount(line: ParsedLine) -> int | None:
        if line.children:
            return sum(a for a in (amount(c) for c in line.children) if a is not None)
        if line.unit_price is not None and line.quantity is not None:
            return cost_line_amount(line.unit_price, line.quantity)
        return line.amount

    if not item.lines:
        return item.stated_amount
    return sum(a for a in (amount(ln) for ln in item.lines) if a is not None)
