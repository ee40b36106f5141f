"""The retrospective as a report to send: one self-contained HTML file, or an Excel workbook.

`build_report` gathers what the Retrospective page shows — the scoreboard, the findings, the
summary and the action items — into a `Report`; `to_html` and `to_excel` render that same
object, so the page's download, the scheduled `python -m pipelines report` and the page
itself agree by construction.

The HTML file works offline and alone: plotly.js is inlined once in the head, every chart is
a plotly figure drawn by it, styles are inline, fonts are the reader's own, and nothing is
fetched from anywhere. The workbook has one sheet per section, numbers as numbers.

No Streamlit here (the command line must run without it): the only UI modules used are the
plain ones, `ui.format` (money in K/M/B or 万/亿) and `ui.i18n` (labels shared with the pages).
"""

from __future__ import annotations

import html
import io
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

import duckdb
import plotly.graph_objects as go
import plotly.io as pio
import polars as pl
import xlsxwriter
from plotly.offline import get_plotlyjs

from pipelines import periods
from pipelines.metrics import all_definitions
from pipelines.queries._sales import settings
from pipelines.queries.dimensions import dimensions
from pipelines.queries.filters import Filters, Scope
from pipelines.queries.overview import INDICATORS
from pipelines.retro import FINDING_KINDS, ActionItem, Finding, RetroPeriod
from pipelines.retro.findings import STATEMENTS, VALUE_UNITS, find_all, render
from pipelines.retro.periods import biweekly_anchor, retro_period, warehouse_as_of
from pipelines.retro.scoreboard import Scoreboard, scoreboard
from pipelines.retro.store import RetroKey, RetroStore, Summary, scope_values
from pipelines.warehouse import connect, db_path
from ui import format as fmt
from ui.i18n import TEXT as UI_TEXT

LANGS = ("en", "zh")

# The report's own labels; everything else comes from ui/i18n.py. The UI will merge these into its table.
REPORT_TEXT: dict[str, dict[str, str]] = {
    "report_title": {"en": "Biweekly retrospective", "zh": "双周复盘"},
    "report_period": {"en": "{start} – {end}", "zh": "{start} 至 {end}"},
    "meta_period": {"en": "Period", "zh": "本期"},
    "meta_previous": {"en": "Previous period", "zh": "上期"},
    "meta_last_year": {"en": "Same period last year", "zh": "去年同期"},
    "meta_scope": {"en": "Scope", "zh": "范围"},
    "meta_as_of": {"en": "Data as of", "zh": "数据截至"},
    "meta_generated": {"en": "Generated", "zh": "生成时间"},
    "scope_company": {"en": "Whole company", "zh": "全公司"},
    "section_scoreboard": {"en": "Scoreboard", "zh": "核心指标"},
    "section_trends": {"en": "Trends (last eight periods)", "zh": "趋势 (近八期)"},
    "section_targets": {"en": "Target attainment and pacing", "zh": "目标达成与进度"},
    "section_findings": {"en": "Findings", "zh": "发现"},
    "section_summary": {"en": "Summary", "zh": "总结"},
    "section_actions": {"en": "Action items", "zh": "行动项"},
    "col_indicator": {"en": "Indicator", "zh": "指标"},
    "col_unit": {"en": "Unit", "zh": "单位"},
    "col_value": {"en": "This period", "zh": "本期"},
    "col_previous": {"en": "Previous period", "zh": "上期"},
    "col_change_previous": {"en": "Change vs previous", "zh": "环比变化"},
    "col_relative_change_previous": {"en": "Relative change vs previous", "zh": "环比变化率"},
    "col_last_year": {"en": "Same period last year", "zh": "去年同期"},
    "col_change_last_year": {"en": "Change vs last year", "zh": "同比变化"},
    "col_relative_change_last_year": {"en": "Relative change vs last year", "zh": "同比变化率"},
    "col_snapshot": {"en": "Measured at snapshot", "zh": "快照日期"},
    "col_band": {"en": "Band", "zh": "档位"},
    "col_level": {"en": "Level", "zh": "层级"},
    "col_amount": {"en": "Disbursed amount", "zh": "放款金额"},
    "col_month": {"en": "Month", "zh": "月份"},
    "col_month_amount": {"en": "Month to date amount", "zh": "本月累计放款"},
    "col_month_attainment": {"en": "Month attainment so far", "zh": "本月目前达成率"},
    "col_month_pacing": {"en": "Month pacing", "zh": "本月进度"},
    "col_month_pacing_band": {"en": "Month pacing band", "zh": "本月进度档位"},
    "col_period_start": {"en": "Period start", "zh": "期初"},
    "col_period_end": {"en": "Period end", "zh": "期末"},
    "col_kind": {"en": "Kind", "zh": "类别"},
    "col_severity": {"en": "Severity", "zh": "级别"},
    "col_subject": {"en": "Subject", "zh": "对象"},
    "col_subject_id": {"en": "Subject id", "zh": "对象编号"},
    "col_statement": {"en": "Statement", "zh": "说明"},
    "col_figures": {"en": "Figures", "zh": "数据"},
    "col_link": {"en": "Link", "zh": "链接"},
    "col_section": {"en": "Section", "zh": "部分"},
    "col_materiality": {"en": "Money at stake", "zh": "涉及金额"},
    "col_group": {"en": "Group", "zh": "分组"},
    "col_item_id": {"en": "Item", "zh": "编号"},
    "col_what": {"en": "What", "zh": "事项"},
    "col_owner": {"en": "Owner", "zh": "负责人"},
    "col_due": {"en": "Due", "zh": "截止日期"},
    "col_status": {"en": "Status", "zh": "状态"},
    "col_agreed_in": {"en": "Agreed in", "zh": "议定于"},
    "col_carried_from": {"en": "Carried from item", "zh": "结转自"},
    "col_field": {"en": "Field", "zh": "项目"},
    "col_text": {"en": "Text", "zh": "内容"},
    "summary_version": {"en": "Version", "zh": "版本"},
    "summary_saved_by": {"en": "Saved by", "zh": "保存人"},
    "summary_saved_at": {"en": "Saved at", "zh": "保存时间"},
    "summary_saved_line": {
        "en": "Version {version}, saved by {who} at {when}",
        "zh": "第 {version} 版, {who} 保存于 {when}",
    },
    "no_summary": {"en": "No summary has been written yet.", "zh": "尚未填写总结。"},
    "no_findings": {"en": "No findings for this period.", "zh": "本期没有发现。"},
    "no_items": {"en": "None.", "zh": "无。"},
    "no_targets": {
        "en": "No targets apply to these filters (targets are set per team and product line).",
        "zh": "当前筛选没有对应的目标 (目标按团队和产品线设定)。",
    },
    "items_agreed": {"en": "Agreed in this retrospective", "zh": "本次复盘议定"},
    "items_waiting": {"en": "Still open from earlier retrospectives", "zh": "以往复盘未完成的行动项"},
    "status_open": {"en": "Open", "zh": "进行中"},
    "status_done": {"en": "Done", "zh": "已完成"},
    "status_dropped": {"en": "Dropped", "zh": "已取消"},
    "status_carried": {"en": "Carried forward", "zh": "已结转"},
    "severity_alert": {"en": "Alert", "zh": "警示"},
    "severity_watch": {"en": "Watch", "zh": "关注"},
    "severity_good": {"en": "Good news", "zh": "利好"},
    "kind_disbursement_change": {"en": "Who moved the disbursed amount", "zh": "放款金额变化的来源"},
    "kind_funnel_flag": {"en": "Flagged funnel stages", "zh": "漏斗预警环节"},
    "kind_target_below": {"en": "Teams below 80% of target", "zh": "低于目标 80% 的团队"},
    "kind_target_bonus": {"en": "Teams in the bonus tier", "zh": "进入奖励档的团队"},
    "kind_early_warning": {"en": "Early-warning flags", "zh": "风险预警"},
    "kind_growth_with_poor_quality": {"en": "Growth bought with quality", "zh": "以质量换规模"},
    "kind_strategic_customer_at_risk": {"en": "Strategic customers at risk", "zh": "战略客户流失风险"},
    "level_company": {"en": "Company", "zh": "公司"},
    "level_region": {"en": "Region", "zh": "区域"},
    "level_team": {"en": "Team", "zh": "团队"},
    "level_officer": {"en": "Account manager", "zh": "客户经理"},
    "level_product_line": {"en": "Product line", "zh": "产品线"},
    "level_channel": {"en": "Channel", "zh": "渠道"},
    "level_customer": {"en": "Customer", "zh": "客户"},
    "unit_money": {"en": "¥", "zh": "元"},
    "unit_count": {"en": "count", "zh": "数量"},
    "unit_ratio": {"en": "ratio", "zh": "比率"},
    "unit_days": {"en": "days", "zh": "天"},
    "target_line": {"en": "Base target", "zh": "基础目标"},
    "stretch_line": {"en": "Stretch target", "zh": "冲刺目标"},
    "attainment_by": {"en": "Attainment by {level}", "zh": "各{level}目标达成率"},
    # Figures behind findings
    "figure_amount": {"en": "Disbursed amount", "zh": "放款金额"},
    "figure_previous_amount": {"en": "Previous period's amount", "zh": "上期放款金额"},
    "figure_contribution": {"en": "Contribution to the change", "zh": "对变化的贡献"},
    "figure_total_change": {"en": "Total change", "zh": "总变化"},
    "figure_share_of_change": {"en": "Share of the change", "zh": "占变化比例"},
    "figure_stage": {"en": "Stage", "zh": "环节"},
    "figure_loss": {"en": "Stage loss", "zh": "环节流失率"},
    "figure_threshold": {"en": "Threshold", "zh": "阈值"},
    "figure_previous_loss": {"en": "Previous period's loss", "zh": "上期流失率"},
    "figure_loss_change": {"en": "Change in loss", "zh": "流失率变化"},
    "figure_entering": {"en": "Leads entering the stage", "zh": "进入该环节的线索"},
    "figure_reached": {"en": "Leads reaching it", "zh": "到达该环节的线索"},
    "figure_over_threshold": {"en": "Over its threshold", "zh": "超过阈值"},
    "figure_worsened": {"en": "Worsened by more than the allowed share", "zh": "恶化超过允许幅度"},
    "figure_cohort_leads": {"en": "Leads in the cohort", "zh": "队列线索数"},
    "figure_cohort_complete": {"en": "Cohort window complete", "zh": "队列转化窗口已结束"},
    "figure_window_complete_share": {"en": "Share of leads past their window", "zh": "已过转化窗口的线索占比"},
    "figure_leads_beyond_threshold": {"en": "Leads lost beyond the threshold", "zh": "超出阈值的流失线索"},
    "figure_benchmark_loss": {"en": "Overall loss", "zh": "整体流失率"},
    "figure_excess_leads": {"en": "Leads lost beyond the overall rate", "zh": "超出整体流失率的线索"},
    "figure_band": {"en": "Band", "zh": "档位"},
    "figure_red_below": {"en": "Red below", "zh": "红色线"},
    "figure_bonus_from": {"en": "Bonus tier from", "zh": "奖励档起点"},
    "figure_pacing": {"en": "Period unfinished (pacing)", "zh": "期间未结束 (按进度)"},
    "figure_history_mean": {"en": "Mean of previous month-ends", "zh": "前几个月末均值"},
    "figure_history_stddev": {"en": "Standard deviation", "zh": "标准差"},
    "figure_lookback": {"en": "Month-ends looked back", "zh": "回看月末数"},
    "figure_snapshot_date": {"en": "Snapshot", "zh": "快照日期"},
    "figure_balance": {"en": "Outstanding balance", "zh": "贷款余额"},
    "figure_excess_overdue_balance": {"en": "Overdue balance above the threshold", "zh": "超出阈值的逾期余额"},
    "figure_volume": {"en": "Disbursed in the window", "zh": "窗口内放款"},
    "figure_months": {"en": "Months", "zh": "月数"},
    "figure_period_end": {"en": "Up to", "zh": "截至"},
    "figure_volume_rank": {"en": "Volume rank", "zh": "放款排名"},
    "figure_officers": {"en": "Account managers compared", "zh": "参与比较的客户经理"},
    "figure_early_dpd30": {"en": "30+ DPD at MOB 3", "zh": "账龄 3 个月逾期 30+ 占比"},
    "figure_scope_early_dpd30": {"en": "30+ DPD at MOB 3, overall", "zh": "整体账龄 3 个月逾期 30+ 占比"},
    "figure_quality_rank": {"en": "Quality rank (worst first)", "zh": "质量排名 (最差在前)"},
    "figure_early_loans": {"en": "Loans at MOB 3", "zh": "账龄 3 个月的贷款笔数"},
    "figure_early_principal": {"en": "Their principal", "zh": "其本金"},
    "figure_segment": {"en": "Segment now", "zh": "当前分群"},
    "figure_previous_segment": {"en": "Segment before", "zh": "此前分群"},
    "figure_from_as_of": {"en": "From", "zh": "从"},
    "figure_to_as_of": {"en": "To", "zh": "至"},
    "figure_monetary": {"en": "Borrowed in the window", "zh": "窗口内借款"},
    "figure_max_principal": {"en": "Largest loan", "zh": "最大单笔"},
    "figure_officer_name": {"en": "Account manager", "zh": "客户经理"},
    "figure_outstanding_principal": {"en": "Outstanding principal", "zh": "未偿本金"},
    "figure_max_dpd": {"en": "Most days past due", "zh": "最大逾期天数"},
    "figure_lead_value": {"en": "Disbursed per lead past the stage", "zh": "通过该环节的每条线索放款额"},
    "figures_and_link": {"en": "Figures and link", "zh": "数据与链接"},
    "yes": {"en": "yes", "zh": "是"},
    "no": {"en": "no", "zh": "否"},
    "open_in_app": {"en": "Open in the app", "zh": "在应用中打开"},
    "snapshot_note": {"en": "at {date}", "zh": "截至 {date}"},
    "same_snapshot": {
        "en": "both periods end after the same snapshot",
        "zh": "两期对应同一快照",
    },
}

