"""Findings of the biweekly retrospective, found automatically (issue 5, item 3; rules in docs/retrospective.md).

Each rule is a function `(con, filters, retro, ...) -> list[Finding]`; `find_all` runs them all.
No rule defines a metric: each reads the query function that owns the figure (leaderboard,
disbursement_summary, funnel_by_stage, early_warning, book_quality, moved_into_risk) and
only decides which members are worth a line in the meeting, in what order, and how many.

The filters' dimension filters narrow every rule (a regional head reviews their region);
their period and comparison are ignored: the retrospective's period and its previous period
are used instead.

A finding's statement is a translation key of `STATEMENTS` with `{placeholders}` filled from
its `values`. Values are raw numbers (money as float, ratios as fractions), dates, ids and
keys; `VALUE_UNITS` says how each placeholder is shown, and `render` fills a statement with a
formatter the caller chooses (the app passes its own money / percent formats and labels).

Every finding carries a **materiality**: the money it is about, in yuan (the rule of each kind is
in docs/retrospective.md and in the configuration's `[retrospective]` section). `find_all` hides
the findings below the configured floor, keeps the most material few of each kind, and puts the
Top findings (the most material finding of each kind, the largest first) before the rest.
"""

from __future__ import annotations

import bisect
import calendar
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import duckdb
import polars as pl

from pipelines.config import load_config
from pipelines.queries import credit, customers, teams
from pipelines.queries._sales import settings
from pipelines.queries._sql import frame, scalar
from pipelines.queries.disbursement import amount_change_by, disbursement_summary, leaderboard
from pipelines.queries.filters import Filters, Period, dimension_clause
from pipelines.queries.funnel import funnel_breakdown, funnel_by_stage
from pipelines.retro import FINDING_KINDS, Finding, RetroPeriod
from pipelines.retro.periods import period_text

# --------------------------------------------------------------------------------------------
# Settings of the rules (the metric thresholds themselves come from the warehouse's configuration)

CHANGE_LEVELS: tuple[str, ...] = ("region", "team", "officer")
TOP_CONTRIBUTORS = 3
"""Per level, this many members that moved the disbursed amount most, either way (largest absolute change first)."""

FUNNEL_CAPS: dict[str, int] = {"company": 3, "region": 3, "team": 5}
"""At most this many flagged stages per level, the most important first."""

MEMBER_STANDARD_ERRORS = 2
"""A region or team is reported at a stage when it loses more than the whole scope by more than this many standard
errors (a difference chance alone would rarely give for its number of leads)."""

TARGET_CAP = 8
"""At most this many teams below 80% of target, and this many in the bonus tier."""

EARLY_WARNING_CAP = 5
"""At most this many early-warning flags per dimension (region, team, officer, product line, channel)."""

QUALITY_MIN_LOANS = 5
"""An account manager is compared for growth-vs-quality only with at least this many loans at MOB 3."""

QUALITY_VOLUME_MONTHS = 12
"""Volume for growth-vs-quality: disbursed amount in the 12 months up to the period's last day."""

GROWTH_QUALITY_CAP = 5
"""At most this many account managers whose growth came with poor early quality, the largest excess first."""

STRATEGIC_CAP = 10
"""At most this many strategic customers who moved into a risk segment, the largest first."""

SEVERITIES: tuple[str, ...] = ("alert", "watch", "good")

LEAD_VALUE_DAYS = 364
"""A funnel finding's lost leads are valued on the leads created in these 364 days (26 biweekly periods) that end
one conversion window before the period's last day: cohorts whose window is complete by then."""


@dataclass(frozen=True)
class RetroSettings:
    """[retrospective] of the configuration: the materiality floor (yuan), the Top count and the per-kind cap."""

    materiality_floor: float
    top_findings: int
    max_per_kind: int


def retro_settings(con: duckdb.DuckDBPyConnection) -> RetroSettings:
    """The [retrospective] settings the warehouse was built with, over today's defaults for the keys its build did
    not record (a warehouse built before the section existed gets the defaults)."""
    settings_ = load_config().retrospective
    recorded = scalar(con, "select config_json from meta_build limit 1")
    settings_.update(json.loads(recorded or "{}").get("retrospective", {}))
    return RetroSettings(
        float(settings_["materiality_floor"]), int(settings_["top_findings"]), int(settings_["max_per_kind"])
    )


# Filters attribute → URL parameter of the filter bar (ui/filters.py).
_URL_PARAMS: dict[str, str] = {
    "region_ids": "region",
    "team_ids": "team",
    "officer_ids": "officer",
    "product_lines": "line",
    "channel_ids": "channel",
    "customer_types": "ctype",
}
_LEVEL_ATTRIBUTE = {"region": "region_ids", "team": "team_ids", "officer": "officer_ids"}

# --------------------------------------------------------------------------------------------
# Statements (English and Chinese; merged into ui/i18n.py's table by the page)

