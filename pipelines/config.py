"""Loading and checking the configuration file (`pipelines/config.toml`)."""

from __future__ import annotations

import copy
import json
import math
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pipelines.contract import STAGES

DEFAULT_CONFIG_PATH = Path(__file__).with_name("config.toml")

FIVE_TIERS = ("normal", "special_mention", "substandard", "doubtful", "loss")
RFM_SEGMENTS = (
    "champions",
    "loyal",
    "potential",
    "new",
    "promising",
    "need_attention",
    "at_risk",
    "cant_lose",
    "hibernating",
    "lost",
)


_MEMORY_LIMIT = re.compile(r"(\d+(\.\d+)?)\s*(%|[KMGT]i?B|B)", re.IGNORECASE)


class ConfigError(ValueError):
    """A configuration value is missing, unknown or out of range."""


@dataclass(frozen=True)
class Config:
    """The checked configuration; `raw` is the merged TOML document as loaded."""

    raw: dict[str, Any]
    source: str

    def __getitem__(self, section: str) -> Any:
        return self.raw[section]

    def to_json(self) -> str:
        return json.dumps(self.raw, sort_keys=True, ensure_ascii=False)

    @property
    def conversion_window_days(self) -> int:
        return self.raw["funnel"]["conversion_window_days"]

    @property
    def earliest_date(self) -> date:
        return date.fromisoformat(self.raw["validation"]["earliest_date"])

    @property
    def retrospective(self) -> dict[str, Any]:
        """The retrospective's materiality floor, Top count and per-kind cap ([retrospective])."""
        return dict(self.raw["retrospective"])

    @property
    def biweekly_anchor_monday(self) -> date:
        return date.fromisoformat(self.raw["periods"]["biweekly_anchor_monday"])

    def tables(self) -> dict[str, list[tuple]]:
        """The configuration as small relational tables for the SQL models (name → rows)."""
        funnel = self.raw["funnel"]
        delinquency = self.raw["delinquency"]
        rfm = self.raw["rfm"]
        bounds = delinquency["dpd_bucket_upper_bounds"]
        names = delinquency["dpd_bucket_names"]
        lows = [0] + [b + 1 for b in bounds]
        highs = bounds + [None]
        tier_min = delinquency["five_tier_min_dpd"]
        tier_names = list(FIVE_TIERS)
        tier_rows = []
        for i, tier in enumerate(tier_names):
            high = tier_min[tier_names[i + 1]] - 1 if i + 1 < len(tier_names) else None
            tier_rows.append((tier, i, tier_min[tier], high))
        grades = sorted(rfm["credit_grade_min_score"].items(), key=lambda kv: -kv[1])
        grade_rows = []
        for i, (grade, low) in enumerate(grades):
            high = grades[i - 1][1] - 1 if i > 0 else 100
            grade_rows.append((grade, i, low, high))
        return {
            "cfg_params": [
                (
                    funnel["conversion_window_days"],
                    funnel["flags"]["relative_worsening"],
                    rfm["window_days"],
                    rfm["history_month_ends"],
                    rfm["tiers"]["strategic_min"],
                    rfm["tiers"]["growth_min"],
                    self.raw["early_warning"]["lookback_month_ends"],
                    self.raw["early_warning"]["sigmas"],
                    self.raw["early_warning"]["min_balance"],
                    self.raw["targets"]["red_below"],
                    self.raw["targets"]["green_from"],
                    self.raw["targets"]["bonus_from"],
                    self.biweekly_anchor_monday,
                )
            ],
            "cfg_stage_thresholds": [
                (stage, STAGES.index(stage), funnel["stage_loss_threshold"][stage]) for stage in STAGES[1:]
            ],
            "cfg_dpd_buckets": [(name, i, lows[i], highs[i]) for i, name in enumerate(names)],
            "cfg_five_tier": tier_rows,
            "cfg_rfm_segments": [
                (5 - r, fm + 1, segment) for r, row in enumerate(rfm["segment_grid"]) for fm, segment in enumerate(row)
            ],
            "cfg_credit_grades": grade_rows,
        }