# The attainment band colours of ui/charts.py (which imports Streamlit); a test keeps the two equal.
BAND_COLOURS = {"red": "#d62728", "amber": "#ff9f1c", "green": "#2ca02c", "bonus": "#1f77b4"}
TARGET_COLOUR = "#555555"
STRETCH_COLOUR = "#999999"
LINE_COLOUR = "#0072B2"
SEVERITY_COLOURS = {"alert": "#d62728", "watch": "#ff9f1c", "good": "#2ca02c"}
GOOD, BAD, NEUTRAL = "#1a7f37", "#c62828", "#555555"
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def text(key: str, lang: str, **values: object) -> str:
    """A label of the report in `lang` (its own table first, then the app's)."""
    entry = REPORT_TEXT.get(key) or UI_TEXT.get(key)
    if entry is None:
        raise KeyError(f"no text for {key!r}")
    value = entry[lang]
    return value.format(**values) if values else value


def _indicator_label(indicator: str, lang: str) -> str:
    # The Overview's tile labels; the conversion's key is shorter there.
    key = {"lead_to_disbursed_conversion": "lead_to_disbursed"}.get(indicator, indicator)
    return text(key, lang)


# ---------------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    """Everything the retrospective shows, gathered once; `to_html` and `to_excel` only render it."""

    lang: str
    retro: RetroPeriod
    key: RetroKey
    scope_rows: tuple[tuple[str, str], ...]  # (label, value) of each dimension filter; empty = whole company
    as_of: date
    generated_at: str
    scoreboard: Scoreboard
    findings: tuple[Finding, ...]
    summary: Summary
    action_items: tuple[ActionItem, ...]  # agreed in this retrospective
    earlier_open_items: tuple[ActionItem, ...]  # still open from earlier retrospectives of the same scope
    band_bounds: tuple[float, float, float] = (0.8, 1.0, 1.2)  # configured attainment bounds: red, green, bonus
    app_url: str | None = None  # where the app runs, for links to the views behind the findings