STATEMENTS: dict[str, dict[str, str]] = {
    "retro_change_contributor": {
        "en": "{level} {name}: disbursed amount {previous_amount} → {amount} ({contribution}), "
        "{share_of_change} of the total change of {total_change}",
        "zh": "{level} {name}: 放款金额 {previous_amount} → {amount} ({contribution}), "
        "占总变化 {total_change} 的 {share_of_change}",
    },
    "retro_funnel_company": {
        "en": "{stage} stage: {loss} of leads lost (threshold {threshold}; previous period {previous_loss})",
        "zh": "{stage}环节流失率 {loss} (阈值 {threshold}; 上期 {previous_loss})",
    },
    "retro_funnel_company_open": {
        "en": "{stage} stage: {loss} of leads lost so far against {previous_loss} in the previous period at the "
        "same age — the cohort is still inside its conversion window (threshold not applied yet)",
        "zh": "{stage}环节流失率 {loss}, 上期同龄为 {previous_loss} — 该队列仍在转化窗口内 (暂不按阈值判断)",
    },
    "retro_funnel_member": {
        "en": "{level} {name}: {loss} of leads lost at the {stage} stage against {benchmark_loss} overall "
        "— {excess_leads} more leads lost than at the overall rate (previous period {previous_loss})",
        "zh": "{level} {name}: {stage}环节流失率 {loss}, 整体为 {benchmark_loss}, "
        "比按整体流失率多流失 {excess_leads} 条线索 (上期 {previous_loss})",
    },
    "retro_funnel_member_open": {
        "en": "{level} {name}: {loss} of leads lost so far at the {stage} stage against {benchmark_loss} overall "
        "— {excess_leads} more leads lost than at the overall rate (previous period at the same age "
        "{previous_loss}); the cohort is still inside its conversion window",
        "zh": "{level} {name}: {stage}环节流失率 {loss}, 整体为 {benchmark_loss}, "
        "比按整体流失率多流失 {excess_leads} 条线索 (上期同龄 {previous_loss}); 该队列仍在转化窗口内",
    },
    "retro_target_below": {
        "en": "Team {name} reached {attainment} of its prorated target ({amount} of {base_target}), below {red_below}",
        "zh": "团队 {name} 目标达成率 {attainment} ({amount} / {base_target}), 低于 {red_below}",
    },
    "retro_target_below_pacing": {
        "en": "Team {name} is pacing at {attainment} of its target so far ({amount} of {base_target} × elapsed "
        "share), below {red_below}",
        "zh": "团队 {name} 目标进度 {attainment} (已放款 {amount}, 目标 {base_target}), 低于 {red_below}",
    },
    "retro_target_bonus": {
        "en": "Team {name} reached {attainment} of its prorated target ({amount} of {base_target}): "
        "bonus tier (from {bonus_from})",
        "zh": "团队 {name} 目标达成率 {attainment} ({amount} / {base_target}), 进入奖励档 (≥ {bonus_from})",
    },
    "retro_target_bonus_pacing": {
        "en": "Team {name} is pacing at {attainment} of its target so far ({amount} of {base_target} × elapsed "
        "share): bonus-tier pace (from {bonus_from})",
        "zh": "团队 {name} 目标进度 {attainment} (已放款 {amount}, 目标 {base_target}), "
        "达到奖励档进度 (≥ {bonus_from})",
    },
    "retro_early_warning": {
        "en": "{level} {name}: overdue rate {overdue_rate} on {snapshot_date}, above its early-warning threshold "
        "{threshold} (mean of its previous {lookback} month-ends {history_mean})",
        "zh": "{level} {name}: {snapshot_date} 逾期率 {overdue_rate}, 超过风险预警阈值 {threshold} "
        "(前 {lookback} 个月末均值 {history_mean})",
    },
    "retro_early_warning_from_zero": {
        "en": "{level} {name}: overdue rate {overdue_rate} on {snapshot_date}, after no overdue balance at any of its "
        "previous {lookback} month-ends",
        "zh": "{level} {name}: {snapshot_date} 逾期率 {overdue_rate}, 而前 {lookback} 个月末均无逾期余额",
    },
    "retro_growth_poor_quality": {
        "en": "Account manager {name} disbursed {volume} in the {months} months to {period_end} (#{volume_rank} of "
        "{officers}, top quarter) while {early_dpd30} of their MOB-3 principal is 30+ days past due "
        "(#{quality_rank}, worst quarter; {scope_early_dpd30} overall)",
        "zh": "客户经理 {name} 截至 {period_end} 的 {months} 个月放款 {volume} (第 {volume_rank}/{officers} 名, "
        "前四分之一), 但账龄 3 个月时逾期 30 天以上的本金占比 {early_dpd30} "
        "(第 {quality_rank} 名, 后四分之一; 整体 {scope_early_dpd30})",
    },
    "retro_strategic_at_risk": {
        "en": "Strategic customer {name} moved from {previous_segment} to {segment} between {from_as_of} and "
        "{to_as_of} ({monetary} borrowed in the window)",
        "zh": "战略客户 {name} 从「{previous_segment}」转入「{segment}」"
        "({from_as_of} → {to_as_of}; 窗口内借款 {monetary})",
    },
}

VALUE_UNITS: dict[str, str] = {
    # text: shown as is; level / stage / segment / product_line: a key the app translates
    # (level → "region" / "team" / "officer" / "product_line" / "channel"; stage → stage_<key>;
    # segment → rfm_<key>); money: an amount; money_signed: a change of amount with its sign;
    # ratio: a fraction shown as a percentage; count: a whole number; date: a day.
    "name": "text",
    "level": "level",
    "stage": "stage",
    "segment": "segment",
    "previous_segment": "segment",
    "amount": "money",
    "previous_amount": "money",
    "base_target": "money",
    "volume": "money",
    "monetary": "money",
    "contribution": "money_signed",
    "total_change": "money_signed",
    "loss": "ratio",
    "previous_loss": "ratio",
    "benchmark_loss": "ratio",
    "threshold": "ratio",
    "attainment": "ratio",
    "red_below": "ratio",
    "bonus_from": "ratio",
    "overdue_rate": "ratio",
    "history_mean": "ratio",
    "early_dpd30": "ratio",
    "scope_early_dpd30": "ratio",
    "share_of_change": "ratio",
    "excess_leads": "count",
    "volume_rank": "count",
    "quality_rank": "count",
    "officers": "count",
    "lookback": "count",
    "months": "count",
    "snapshot_date": "date",
    "from_as_of": "date",
    "to_as_of": "date",
    "period_end": "date",
}
"""How each statement placeholder is shown. Values not named here are figures behind the finding only."""


