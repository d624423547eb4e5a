"""The export opens in another spreadsheet program: LibreOffice converts each sheet to CSV and finds the
same values openpyxl wrote. Skipped, with a message, where LibreOffice is not installed."""

import csv
import shutil
import subprocess  # nosec B404: runs the local LibreOffice on a file this test wrote
from pathlib import Path

import pytest

from sangsaeng.conftest import World
from sangsaeng.exchange.tests.helpers import download, fill, workbook

# Comma-separated, UTF-8 (76), raw values rather than as shown, every sheet to its own file (-1).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def soffice() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


@pytest.mark.django_db
def test_libreoffice_reads_the_same_values_from_every_sheet(world: World, tmp_path: Path) -> None:
    program = soffice()
    if program is None:
        pytest.skip("LibreOffice(libreoffice/soffice)가 설치되어 있지 않아 CSV 비교를 건너뜁니다.")
    fill(world)
    content = download(world.client_for(world.coordinator).get(f"/plans/{world.plan.pk}/xlsx/export/"))
    source = tmp_path / "plan.xlsx"
    source.write_bytes(content)
    subprocess.run(  # noqa: S603  # nosec B603
        [program, "--headless", "--convert-to", CSV_FILTER, "--outdir", str(tmp_path), str(source)],
        check=True,
        timeout=120,
        capture_output=True,
    )
    wb = workbook(content)
    for name in ("과제", "확인지표", "예산", "추진실적"):
        found = [p for p in tmp_path.glob("plan*.csv") if name in p.name]
        assert found, f"no CSV for sheet {name}: {sorted(p.name for p in tmp_path.iterdir())}"
        with found[0].open(encoding="utf-8") as f:
            rows = list(csv.reader(f))
        expected = [
            ["" if v is None else str(v) for v in row] for row in wb[name].iter_rows(values_only=True)
        ]
        assert rows[0] == expected[0], name  # the Korean headers
        assert [r[0] for r in rows] == [r[0] for r in expected], name  # the 관리번호 of every row
