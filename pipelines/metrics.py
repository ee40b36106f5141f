"""One definition of each metric, in business language, shared by the pages' popovers, exports and docs.

Each query module declares the metrics it computes in a `DEFINITIONS` list; this
module collects them. The SQL that computes a metric lives in exactly one place
(its query module or model); the text here says what that SQL means.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MetricDefinition:
    key: str  # snake_case identifier used by pages and translations, e.g. "approval_rate"
    name: str  # English business name, e.g. "Approval rate"
    numerator: str  # what is counted or summed, in business words
    denominator: str | None  # what it is divided by; None for an amount or a count
    rules: str = ""  # edge rules: periods, windows, exclusions, what happens with no data
    unit: str = "ratio"  # ratio | money | count | days
    higher_is_better: bool | None = True  # None when neither direction is good in itself


def all_definitions() -> dict[str, MetricDefinition]:
    """Every metric the product computes, by key."""
    from pipelines.queries import credit, customers, disbursement, funnel

    found: dict[str, MetricDefinition] = {}
    for module in (funnel, disbursement, credit, customers):
        for definition in getattr(module, "DEFINITIONS", []):
            if definition.key in found:
                raise ValueError(f"metric {definition.key} is defined twice")
            found[definition.key] = definition
    return found