def _scope_rows(con: duckdb.DuckDBPyConnection, filters: Filters, lang: str) -> tuple[tuple[str, str], ...]:
    """The retrospective's scope in words, e.g. (("Region", "East China (R01)"),); empty for the whole company."""
    dims = dimensions(con)
    named = {
        "region_ids": ("region", dims.regions, "region_id", "region_name"),
        "team_ids": ("team", dims.teams, "team_id", "team_name"),
        "officer_ids": ("officer", dims.officers, "officer_id", "officer_name"),
        "channel_ids": ("channel", dims.channels, "channel_id", "channel_name"),
    }
    rows = []
    for attribute, values in scope_values(filters).items():  # the same values the store's key is made of
        if attribute in named:
            label, frame, id_column, name_column = named[attribute]
            lookup = dict(zip(frame[id_column], frame[name_column], strict=True))
            # No values: a filter wholly outside the access scope, which covers nothing.
            shown = ", ".join(f"{lookup.get(v, v)} ({v})" for v in values) or "—"
        else:
            label = {"product_lines": "product_line", "customer_types": "customer_type"}[attribute]
            shown = ", ".join(text(f"{label}_{v}", lang) for v in values)
        rows.append((text(label, lang), shown))
    return tuple(rows)


def build_report(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    retro: RetroPeriod,
    store: RetroStore | None,
    lang: str = "en",
    *,
    findings: list[Finding] | None = None,
    app_url: str | None = None,
    generated_at: str | None = None,
) -> Report:
    """The retrospective of `retro` under the filters' dimensions (their own period is ignored).

    `findings` defaults to the findings engine's; `store` None gives a report without summary
    and action items. `app_url` (e.g. http://dashboard.local:8501) turns each finding's view
    into a link.
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    key = RetroKey.for_filters(retro.period.start, filters)
    config = settings(con)
    if findings is None:
        findings = find_all(con, filters, retro)
    if store is None:
        summary, items, earlier = Summary(key, "", 0, "", None), [], []
    else:
        summary, items, earlier = store.summary(key), store.items(key), store.open_items_before(key)
    return Report(
        lang=lang,
        retro=retro,
        key=key,
        scope_rows=_scope_rows(con, filters, lang),
        as_of=warehouse_as_of(con),
        generated_at=generated_at or datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        scoreboard=scoreboard(con, filters, retro),
        findings=tuple(findings),
        summary=summary,
        action_items=tuple(items),
        earlier_open_items=tuple(earlier),
        band_bounds=(float(config.band_red_below), float(config.band_green_from), float(config.band_bonus_from)),
        app_url=app_url,
    )


# ---------------------------------------------------------------------------------------------
# Formatting shared by both renderings
# ---------------------------------------------------------------------------------------------


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_value(value: float | None, unit: str, lang: str) -> str:
    """A figure in its unit: ¥ with K/M/B or 万/亿, a count, a percentage, days."""
    if unit == "money":
        return fmt.money(value, lang)
    if unit == "count":
        return fmt.count(value)
    if unit == "days":
        return fmt.days(value, lang)
    return fmt.percent(value)


def format_change(change: float | None, relative: float | None, unit: str, lang: str) -> str:
    """A change in the unit's natural terms: percent for amounts and counts, points for ratios, days for days."""
    if unit in ("money", "count"):
        return fmt.percent(relative, signed=True)
    if _missing(change):
        return fmt.MISSING
    if unit == "days":
        return f"{change:+.1f} 天" if lang == "zh" else f"{change:+.1f} days"
    return fmt.points(change)


def _period_text(retro_period) -> str:
    return f"{retro_period.start.isoformat()} – {retro_period.end.isoformat()}"


def period_label(report: Report) -> str:
    """The reviewed period in words, e.g. "2026-11-02 – 2026-11-15 (2026-11-02/2w)"."""
    period = report.retro.period
    dates = text("report_period", report.lang, start=period.start.isoformat(), end=period.end.isoformat())
    return f"{dates} ({periods.to_text('biweekly', period)})"


# Units of the figures behind findings that are not statement placeholders (findings.VALUE_UNITS has those).
FIGURE_UNITS: dict[str, str] = {
    "share_of_change": "ratio",
    "loss_change": "ratio_change",
    "entering": "count",
    "reached": "count",
    "cohort_leads": "count",
    "window_complete_share": "ratio",
    "leads_beyond_threshold": "count",
    "stretch_attainment": "ratio",
    "band": "band",
    "history_stddev": "ratio",
    "balance": "money",
    "excess_overdue_balance": "money",
    "lead_value": "money",
    "early_loans": "count",
    "early_principal": "money",
    "max_principal": "money",
    "outstanding_principal": "money",
    "max_dpd": "count",
    "officer_name": "text",
}
HIDDEN_FIGURES = frozenset({"name", "level"})
"""Figures already said by the subject of the finding; ids (`*_id`) are left out too."""


def figure_unit(name: str) -> str:
    """How a finding's figure is shown: the findings engine's unit for statement placeholders, else ours."""
    return VALUE_UNITS.get(name) or FIGURE_UNITS.get(name, "text")


def format_figure(unit: str, value: object, lang: str) -> str:
    """A finding's figure in the report's formats (¥ with K/M/B or 万/亿, translated stages, segments and levels)."""
    if _missing(value):
        return fmt.MISSING
    if isinstance(value, bool):
        return text("yes" if value else "no", lang)
    if isinstance(value, date):
        return value.isoformat()
    if unit == "money":
        return fmt.money(float(value), lang)
    if unit == "money_signed":
        return ("+" if float(value) >= 0 else "") + fmt.money(float(value), lang)
    if unit == "ratio":
        return fmt.percent(float(value))
    if unit == "ratio_change":
        return fmt.points(float(value))
    if unit == "count":
        return fmt.count(float(value))
    for prefix, kind in (
        ("level_", "level"),
        ("stage_", "stage"),
        ("rfm_", "segment"),
        ("band_short_", "band"),
        ("product_line_", "product_line"),
    ):
        if unit == kind:
            key = f"{prefix}{value}"
            return text(key, lang) if key in REPORT_TEXT or key in UI_TEXT else str(value)
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def statement(finding: Finding, lang: str) -> str:
    """The finding's one-line statement in `lang` (the findings engine's text, filled with the report's formats)."""
    if finding.statement_key in STATEMENTS:
        return render(finding, lang, format_figure)
    # A finding whose text the engine does not know (e.g. made by hand): its subject and figures, plainly.
    figures = ", ".join(f"{figure_label(k, lang)} {v}" for k, v in shown_figures(finding, lang))
    return f"{finding.subject_name}: {figures}" if figures else finding.subject_name


def figure_label(name: str, lang: str) -> str:
    """A figure's label: the report's or the app's translation, else its key in words."""
    for key in (f"figure_{name}", name):
        if key in REPORT_TEXT or key in UI_TEXT:
            return text(key, lang)
    return name.replace("_", " ")


def shown_figures(finding: Finding, lang: str) -> list[tuple[str, str]]:
    """The figures behind a finding as (name, formatted value), without its subject and ids."""
    return [
        (name, format_figure(figure_unit(name), value, lang))
        for name, value in finding.values.items()
        if name not in HIDDEN_FIGURES and not name.endswith("_id") and value is not None
    ]


def finding_link(finding: Finding, app_url: str | None = None) -> str:
    """The view behind a finding: `page?params`, absolute when the app's address is known."""
    query = urlencode(finding.link_params, safe="/:,")  # 2026-11-02/2w and drill=team:T010 stay readable
    relative = finding.page + (f"?{query}" if query else "")
    return f"{app_url.rstrip('/')}/{relative}" if app_url else relative


def _higher_is_better() -> dict[str, bool | None]:
    definitions = all_definitions()
    return {key: definitions[key].higher_is_better if key in definitions else None for key in INDICATORS}


def _change_colour(change: float | None, higher_is_better: bool | None) -> str:
    if _missing(change) or change == 0 or higher_is_better is None:
        return NEUTRAL
    return GOOD if (change > 0) == higher_is_better else BAD


