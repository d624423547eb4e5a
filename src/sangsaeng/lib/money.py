"""Money as officials write it: stored in 천원 integers, shown and typed in 천원 or 억원."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

from django.utils.translation import gettext, gettext_lazy

from sangsaeng.lib.figures import CHEONWON_PER_EOK, eok

Unit = Literal["cheonwon", "eok"]
UNIT_LABELS = {"cheonwon": gettext_lazy("천원"), "eok": gettext_lazy("억원")}
_UNIT_FACTORS = {"억원": CHEONWON_PER_EOK, "억": CHEONWON_PER_EOK, "천원": 1, "만원": None, "원": None}
_NUMBER = re.compile(r"^\s*(-?[\d,]*\.?\d+)\s*(억원|억|천원|만원|원)?\s*$")


class MoneyError(ValueError):
    """Raised with a message (in the reader's language) the form shows as is; `code` says which
    problem it is, for callers that word their own message."""

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.code = code


def format_money(cheonwon: int | None, unit: Unit = "cheonwon", *, blank: str = "") -> str:
    """1,800,000 → "1,800,000" (천원) or "18" (억원); 150,000 → "1.5" (억원). Up to 2 decimals in 억원."""
    if cheonwon is None:
        return blank
    if unit == "eok":
        value = eok(cheonwon).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        text = f"{value:,f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return f"{cheonwon:,}"


def parse_money(text: str, unit: Unit = "cheonwon") -> int | None:
    """Read what a user typed into 천원. Blank is None. An explicit unit in the text wins over `unit`.

    "1.5" with unit 억원 → 150,000; "150,000천원" → 150,000; "3억" → 300,000; "88,645" → 88,645.
    Amounts below 1천원 are refused rather than silently rounded.
    """
    if text is None or not str(text).strip():
        return None
    match = _NUMBER.match(str(text).replace(" ", ""))
    if not match:
        raise MoneyError(
            gettext("금액 '%(text)s'을(를) 읽을 수 없습니다. 숫자와 단위(천원·억원)만 입력하세요.")
            % {"text": text}
        )
    try:
        number = Decimal(match.group(1).replace(",", ""))
    except InvalidOperation as exc:
        raise MoneyError(gettext("금액 '%(text)s'을(를) 읽을 수 없습니다.") % {"text": text}) from exc
    suffix = match.group(2)
    if suffix == "원":
        value = number / 1000
    elif suffix == "만원":
        value = number * 10
    elif suffix in ("억", "억원"):
        value = number * CHEONWON_PER_EOK
    elif suffix == "천원":
        value = number
    else:
        value = number * CHEONWON_PER_EOK if unit == "eok" else number
    if value != value.to_integral_value():
        raise MoneyError(
            gettext("금액 '%(text)s'은(는) 천원 단위로 떨어지지 않습니다. 천원 미만은 입력할 수 없습니다.")
            % {"text": text},
            code="fraction",
        )
    if abs(value) > Decimal(10) ** 15:
        raise MoneyError(gettext("금액 '%(text)s'이(가) 너무 큽니다.") % {"text": text}, code="too_large")
    return int(value)


def unit_from(value: str | None) -> Unit:
    return "eok" if value == "eok" else "cheonwon"