CONFIG_TABLE_COLUMNS: dict[str, str] = {
    "cfg_params": (
        "conversion_window_days INTEGER, relative_worsening DOUBLE, rfm_window_days INTEGER, "
        "rfm_history_month_ends INTEGER, strategic_min DECIMAL(18,2), growth_min DECIMAL(18,2), "
        "ew_lookback_month_ends INTEGER, ew_sigmas DOUBLE, ew_min_balance DECIMAL(18,2), "
        "band_red_below DOUBLE, band_green_from DOUBLE, band_bonus_from DOUBLE, biweekly_anchor_monday DATE"
    ),
    "cfg_stage_thresholds": "stage VARCHAR, stage_no INTEGER, loss_threshold DOUBLE",
    "cfg_dpd_buckets": "dpd_bucket VARCHAR, bucket_no INTEGER, min_dpd INTEGER, max_dpd INTEGER",
    "cfg_five_tier": "five_tier VARCHAR, tier_no INTEGER, min_dpd INTEGER, max_dpd INTEGER",
    "cfg_rfm_segments": "r_score INTEGER, fm_score INTEGER, segment VARCHAR",
    "cfg_credit_grades": "credit_grade VARCHAR, grade_no INTEGER, min_score INTEGER, max_score INTEGER",
}


def _merge(base: dict, override: dict, path: str = "") -> dict:
    out = copy.deepcopy(base)
    for key, value in override.items():
        where = f"{path}{key}"
        if key not in base:
            raise ConfigError(f"unknown configuration key '{where}'")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise ConfigError(f"'{where}' must be a table of keys, got {value!r}")
            out[key] = _merge(base[key], value, where + ".")
        else:
            out[key] = value
    return out


def _number(raw: dict, dotted: str, *, integer: bool = False, low: float | None = None, high: float | None = None):
    node: Any = raw
    for part in dotted.split("."):
        node = node[part]
    ok_type = isinstance(node, int) if integer else isinstance(node, (int, float))
    if isinstance(node, bool) or not ok_type or (isinstance(node, float) and not math.isfinite(node)):
        kind = "a whole number" if integer else "a number"
        raise ConfigError(f"'{dotted}' must be {kind}, got {node!r}")
    if low is not None and node < low:
        raise ConfigError(f"'{dotted}' must be at least {low}, got {node!r}")
    if high is not None and node > high:
        raise ConfigError(f"'{dotted}' must be at most {high}, got {node!r}")
    return node