def _comparable(row: dict, snapshot_column: str) -> bool:
    """A credit indicator measured at the same snapshot in both periods has nothing to compare."""
    return row["snapshot_date"] is None or row["snapshot_date"] != row[snapshot_column]


# ---------------------------------------------------------------------------------------------
# Tables: one frame per section, with the report's column labels; the workbook writes them as
# they are, the HTML formats them
# ---------------------------------------------------------------------------------------------


def scoreboard_frame(report: Report) -> pl.DataFrame:
    """The twelve indicators: this period, previous, last year, changes, target, band."""
    lang = report.lang
    rows = []
    for r in report.scoreboard.indicators.iter_rows(named=True):
        rows.append(
            {
                text("col_indicator", lang): _indicator_label(r["indicator"], lang),
                text("col_unit", lang): text(f"unit_{r['unit']}", lang),
                text("col_value", lang): r["value"],
                text("col_previous", lang): r["previous_value"],
                text("col_change_previous", lang): r["change"] if _comparable(r, "previous_snapshot_date") else None,
                text("col_relative_change_previous", lang): (
                    r["relative_change"] if _comparable(r, "previous_snapshot_date") else None
                ),
                text("col_last_year", lang): r["last_year_value"],
                text("col_change_last_year", lang): r["change_vs_last_year"],
                text("col_relative_change_last_year", lang): r["relative_change_vs_last_year"],
                text("base_target", lang): r["base_target"],
                text("stretch_target", lang): r["stretch_target"],
                text("col_band", lang): text(f"band_short_{r['band']}", lang) if r["band"] else None,
                text("col_snapshot", lang): r["snapshot_date"],
            }
        )
    return pl.DataFrame(rows, infer_schema_length=None)


def trends_frame(report: Report) -> pl.DataFrame:
    """One row per period of the trend, one column per indicator (oldest period first)."""
    lang = report.lang
    trend = report.scoreboard.trend
    wide = trend.pivot(on="indicator", index=["period_start", "period_end"], values="value", aggregate_function=None)
    targets = (
        trend.filter(pl.col("indicator") == "disbursed_amount")
        .select("period_start", "base_target", "stretch_target")
        .rename({"base_target": text("base_target", lang), "stretch_target": text("stretch_target", lang)})
    )
    columns = [c for c in INDICATORS if c in wide.columns]
    return (
        wide.select("period_start", "period_end", *columns)
        .join(targets, on="period_start", how="left")
        .sort("period_start")
        .rename(
            {
                "period_start": text("col_period_start", lang),
                "period_end": text("col_period_end", lang),
                **{c: _indicator_label(c, lang) for c in columns},
            }
        )
    )


def targets_frame(report: Report) -> pl.DataFrame:
    """Per region and team: the period's attainment and band, the month's attainment so far and its pacing."""
    lang = report.lang
    frame = report.scoreboard.targets
    return pl.DataFrame(
        [
            {
                text("col_level", lang): text(f"level_{r['level']}", lang),
                text("name", lang): r["name"],
                text("region", lang): r["region_name"],
                text("col_amount", lang): None if r["amount"] is None else float(r["amount"]),
                text("base_target", lang): r["base_target"],
                text("attainment", lang): r["attainment"],
                text("stretch_attainment", lang): r["stretch_attainment"],
                text("col_band", lang): text(f"band_short_{r['band']}", lang) if r["band"] else None,
                text("pacing", lang): r["pacing"],
                text("col_month", lang): r["month_start"].strftime("%Y-%m") if r["month_start"] else None,
                text("col_month_amount", lang): None if r["month_amount"] is None else float(r["month_amount"]),
                text("col_month_attainment", lang): r["month_attainment"],
                text("col_month_pacing", lang): r["month_pacing"],
                text("col_month_pacing_band", lang): (
                    text(f"band_short_{r['month_pacing_band']}", lang) if r["month_pacing_band"] else None
                ),
            }
            for r in frame.iter_rows(named=True)
        ],
        schema={
            text("col_level", lang): pl.String,
            text("name", lang): pl.String,
            text("region", lang): pl.String,
            text("col_amount", lang): pl.Float64,
            text("base_target", lang): pl.Float64,
            text("attainment", lang): pl.Float64,
            text("stretch_attainment", lang): pl.Float64,
            text("col_band", lang): pl.String,
            text("pacing", lang): pl.Float64,
            text("col_month", lang): pl.String,
            text("col_month_amount", lang): pl.Float64,
            text("col_month_attainment", lang): pl.Float64,
            text("col_month_pacing", lang): pl.Float64,
            text("col_month_pacing_band", lang): pl.String,
        },
    )


def findings_frame(report: Report) -> pl.DataFrame:
    """One row per finding, in the page's order (the Top first, then by kind): its section, kind, severity, subject,
    statement, the money at stake, figures and the view that shows it."""
    lang = report.lang
    columns = ("col_section", "col_kind", "col_severity", "col_level", "col_subject_id", "col_subject", "col_statement")
    schema = {text(c, lang): pl.String for c in columns}
    schema[text("col_materiality", lang)] = pl.Float64
    schema |= {text(c, lang): pl.String for c in ("col_figures", "col_link")}
    top = sum(f.top for f in report.findings)
    rows = [
        dict(
            zip(
                schema,
                (
                    text("retro_top", lang, n=top) if f.top else text(f"kind_{f.kind}", lang),
                    text(f"kind_{f.kind}", lang),
                    text(f"severity_{f.severity}", lang),
                    text(f"level_{f.subject_level}", lang),
                    f.subject_id,
                    subject_label(f, lang),
                    statement(f, lang),
                    round(f.materiality, 2),
                    "; ".join(f"{figure_label(k, lang)}: {v}" for k, v in shown_figures(f, lang)),
                    finding_link(f, report.app_url),
                ),
                strict=True,
            )
        )
        for f in ordered_findings(report.findings)
    ]
    return pl.DataFrame(rows, schema=schema)


def subject_label(finding: Finding, lang: str) -> str:
    """The subject's display name: a product line by its translated label, else the name the data gives."""
    if finding.subject_level == "product_line" and finding.subject_id:
        return format_figure("product_line", finding.subject_id, lang)
    return finding.subject_name


def summary_frame(report: Report) -> pl.DataFrame:
    """The summary and who saved it, as (field, text) rows."""
    lang = report.lang
    s = report.summary
    rows = [
        (text("meta_period", lang), period_label(report)),
        (text("meta_scope", lang), scope_label(report)),
        (text("section_summary", lang), s.text),
        (text("summary_version", lang), str(s.version)),
        (text("summary_saved_by", lang), s.saved_by),
        (text("summary_saved_at", lang), s.saved_at or ""),
    ]
    return pl.DataFrame(rows, schema=[text("col_field", lang), text("col_text", lang)], orient="row")


def actions_frame(report: Report) -> pl.DataFrame:
    """This retrospective's action items, then the open ones waiting from earlier retrospectives."""
    lang = report.lang
    names = (
        "col_group",
        "col_item_id",
        "col_what",
        "col_owner",
        "col_due",
        "col_status",
        "col_agreed_in",
        "col_carried_from",
    )
    schema = dict(
        zip(
            (text(n, lang) for n in names),
            (pl.String, pl.Int64, pl.String, pl.String, pl.Date, pl.String, pl.Date, pl.Int64),
            strict=True,
        )
    )
    rows = []
    for group, items in (("items_agreed", report.action_items), ("items_waiting", report.earlier_open_items)):
        for item in items:
            values = (
                text(group, lang),
                item.item_id,
                item.what,
                item.owner,
                item.due_date,
                text(f"status_{item.status}", lang),
                item.period_start,
                item.carried_from,
            )
            rows.append(dict(zip(schema, values, strict=True)))
    return pl.DataFrame(rows, schema=schema)


def scope_label(report: Report) -> str:
    if not report.scope_rows:
        return text("scope_company", report.lang)
    return "; ".join(f"{label}: {value}" for label, value in report.scope_rows)