_PLAIN_LEVELS = {
    "region": {"en": "Region", "zh": "区域"},
    "team": {"en": "Team", "zh": "团队"},
    "officer": {"en": "Account manager", "zh": "客户经理"},
    "product_line": {"en": "Product line", "zh": "产品线"},
    "channel": {"en": "Channel", "zh": "渠道"},
}


_PLAIN_LINES = {
    "credit": {"en": "Credit", "zh": "信用贷"},
    "guaranteed": {"en": "Guaranteed", "zh": "保证贷"},
    "mortgage": {"en": "Mortgage", "zh": "抵押贷"},
    "pledge": {"en": "Pledge", "zh": "质押贷"},
}


def plain_format(unit: str, value: object, lang: str = "en") -> str:
    """A plain rendering of a value: ¥ with thousands separators, one-decimal percentages, level names; keys of
    stages and segments as they are. The app passes its own formatter (¥ 万/亿, translated stage and segment names).
    """
    if value is None:
        return "—"
    if unit == "level":
        return _PLAIN_LEVELS.get(str(value), {}).get(lang, str(value))
    if unit == "product_line":
        return _PLAIN_LINES.get(str(value), {}).get(lang, str(value))
    if unit == "money":
        return f"¥{float(value):,.0f}"
    if unit == "money_signed":
        return f"{'+' if float(value) >= 0 else '-'}¥{abs(float(value)):,.0f}"
    if unit == "ratio":
        return f"{float(value) * 100:.1f}%"
    if unit == "count":
        return f"{float(value):,.0f}"
    if unit == "date":
        return value.isoformat() if isinstance(value, date) else str(value)
    return str(value)


def value_unit(finding: Finding, key: str) -> str:
    """How the finding's value `key` is shown: VALUE_UNITS' unit, except a product line's name, which is its key
    (credit, guaranteed, ...) and is shown by its translated label ("product_line")."""
    if key == "name" and finding.subject_level == "product_line":
        return "product_line"
    return VALUE_UNITS.get(key, "text")


def render(finding: Finding, lang: str = "en", format_value: Callable[[str, object, str], str] = plain_format) -> str:
    """The finding's one-line statement in `lang`, each placeholder shown by `format_value(unit, value, lang)`."""
    text = STATEMENTS[finding.statement_key][lang]
    shown = {key: format_value(value_unit(finding, key), value, lang) for key, value in finding.values.items()}
    return text.format(**shown)


# --------------------------------------------------------------------------------------------
# Helpers


def link_params(filters: Filters, retro: RetroPeriod, **overrides: str | None) -> dict[str, str]:
    """URL parameters (ui/filters.py convention) for the reviewed period under the filters, with overrides.

    The comparison is left at the filter bar's default (the previous period). An override of
    None removes that parameter.
    """
    params = {"period": period_text(retro)}
    for attribute, name in _URL_PARAMS.items():
        values = getattr(filters, attribute)
        if values:
            params[name] = ",".join(values)
    for name, value in overrides.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    return params


def _narrow(filters: Filters, level: str, value: str) -> Filters:
    """The filters narrowed to one region, team or officer."""
    return replace(filters, **{_LEVEL_ATTRIBUTE[level]: (value,)})


def _sorted(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: -f.rank)


# --------------------------------------------------------------------------------------------
# 1. Who contributed most to the change in disbursed amount


def change_decomposition(
    con: duckdb.DuckDBPyConnection, filters: Filters, retro: RetroPeriod, level: str
) -> pl.DataFrame:
    """Each region / team / officer's contribution to the change in disbursed amount, period vs previous period.

    The amount change of the Disbursement and Teams pages (disbursement.amount_change_by, defined
    there once): contribution = its amount in the period − its amount in the previous period, for
    every member that disbursed in either; the contributions add up exactly (to the cent) to the
    change of the total under the filters. Largest contribution in absolute value first, whichever
    way it went. share_of_change = contribution / total change (empty when the total did not change).
    """
    changes = amount_change_by(con, replace(filters, period=retro.period, comparison=retro.previous), level)
    parts = changes.select(
        "level",
        "value",
        "name",
        "team_id",
        "team_name",
        "region_id",
        "region_name",
        "amount",
        "previous_amount",
        pl.col("change").alias("contribution"),
        "share_of_change",
    )
    total_change = _total_amount(con, filters, retro.period) - _total_amount(con, filters, retro.previous)
    if sum(parts["contribution"].to_list(), Decimal(0)) != total_change:
        # Both come from the same daily aggregate under the same filters; a difference is a bug.
        raise AssertionError(f"{level} contributions do not add up to the change of the total, {total_change}")
    return parts


def _total_amount(con: duckdb.DuckDBPyConnection, filters: Filters, period: Period) -> Decimal:
    return Decimal(disbursement_summary(con, filters.for_period(period))["amount"][0])


