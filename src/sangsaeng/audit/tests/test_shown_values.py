"""The history shows a recorded choice by its label, in the reader's language; other values as recorded."""

from django.utils import translation

from sangsaeng.audit.diff import shown_value


def test_a_recorded_status_is_shown_by_its_label() -> None:
    with translation.override("ko"):
        assert shown_value("on_hold", "status") == "보류"
        assert shown_value("numeric", "indicators.12.kind") == "수치"
    with translation.override("en"):
        assert shown_value("dropped", "status") == "Dropped"


def test_other_values_are_shown_as_recorded() -> None:
    assert shown_value("on_hold", "texts.outline") == "on_hold"
    assert shown_value("numeric", "kind") == "numeric"  # not an indicator's field
    assert shown_value("unknown-code", "status") == "unknown-code"
    assert shown_value(None, "status") is None
