"""The demo data, loaded once per test module, and helpers that read PDFs the way a person would."""

import shutil
import subprocess  # nosec B404: poppler's own tools, fixed argv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from sangsaeng.demo.loader import DemoSummary, database_is_empty, load_demo

HANPPURI = "대구·경북 한뿌리 상생협력"
MD5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoSummary]:
    """Loaded inside a transaction rolled back after the module; each test runs in a savepoint."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=MD5), transaction.atomic():
        assert database_is_empty()
        summary = load_demo(progress=lambda _message: None)
        yield summary
        transaction.set_rollback(True)


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def poppler(tool: str, data: bytes, tmp_path: Path, *args: str) -> str:
    """Run one of poppler's tools (pdftotext, pdfinfo, pdffonts) on the PDF, as a person would."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is needed: apt-get install poppler-utils")
    source = tmp_path / "doc.pdf"
    source.write_bytes(data)
    argv = [path, *args, str(source)] + (["-"] if tool == "pdftotext" else [])
    return subprocess.run(argv, capture_output=True, check=True).stdout.decode()  # noqa: S603  # nosec B603


def pdf_text(data: bytes, tmp_path: Path, *, layout: bool = False) -> str:
    """The text pdftotext reads, whitespace runs joined to one space (cells wrap where they like).

    With `layout`, a table's row reads as one line (by default pdftotext may read column-wise)."""
    out = poppler("pdftotext", data, tmp_path, *(["-layout"] if layout else []), "-enc", "UTF-8")
    return " ".join(out.split())


def pdf_pages(data: bytes, tmp_path: Path, *, layout: bool = False) -> list[str]:
    """Each page's text; pdftotext ends every page with a form feed."""
    out = poppler("pdftotext", data, tmp_path, *(["-layout"] if layout else []), "-enc", "UTF-8")
    return out.split("\f")[:-1]


def pdf_info(data: bytes, tmp_path: Path) -> dict[str, str]:
    out = poppler("pdfinfo", data, tmp_path, "-enc", "UTF-8")
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdf_fonts(data: bytes, tmp_path: Path) -> str:
    return poppler("pdffonts", data, tmp_path)
