"""The SQL model runner: discovery, dependency order, and errors that name the model."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines import runner
from pipelines.contract import TABLES


def make_models(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, sql in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sql)
    return tmp_path


def test_every_contract_table_has_a_staging_model() -> None:
    names = {m.name for m in runner.discover()}
    assert {f"stg_{t}" for t in TABLES} <= names


def test_models_run_after_what_they_read(tmp_path: Path) -> None:
    # agg_b reads fct_a (a later layer reads an earlier one), fct_a reads stg_x, and
    # fct_c reads agg_b: the layer order alone would put fct_c before agg_b.
    sql_dir = make_models(
        tmp_path,
        {
            "staging/stg_x.sql": "select 1 as n",
            "facts/fct_a.sql": "-- mentions agg_b only in a comment\nselect n + 1 as n from stg_x",
            "aggregates/agg_b.sql": "select n * 10 as n from fct_a",
            "facts/fct_c.sql": "select n + 5 as n from agg_b",
        },
    )
    ordered = [m.name for m in runner.order(runner.discover(sql_dir))]
    assert ordered == ["stg_x", "fct_a", "agg_b", "fct_c"]
    con = duckdb.connect()
    steps = runner.run(con, runner.discover(sql_dir))
    assert [s.name for s in steps] == ordered
    assert con.execute("select n from fct_c").fetchone()[0] == (1 + 1) * 10 + 5


def test_a_cycle_names_the_models(tmp_path: Path) -> None:
    sql_dir = make_models(
        tmp_path, {"facts/fct_a.sql": "select * from fct_b", "facts/fct_b.sql": "select * from fct_a"}
    )
    with pytest.raises(runner.ModelError, match=r"cycle: \['fct_a', 'fct_b'\]"):
        runner.order(runner.discover(sql_dir))


def test_a_failing_model_names_its_file(tmp_path: Path) -> None:
    sql_dir = make_models(tmp_path, {"facts/fct_bad.sql": "select no_such_column from (select 1 as n)"})
    with pytest.raises(runner.ModelError, match=r"model fct_bad \(.*fct_bad.sql\) failed"):
        runner.run(duckdb.connect(), runner.discover(sql_dir))