def disbursement_change_findings(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    retro: RetroPeriod,
    *,
    levels: tuple[str, ...] = CHANGE_LEVELS,
    top: int = TOP_CONTRIBUTORS,
) -> list[Finding]:
    """Per level, the `top` members with the largest contribution to the change of the disbursed amount, either way,
    the largest in absolute value first, each with its share of the total change."""
    findings = []
    for level in levels:
        parts = change_decomposition(con, filters, retro, level)
        total_change = sum(parts["contribution"].to_list(), Decimal(0))
        # change_decomposition ranks by absolute contribution: a −33.4M region comes before a +1.26M one.
        for r in parts.filter(pl.col("contribution") != 0).head(top).iter_rows(named=True):
            findings.append(
                Finding(
                    kind="disbursement_change",
                    severity="good" if r["contribution"] > 0 else "watch",
                    subject_level=level,
                    subject_id=r["value"],
                    subject_name=r["name"] or r["value"],
                    statement_key="retro_change_contributor",
                    values={
                        "level": level,
                        "name": r["name"] or r["value"],
                        "amount": float(r["amount"]),
                        "previous_amount": float(r["previous_amount"]),
                        "contribution": float(r["contribution"]),
                        "share_of_change": r["share_of_change"],
                        "total_change": float(total_change),
                    },
                    page="teams",
                    link_params=link_params(filters, retro, drill=f"{level}:{r['value']}"),
                    rank=float(abs(r["contribution"])),
                    materiality=float(abs(r["contribution"])),  # the money it moved, either way
                )
            )
    return findings


# --------------------------------------------------------------------------------------------
# 2. Funnel stages flagged by SPEC §4.1's rule


def _stage_rows(stages: pl.DataFrame) -> list[dict]:
    """funnel_by_stage's rows for stages 1–6, each with the leads that entered it (reached the stage before)."""
    rows = stages.sort("stage_no").to_dicts()
    for before, row in zip(rows, rows[1:], strict=False):
        row["entering"] = before["reached"]
    return rows[1:]


def funnel_flag_findings(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    retro: RetroPeriod,
    *,
    caps: dict[str, int] = FUNNEL_CAPS,
) -> list[Finding]:
    """Funnel stages flagged by funnel_by_stage (loss over its threshold, or worsened against the previous period).

    funnel_by_stage applies SPEC §4.1 for a cohort still converting: the previous cohort is compared at the
    same age and the threshold is not evaluated (`over_threshold` null), so only age-matched worsenings fire.
    A member of such a cohort also qualifies when its loss is more than the worsening share (15%) above the
    whole scope's loss at that stage — the same rule against a benchmark of the same age.

    Company-wide (the whole filtered scope): every flagged stage, worsened ones first, then by
    the leads lost beyond the threshold. For each region and team: a flagged stage is reported
    only where the member loses a larger share than the whole scope does at that stage (a
    stage every team loses heavily at is one company finding, not one per team), ranked by
    the leads it lost beyond the overall rate — a comparison between cohorts of the same age,
    unlike "worsened", which compares this cohort with an older one. "Larger" is exact (the
    counts' fractions): a member losing exactly the overall share is not reported.

    Materiality: the leads lost beyond the benchmark × the amount disbursed per lead that got
    past the stage (stage_lead_values). The benchmark of a member is the overall rate; of the
    company, its threshold or the comparison cohort's loss, whichever the loss exceeds by more.
    """
    scope = replace(filters, period=retro.period, comparison=retro.previous)
    overall = _stage_rows(funnel_by_stage(con, scope))
    benchmark = {r["stage"]: r for r in overall}
    lead_values = stage_lead_values(con, filters, retro.period.end)
    findings = []
    company = []
    for r in overall:
        if not r["flagged"]:
            continue
        beyond = (r["step_loss"] - r["loss_threshold"]) * r["entering"] if r["over_threshold"] else 0.0
        worse = (r["step_loss"] - r["comparison_step_loss"]) * r["entering"] if r["worsened"] else 0.0
        # The threshold is a bound on a complete cohort (SPEC §4.1): a still-converting cohort's loss "so far" against
        # it is no money lost yet.
        material_beyond = beyond if r["cohort_complete"] else 0.0
        lead_value = lead_values.get(r["stage"])
        company.append(
            Finding(
                kind="funnel_flag",
                severity="alert" if r["worsened"] else "watch",
                subject_level="company",
                subject_id=None,
                subject_name="",
                statement_key="retro_funnel_company" + ("" if r["cohort_complete"] else "_open"),
                values=_funnel_values(r) | {"leads_beyond_threshold": beyond, "lead_value": lead_value},
                page="funnel",
                link_params=link_params(filters, retro),
                rank=beyond,
                materiality=max(material_beyond, worse) * (lead_value or 0.0),
            )
        )
    # Worsened stages first, then by the leads lost beyond the threshold.
    company.sort(key=lambda f: (not f.values["worsened"], -f.rank))
    findings += company[: caps.get("company", 0)]
    for level in ("region", "team"):
        names = dict(funnel_breakdown(con, scope, level).select("value", "value_name").unique().iter_rows())
        member_findings = []
        for value, name in sorted((v, n) for v, n in names.items() if v is not None):
            for r in _stage_rows(funnel_by_stage(con, _narrow(scope, level, value))):
                whole = benchmark.get(r["stage"])
                if whole is None or not beyond_chance(r["reached"], r["entering"], whole["reached"], whole["entering"]):
                    continue
                overall_loss = whole["step_loss"]
                excess = (r["step_loss"] - overall_loss) * r["entering"]
                lead_value = lead_values.get(r["stage"])
                member_findings.append(
                    Finding(
                        kind="funnel_flag",
                        severity="alert" if r["worsened"] else "watch",
                        subject_level=level,
                        subject_id=value,
                        subject_name=name or value,
                        statement_key="retro_funnel_member" + ("" if r["cohort_complete"] else "_open"),
                        values=_funnel_values(r)
                        | {
                            "level": level,
                            "name": name or value,
                            "benchmark_loss": overall_loss,
                            "excess_leads": excess,
                            "lead_value": lead_value,
                        },
                        page="funnel",
                        link_params=link_params(filters, retro, **{level: value}),
                        rank=excess,
                        materiality=excess * (lead_value or 0.0),
                    )
                )
        findings += sorted(member_findings, key=lambda f: (-f.materiality, -f.rank))[: caps.get(level, 0)]
    return findings


