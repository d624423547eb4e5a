"""Typst source from Python values, with every string escaped so no user text becomes Typst code.

User text only ever enters a document as a Typst *string literal* inside a data value
(`typst_value`); the template (documents/typst/card.typ) decides the markup. A string literal is
closed only by an unescaped `"`, so escaping `\\` and `"` (and, for tidiness, control characters)
is all it takes: markup characters (# * _ $ [ ] < > @ = - + / `) mean nothing inside it.
"""

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

_SPECIAL = re.compile(r'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]')
_NAMED = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    if 0xD800 <= ord(ch) <= 0xDFFF:
        # A lone surrogate cannot be written to UTF-8 at all; show the replacement character.
        return "\ufffd"
    return f"\\u{{{ord(ch):x}}}"


def typst_str(text: str) -> str:
    """A Typst string literal whose value is exactly `text` (lone surrogates become U+FFFD)."""
    return '"' + _SPECIAL.sub(_escape_char, text) + '"'


def typst_value(value: Any) -> str:
    """A Typst value literal: none, bool, int, str, array (list/tuple) or dictionary (str keys)."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        # Typst integers are 64-bit; larger ones travel as text.
        return str(value) if -(2**63) <= value < 2**63 else typst_str(str(value))
    if isinstance(value, str):
        return typst_str(value)
    if isinstance(value, Decimal | float):
        return typst_str(str(value))
    if isinstance(value, Mapping):
        if not value:
            return "(:)"
        pairs = (f"{_key(k)}: {typst_value(v)}" for k, v in value.items())
        return "(" + ", ".join(pairs) + ")"
    if isinstance(value, Sequence):
        # A trailing comma keeps a one-element array an array, not a parenthesised value.
        return "(" + "".join(f"{typst_value(v)}, " for v in value) + ")"
    raise TypeError(f"no Typst literal for {type(value).__name__}")


def _key(key: Any) -> str:
    # Always quoted: a bare key could collide with a keyword (none, auto, if, ...).
    if not isinstance(key, str):
        raise TypeError("Typst dictionary keys are strings")
    return typst_str(key)
