"""Structured bullet points as officials type them: ○ first level, • second, - third.

Stored as a tree [{"text": str, "children": [...]}]; edited as plain text where either the marker or
two spaces of indentation per level give the depth.
"""

from typing import Any

MARKERS = ("○", "•", "-")
_LEVEL_OF_MARKER = {"○": 0, "о": 0, "ㅇ": 0, "□": 0, "◦": 0, "•": 1, "·": 1, "∙": 1, "-": 2, "▷": 2, "※": 2}
MAX_DEPTH = 3

Tree = list[dict[str, Any]]


def parse(text: str) -> Tree:
    root: Tree = []
    stack: list[tuple[int, Tree]] = [(-1, root)]
    for raw in text.replace("\r\n", "\n").split("\n"):
        if not raw.strip():
            continue
        stripped = raw.lstrip(" \t\u3000")
        indent = len(raw) - len(stripped)
        level = min(indent // 2, MAX_DEPTH - 1)
        marker = stripped[0]
        if marker in _LEVEL_OF_MARKER:
            level = _LEVEL_OF_MARKER[marker]
            stripped = stripped[1:].strip()
        node: dict[str, Any] = {"text": stripped.strip(), "children": []}
        while stack[-1][0] >= level:
            stack.pop()
        # A level that skips one (○ then -) hangs under the nearest shallower item.
        stack[-1][1].append(node)
        stack.append((level, node["children"]))
    return root


def to_text(tree: Tree, level: int = 0) -> str:
    lines: list[str] = []
    for node in tree:
        marker = MARKERS[min(level, len(MARKERS) - 1)]
        lines.append(f"{'  ' * level}{marker} {node.get('text', '')}")
        if node.get("children"):
            lines.append(to_text(node["children"], level + 1))
    return "\n".join(line for line in lines if line)


def count(tree: Tree) -> int:
    return sum(1 + count(node.get("children", [])) for node in tree)
