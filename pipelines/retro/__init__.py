"""The biweekly retrospective (双周复盘): scoreboard, findings found automatically, notes and action items, report.

Shared shapes live here so the findings engine, the store, the report and the page agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pipelines.queries.filters import Period

FINDING_KINDS: tuple[str, ...] = (
    "disbursement_change",  # who contributed most to the change in disbursed amount
    "funnel_flag",  # a funnel stage flagged by SPEC §4.1's rule (company-wide or for a region/team)
    "target_below",  # a team below 80% of its prorated target
    "target_bonus",  # a team in the 120% bonus tier
    "early_warning",  # SPEC §4.3 dynamic threshold on the overdue rate
    "growth_with_poor_quality",  # top-quarter volume, worst-quarter 30+ DPD at MOB 3
    "strategic_customer_at_risk",  # strategic customers moved into at_risk / cant_lose / hibernating
)


@dataclass(frozen=True)
class Finding:
    """One finding: a plain-language statement, the figures behind it, and a link to the view that shows it."""

    kind: str  # one of FINDING_KINDS
    severity: str  # "alert" (needs action), "watch", or "good" (good news, e.g. bonus tier)
    subject_level: str  # company | region | team | officer | product_line | channel | customer
    subject_id: str | None
    subject_name: str
    statement_key: str  # translation key in ui/i18n.py; `values` fill its {placeholders}
    values: dict[str, object]  # the figures behind the statement, display-ready or raw numbers
    page: str  # url_path of the page that shows it, e.g. "funnel"
    link_params: dict[str, str]  # URL query parameters for that page (period, region, team, ... as in ui/filters.py)
    rank: float = 0.0  # larger = more important within its kind
    # The money the finding is about, in yuan (docs/retrospective.md, "Materiality"): what ranks the Top 5 across
    # kinds and what the materiality floor ([retrospective] in pipelines/config.toml) is compared with.
    materiality: float = 0.0
    top: bool = False  # one of the retrospective's Top findings (find_all sets it; shown first, in materiality order)


@dataclass(frozen=True)
class RetroPeriod:
    """The biweekly period under review and its two comparisons."""

    period: Period
    previous: Period
    last_year: Period


@dataclass
class ActionItem:
    item_id: int | None
    period_start: date  # the retrospective (biweekly period start) it was agreed in
    what: str
    owner: str
    due_date: date | None
    status: str  # open | done | dropped | carried
    version: int = 0  # optimistic concurrency: a save must name the version it edited
    carried_from: int | None = None  # the item id it continues, when carried forward
    notes: list[str] = field(default_factory=list)
    created_by: str = ""  # who added it (the signed-in user, or the name typed in demo mode)
