from decimal import Decimal

import pytest

from sangsaeng.plans.card_state import BudgetItemState, CostLineState
from sangsaeng.plans.cost_lines import (
    CostLinesError,
    ParsedItem,
    ParsedLine,
    computed_total,
    from_state,
    parse,
    to_text,
)

CANONICAL = """201-01 사무관리비
○ 권역별 순회 민관협력 세미나 = 20,000천원
  - 전문가 토론 강의료 = 8,000천원
  - 사례집 제작 50,000원 × 80부 = 4,000천원
  - 버스운임 등 운영비 = 8,000천원
    • 버스 임차 500,000원 × 2.5대
○ 지역교류 활성화를 위한 홍보지원 = 100,000천원
201-03 행사운영비 = 230,000천원
○ 지역상생포럼 정례총회 개최
201-02 공공운영비 = 5,000천원"""


def test_it_reads_items_lines_nesting_and_amounts() -> None:
    items = parse(CANONICAL)
    assert [(i.code, i.name, i.stated_amount) for i in items] == [
        ("201-01", "사무관리비", None),
        ("201-03", "행사운영비", 230_000),
        ("201-02", "공공운영비", 5_000),
    ]
    seminar, promo = items[0].lines
    assert (seminar.label, seminar.amount) == ("권역별 순회 민관협력 세미나", 20_000)
    assert [c.label for c in seminar.children] == ["전문가 토론 강의료", "사례집 제작", "버스운임 등 운영비"]
    book = seminar.children[1]
    assert (book.unit_price, book.quantity, book.unit, book.amount) == (50_000, Decimal(80), "부", 4_000)
    bus = seminar.children[2].children[0]
    assert (bus.label, bus.unit_price, bus.quantity, bus.unit, bus.amount) == (
        "버스 임차",
        500_000,
        Decimal("2.5"),
        "대",
        None,
    )
    assert (promo.amount, promo.children) == (100_000, [])


def test_it_writes_back_exactly_what_it_reads() -> None:
    assert to_text(parse(CANONICAL)) == CANONICAL
    assert parse(to_text(parse(CANONICAL))) == parse(CANONICAL)


@pytest.mark.parametrize(
    "text",
    [
        "20101\n○ 가 = 1억\n- 나 = 20,000원\n  다 = 3,000\n• 라 1.5만원 × 1,200개",
        "201-01\n\t○ 세미나 = 20,000천원\n\t- 강의료\t= 8,000천원\n- 인건비 = 55,000천원",
        "999-99 신설과목\n가\n  나 = 1\n    다 = 2\n      라 = 3\n마 (10,000원 × 3명) = 30천원",
        "405-01 자산취득비 = 0천원",
    ],
)
def test_it_round_trips_what_people_type(text: str) -> None:
    parsed = parse(text)
    assert parse(to_text(parsed)) == parsed


def test_it_normalises_codes_and_money_units() -> None:
    (item,) = parse("20101\n○ 가 = 1.5억\n○ 나 = 20,000원\n○ 다 = 3,000\n○ 라 = 2만원")
    assert (item.code, item.name) == ("201-01", "사무관리비")  # the usual name fills in
    assert [ln.amount for ln in item.lines] == [150_000, 20, 3_000, 20]


def test_it_takes_depth_from_indentation_without_markers() -> None:
    (item,) = parse("201-01 사무관리비\n가 = 10\n  나 = 4\n  다 = 6\n라 = 1")
    assert [ln.label for ln in item.lines] == ["가", "라"]
    assert [c.label for c in item.lines[0].children] == ["나", "다"]