def beyond_chance(reached: int, entering: int, scope_reached: int, scope_entering: int) -> bool:
    """A member loses a larger share of the leads entering a stage than the whole scope does, by more than chance.

    With p the scope's loss and n the leads entering the member's stage: the member's loss is
    above p by more than MEMBER_STANDARD_ERRORS standard errors of a loss rate over n leads
    (sqrt(p (1 − p) / n)). Exact (fractions of the counts): a member losing exactly the scope's
    share never fires, nor one at exactly the bound.
    """
    if not entering or not scope_entering:
        return False
    p = 1 - Fraction(scope_reached, scope_entering)
    excess = (1 - Fraction(reached, entering)) - p
    return excess > 0 and excess * excess * entering > MEMBER_STANDARD_ERRORS**2 * p * (1 - p)


def stage_lead_values(con: duckdb.DuckDBPyConnection, filters: Filters, end: date) -> dict[str, float | None]:
    """For each stage 1–6, the amount disbursed per lead that got past it: what a lead lost there is worth.

    Over the leads of the scope created in the LEAD_VALUE_DAYS days that end one conversion
    window before `end` (cohorts complete by then): the principal of the loans of those that
    were disbursed ÷ those that reached the stage. None where no lead reached it.
    """
    window = settings(con).conversion_window_days
    last = end - timedelta(days=window)
    first = last - timedelta(days=LEAD_VALUE_DAYS - 1)
    where, params = dimension_clause(filters, "l")
    stages = ("contacted", "meeting", "application", "approved", "contracted", "disbursed")
    counts = ", ".join(f"count(*) filter (where c.reached_{stage})" for stage in stages)
    row = con.sql(
        f"""
        with cohort as (
            select l.lead_id, {", ".join(f"l.reached_{stage}" for stage in stages)}
            from fct_leads as l
            where l.created_date between ? and ? and {where}
        )
        select {counts},
            (select coalesce(sum(o.principal), 0) from fct_loans as o join cohort as d using (lead_id)
             where d.reached_disbursed)
        from cohort as c
        """,
        params=[first, last, *params],
    ).fetchall()[0]
    amount = float(row[-1])
    return {stage: (amount / reached if reached else None) for stage, reached in zip(stages, row[:-1], strict=True)}


def _funnel_values(r: dict) -> dict[str, object]:
    return {
        "stage": r["stage"],
        "loss": r["step_loss"],
        "threshold": r["loss_threshold"],
        "previous_loss": r["comparison_step_loss"],
        "loss_change": r["loss_change"],
        "entering": r["entering"],
        "reached": r["reached"],
        "over_threshold": r["over_threshold"],
        "worsened": r["worsened"],
        "cohort_leads": r["cohort_leads"],
        "cohort_complete": r["cohort_complete"],
        "window_complete_share": r["window_complete_share"],
    }


# --------------------------------------------------------------------------------------------
# 3. Teams below 80% of prorated target, and in the 120% bonus tier


def target_findings(
    con: duckdb.DuckDBPyConnection, filters: Filters, retro: RetroPeriod, *, cap: int = TARGET_CAP
) -> list[Finding]:
    """Teams whose attainment of the period's prorated target is in the red band (below 80%) or the bonus tier.

    Bands are the leaderboard's (configured bounds). When the reviewed period has not ended,
    the team's pacing and pacing band (disbursement_summary) stand in for its attainment. None
    when the filters have no target (officer, channel or customer-type filter).
    """
    s = settings(con)
    period = filters.for_period(retro.period)
    unfinished = retro.period.end > s.as_of
    below, bonus = [], []
    for r in leaderboard(con, period, "team").iter_rows(named=True):
        if r["base_target"] is None:
            continue
        ratio, band = r["attainment"], r["band"]
        if unfinished:
            summary = disbursement_summary(con, _narrow(period, "team", r["value"])).row(0, named=True)
            ratio, band = summary["pacing"], summary["pacing_band"]
        if band not in ("red", "bonus"):
            continue
        # Materiality: the shortfall against the target, or the amount above it (for an unfinished period, the
        # target × the elapsed share of the period).
        expected = r["base_target"] * (summary["elapsed_share"] if unfinished else 1.0)
        gap = float(r["amount"]) - expected
        values = {
            "name": r["name"] or r["value"],
            "attainment": ratio,
            "amount": float(r["amount"]),
            "base_target": r["base_target"],
            "stretch_attainment": r["stretch_attainment"],
            "band": band,
            "red_below": float(s.band_red_below),
            "bonus_from": float(s.band_bonus_from),
            "region_id": r["region_id"],
            "pacing": unfinished,
        }
        suffix = "_pacing" if unfinished else ""
        common = dict(
            subject_level="team",
            subject_id=r["value"],
            subject_name=r["name"] or r["value"],
            values=values,
            page="disbursement",
            link_params=link_params(filters, retro, team=r["value"]),
        )
        if band == "red":
            # The largest shortfall against target first.
            below.append(
                Finding(
                    kind="target_below",
                    severity="alert",
                    statement_key="retro_target_below" + suffix,
                    rank=r["base_target"] - float(r["amount"]),
                    materiality=max(-gap, 0.0),
                    **common,
                )
            )
        else:
            bonus.append(
                Finding(
                    kind="target_bonus",
                    severity="good",
                    statement_key="retro_target_bonus" + suffix,
                    rank=ratio,
                    materiality=max(gap, 0.0),
                    **common,
                )
            )
    return _sorted(below)[:cap] + _sorted(bonus)[:cap]


