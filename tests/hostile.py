"""A small demo warehouse whose names are hostile: Markdown, HTML, LaTeX and spreadsheet formulas.

The names are what an attacker (or a careless data entry) could put in the source. Wherever
they reach Markdown, HTML, CSV or Excel they must come out as the text they are: no image
fetched, no emphasis, no formula. `TRACKER` is an address no page may ever request.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl

TRACKER = "http://127.0.0.1:9/track"

# id → hostile name, by source table and its name column.
NAMES: dict[tuple[str, str, str], dict[str, str]] = {
    ("regions", "region_id", "region_name"): {
        "R01": f"East ![px]({TRACKER}-region.png) **bold** $x^2$",
        "R02": '=HYPERLINK("http://evil.example/r","South")',
    },
    ("teams", "team_id", "team_name"): {
        "T001": f'<img src="{TRACKER}-team.png"> [team](http://evil.example/t) *it*',
        "T002": "+SUM(1,2)",
    },
    ("officers", "officer_id", "officer_name"): {
        "O0001": f"@Zhao ![o]({TRACKER}-officer.png) __under__",
        "O0002": "-2+3 `code` <b>bold</b>",
    },
    ("channels", "channel_id", "channel_name"): {"CH01": f'=WEBSERVICE("{TRACKER}-channel")'},
    ("products", "product_id", "product_name"): {"P01": f"![p]({TRACKER}-product.png) # heading"},
}


def hostile_source(clean: Path, out: Path) -> Path:
    """A copy of the CSV source `clean` with the names above."""
    shutil.copytree(clean, out)
    for (table, key, column), names in NAMES.items():
        path = out / f"{table}.csv"
        frame = pl.read_csv(path, infer_schema=False)
        frame = frame.with_columns(pl.col(key).replace_strict(names, default=pl.col(column)).alias(column))
        frame.write_csv(path)
    return out