def _check(raw: dict) -> None:
    _number(raw, "funnel.conversion_window_days", integer=True, low=1)
    for stage in STAGES[1:]:
        _number(raw, f"funnel.stage_loss_threshold.{stage}", low=0, high=1)
    _number(raw, "funnel.flags.relative_worsening", low=0)

    red = _number(raw, "targets.red_below", low=0)
    green = _number(raw, "targets.green_from", low=0)
    bonus = _number(raw, "targets.bonus_from", low=0)
    if not red <= green <= bonus:
        raise ConfigError("'targets' bands must satisfy red_below ≤ green_from ≤ bonus_from")

    delinquency = raw["delinquency"]
    bounds = delinquency["dpd_bucket_upper_bounds"]
    names = delinquency["dpd_bucket_names"]
    if not isinstance(bounds, list) or not all(isinstance(b, int) and not isinstance(b, bool) for b in bounds):
        raise ConfigError("'delinquency.dpd_bucket_upper_bounds' must be a list of whole numbers of days")
    if not bounds or bounds[0] != 0 or any(b >= c for b, c in zip(bounds, bounds[1:], strict=False)):
        raise ConfigError(
            f"'delinquency.dpd_bucket_upper_bounds' must start at 0 and strictly increase, got {bounds!r}"
        )
    if not isinstance(names, list) or len(names) != len(bounds) + 1 or len(set(names)) != len(names):
        raise ConfigError(
            "'delinquency.dpd_bucket_names' must list distinct names, one more than the upper bounds "
            f"({len(bounds) + 1}), got {names!r}"
        )
    tier_min = delinquency["five_tier_min_dpd"]
    values = [_number(raw, f"delinquency.five_tier_min_dpd.{t}", integer=True, low=0) for t in FIVE_TIERS]
    if values[0] != 0 or values[1] != 1 or any(a >= b for a, b in zip(values, values[1:], strict=False)):
        raise ConfigError(
            "'delinquency.five_tier_min_dpd' must give normal = 0, special_mention = 1 and strictly "
            f"increasing minimums, got {tier_min!r}"
        )

    _number(raw, "early_warning.lookback_month_ends", integer=True, low=2)
    _number(raw, "early_warning.sigmas", low=0)
    _number(raw, "early_warning.min_balance", low=0)

    _number(raw, "rfm.window_days", integer=True, low=1)
    _number(raw, "rfm.history_month_ends", integer=True, low=0, high=120)
    grid = raw["rfm"]["segment_grid"]
    if not (isinstance(grid, list) and len(grid) == 5 and all(isinstance(r, list) and len(r) == 5 for r in grid)):
        raise ConfigError("'rfm.segment_grid' must be 5 rows (r_score 5 → 1) of 5 segments (fm_score 1 → 5)")
    for row in grid:
        for segment in row:
            if segment not in RFM_SEGMENTS:
                raise ConfigError(
                    f"'rfm.segment_grid' has unknown segment {segment!r}; allowed: {', '.join(RFM_SEGMENTS)}"
                )
    growth = _number(raw, "rfm.tiers.growth_min", low=0)
    strategic = _number(raw, "rfm.tiers.strategic_min", low=0)
    if growth >= strategic:
        raise ConfigError("'rfm.tiers' must have growth_min < strategic_min")
    grades = raw["rfm"]["credit_grade_min_score"]
    scores = [_number(raw, f"rfm.credit_grade_min_score.{g}", integer=True, low=0, high=100) for g in grades]
    if len(set(scores)) != len(scores) or 0 not in scores:
        raise ConfigError("'rfm.credit_grade_min_score' must give distinct minimums, one of them 0")

    earliest = raw["validation"]["earliest_date"]
    try:
        date.fromisoformat(str(earliest))
    except ValueError:
        raise ConfigError(f"'validation.earliest_date' must be an ISO date, got {earliest!r}") from None
    _number(raw, "validation.latest_days_after_build", integer=True, low=0)

    limit = raw["build"]["memory_limit"]
    if not (isinstance(limit, str) and _MEMORY_LIMIT.fullmatch(limit.strip())):
        raise ConfigError(
            f'\'build.memory_limit\' must be a size such as "4GB", "512MB" or a share such as "50%", got {limit!r}'
        )
    if limit.strip().endswith("%") and not 0 < float(limit.strip()[:-1]) <= 100:
        raise ConfigError(f"'build.memory_limit' as a share must be above 0% and at most 100%, got {limit!r}")
    _number(raw, "build.threads", integer=True, low=0, high=1024)
    _number(raw, "build.keep_previous_seconds", low=0)
    _number(raw, "retrospective.materiality_floor", low=0)
    _number(raw, "retrospective.top_findings", integer=True, low=0, high=20)
    _number(raw, "retrospective.max_per_kind", integer=True, low=1)

    anchor = raw["periods"]["biweekly_anchor_monday"]
    try:
        monday = date.fromisoformat(str(anchor))
    except ValueError:
        raise ConfigError(f"'periods.biweekly_anchor_monday' must be an ISO date, got {anchor!r}") from None
    if monday.weekday() != 0:
        raise ConfigError(f"'periods.biweekly_anchor_monday' must be a Monday, got {anchor} ({monday:%A})")


def load_config(path: Path | None = None, *, memory_limit: str | None = None, threads: int | None = None) -> Config:
    """Read the defaults, overlay `path` if given, then the command line's build settings; check every value."""
    with DEFAULT_CONFIG_PATH.open("rb") as fh:
        raw = tomllib.load(fh)
    source = str(DEFAULT_CONFIG_PATH)
    if path is not None:
        try:
            with Path(path).open("rb") as fh:
                override = tomllib.load(fh)
        except FileNotFoundError:
            raise ConfigError(f"configuration file {path} does not exist") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"configuration file {path} is not valid TOML: {exc}") from None
        source = str(path)
        try:
            raw = _merge(raw, override)
        except ConfigError as exc:
            raise ConfigError(f"{source}: {exc}") from None
    for section, key in (("periods", "biweekly_anchor_monday"), ("validation", "earliest_date")):
        if isinstance(raw[section][key], date):
            raw[section][key] = raw[section][key].isoformat()
    if memory_limit is not None:
        raw["build"]["memory_limit"] = memory_limit
        source += " + --memory-limit"
    if threads is not None:
        raw["build"]["threads"] = threads
        source += " + --threads"
    try:
        _check(raw)
    except ConfigError as exc:
        raise ConfigError(f"{source}: {exc}") from None
    return Config(raw=raw, source=source)