def ordered_findings(findings: tuple[Finding, ...] | list[Finding]) -> list[Finding]:
    """The findings in the page's order: the Top ones (as the engine ordered them), then the rest grouped by kind in
    FINDING_KINDS order, each kind in the engine's order (most material first)."""
    order = {kind: i for i, kind in enumerate(FINDING_KINDS)}
    # sorted() is stable: keeps the engine's order within the Top and within a kind.
    return sorted(findings, key=lambda f: (not f.top, -1 if f.top else order.get(f.kind, len(order))))


def sections(report: Report) -> list[tuple[str, pl.DataFrame]]:
    """The report's sections in order, as (section key, table): one sheet each in the workbook."""
    return [
        ("section_scoreboard", scoreboard_frame(report)),
        ("section_trends", trends_frame(report)),
        ("section_targets", targets_frame(report)),
        ("section_findings", findings_frame(report)),
        ("section_summary", summary_frame(report)),
        ("section_actions", actions_frame(report)),
    ]


# ---------------------------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------------------------


# The look of plotly's "plotly_white" in the few settings these charts use. Naming the built-in template
# would copy all of it into every figure of the file (and cost seconds of validation per report).
_AXIS = {"gridcolor": "#EBF0F8", "linecolor": "#EBF0F8", "zerolinecolor": "#EBF0F8", "automargin": True}
_TEMPLATE = {
    "layout": {
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": {"color": "#2a3f5f"},
        "hovermode": "closest",
        "xaxis": _AXIS,
        "yaxis": _AXIS,
    }
}


def _layout(fig: go.Figure, title: str, height: int, legend: bool = False) -> go.Figure:
    # Assigned, not updated: an update would merge into whatever template is the process's default
    # (the app sets one), and the file would then depend on what else was imported.
    fig.layout.template = _TEMPLATE
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 14}},
        height=height,
        margin={"l": 10, "r": 10, "t": 40 if title or legend else 10, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 1, "xanchor": "right"},
        showlegend=legend,
        hoverlabel={"namelength": -1},
        font={"family": "system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"},
    )
    return fig


def _money_scale(values: list[float], lang: str) -> tuple[float, str]:
    """A divisor and suffix so a money axis reads ¥1.2M / ¥1.2万 rather than raw digits."""
    top = max((abs(v) for v in values if not _missing(v)), default=0.0)
    steps = ((1e8, "亿"), (1e4, "万")) if lang == "zh" else ((1e9, "B"), (1e6, "M"), (1e3, "K"))
    for scale, suffix in steps:
        if top >= scale:
            return scale, suffix
    return 1.0, ""


def _axis(fig: go.Figure, unit: str, values: list[float], lang: str) -> Callable[[list], list]:
    """Set the y axis for the unit; returns how to turn values into plotted ones (money is scaled to K/M/B or 万/亿)."""
    if unit == "money":
        scale, suffix = _money_scale(values, lang)
        fig.update_yaxes(tickprefix="¥", ticksuffix=suffix, tickformat=",~f", rangemode="tozero")
        return lambda series: [None if _missing(v) else v / scale for v in series]
    if unit == "ratio":
        fig.update_yaxes(tickformat=".1~%", rangemode="tozero")
    else:
        fig.update_yaxes(rangemode="tozero", ticksuffix=" 天" if unit == "days" and lang == "zh" else "")
    return lambda series: series


def trend_figures(report: Report) -> list[tuple[str, go.Figure]]:
    """One small line chart per core indicator over the last eight periods (amount with its targets)."""
    lang = report.lang
    trend = report.scoreboard.trend
    units = dict(zip(report.scoreboard.indicators["indicator"], report.scoreboard.indicators["unit"], strict=True))
    figures = []
    for indicator in INDICATORS:
        rows = trend.filter(pl.col("indicator") == indicator).sort("period_start")
        if rows.is_empty():
            continue
        unit = units.get(indicator, "ratio")
        x = [d.strftime("%m-%d") for d in rows["period_start"]]
        spans = [
            f"{a.isoformat()} – {b.isoformat()}" for a, b in zip(rows["period_start"], rows["period_end"], strict=True)
        ]
        lines = [(rows["value"].to_list(), _indicator_label(indicator, lang), LINE_COLOUR, "solid")]
        if indicator == "disbursed_amount":
            lines += [
                (rows["base_target"].to_list(), text("target_line", lang), TARGET_COLOUR, "dash"),
                (rows["stretch_target"].to_list(), text("stretch_line", lang), STRETCH_COLOUR, "dot"),
            ]
        fig = go.Figure()
        fig.update_xaxes(type="category")  # period labels, not dates for plotly to reinterpret
        plotted = _axis(fig, unit, [v for series, *_ in lines for v in series], lang)
        for series, name, colour, dash in lines:
            fig.add_trace(
                go.Scatter(
                    x=x,
                    y=plotted(series),
                    name=name,
                    mode="lines+markers" if dash == "solid" else "lines",
                    line={"color": colour, "dash": dash, "width": 2 if dash == "solid" else 1.5},
                    text=[format_value(v, unit, lang) for v in series],
                    customdata=spans,
                    hovertemplate="%{customdata}: %{text}<extra>" + html.escape(name) + "</extra>",
                )
            )
        _layout(fig, _indicator_label(indicator, lang), height=230, legend=len(lines) > 1)
        if len(lines) > 1:  # the targets' legend goes under the small chart, where it covers nothing
            fig.update_layout(height=270, legend={"yanchor": "top", "y": -0.2, "x": 0, "xanchor": "left"})
        figures.append((indicator, fig))
    return figures


def target_figures(report: Report) -> list[tuple[str, go.Figure]]:
    """Attainment per region and per team as bars coloured by band, with the 80/100/120% lines."""
    lang = report.lang
    frame = report.scoreboard.targets
    figures = []
    for level in ("region", "team"):
        rows = frame.filter((pl.col("level") == level) & pl.col("attainment").is_not_null()).sort("attainment")
        if rows.is_empty():
            continue
        fig = go.Figure(
            go.Bar(
                x=rows["attainment"].to_list(),
                y=rows["name"].to_list(),
                orientation="h",
                marker={"color": [BAND_COLOURS.get(b, NEUTRAL) for b in rows["band"]]},
                text=[fmt.percent(v) for v in rows["attainment"]],
                textposition="outside",
                cliponaxis=False,
                customdata=[fmt.money(float(a), lang) for a in rows["amount"]],
                hovertemplate="%{y}: %{text} (%{customdata})<extra></extra>",
            )
        )
        for bound, dash in zip(report.band_bounds, ("dot", "solid", "dash"), strict=True):
            fig.add_vline(x=bound, line={"color": TARGET_COLOUR, "width": 1, "dash": dash})
        fig.update_xaxes(tickformat=".0%", rangemode="tozero")
        title = text("attainment_by", lang, level=text(f"level_{level}", lang))
        _layout(fig, title, height=max(220, 60 + 22 * rows.height))
        figures.append((f"targets_{level}", fig))
    return figures


# The figure each kind of finding is charted by, and the figure it is measured against (a threshold), if any.
FINDING_MEASURES: dict[str, tuple[str, str | None]] = {
    "disbursement_change": ("contribution", None),
    "funnel_flag": ("loss", "threshold"),
    "target_below": ("attainment", "red_below"),
    "target_bonus": ("attainment", "bonus_from"),
    "early_warning": ("overdue_rate", "threshold"),
    "growth_with_poor_quality": ("early_dpd30", "scope_early_dpd30"),
    "strategic_customer_at_risk": ("monetary", None),
}


def _finding_label(finding: Finding, lang: str) -> str:
    """A short label for a finding in a chart: its level, subject and, for funnel flags, the stage."""
    parts = []
    if finding.subject_level in ("region", "team", "officer", "product_line", "channel"):
        parts.append(text(f"level_{finding.subject_level}", lang))
    if finding.subject_name:
        parts.append(subject_label(finding, lang))
    if "stage" in finding.values:
        parts.append(format_figure("stage", finding.values["stage"], lang))
    return " · ".join(parts) or text(f"kind_{finding.kind}", lang)


