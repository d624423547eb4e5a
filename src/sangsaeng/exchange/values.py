"""How each kind of cell is written, read back and compared.

Every kind has four faces: `cell` (the value written to the sheet), `read` (a cell back to a Python
value, or a CellError in Korean), `canon` (what two values are compared by, so an untouched cell never
counts as a change) and `show` (the text of the preview's "before → after"). `dump`/`load` keep a read
value in the stored preview (JSON) until it is applied.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sangsaeng.lib import bullets, kdate
from sangsaeng.lib.money import MoneyError, format_money, parse_money

# The longest text a cell may hold (Excel's own limit); longer fields are refused by their column.
EXCEL_CELL_MAX = 32_767


class CellError(ValueError):
    """A cell that cannot be read; the message is Korean and names what was found."""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return kdate.official(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _quote(value: Any) -> str:
    text = _text(value)
    return text if len(text) <= 30 else text[:30] + "…"


@dataclass(frozen=True)
class Kind:
    """Plain text up to `max_length` characters; blank is ""."""

    max_length: int = EXCEL_CELL_MAX
    required: bool = False

    def cell(self, value: Any) -> Any:
        return value if value not in ("", None) else None

    def read(self, raw: Any) -> Any:
        text = _text(raw)
        if len(text) > self.max_length:
            raise CellError(f"{self.max_length:,}자 이하로 적으세요 (지금 {len(text):,}자).")
        if self.required and not text:
            raise CellError("비어 있습니다. 값을 입력하세요.")
        return text

    def canon(self, value: Any) -> Any:
        return _text(value)

    def show(self, value: Any) -> str:
        return _text(value)

    def dump(self, value: Any) -> Any:
        return value

    def load(self, data: Any) -> Any:
        return data


@dataclass(frozen=True)
class Number(Kind):
    """A decimal number (지표 계획·실적, 진도율) with at most two decimal places."""

    minimum: Decimal | None = Decimal(0)
    maximum: Decimal | None = None
    places: int = 2
    max_digits: int = 16

    def cell(self, value: Any) -> Any:
        if value is None:
            return None
        d = Decimal(value)
        return int(d) if d == d.to_integral_value() else d.normalize()

    def read(self, raw: Any) -> Decimal | None:
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if self.required:
                raise CellError("비어 있습니다. 숫자를 입력하세요.")
            return None
        if isinstance(raw, bool | dt.date):
            raise CellError(f"숫자가 아닙니다: '{_quote(raw)}'")
        try:
            value = Decimal(str(raw).replace(",", "").strip())
        except InvalidOperation as exc:
            raise CellError(f"숫자가 아닙니다: '{_quote(raw)}'") from exc
        if not value.is_finite():
            raise CellError(f"숫자가 아닙니다: '{_quote(raw)}'")
        rounded = value.quantize(Decimal(1).scaleb(-self.places)) if abs(value) < Decimal(10) ** 18 else value
        if rounded != value:
            raise CellError(f"소수점 아래 {self.places}자리까지만 입력할 수 있습니다: {_quote(raw)}")
        if abs(value) >= Decimal(10) ** (self.max_digits - self.places):
            raise CellError(f"숫자가 너무 큽니다: {_quote(raw)}")
        if self.minimum is not None and value < self.minimum:
            raise CellError(
                "음수는 입력할 수 없습니다." if self.minimum == 0 else f"{self.minimum} 이상이어야 합니다."
            )
        if self.maximum is not None and value > self.maximum:
            raise CellError(f"{self.maximum} 이하여야 합니다: {_quote(raw)}")
        return rounded

    def canon(self, value: Any) -> Any:
        return None if value is None else Decimal(value).normalize()

    def show(self, value: Any) -> str:
        if value is None:
            return ""
        d = Decimal(value)
        return f"{int(d):,}" if d == d.to_integral_value() else f"{d.normalize():,f}"

    def dump(self, value: Any) -> Any:
        return None if value is None else str(value)

    def load(self, data: Any) -> Any:
        return None if data is None else Decimal(data)


@dataclass(frozen=True)
class Whole(Kind):
    """A whole number: 연도, 참여 인원."""

    minimum: int = 0
    maximum: int = 2**31 - 1

    def cell(self, value: Any) -> Any:
        return value

    def read(self, raw: Any) -> int | None:
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if self.required:
                raise CellError("비어 있습니다. 숫자를 입력하세요.")
            return None
        if isinstance(raw, bool | dt.date):
            raise CellError(f"정수가 아닙니다: '{_quote(raw)}'")
        try:
            value = Decimal(str(raw).replace(",", "").strip())
        except InvalidOperation as exc:
            raise CellError(f"정수가 아닙니다: '{_quote(raw)}'") from exc
        if not value.is_finite() or value != value.to_integral_value():
            raise CellError(f"정수가 아닙니다: '{_quote(raw)}'")
        if not self.minimum <= value <= self.maximum:
            raise CellError(f"{self.minimum:,}부터 {self.maximum:,} 사이여야 합니다: {_quote(raw)}")
        return int(value)

    def canon(self, value: Any) -> Any:
        return value

    def show(self, value: Any) -> str:
        return "" if value is None else str(value)


@dataclass(frozen=True)
class Money(Kind):
    """천원, an integer. A number with a unit ("1.5억원", "150,000천원") is read as parse_money does."""

    def cell(self, value: Any) -> Any:
        return value

    def read(self, raw: Any) -> int | None:
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        if isinstance(raw, bool | dt.date):
            raise CellError(f"금액이 아닙니다: '{_quote(raw)}'")
        if isinstance(raw, float):
            if not raw.is_integer():
                raise CellError(f"천원 미만은 입력할 수 없습니다: {_quote(raw)}")
            raw = int(raw)
        try:
            value = parse_money(str(raw), "cheonwon")
        except MoneyError as exc:
            raise CellError(str(exc)) from exc
        if value is not None and value < 0:
            raise CellError("음수는 입력할 수 없습니다.")
        return value

    def canon(self, value: Any) -> Any:
        return value

    def show(self, value: Any) -> str:
        return format_money(value)


@dataclass(frozen=True)
class Choice(Kind):
    """One of a TextChoices' labels (written in Korean); the stored value is the choice's value."""

    choices: tuple[tuple[str, str], ...] = ()

    def cell(self, value: Any) -> Any:
        return dict(self.choices).get(value, value) or None

    def read(self, raw: Any) -> str:
        text = _text(raw)
        if not text and not self.required:
            return ""
        for value, label in self.choices:
            if text in (label, value):
                return value
        names = ", ".join(label for _, label in self.choices)
        raise CellError(f"'{_quote(raw)}'은(는) 고를 수 있는 값이 아닙니다. 다음 중 하나를 적으세요: {names}")

    def show(self, value: Any) -> str:
        return dict(self.choices).get(value, value or "")


YES = ("O", "○", "◯", "Y", "YES", "예", "TRUE", "1", "달성")
NO = ("", "X", "N", "NO", "아니오", "FALSE", "0", "미달성")


@dataclass(frozen=True)
class Flag(Kind):
    """O for yes, blank for no."""

    def cell(self, value: Any) -> Any:
        return "O" if value else None

    def read(self, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        text = _text(raw).upper()
        if text in YES:
            return True
        if text in NO:
            return False
        raise CellError(f"'{_quote(raw)}'은(는) 읽을 수 없습니다. 달성이면 O, 아니면 비워 두세요.")

    def canon(self, value: Any) -> Any:
        return bool(value)

    def show(self, value: Any) -> str:
        return "O" if value else ""


@dataclass(frozen=True)
class Day(Kind):
    """A date as official documents write it (2019. 5. 3.); Excel's own date cells are read too."""

    def cell(self, value: Any) -> Any:
        return kdate.official(value) if value else None

    def read(self, raw: Any) -> dt.date | None:
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        text = _text(raw)
        if not text:
            return None
        try:
            return kdate.parse(text)[0]
        except kdate.DateError as exc:
            raise CellError(str(exc)) from exc

    def canon(self, value: Any) -> Any:
        return value

    def show(self, value: Any) -> str:
        return kdate.official(value) if value else ""

    def dump(self, value: Any) -> Any:
        return value.isoformat() if value else None

    def load(self, data: Any) -> Any:
        return dt.date.fromisoformat(data) if data else None


