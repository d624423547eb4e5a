"""Dates the way Korean official documents write them: 2018. 11. 1., '18. 11. 1, 2019. 5."""

import datetime as dt
import re

from django.utils.translation import gettext

_FULL = re.compile(
    r"^\s*[‘'’]?(\d{2}|\d{4})\s*[.\-/년]\s*(\d{1,2})\s*(?:(?:[.\-/]|월)\s*(?:(\d{1,2})\s*[.일]?)?)?\s*\.?\s*$"
)
_YEAR = re.compile(r"^\s*[‘'’]?(\d{2}|\d{4})\s*년?\s*$")


class DateError(ValueError):
    pass


def official(value: dt.date | None, precision: str = "day") -> str:
    """2018. 11. 1. / 2018. 11. / 2018년."""
    if value is None:
        return ""
    if precision == "year":
        return gettext("%(year)s년") % {"year": value.year}
    if precision == "month":
        return f"{value.year}. {value.month}."
    return f"{value.year}. {value.month}. {value.day}."


def short(value: dt.date | None, precision: str = "day") -> str:
    """'18. 11. 1 / '18. 5 — the compact form used inside card tables."""
    if value is None:
        return ""
    yy = f"'{value.year % 100:02d}"
    if precision == "year":
        return gettext("%(year)s년") % {"year": yy}
    if precision == "month":
        return f"{yy}. {value.month}"
    return f"{yy}. {value.month}. {value.day}"


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def parse(text: str) -> tuple[dt.date, str]:
    """Read '18.11.1, 2018. 11. 1., 2018-11-01, 2019.5 (a month) or 2018 (a year) → (date, precision)."""
    if not text or not text.strip():
        raise DateError(gettext("날짜를 입력하세요."))
    m = _YEAR.match(text)
    if m:
        return dt.date(_year(m.group(1)), 1, 1), "year"
    m = _FULL.match(text)
    if not m:
        raise DateError(
            gettext("날짜 '%(text)s'을(를) 읽을 수 없습니다. 예: 2018. 11. 1. 또는 2019. 5.") % {"text": text}
        )
    year, month = _year(m.group(1)), int(m.group(2))
    try:
        if m.group(3):
            return dt.date(year, month, int(m.group(3))), "day"
        return dt.date(year, month, 1), "month"
    except ValueError as exc:
        raise DateError(gettext("날짜 '%(text)s'은(는) 달력에 없는 날입니다.") % {"text": text}) from exc


_PARTIAL = re.compile(r"^\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})?\s*[.일]?\s*\.?\s*$")


def parse_range(text: str) -> tuple[dt.date, str, dt.date | None, str, bool]:
    """A date, month, year or range as written on cards: "'19. 2. 11~2. 28", "'18. 10. 2~", "2018. 5.".

    Returns (start, start_precision, end, end_precision, open_ended). An end without a year takes
    the start's year.
    """
    if "~" not in text:
        start, precision = parse(text)
        return start, precision, None, "day", False
    left, right = (part.strip() for part in text.split("~", 1))
    start, start_precision = parse(left)
    if not right:
        return start, start_precision, None, "day", True
    partial = _PARTIAL.match(right)
    if partial and not re.match(r"^\s*[‘'’]?\d{4}|^\s*[‘'’]\d{2}", right):
        month, day = int(partial.group(1)), partial.group(2)
        try:
            end = dt.date(start.year, month, int(day) if day else 1)
        except ValueError as exc:
            raise DateError(gettext("날짜 '%(text)s'은(는) 달력에 없는 날입니다.") % {"text": right}) from exc
        end_precision = "day" if day else "month"
    else:
        end, end_precision = parse(right)
    if end < start:
        raise DateError(gettext("끝나는 날짜가 시작 날짜보다 앞섭니다."))
    return start, start_precision, end, end_precision, False


def format_range(
    start: dt.date, start_precision: str, end: dt.date | None, end_precision: str, open_ended: bool
) -> str:
    """The inverse of parse_range, for filling an edit form."""
    text = official(start, start_precision)
    if end:
        return f"{text} ~ {official(end, end_precision)}"
    return f"{text} ~" if open_ended else text
