"""No user text can become Typst code: every string reaches Typst as a literal whose value is itself."""

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import typst
from hypothesis import given, settings
from hypothesis import strategies as st

from sangsaeng.documents.pdf import compile_source
from sangsaeng.documents.tests.conftest import pdf_text
from sangsaeng.documents.typ import typst_str, typst_value

# Text a user could type, weighted towards what Typst would read as markup or code.
MARKUP = [*'"\\#[]{}$*_`<>@=-+/', "//", "/*", "*/", "\n", "\r", "\t", "\x00", "\u2028", "```"]
TYPST_SYNTAX = st.sampled_from([*MARKUP, "#panic()", '");#panic("', "\\u{41}", '\\"'])
USER_TEXT = st.lists(st.one_of(st.text(), TYPST_SYNTAX), max_size=12).map("".join)


def evaluate(literal: str) -> Any:
    # Through a whole document, as the card is built (Compiler.eval of typst-py 0.15 cannot find its
    # own source for some expressions).
    source = f"#metadata({literal}) <value>".encode()
    return json.loads(typst.query(source, "<value>", field="value", one=True))


@settings(max_examples=300, deadline=None)
@given(USER_TEXT)
def test_a_string_literal_evaluates_to_exactly_the_text(text: str) -> None:
    assert evaluate(typst_str(text)) == text


@settings(max_examples=100, deadline=None)
@given(USER_TEXT)
def test_text_spliced_into_code_cannot_end_the_literal(text: str) -> None:
    # Were the literal closed early, the rest would run as code and the array would not be this one.
    assert evaluate(f"({typst_str(text)}, {typst_str(text)})") == [text, text]


JSON_LIKE = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1) | USER_TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(USER_TEXT, children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(JSON_LIKE)
def test_data_values_round_trip_through_typst(value: Any) -> None:
    assert evaluate(typst_value(value)) == value


def test_a_lone_surrogate_becomes_the_replacement_character() -> None:
    assert evaluate(typst_str("a\ud800b")) == "a\ufffdb"


def test_numbers_typst_cannot_hold_travel_as_text() -> None:
    assert evaluate(typst_value([2**70, Decimal("1.50")])) == [str(2**70), "1.50"]


def test_other_values_are_refused() -> None:
    with pytest.raises(TypeError):
        typst_value(object())
    with pytest.raises(TypeError):
        typst_value({1: "not a text key"})


def test_markup_in_user_text_is_printed_not_run(tmp_path: Path) -> None:
    hostile = '#panic("x") *굵게* $x^2$ // 주석 <label> @ref = 제목 ");#panic("'
    source = f'#set text(font: "Pretendard GOV")\n#{typst_value({"t": hostile})}.at("t")\n'
    text = pdf_text(compile_source(source), tmp_path)
    assert '#panic("x") *굵게* $x^2$ // 주석 <label> @ref = 제목 ");#panic("' in text
