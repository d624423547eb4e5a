import datetime as dt

import pytest

from sangsaeng.lib import kdate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'18.11.1", (dt.date(2018, 11, 1), "day")),
        ("2018. 11. 1.", (dt.date(2018, 11, 1), "day")),
        ("2018-11-01", (dt.date(2018, 11, 1), "day")),
        ("'19. 6", (dt.date(2019, 6, 1), "month")),
        ("2018", (dt.date(2018, 1, 1), "year")),
        ("2019년 5월", (dt.date(2019, 5, 1), "month")),
    ],
)
def test_it_reads_official_dates(text: str, expected: tuple[dt.date, str]) -> None:
    assert kdate.parse(text) == expected


def test_it_reads_ranges_as_cards_write_them() -> None:
    assert kdate.parse_range("'19. 2. 11~2. 28") == (
        dt.date(2019, 2, 11),
        "day",
        dt.date(2019, 2, 28),
        "day",
        False,
    )
    assert kdate.parse_range("'18. 10. 2~") == (dt.date(2018, 10, 2), "day", None, "day", True)


@pytest.mark.parametrize("text", ["2019. 2. 30.", "어제", "", "2019. 3. 1. ~ 2. 1."])
def test_it_refuses_bad_dates_in_korean(text: str) -> None:
    with pytest.raises(kdate.DateError) as exc:
        kdate.parse_range(text)
    assert "날짜" in str(exc.value) or "입력" in str(exc.value)


def test_it_writes_dates_the_official_way() -> None:
    day = dt.date(2018, 11, 1)
    assert kdate.official(day) == "2018. 11. 1."
    assert kdate.official(day, "month") == "2018. 11."
    assert kdate.short(day) == "'18. 11. 1"
    text = kdate.format_range(dt.date(2019, 2, 11), "day", dt.date(2019, 2, 28), "day", False)
    assert kdate.parse_range(text)[2] == dt.date(2019, 2, 28)
