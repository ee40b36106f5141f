"""docs/metrics.md carries every metric the code defines, generated from the one definition in code."""

from __future__ import annotations

from pipelines.metrics import all_definitions, markdown_index
from tests.conftest import REPO


def test_the_metric_index_matches_the_code() -> None:
    docs = (REPO / "docs" / "metrics.md").read_text(encoding="utf-8")
    # Regenerate with `python -m pipelines.metrics` after changing a definition.
    assert markdown_index() in docs


def test_every_metric_is_in_the_index_and_ratios_say_what_they_divide_by() -> None:
    definitions = all_definitions()
    assert len(definitions) > 40
    index = markdown_index()
    for d in definitions.values():
        assert f"(`{d.key}`)" in index
        assert d.numerator.strip(), d.key
        if d.unit == "ratio":
            assert d.denominator, f"{d.key} is a ratio without a denominator"