def finding_chart(findings: list[Finding], lang: str) -> go.Figure | None:
    """The findings of one kind as horizontal bars of their measure, with their threshold marked where there is one."""
    kind = findings[0].kind
    measure, reference = FINDING_MEASURES.get(kind, (None, None))
    rows = [f for f in findings if measure and isinstance(f.values.get(measure), int | float | Decimal)]
    if not rows:
        return None
    unit = figure_unit(measure)
    labels, seen = [], {}
    for f in rows:  # bars on a category axis: equal labels would fall on one bar
        label = _finding_label(f, lang)
        seen[label] = seen.get(label, 0) + 1
        labels.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    values = [float(f.values[measure]) for f in rows]
    money = unit in ("money", "money_signed")
    scale, suffix = _money_scale(values, lang) if money else (1.0, "")
    if money:
        colours = [GOOD if v >= 0 else BAD for v in values] if unit == "money_signed" else [LINE_COLOUR] * len(rows)
    else:
        colours = [SEVERITY_COLOURS.get(f.severity, NEUTRAL) for f in rows]
    fig = go.Figure(
        go.Bar(
            x=[v / scale for v in values],
            y=labels,
            orientation="h",
            name=figure_label(measure, lang),
            marker={"color": colours},
            text=[format_figure(unit, v, lang) for v in values],
            textposition="auto",
            hovertext=[statement(f, lang) for f in rows],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    if reference and any(isinstance(f.values.get(reference), int | float) for f in rows):
        fig.add_trace(
            go.Scatter(
                x=[f.values.get(reference) for f in rows],
                y=labels,
                mode="markers",
                name=figure_label(reference, lang),
                marker={"symbol": "line-ns-open", "size": 18, "color": TARGET_COLOUR, "line": {"width": 2}},
                hovertemplate="%{x:.1%}<extra>" + html.escape(figure_label(reference, lang)) + "</extra>",
            )
        )
    if money:
        fig.update_xaxes(tickprefix="¥", ticksuffix=suffix, tickformat=",~f")
    else:
        fig.update_xaxes(tickformat=".0%", rangemode="tozero")
    fig.update_yaxes(autorange="reversed")  # the engine's order, most important at the top
    _layout(fig, "", height=max(160, 50 + 26 * len(rows)), legend=reference is not None)  # the heading names it
    return fig


def finding_figures(report: Report) -> dict[str, go.Figure]:
    """One chart per kind of finding present (see FINDING_MEASURES)."""
    grouped: dict[str, list[Finding]] = {}
    for f in ordered_findings(report.findings):
        if not f.top:  # the Top is a list across kinds; each kind's chart shows its group
            grouped.setdefault(f.kind, []).append(f)
    figures = {}
    for kind, findings in grouped.items():
        fig = finding_chart(findings, report.lang)
        if fig is not None:
            figures[kind] = fig
    return figures


# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------

_CSS = """
:root { --ink: #1f2328; --muted: #656d76; --line: #d0d7de; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei",
  sans-serif; }
header, main { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; border-bottom: 1px solid var(--line); }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 15px; margin: 20px 0 8px; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0 12px; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; }
nav { display: flex; flex-wrap: wrap; gap: 6px 16px; padding: 8px 0 12px; }
nav a { color: #0969da; text-decoration: none; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: right; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
th:first-child, td:first-child, td.text, th.text { text-align: left; }
.note { color: var(--muted); font-size: 12px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; color: #fff; font-size: 12px; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 12px; }
.chart { border: 1px solid var(--line); border-radius: 6px; padding: 4px; min-width: 0; }
.finding { border-left: 4px solid var(--line); padding: 4px 12px; margin: 8px 0; background: var(--soft); }
.finding p { margin: 0 0 4px; }
.finding summary { cursor: pointer; }
.figures { display: flex; flex-wrap: wrap; gap: 2px 16px; margin: 0; font-size: 13px; }
.figures dt { color: var(--muted); }
.figures dt::after { content: ":"; }
.figures dd { margin: 0 8px 0 -12px; }
.summary { white-space: pre-wrap; border: 1px solid var(--line); border-radius: 6px; padding: 12px; }
code { font-size: 12px; background: var(--soft); padding: 1px 4px; border-radius: 4px; }
footer { max-width: 1180px; margin: 32px auto; padding: 0 24px; color: var(--muted); font-size: 12px; }
@media print { nav { display: none; } .chart { break-inside: avoid; } }
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


class _Charts:
    """Numbers the chart divs so the file is the same for the same report (plotly would use random ids)."""

    def __init__(self) -> None:
        self.count = 0

    def render(self, fig: go.Figure, name: str) -> str:
        self.count += 1
        div = pio.to_html(
            fig,
            full_html=False,
            include_plotlyjs=False,  # the library is inlined once in the head
            include_mathjax=False,
            div_id=f"chart-{self.count}-{name}",
            config=PLOTLY_CONFIG,
        )
        return f'<div class="chart" data-chart="{_e(name)}">{div}</div>'


def _badge(colour: str, label: str) -> str:
    return f'<span class="badge" style="background:{colour}">{_e(label)}</span>'


def _band_badge(band: str | None, lang: str) -> str:
    return _badge(BAND_COLOURS.get(band, NEUTRAL), text(f"band_short_{band}", lang)) if band else ""


def _scoreboard_html(report: Report) -> str:
    lang = report.lang
    better = _higher_is_better()
    head = "".join(
        f"<th>{_e(text(k, lang))}</th>"
        for k in (
            "col_indicator",
            "col_value",
            "col_previous",
            "col_change_previous",
            "col_last_year",
            "col_change_last_year",
            "base_target",
        )
    )
    body = []
    for r in report.scoreboard.indicators.iter_rows(named=True):
        unit, indicator = r["unit"], r["indicator"]
        label = _e(_indicator_label(indicator, lang))
        if r["snapshot_date"] is not None:
            label += (
                f' <span class="note">{_e(text("snapshot_note", lang, date=r["snapshot_date"].isoformat()))}</span>'
            )
        if r.get("previous_as_of") is not None:  # conversion of a cohort still converting (SPEC §4.1)
            label += f' <span class="note">{_e(text("retro_same_age_note", lang))}</span>'
        label += " " + _band_badge(r["band"], lang)
        cells = [f'<td class="text">{label}</td>', f"<td><b>{_e(format_value(r['value'], unit, lang))}</b></td>"]
        for previous, change, relative, snapshot in (
            ("previous_value", "change", "relative_change", "previous_snapshot_date"),
            ("last_year_value", "change_vs_last_year", "relative_change_vs_last_year", "last_year_snapshot_date"),
        ):
            cells.append(f"<td>{_e(format_value(r[previous], unit, lang))}</td>")
            if _comparable(r, snapshot):
                colour = _change_colour(r[change], better.get(indicator))
                shown = format_change(r[change], r[relative], unit, lang)
                cells.append(f'<td style="color:{colour}">{_e(shown)}</td>')
            else:
                cells.append(f'<td class="note" title="{_e(text("same_snapshot", lang))}">{fmt.MISSING}</td>')
        # The amount carries its target; attainment is measured against it already.
        target = fmt.money(r["base_target"], lang) if indicator == "disbursed_amount" else ""
        cells.append(f"<td>{_e(target)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f'<table class="scoreboard"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _targets_table_html(report: Report) -> str:
    lang = report.lang
    frame = report.scoreboard.targets
    if frame.is_empty():
        return f'<p class="note">{_e(text("no_targets", lang))}</p>'
    keys = ("col_level", "name", "col_amount", "base_target", "attainment", "col_band")
    month_keys = ("col_month_attainment", "col_month_pacing")
    head = "".join(f"<th>{_e(text(k, lang))}</th>" for k in (*keys, *month_keys))
    body = []
    for r in frame.iter_rows(named=True):
        pacing_band = r["month_pacing_band"]
        pacing = fmt.percent(r["month_pacing"])
        if pacing_band:
            pacing = f'<span style="color:{BAND_COLOURS.get(pacing_band, NEUTRAL)}">{_e(pacing)}</span>'
        cells = (
            f'<td class="text">{_e(text("level_" + r["level"], lang))}</td>',
            f'<td class="text">{_e(r["name"])}</td>',
            f"<td>{_e(fmt.money(None if r['amount'] is None else float(r['amount']), lang))}</td>",
            f"<td>{_e(fmt.money(r['base_target'], lang))}</td>",
            f"<td><b>{_e(fmt.percent(r['attainment']))}</b></td>",
            f'<td class="text">{_band_badge(r["band"], lang)}</td>',
            f"<td>{_e(fmt.percent(r['month_attainment']))}</td>",
            f"<td>{pacing}</td>",
        )
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f'<table class="targets"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _findings_html(report: Report, charts: _Charts) -> str:
    lang = report.lang
    if not report.findings:
        return f'<p class="note">{_e(text("no_findings", lang))}</p>'
    figures = finding_figures(report)
    parts = []
    current = None
    top = sum(f.top for f in report.findings)
    for f in ordered_findings(report.findings):
        section = "top" if f.top else f.kind
        if section != current:
            current = section
            if f.top:
                parts.append(f'<h3 id="top">{_e(text("retro_top", lang, n=top))}</h3>')
            else:
                parts.append(f'<h3 id="kind-{_e(f.kind)}">{_e(text("kind_" + f.kind, lang))}</h3>')
                if f.kind in figures:
                    parts.append(charts.render(figures[f.kind], f"finding-{f.kind}"))
        colour = SEVERITY_COLOURS.get(f.severity, NEUTRAL)
        figures_html = "".join(
            f"<dt>{_e(figure_label(name, lang))}</dt><dd>{_e(value)}</dd>" for name, value in shown_figures(f, lang)
        )
        link = finding_link(f, report.app_url)
        link_html = (
            f'<a href="{_e(link)}">{_e(text("open_in_app", lang))}</a>'
            if report.app_url
            else f"<code>{_e(link)}</code>"
        )
        # The statement says the main figures; the rest stay one click away so 40 findings still read as a list.
        parts.append(
            f'<div class="finding" style="border-left-color:{colour}" data-kind="{_e(f.kind)}">'
            f"<p>{_badge(colour, text('severity_' + f.severity, lang))} "
            f"{_e(statement(f, lang))}</p>"
            f'<p class="note">{_e(text("kind_" + f.kind, lang) + " · " if f.top else "")}'
            f"{_e(text('retro_materiality', lang, amount=fmt.money(f.materiality, lang)))}</p>"
            f'<details><summary class="note">{_e(text("figures_and_link", lang))}</summary>'
            f'<dl class="figures">{figures_html}</dl><p class="note">{link_html}</p></details></div>'
        )
    return "".join(parts)


def _items_html(items: tuple[ActionItem, ...], lang: str, with_origin: bool) -> str:
    if not items:
        return f'<p class="note">{_e(text("no_items", lang))}</p>'
    keys = ["col_what", "col_owner", "col_due", "col_status"] + (["col_agreed_in"] if with_origin else [])
    head = "".join(f'<th class="text">{_e(text(k, lang))}</th>' for k in keys)
    body = []
    for item in items:
        cells = [
            item.what,
            item.owner,
            item.due_date.isoformat() if item.due_date else "",
            text(f"status_{item.status}", lang),
        ]
        if with_origin:
            cells.append(f"{item.period_start.isoformat()}/2w")  # the biweekly period's text form
        body.append("<tr>" + "".join(f'<td class="text">{_e(c)}</td>' for c in cells) + "</tr>")
    return f'<table class="items"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def to_html(report: Report) -> str:
    """The report as one self-contained HTML file (plotly.js inlined once; nothing fetched from anywhere)."""
    lang = report.lang
    charts = _Charts()
    title = f"{text('report_title', lang)} · {period_label(report)}"
    meta = [
        ("meta_period", period_label(report)),
        ("meta_previous", _period_text(report.retro.previous)),
        ("meta_last_year", _period_text(report.retro.last_year)),
        ("meta_scope", scope_label(report)),
        ("meta_as_of", report.as_of.isoformat()),
    ]
    meta_html = "".join(f"<dt>{_e(text(k, lang))}</dt><dd>{_e(v)}</dd>" for k, v in meta)
    meta_html += (
        f'<dt>{_e(text("meta_generated", lang))}</dt><dd><span id="generated-at">{_e(report.generated_at)}</span></dd>'
    )
    section_ids = {
        "section_scoreboard": "scoreboard",
        "section_trends": "trends",
        "section_targets": "targets",
        "section_findings": "findings",
        "section_summary": "summary",
        "section_actions": "actions",
    }
    nav = "".join(f'<a href="#{sid}">{_e(text(key, lang))}</a>' for key, sid in section_ids.items())

    trends = "".join(charts.render(fig, f"trend-{indicator}") for indicator, fig in trend_figures(report))
    targets = "".join(charts.render(fig, name) for name, fig in target_figures(report))
    s = report.summary
    if s.text.strip():
        saved = text("summary_saved_line", lang, version=s.version, who=s.saved_by or "—", when=s.saved_at or "—")
        summary = f'<div class="summary">{_e(s.text)}</div><p class="note">{_e(saved)}</p>'
    else:
        summary = f'<p class="note">{_e(text("no_summary", lang))}</p>'
    actions = (
        f"<h3>{_e(text('items_agreed', lang))}</h3>{_items_html(report.action_items, lang, False)}"
        f"<h3>{_e(text('items_waiting', lang))}</h3>{_items_html(report.earlier_open_items, lang, True)}"
    )
    bodies = {
        "scoreboard": _scoreboard_html(report),
        "trends": f'<div class="grid">{trends}</div>',
        "targets": f"{targets}{_targets_table_html(report)}",
        "findings": _findings_html(report, charts),
        "summary": summary,
        "actions": actions,
    }
    sections_html = "".join(
        f'<section id="{sid}"><h2>{_e(text(key, lang))}</h2>{bodies[sid]}</section>' for key, sid in section_ids.items()
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style>"
        f'<script type="text/javascript">{get_plotlyjs()}</script></head>'
        f"<body><header><h1>{_e(text('report_title', lang))}</h1>"
        f'<dl class="meta">{meta_html}</dl><nav>{nav}</nav></header>'
        f"<main>{sections_html}</main>"
        f"<footer>{_e(text('report_title', lang))} · {_e(scope_label(report))} · {_e(report.key.scope)}</footer>"
        "</body></html>\n"
    )


# ---------------------------------------------------------------------------------------------
# Excel
# ---------------------------------------------------------------------------------------------


UNIT_FORMATS = {"money": '"¥"#,##0', "count": "#,##0", "days": "0.0", "ratio": "0.0%"}
"""Excel number formats by unit (a change in a ratio, in points, is shown as a percentage too)."""


_FORMAT_DECIMALS = {
    UNIT_FORMATS["money"]: 2,
    UNIT_FORMATS["count"]: 0,
    UNIT_FORMATS["days"]: 1,
    UNIT_FORMATS["ratio"]: 4,
}
"""A number is written rounded as shown: money to the cent, ratios to four decimals (never a raw binary float)."""


def _as_shown(value: float, pattern: str | None) -> float:
    return round(value, _FORMAT_DECIMALS.get(pattern, 4))


def _column_formats(key: str, frame: pl.DataFrame, report: Report) -> list[Callable[[int], str | None]]:
    """For each column of a section table, its Excel number format given the row (the scoreboard's vary by row)."""
    lang = report.lang
    labels = lambda *keys: {text(k, lang) for k in keys}  # noqa: E731
    ratios = labels(
        "attainment",
        "stretch_attainment",
        "pacing",
        "col_month_attainment",
        "col_month_pacing",
        "col_relative_change_previous",
        "col_relative_change_last_year",
    )
    money = labels("col_amount", "base_target", "stretch_target", "col_month_amount", "col_materiality")
    units = report.scoreboard.indicators["unit"].to_list()
    by_indicator = {
        _indicator_label(i, lang): u for i, u in zip(report.scoreboard.indicators["indicator"], units, strict=True)
    }
    row_unit_columns = labels(
        "col_value", "col_previous", "col_last_year", "col_change_previous", "col_change_last_year"
    )
    formats = []
    for column in frame.columns:
        if key == "section_scoreboard" and column in row_unit_columns:
            formats.append(lambda row: UNIT_FORMATS.get(units[row]))
        elif key == "section_trends" and column in by_indicator:
            formats.append(lambda row, unit=by_indicator[column]: UNIT_FORMATS[unit])
        elif column in ratios:
            formats.append(lambda row: UNIT_FORMATS["ratio"])
        elif column in money:
            formats.append(lambda row: UNIT_FORMATS["money"])
        else:
            formats.append(lambda row: None)
    return formats


def to_excel(report: Report) -> bytes:
    """The report as an .xlsx workbook, one sheet per section; a title and the scope above each table."""
    lang = report.lang
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "remove_timezone": True})
    bold = workbook.add_format({"bold": True})
    header = workbook.add_format({"bold": True, "bg_color": "#EEEEEE", "border": 1, "text_wrap": True})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    number_formats: dict[str | None, object] = {None: None}

    def number_format(pattern: str | None):
        if pattern not in number_formats:
            number_formats[pattern] = workbook.add_format({"num_format": pattern})
        return number_formats[pattern]

    wide_text = {text(k, lang) for k in ("col_statement", "col_figures", "col_text", "col_what")}
    for key, frame in sections(report):
        sheet = workbook.add_worksheet(text(key, lang)[:31])
        sheet.write_string(0, 0, f"{text('report_title', lang)} · {text(key, lang)}", bold)
        for i, (label, value) in enumerate(
            (("meta_period", period_label(report)), ("meta_scope", scope_label(report))), start=1
        ):
            sheet.write_string(i, 0, text(label, lang), bold)
            sheet.write_string(i, 1, str(value))
        sheet.write_string(3, 0, text("meta_as_of", lang), bold)
        sheet.write_datetime(3, 1, datetime.combine(report.as_of, datetime.min.time()), number_format("yyyy-mm-dd"))
        top = HEADER_ROWS
        for j, name in enumerate(frame.columns):
            sheet.write_string(top, j, name, header)
            sheet.set_column(j, j, 60 if name in wide_text else 16)
        formats = _column_formats(key, frame, report)
        for r, row in enumerate(frame.iter_rows()):
            for j, value in enumerate(row):
                if _missing(value):
                    continue
                if isinstance(value, date):  # dates only: the sections hold no times
                    sheet.write_datetime(
                        top + 1 + r, j, datetime(value.year, value.month, value.day), number_format("yyyy-mm-dd")
                    )
                elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                    pattern = formats[j](r)
                    sheet.write_number(top + 1 + r, j, _as_shown(float(value), pattern), number_format(pattern))
                else:
                    sheet.write_string(top + 1 + r, j, str(value), wrap if frame.columns[j] in wide_text else None)
        if frame.height:
            sheet.autofilter(top, 0, top + frame.height, max(0, frame.width - 1))
        sheet.freeze_panes(top + 1, 0)
    workbook.close()
    return buffer.getvalue()


HEADER_ROWS = 5
"""Rows above each sheet's table: the title, period, scope and as-of date, and a blank row."""


# ---------------------------------------------------------------------------------------------
# Without the UI: `python -m pipelines report`
# ---------------------------------------------------------------------------------------------

FORMATS = {".html": to_html, ".xlsx": to_excel}


class ReportError(Exception):
    """A report cannot be made as asked (no warehouse, a bad period, an unknown filter value, ...)."""


def _check_filter_values(con: duckdb.DuckDBPyConnection, filters: Filters) -> None:
    """Unknown ids, and ids outside the access scope, are errors: a report never widens or guesses a scope."""
    everything = dimensions(con).ids()
    scope = filters.scope
    for name, attribute in (("region", "region_ids"), ("team", "team_ids"), ("officer", "officer_ids")):
        unknown = sorted(set(getattr(scope, attribute)) - everything[name])
        if unknown:
            raise ReportError(f"error: the scope names an unknown {name} {', '.join(unknown)}")
    allowed = dimensions(con, scope).ids()
    asked_by_name = {
        "region": filters.region_ids,
        "team": filters.team_ids,
        "officer": filters.officer_ids,
        "line": filters.product_lines,
        "channel": filters.channel_ids,
        "ctype": filters.customer_types,
    }
    for name, asked in asked_by_name.items():
        values = everything[name]
        unknown = sorted(set(asked) - values)
        if unknown:
            shown = ", ".join(sorted(values)[:12]) + (", ..." if len(values) > 12 else "")
            raise ReportError(f"error: unknown --{name} {', '.join(unknown)} (the warehouse has {shown})")
        outside = sorted(set(asked) - allowed[name])
        if outside:
            raise ReportError(
                f"error: --{name} {', '.join(outside)} is outside the report's scope ({scope_description(scope)})"
            )


def scope_description(scope: Scope) -> str:
    """An access scope in one line for messages, e.g. `region R01` or `team T001, T002`; `everything` if none."""
    parts = [
        f"{level} {', '.join(getattr(scope, attribute))}"
        for level, attribute in (("region", "region_ids"), ("team", "team_ids"), ("officer", "officer_ids"))
        if getattr(scope, attribute)
    ]
    return "; ".join(parts) or "everything"


def report_scope(
    region_ids: tuple[str, ...] | list[str] = (),
    team_ids: tuple[str, ...] | list[str] = (),
    officer_ids: tuple[str, ...] | list[str] = (),
) -> Scope:
    """The access scope a report is produced for (nothing given: the whole company)."""
    return Scope(region_ids=tuple(region_ids), team_ids=tuple(team_ids), officer_ids=tuple(officer_ids))


def write_report(
    out: Path | str,
    *,
    db: Path | str | None = None,
    period_text: str | None = "latest",
    lang: str = "en",
    dimension_filters: dict[str, tuple[str, ...]] | None = None,
    store_path: Path | str | None = None,
    app_url: str | None = None,
    scope: Scope | None = None,
) -> Report:
    """Build the retrospective from the warehouse at `db` and write it to `out` (.html or .xlsx).

    `scope` is the access scope of the person it is for (see `report_scope`): every figure, finding, note
    and action item is that scope's, and the meeting is keyed by the filters ∩ the scope.

    The summary and action items come from the store at `store_path` (default: `store.store_path()`),
    opened only once the warehouse and the arguments have been checked.

    `dimension_filters` holds Filters attributes (region_ids, team_ids, ...). Raises ReportError
    with a message for the person who ran the command when it cannot be done.
    """
    out = Path(out)
    render_to = FORMATS.get(out.suffix.lower())
    if render_to is None:
        raise ReportError(f"error: --out must end in .html or .xlsx, not {out.name!r}")
    if lang not in LANGS:
        raise ReportError(f"error: unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    db = Path(db) if db is not None else db_path()
    if not db.exists():
        raise ReportError(
            f"error: no warehouse at {db}; build one with `python -m pipelines build --source <folder or workbook>`"
        )
    con = connect(db)
    try:
        as_of = warehouse_as_of(con)
        try:
            retro = retro_period(as_of, biweekly_anchor(con), period_text)
        except ValueError as exc:
            raise ReportError(f"error: bad --period: {exc}") from None
        if retro.period.start > as_of:
            raise ReportError(
                f"error: the period {period_text} starts after the warehouse's as-of date {as_of}; "
                "there is nothing to review yet"
            )
        first_date = dimensions(con).first_date
        if retro.period.end < first_date:
            raise ReportError(
                f"error: the period {period_text} ends before the data starts ({first_date}); nothing to review"
            )
        filters = Filters(retro.period, **(dimension_filters or {}), scope=scope or Scope())
        _check_filter_values(con, filters)
        report = build_report(con, filters, retro, RetroStore(store_path), lang, app_url=app_url)
    finally:
        con.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    content = render_to(report)
    if isinstance(content, str):
        out.write_text(content, encoding="utf-8")
    else:
        out.write_bytes(content)
    return report