# --------------------------------------------------------------------------------------------
# 4. Early-warning flags (SPEC §4.3)

_EW_URL_PARAMS = {
    "region": "region",
    "team": "team",
    "officer": "officer",
    "product_line": "line",
    "channel": "channel",
}


def early_warning_findings(
    con: duckdb.DuckDBPyConnection, filters: Filters, retro: RetroPeriod, *, cap: int = EARLY_WARNING_CAP
) -> list[Finding]:
    """Every value credit.early_warning flags at the period's snapshot, at most `cap` per dimension.

    The period's snapshot is the latest one on or before the period's last day, as on the
    Credit page. Within a dimension the flags with most balance overdue beyond the threshold
    (balance × (rate − threshold)) come first.
    """
    flags = credit.early_warning(con, filters.for_period(retro.period)).filter(pl.col("flagged"))
    lookback = scalar(con, "select ew_lookback_month_ends from cfg_params")
    findings = []
    for dimension in credit.EARLY_WARNING_DIMENSIONS:
        chosen = []
        for r in flags.filter(pl.col("dimension") == dimension).iter_rows(named=True):
            if not _above_threshold(r["balance_dpd1"], r["balance"], r["threshold"]):
                continue
            excess = float(r["overdue_above_threshold"] or 0.0)  # balance × (rate − threshold), SPEC §4.3
            name = r["dimension_name"] or r["dimension_value"]
            # A history with no overdue balance at all has a threshold of 0: say so rather than "above 0.0%".
            from_zero = r["threshold"] == 0
            chosen.append(
                Finding(
                    kind="early_warning",
                    severity="alert",
                    subject_level=dimension,
                    subject_id=r["dimension_value"],
                    subject_name=name,
                    statement_key="retro_early_warning" + ("_from_zero" if from_zero else ""),
                    values={
                        "level": dimension,
                        "name": name,
                        "overdue_rate": r["overdue_rate"],
                        "threshold": r["threshold"],
                        "history_mean": r["history_mean"],
                        "history_stddev": r["history_stddev"],
                        "lookback": lookback,
                        "snapshot_date": r["snapshot_date"],
                        "balance": float(r["balance"]),
                        "balance_dpd1": float(r["balance_dpd1"]),
                        "excess_overdue_balance": excess,
                    },
                    page="credit",
                    link_params=link_params(filters, retro, **{_EW_URL_PARAMS[dimension]: r["dimension_value"]}),
                    rank=excess,
                    materiality=float(excess or 0.0),  # the overdue balance above the threshold: money at risk
                )
            )
        findings += _sorted(chosen)[:cap]
    return findings


def _above_threshold(overdue: object, balance: object, threshold: float | None) -> bool:
    """overdue / balance > threshold, exactly (the balances as decimals, the threshold as the double it is).

    A zero overdue balance never fires, whatever the threshold (a history of zeros gives a
    threshold of 0, and 0 is not above 0).
    """
    if threshold is None or not balance or not overdue:
        return False
    return Fraction(Decimal(str(overdue))) / Fraction(Decimal(str(balance))) > Fraction(threshold)


# --------------------------------------------------------------------------------------------
# 5. Growth bought with quality: top-quarter volume, worst-quarter 30+ at MOB 3


def _top_quarter(values: dict[str, object]) -> dict[str, tuple[bool, int]]:
    """For each key: whether its value is in the top quarter (fewer than a quarter of the values are strictly
    higher) and its rank (1 + the number strictly higher; ties share a rank)."""
    ordered = sorted(values.values())
    out = {}
    for key, value in values.items():
        ahead = len(ordered) - bisect.bisect_right(ordered, value)
        out[key] = (4 * ahead < len(ordered), ahead + 1)
    return out