type When = tuple[dt.date, str, dt.date | None, str, bool]


@dataclass(frozen=True)
class Period(Kind):
    """An activity's date or range: 2019. 8. 30. / 2019. 6. / 2019. 2. 11. ~ 2019. 2. 28. / 2018. 10. 2. ~"""

    required: bool = True

    def cell(self, value: Any) -> Any:
        return kdate.format_range(*value)

    def read(self, raw: Any) -> When:
        if isinstance(raw, dt.datetime):
            raw = raw.date()
        if isinstance(raw, dt.date):
            return raw, "day", None, "day", False
        text = _text(raw)
        if len(text) > 50:
            raise CellError("일자는 50자 이하로 적으세요.")
        try:
            return kdate.parse_range(text)
        except kdate.DateError as exc:
            raise CellError(str(exc)) from exc

    def canon(self, value: Any) -> Any:
        start, sp, end, ep, open_ended = value
        return (start, sp, end, ep if end else "day", bool(open_ended) and end is None)

    def show(self, value: Any) -> str:
        return kdate.format_range(*value)

    def dump(self, value: Any) -> Any:
        start, sp, end, ep, open_ended = value
        return [start.isoformat(), sp, end.isoformat() if end else None, ep, open_ended]

    def load(self, data: Any) -> Any:
        start, sp, end, ep, open_ended = data
        return dt.date.fromisoformat(start), sp, dt.date.fromisoformat(end) if end else None, ep, open_ended


@dataclass(frozen=True)
class Bullets(Kind):
    """A bullet tree written as the card's text (○ • -), one item a line."""

    max_length: int = 20_000

    def cell(self, value: Any) -> Any:
        return bullets.to_text(value or []) or None

    def read(self, raw: Any) -> list[Any]:
        text = super().read(raw)
        return bullets.parse(text)

    def canon(self, value: Any) -> Any:
        # Written and read back once, so a tree deeper than the text can hold compares as it reads.
        return bullets.to_text(bullets.parse(bullets.to_text(value or [])))

    def show(self, value: Any) -> str:
        return bullets.to_text(value or [])


def same(kind: Kind, raw: Any, value: Any, current: Any) -> bool:
    """Whether a cell (as found, and as read into `value`) holds the current value. The cell exactly as
    exported always does, whatever the kind."""
    if _text(raw) == _text(kind.cell(current) if current is not None else None):
        return True
    return bool(kind.canon(value) == kind.canon(current))
