"""A small model runner: every `.sql` file under `pipelines/sql/` is one table.

A model file holds one SELECT statement; the runner materialises it as a table
named after the file (`fct_leads.sql` → `fct_leads`). Dependencies are found by
looking for other models' names in the SQL, and models run in dependency order
(ties broken by layer, then name), so adding a model is adding a file.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).with_name("sql")
LAYERS = ("staging", "facts", "aggregates")
"""Folders under `sql/`, in the order their models are preferred when several can run."""


@dataclass(frozen=True)
class Model:
    name: str
    layer: str
    path: Path
    sql: str
    depends_on: frozenset[str]


@dataclass(frozen=True)
class StepResult:
    name: str
    seconds: float
    rows: int


class ModelError(RuntimeError):
    """A model failed to build; the message names the model and the file."""


_COMMENT = re.compile(r"--[^\n]*")


def discover(sql_dir: Path = SQL_DIR) -> list[Model]:
    """All models under `sql_dir`, each with the other models it reads from."""
    files = [(layer, p) for layer in LAYERS for p in sorted((sql_dir / layer).glob("*.sql"))]
    names = {p.stem for _, p in files}
    duplicates = {n for n in names if sum(p.stem == n for _, p in files) > 1}
    if duplicates:
        raise ModelError(f"two model files share the name(s) {sorted(duplicates)}")
    models = []
    for layer, path in files:
        sql = path.read_text(encoding="utf-8")
        words = set(re.findall(r"\b[a-z_][a-z0-9_]*\b", _COMMENT.sub("", sql).lower()))
        models.append(Model(path.stem, layer, path, sql, frozenset((words & names) - {path.stem})))
    return models


def order(models: Iterable[Model]) -> list[Model]:
    """Models in dependency order; a cycle is an error naming the models in it."""
    pending = {m.name: m for m in models}
    rank = {layer: i for i, layer in enumerate(LAYERS)}
    done: list[Model] = []
    built: set[str] = set()
    while pending:
        ready = [m for m in pending.values() if m.depends_on <= built]
        if not ready:
            raise ModelError(f"models depend on each other in a cycle: {sorted(pending)}")
        ready.sort(key=lambda m: (rank[m.layer], m.name))
        first = ready[0]
        done.append(first)
        built.add(first.name)
        del pending[first.name]
    return done


def run(
    con: duckdb.DuckDBPyConnection,
    models: list[Model] | None = None,
    on_step: Callable[[StepResult], None] | None = None,
) -> list[StepResult]:
    """Materialise every model as a table, in dependency order; returns per-model timings."""
    results = []
    for model in order(models if models is not None else discover()):
        started = time.perf_counter()
        try:
            con.execute(f'create or replace table "{model.name}" as\n{model.sql}')
        except duckdb.Error as exc:
            raise ModelError(f"model {model.name} (sql/{model.layer}/{model.path.name}) failed: {exc}") from exc
        rows = con.execute(f'select count(*) from "{model.name}"').fetchone()[0]
        result = StepResult(model.name, time.perf_counter() - started, rows)
        results.append(result)
        if on_step:
            on_step(result)
    return results