def growth_with_poor_quality(
    con: duckdb.DuckDBPyConnection, filters: Filters, retro: RetroPeriod, *, min_loans: int = QUALITY_MIN_LOANS
) -> pl.DataFrame:
    """Account managers compared on volume and early quality, with the two quarter tests (one row each).

    Compared: officers with at least `min_loans` loans in the vintages behind their early
    delinquency (teams.book_quality's early_dpd30: 30+ at MOB 3 over the latest 12 vintages
    that have reached MOB 3 by the period's snapshot, by balance over original principal).
    volume = their disbursed amount in the 12 months up to the period's last day. Top quarter:
    fewer than a quarter of the compared officers disbursed more; worst quarter: fewer than a
    quarter have a higher early_dpd30, and it is above the scope's own early_dpd30 (all the
    officers' loans pooled: their 30+ balances at MOB 3 over their original principal) — where
    most officers have no early delinquency at all, a quarter "worst" would otherwise include
    rates far better than the book's.
    """
    period = filters.for_period(retro.period)
    quality = teams.book_quality(con, period, "officer")
    snapshot = credit.series_date_on_or_before(con, retro.period.end)  # vintages: the month-end series
    vintages = teams.early_vintages(snapshot)
    schema = {
        "value": pl.String,
        "name": pl.String,
        "team_id": pl.String,
        "volume": pl.Decimal(18, 2),
        "early_loans": pl.Int64,
        "early_principal": pl.Float64,
        "early_dpd30": pl.Float64,
        "volume_rank": pl.Int64,
        "quality_rank": pl.Int64,
        "officers": pl.Int64,
        "top_volume": pl.Boolean,
        "worst_quality": pl.Boolean,
        "scope_early_dpd30": pl.Float64,
        "snapshot_date": pl.Date,
    }
    if vintages is None or quality.is_empty():
        return pl.DataFrame(schema=schema)
    where, params = dimension_clause(filters, "p")
    # How many loans stand behind each officer's early rate: the count of the same vintages.
    loans = dict(
        frame(
            con,
            f"""
            select p.officer_id, sum(p.loans)::BIGINT
            from agg_vintage_principal as p
            where p.vintage_month between ? and ? and {where}
            group by 1
            """,
            [*vintages, *params],
        ).iter_rows()
    )
    window = Period(_window_start(retro.period.end), retro.period.end)
    board = {r["value"]: r for r in leaderboard(con, filters.for_period(window), "officer").iter_rows(named=True)}
    compared = {
        r["value"]: r
        for r in quality.iter_rows(named=True)
        if r["value"] is not None and loans.get(r["value"], 0) >= min_loans and r["early_dpd30"] is not None
    }
    volumes = {v: Decimal(board[v]["amount"]) if v in board else Decimal(0) for v in compared}
    pooled = quality.select(pl.col("early_balance_dpd30").sum(), pl.col("early_principal").sum()).row(0)
    scope_rate = pooled[0] / pooled[1] if pooled[1] else 0.0
    # Compared exactly, in cents: an officer at exactly the scope's rate is not worse than it.
    exact_scope = Fraction(_cents(pooled[0]), _cents(pooled[1])) if pooled[1] else Fraction(0)
    rates = {v: r["early_dpd30"] for v, r in compared.items()}
    volume_quarters, rate_quarters = _top_quarter(volumes), _top_quarter(rates)
    rows = []
    for value, r in compared.items():
        top_volume, volume_rank = volume_quarters[value]
        worst_quality, quality_rank = rate_quarters[value]
        names = board.get(value, {})
        rows.append(
            {
                "value": value,
                "name": names.get("name"),
                "team_id": names.get("team_id"),
                "volume": volumes[value],
                "early_loans": loans[value],
                "early_principal": r["early_principal"],
                "early_dpd30": r["early_dpd30"],
                "volume_rank": volume_rank,
                "quality_rank": quality_rank,
                "officers": len(compared),
                "top_volume": top_volume,
                "worst_quality": worst_quality
                and bool(r["early_principal"])
                and Fraction(_cents(r["early_balance_dpd30"]), _cents(r["early_principal"])) > exact_scope,
                "scope_early_dpd30": scope_rate,
                "snapshot_date": r["snapshot_date"],
            }
        )
    return pl.DataFrame(rows, schema=schema).sort(["volume_rank", "value"])


def _cents(amount: object) -> Fraction:
    """A sum of money (a double from the aggregates) as its exact amount in cents."""
    return Fraction(Decimal(str(round(float(amount or 0), 2))))


def _window_start(end: date, months: int = QUALITY_VOLUME_MONTHS) -> date:
    """The first day of the `months`-month window that ends on `end` (12 months: 2026-11-15 → 2025-11-16)."""
    year, month0 = divmod(end.year * 12 + end.month - 1 - months, 12)
    same_day = date(year, month0 + 1, min(end.day, calendar.monthrange(year, month0 + 1)[1]))
    return same_day + timedelta(days=1)


def growth_quality_findings(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    retro: RetroPeriod,
    *,
    min_loans: int = QUALITY_MIN_LOANS,
    cap: int = GROWTH_QUALITY_CAP,
) -> list[Finding]:
    """Account managers in the top quarter by volume and the worst quarter by 30+ DPD at MOB 3, at most `cap`.

    Ranked by their excess early delinquency: (their rate − the scope's rate) × their
    original principal in those vintages, the 30+ balance beyond what the book's own rate
    would have given.
    """
    compared = growth_with_poor_quality(con, filters, retro, min_loans=min_loans)
    findings = []
    for r in compared.filter(pl.col("top_volume") & pl.col("worst_quality")).iter_rows(named=True):
        name = r["name"] or r["value"]
        findings.append(
            Finding(
                kind="growth_with_poor_quality",
                severity="alert",
                subject_level="officer",
                subject_id=r["value"],
                subject_name=name,
                statement_key="retro_growth_poor_quality",
                values={
                    "name": name,
                    "volume": float(r["volume"]),
                    "months": QUALITY_VOLUME_MONTHS,
                    "period_end": retro.period.end,
                    "volume_rank": r["volume_rank"],
                    "officers": r["officers"],
                    "early_dpd30": r["early_dpd30"],
                    "scope_early_dpd30": r["scope_early_dpd30"],
                    "quality_rank": r["quality_rank"],
                    "early_loans": r["early_loans"],
                    "early_principal": r["early_principal"],
                    "snapshot_date": r["snapshot_date"],
                    "team_id": r["team_id"],
                },
                page="teams",
                link_params=link_params(filters, retro, drill=f"officer:{r['value']}"),
                rank=(r["early_dpd30"] - r["scope_early_dpd30"]) * r["early_principal"],
                # the 30+ balance beyond what the book's own rate would have given
                materiality=(r["early_dpd30"] - r["scope_early_dpd30"]) * r["early_principal"],
            )
        )
    return _sorted(findings)[:cap]


