import pytest
from hypothesis import given
from hypothesis import strategies as st

from sangsaeng.lib.money import MoneyError, format_money, parse_money


def test_it_shows_cheonwon_and_eok() -> None:
    assert format_money(1_800_000, "cheonwon") == "1,800,000"
    assert format_money(1_800_000, "eok") == "18"
    assert format_money(150_000, "eok") == "1.5"
    assert format_money(12_345, "eok") == "0.12"
    assert format_money(None) == ""


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("1.5", "eok", 150_000),
        ("1.5억", "cheonwon", 150_000),
        ("1.5억원", "cheonwon", 150_000),
        ("150,000", "cheonwon", 150_000),
        ("150,000천원", "eok", 150_000),
        ("88,645", "cheonwon", 88_645),
        ("50,000원", "cheonwon", 50),
        ("300만원", "cheonwon", 3_000),
        ("", "eok", None),
        ("-5,000", "cheonwon", -5_000),
    ],
)
def test_it_reads_what_officials_type(text: str, unit: str, expected: int | None) -> None:
    assert parse_money(text, unit) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["열만원", "1.2.3", "500원", "0.000001억", "1e5"])
def test_it_refuses_unreadable_or_sub_thousand_amounts_in_korean(text: str) -> None:
    with pytest.raises(MoneyError) as exc:
        parse_money(text, "cheonwon")
    assert "금액" in str(exc.value)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_property_cheonwon_round_trips(value: int) -> None:
    assert parse_money(format_money(value, "cheonwon"), "cheonwon") == value


@given(st.integers(min_value=0, max_value=10**9).map(lambda n: n * 1000))
def test_property_eok_round_trips_when_exact_to_two_places(value: int) -> None:
    assert parse_money(format_money(value, "eok"), "eok") == value