def test_it_reads_the_sheet_as_pasted_from_a_table() -> None:
    pasted = (
        "과목구분\t세부 산출내역\n(단위 : 천원)\n20101\t○ 권역별 순회 민관협력 세미나 = 20,000천원\n"
        "\t- 전문가 토론 강의로 = 8,000천원\n20103\t○ 지역상생포럼 정례총회 개최 = 40,000천원"
    )
    first, second = parse(pasted)
    assert (first.code, first.lines[0].label, first.lines[0].children[0].amount) == (
        "201-01",
        "권역별 순회 민관협력 세미나",
        8_000,
    )
    assert (second.code, second.name, second.lines[0].amount) == ("201-03", "행사운영비", 40_000)


def test_it_computes_unit_price_lines_in_cheonwon_truncated() -> None:
    (item,) = parse("201-01\n○ 사례집 제작 1,234원 × 3.5부\n○ 현수막 50,000원 × 80개 = 4,000천원")
    assert computed_total(item) == 4 + 4_000  # 4,319원 → 4천원 (천원 미만 절사)


def test_it_names_the_line_of_every_problem() -> None:
    text = (
        "○ 앞선 내역 = 1\n201-01 사무관리비\n○ 세미나 = 이만원\n○ 교재 1,500원\n○ 다과 = 1,500원\n"
        "○ 버스 50,000원 × 2대 × 3회\n201-01 중복\n○ = 5천원\n○ 감액 = -5천원"
    )
    with pytest.raises(CostLinesError) as exc:
        parse(text)
    errors = exc.value.errors
    assert errors[0].startswith("1번째 줄: 과목코드 줄")
    assert errors[1].startswith("3번째 줄: 금액을 읽을 수 없습니다")
    assert errors[2] == "5번째 줄: 금액 '1,500원'은(는) 천원 단위로 떨어지지 않습니다."
    assert errors[3].startswith("6번째 줄: 단가 × 수량을 읽을 수 없습니다")
    assert errors[4].startswith("7번째 줄: 과목 201-01이(가) 2번째 줄에 이미 있습니다")
    assert errors[5].startswith("8번째 줄: 내역")
    assert errors[6].startswith("9번째 줄: 금액은 0 이상")
    assert len(errors) == 7
    assert isinstance(exc.value, ValueError) and "3번째 줄" in str(exc.value)


def test_it_writes_the_card_state_as_text_with_the_stated_item_amount() -> None:
    state = [
        BudgetItemState(
            id=1,
            year=2017,
            code="201-01",
            name="사무관리비",
            stated_amount=120_000,
            lines=[
                CostLineState(id=10, parent_id=None, label="세미나", amount=20_000),
                CostLineState(id=11, parent_id=10, label="강의료", amount=8_000),
                CostLineState(
                    id=12,
                    parent_id=10,
                    label="사례집",
                    amount=4_000,
                    unit_price=50_000,
                    quantity=Decimal("80.00"),
                    unit="부",
                ),
                CostLineState(id=13, parent_id=None, label="홍보", amount=100_000),
            ],
        ),
        BudgetItemState(id=2, year=2017, code="201-03", name="행사운영비", stated_amount=230_000),
    ]
    text = to_text(state)
    assert text == (
        "201-01 사무관리비 = 120,000천원\n○ 세미나 = 20,000천원\n  - 강의료 = 8,000천원\n"
        "  - 사례집 50,000원 × 80부 = 4,000천원\n○ 홍보 = 100,000천원\n201-03 행사운영비 = 230,000천원"
    )
    assert (
        parse(text)
        == from_state(state)
        == [
            ParsedItem(
                "201-01",
                "사무관리비",
                120_000,
                [
                    ParsedLine(
                        "세미나",
                        20_000,
                        children=[
                            ParsedLine("강의료", 8_000),
                            ParsedLine("사례집", 4_000, 50_000, Decimal(80), "부"),
                        ],
                    ),
                    ParsedLine("홍보", 100_000),
                ],
            ),
            ParsedItem("201-03", "행사운영비", 230_000),
        ]
    )


def test_it_reads_empty_text_as_no_items() -> None:
    assert parse("") == [] and parse("\n  \n") == []
    assert to_text([]) == ""