# --------------------------------------------------------------------------------------------
# 6. Strategic customers who moved into at_risk, cant_lose or hibernating


def strategic_customer_findings(
    con: duckdb.DuckDBPyConnection, filters: Filters, retro: RetroPeriod, *, cap: int = STRATEGIC_CAP
) -> list[Finding]:
    """Strategic-tier customers now in a risk segment who were not in one at the previous period's end.

    Compares the RFM as-of chosen by this period's last day with the one chosen by the
    previous period's last day (the latest as-of on or before each: month-ends and the
    build's as-of). RFM is scored monthly, so a move shows in the one retrospective whose
    period takes in the month-end; when both days choose the same as-of nothing can have
    moved and there is no finding. Largest borrowing (monetary) first.
    """
    now = customers.latest_as_of_on_or_before(con, retro.period.end)
    then = customers.latest_as_of_on_or_before(con, retro.previous.end)
    if now is None or now == then:
        return []
    moved = customers.moved_into_risk(con, filters, since=retro.previous.end, as_of=now, limit=None).filter(
        pl.col("tier") == "strategic"
    )
    findings = []
    for r in moved.iter_rows(named=True):
        findings.append(
            Finding(
                kind="strategic_customer_at_risk",
                severity="alert",
                subject_level="customer",
                subject_id=r["customer_id"],
                subject_name=r["customer_id"],
                statement_key="retro_strategic_at_risk",
                values={
                    "name": r["customer_id"],
                    "segment": r["segment"],
                    "previous_segment": r["previous_segment"],
                    "from_as_of": then,
                    "to_as_of": now,
                    "monetary": float(r["monetary"]),
                    "max_principal": float(r["max_principal"]),
                    "region_id": r["region_id"],
                    "officer_id": r["officer_id"],
                    "officer_name": r["officer_name"],
                    "outstanding_principal": None
                    if r["outstanding_principal"] is None
                    else float(r["outstanding_principal"]),
                    "max_dpd": r["max_dpd"],
                },
                page="customers",
                link_params=link_params(filters, retro),
                rank=float(r["monetary"]),
                materiality=float(r["outstanding_principal"] or 0),  # the balance that may leave with them
            )
        )
    return sorted(findings, key=lambda f: -f.materiality)[:cap]


# --------------------------------------------------------------------------------------------

RULES: dict[str, Callable[..., list[Finding]]] = {
    "disbursement_change": disbursement_change_findings,
    "funnel_flag": funnel_flag_findings,
    "target": target_findings,
    "early_warning": early_warning_findings,
    "growth_with_poor_quality": growth_quality_findings,
    "strategic_customer_at_risk": strategic_customer_findings,
}


TOP_TOPICS: dict[str, str] = {"target_below": "target", "target_bonus": "target"}
"""Kinds that answer the same question of the meeting share one place in the Top (teams against target)."""


def find_all(
    con: duckdb.DuckDBPyConnection, filters: Filters, retro: RetroPeriod, *, settings_: RetroSettings | None = None
) -> list[Finding]:
    """Every finding of the retrospective worth a line, in the order the page and the report show them.

    `settings_` defaults to the warehouse's [retrospective] configuration (retro_settings). See `arrange`.
    """
    found = [f for rule in RULES.values() for f in rule(con, filters, retro)]
    return arrange(found, settings_ or retro_settings(con))


def arrange(findings: list[Finding], settings_: RetroSettings) -> list[Finding]:
    """The findings shown, in order: the Top ones (marked `top`), then the rest by kind.

    1. A finding below the materiality floor is dropped (one at the floor is kept).
    2. Of each kind, at most max_per_kind are kept, the most material first.
    3. The Top: the most material finding of each of the meeting's questions (TOP_TOPICS: who moved
       the amount, the funnel, targets — below or above —, early warnings, growth with poor
       quality, strategic customers), the top_findings largest of them, the largest first. One per
       question, so the Top reads across them rather than five shares of the same change.
    4. The rest by kind in FINDING_KINDS order, the most material first within a kind.
    Ties keep the rules' own order.
    """
    order = {kind: i for i, kind in enumerate(FINDING_KINDS)}
    shown = [f for f in findings if f.materiality >= settings_.materiality_floor]
    by_kind: dict[str, list[Finding]] = {}
    for f in sorted(shown, key=lambda f: -f.materiality):  # stable: ties keep the rules' order
        by_kind.setdefault(f.kind, []).append(f)
    kept = {kind: members[: settings_.max_per_kind] for kind, members in by_kind.items()}
    leaders: dict[str, Finding] = {}
    for kind in sorted(kept, key=order.__getitem__):
        topic = TOP_TOPICS.get(kind, kind)
        if topic not in leaders or kept[kind][0].materiality > leaders[topic].materiality:
            leaders[topic] = kept[kind][0]
    top = sorted(leaders.values(), key=lambda f: (-f.materiality, order[f.kind]))[: settings_.top_findings]
    rest = [f for kind in sorted(kept, key=order.__getitem__) for f in kept[kind] if not any(f is t for t in top)]
    return [replace(f, top=True) for f in top] + rest
