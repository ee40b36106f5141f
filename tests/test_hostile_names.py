"""Hostile names from the source come out of the report command as text: no formula, no tag, no fetch."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.hostile import NAMES, TRACKER, hostile_source


@pytest.fixture(scope="module")
def hostile_warehouse(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pipelines.build import build

    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "warehouse.duckdb"
    build(hostile_source(demo_source, folder / "source"), db)
    return db


def _report(db: Path, out: Path, *extra: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pipelines", "report", "--db", str(db), "--out", str(out), *extra],
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin", "LOAN_DASHBOARD_RETRO_DB": str(out.with_suffix(".sqlite"))},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr


def test_the_report_workbook_has_no_formula_cell(hostile_warehouse: Path, tmp_path: Path) -> None:
    for extra in ((), ("--region", "R01", "R02")):
        out = tmp_path / f"report{len(extra)}.xlsx"
        _report(hostile_warehouse, out, *extra)
        with zipfile.ZipFile(out) as book:
            sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/")]
            assert sheets
            for name in sheets:
                xml = book.read(name).decode()
                assert not re.search(r"<f[ >]", xml), f"a formula cell in {name}"
            strings = book.read("xl/sharedStrings.xml").decode()
        # The hostile region names are there, as text.
        assert '=HYPERLINK("http://evil.example/r","South")' in strings


def test_the_html_report_shows_names_as_text(hostile_warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    _report(hostile_warehouse, out, "--region", "R01")
    html = out.read_text()
    # No tag made of a name: the <img> and <b> of the names are escaped, the tracker is never a src.
    assert not re.search(r"<img[^>]*track", html)
    assert f'src="{TRACKER}' not in html and f"src={TRACKER}" not in html
    assert "<b>bold</b>" not in html.replace("\\u003cb\\u003ebold", "")
    region_name = NAMES[("regions", "region_id", "region_name")]["R01"]
    assert "**bold**" in region_name and "East ![px](" in html


def test_every_page_download_is_data_never_a_formula(hostile_warehouse: Path, tmp_path: Path, monkeypatch) -> None:
    from tests.test_exports import record_downloads

    monkeypatch.setenv("LOAN_DASHBOARD_RETRO_DB", str(tmp_path / "retro.sqlite"))
    downloads = record_downloads(hostile_warehouse)
    hostile = [name for names in NAMES.values() for name in names.values()]
    checked = {"csv": 0, "xlsx": 0}
    for d in downloads:
        extension = d["file_name"].rpartition(".")[2]
        if extension not in checked:
            continue
        data = d["data"]() if callable(d["data"]) else d["data"]
        if extension == "xlsx":
            with zipfile.ZipFile(io.BytesIO(data)) as book:
                for name in (n for n in book.namelist() if n.startswith("xl/worksheets/")):
                    assert not re.search(r"<f[ >]", book.read(name).decode()), (d["file_name"], name)
        else:
            for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")):
                for cell in row:
                    # Text a spreadsheet would take for a formula is quoted (numbers, negative ones too, stay).
                    if cell.startswith(("=", "+", "@", "\t", "\r")) or (
                        cell.startswith("-") and not re.fullmatch(r"-\d+(\.\d+)?", cell)
                    ):
                        raise AssertionError((d["file_name"], cell))
        checked[extension] += 1
    assert checked["csv"] > 15 and checked["xlsx"] > 15
    # The hostile names did reach the downloads (as text): the test looked at them.
    every_csv = "".join(
        (d["data"]() if callable(d["data"]) else d["data"]).decode("utf-8-sig")
        for d in downloads
        if d["file_name"].endswith(".csv")
    )
    assert any(name in every_csv for name in hostile if not name.startswith(("=", "+", "-", "@")))
    assert "'=HYPERLINK(" in every_csv or "'+SUM(1,2)" in every_csv
