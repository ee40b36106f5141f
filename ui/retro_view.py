"""Retrospective page builders: the period under review, the scoreboard, the findings, notes and action items,
the report downloads.

Nothing here computes a figure: the scoreboard is `pipelines.retro.scoreboard.scoreboard`, the
findings `pipelines.retro.findings.find_all` (both through `ui.db.query`, so cached per build and
filters), the notes and action items `pipelines.retro.store.RetroStore`, the report files
`pipelines.retro.report`. This module lays them out and turns clicks into store calls.

**The period** is the filter bar's `period` URL parameter when it names a biweekly period
(`?period=2026-11-02/2w`; none = the last complete one, as on every page). Any other kind of
period (a month, a quarter, ...) does not apply to a biweekly review: the page then reviews the
last complete biweekly period and says so. The page's own period picker sets the filter bar's
period, so the choice is in the URL and the other pages follow it. The comparisons are fixed
(previous biweekly period, same dates last year); the filter bar's "compare with" does not apply.

**A finding's link** opens its page in this session with the finding's filters: the filter bar
takes its state from the URL once per session, so the button loads the link into the URL, asks
the filter bar to read it again, and switches page on the next run.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

import polars as pl
import streamlit as st

from pipelines import periods
from pipelines.metrics import all_definitions
from pipelines.queries.filters import Filters, Period
from pipelines.queries.overview import INDICATORS
from pipelines.retro import FINDING_KINDS, ActionItem, Finding, RetroPeriod
from pipelines.retro.findings import RetroSettings, value_unit
from pipelines.retro.periods import period_text, retro_period
from pipelines.retro.report import (
    BAD,
    GOOD,
    HIDDEN_FIGURES,
    LINE_COLOUR,
    NEUTRAL,
    build_report,
    figure_unit,
    finding_link,
    format_change,
    format_value,
    to_excel,
    to_html,
)
from pipelines.retro.scoreboard import Scoreboard
from pipelines.retro.store import (
    SCHEMA_VERSION,
    STATUSES,
    ConflictError,
    RetroKey,
    RetroStore,
    StoreError,
    scope_text,
    scope_values,
    store_path,
)
from pipelines.users import User, scope_of
from ui import format as fmt
from ui.auth import audited, current_user
from ui.charts import BAND_COLOURS
from ui.exports import MONEY_DECIMALS, PERCENT_DECIMALS, RATIO_DECIMALS, download_name, rounded
from ui.filters import LIST_PARAMS, FilterContext, period_choices
from ui.i18n import TEXT, t
from ui.overview_view import LABELS
from ui.table_view import show as show_table

KIND = "biweekly"
PERIOD_KEY = "retro_period"  # the page's period picker
TAB_KEY = "retro_tab"
AUTHOR_KEY = "retro_author"
_OPEN_VIEW = "_retro_open_view"  # a finding's page to open on the next run
_FLASH = "_retro_flash"  # messages to show once, on the next run: (retro key, kind, text)
_SUMMARY_BASE = "_retro_summary_base"  # per retrospective: the stored version and text the editor started from
_CONFLICT = "_retro_summary_conflict"  # per retrospective: the newer summary a save ran into
# The filter bar's widget state (ui/filters.py): the period picker sets the bar's period.
_BAR_KIND, _BAR_PERIOD = "f_kind", f"f_period_{KIND}"
_BAR_LOADED = "_filters_loaded"  # present once the bar has read the URL in this session

SEVERITY_BADGES = {"alert": "red", "watch": "orange", "good": "green"}
BAND_CELL = {band: f"background-color: {colour}; color: white" for band, colour in BAND_COLOURS.items()}
SCOREBOARD_HEIGHT = 36 + 35 * len(INDICATORS)  # every row visible, no inner scrolling


# ---------------------------------------------------------------------------------------------
# The period under review


@dataclass(frozen=True)
class Review:
    """The retrospective on screen: its period and comparisons, its filters, its key in the store."""

    retro: RetroPeriod
    filters: Filters  # the filter bar's dimension filters over the reviewed period (no comparison)
    key: RetroKey
    text: str  # the period's URL form, 2026-11-02/2w
    from_filter_bar: bool  # False when the bar's period is not a biweekly one (the default is reviewed)


def review(ctx: FilterContext) -> Review:
    """The period the page reviews under the filter bar's state (see the module docstring)."""
    from_bar = ctx.kind == KIND
    text = periods.to_text(KIND, ctx.filters.period) if from_bar else None
    retro = retro_period(ctx.as_of, ctx.dims.biweekly_anchor_monday, text)
    # Period and comparison are normalised so that the cache key is the same whatever the bar's comparison.
    filters = replace(ctx.filters, period=retro.period, comparison=None)
    return Review(retro, filters, RetroKey.for_filters(retro.period.start, filters), period_text(retro), from_bar)


def download_context(ctx: FilterContext, rv: Review) -> FilterContext:
    """The filter state for table downloads: the reviewed period against its previous period."""
    return replace(ctx, filters=replace(rv.filters, comparison=rv.retro.previous), kind=KIND)


def _span(period) -> str:
    return f"{period.start:%Y-%m-%d} – {period.end:%Y-%m-%d}"


def period_label(text: str, ctx: FilterContext) -> str:
    """A biweekly period in the picker: its dates, marked when it is still running or the latest complete one."""
    anchor = ctx.dims.biweekly_anchor_monday
    period = periods.parse(text, anchor)[1]
    label = _span(period)
    if period.end > ctx.as_of:
        label += f" · {t('in_progress', ctx.lang)}"
    elif period == periods.last_complete(KIND, ctx.as_of, anchor):
        label += f" · {t('retro_latest_complete', ctx.lang)}"
    return label


def _pick_period() -> None:
    # A callback runs before the filter bar is drawn, so it may set the bar's widgets.
    st.session_state[_BAR_KIND] = KIND
    st.session_state[_BAR_PERIOD] = st.session_state[PERIOD_KEY]


def period_picker(ctx: FilterContext, rv: Review, container) -> None:
    """The biweekly periods with data, newest first; a pick becomes the filter bar's period (and the URL's)."""
    choices = period_choices(KIND, ctx.dims)
    st.session_state[PERIOD_KEY] = rv.text if rv.text in choices else choices[0]
    container.selectbox(
        t("retro_period_pick", ctx.lang),
        choices,
        key=PERIOD_KEY,
        format_func=lambda text: period_label(text, ctx),
        on_change=_pick_period,
    )


def period_line(ctx: FilterContext, rv: Review) -> str:
    """The caption under the title: the comparisons, the scope and the as-of date."""
    r = rv.retro
    return " · ".join(
        (
            t("retro_compared_with", ctx.lang, previous=_span(r.previous), last_year=_span(r.last_year)),
            t("retro_scope", ctx.lang, scope=fmt.escape_markdown(scope_label(ctx))),  # names are text, not Markdown
            t("retro_as_of", ctx.lang, day=f"{ctx.as_of:%Y-%m-%d}"),
        )
    )


def scope_label(ctx: FilterContext) -> str:
    """The meeting's scope in words ("Region: Northwest China"), or the whole company: the dimension filters
    narrowed by the user's access scope, the same values the meeting is keyed by."""
    dims, f, lang = ctx.dims, ctx.filters, ctx.lang
    effective = scope_values(f)

    def names(ids: tuple[str, ...], frame: pl.DataFrame, id_column: str, name_column: str) -> str:
        lookup = dict(zip(frame[id_column], frame[name_column], strict=True))
        return ", ".join(lookup.get(i, i) for i in ids)

    parts = []
    for label, ids, frame, id_column, name_column in (
        ("region", effective.get("region_ids"), dims.regions, "region_id", "region_name"),
        ("team", effective.get("team_ids"), dims.teams, "team_id", "team_name"),
        ("officer", effective.get("officer_ids"), dims.officers, "officer_id", "officer_name"),
        ("channel", f.channel_ids, dims.channels, "channel_id", "channel_name"),
    ):
        if ids is not None and (ids or label != "channel"):
            parts.append(f"{t(label, lang)}: {names(ids, frame, id_column, name_column)}")
    if f.product_lines:
        parts.append(f"{t('product_line', lang)}: " + ", ".join(t(f"product_line_{p}", lang) for p in f.product_lines))
    if f.customer_types:
        parts.append(
            f"{t('customer_type', lang)}: " + ", ".join(t(f"customer_type_{c}", lang) for c in f.customer_types)
        )
    return "; ".join(parts) or t("scope_company", lang)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def is_empty(board: Scoreboard) -> bool:
    """Nothing under the filters in the eight periods of the trend nor last year: nothing to review."""
    values = board.trend["value"].to_list() + board.indicators["last_year_value"].to_list()
    return all(_missing(v) or v == 0 for v in values)


TABS = ("retro_tab_scoreboard", "retro_tab_findings", "retro_tab_notes")


def tabs(lang: str):
    """The three tabs; only the open one runs. The open tab is kept across a language switch (its state is its
    label, so the label in the other language is translated first)."""
    current = st.session_state.get(TAB_KEY)
    for key in TABS:
        if current in (t(key, "en"), t(key, "zh")):
            st.session_state[TAB_KEY] = t(key, lang)
    return st.tabs([t(key, lang) for key in TABS], key=TAB_KEY, on_change="rerun")


# ---------------------------------------------------------------------------------------------
# Scoreboard


def _comparable(row: dict, snapshot_column: str) -> bool:
    """A credit indicator read at the same snapshot in both periods has no change to show."""
    return row["snapshot_date"] is None or row["snapshot_date"] != row[snapshot_column]


def _change_colour(change: float | None, higher_is_better: bool | None) -> str:
    if _missing(change) or change == 0 or higher_is_better is None:
        return NEUTRAL
    return GOOD if (change > 0) == higher_is_better else BAD


def scoreboard_rows(board: Scoreboard, lang: str) -> list[dict]:
    """One display row per core indicator: values and changes as text, their colours, the trend's values."""
    definitions = all_definitions()
    trend = board.trend.sort("period_start")
    rows = []
    for r in board.indicators.iter_rows(named=True):
        key, unit = r["indicator"], r["unit"]
        label = t(LABELS[key], lang)
        if r["snapshot_date"] is not None:
            day = r["snapshot_date"].isoformat()
            label += f" ({t('snapshot_note', lang, date=day)})"
        if r.get("previous_as_of") is not None:
            label += f" ({t('retro_same_age_note', lang)})"
        better = definitions[key].higher_is_better
        row = {
            "indicator": label,
            "value": format_value(r["value"], unit, lang),
            "previous": format_value(r["previous_value"], unit, lang),
            "last_year": format_value(r["last_year_value"], unit, lang),
            "target": "",
            "trend": [
                None if _missing(v) else float(v) for v in trend.filter(pl.col("indicator") == key)["value"].to_list()
            ],
            "_styles": {},
        }
        for column, change, relative, snapshot, prefix in (
            ("change_previous", "change", "relative_change", "previous_snapshot_date", "previous"),
            (
                "change_last_year",
                "change_vs_last_year",
                "relative_change_vs_last_year",
                "last_year_snapshot_date",
                "last_year",
            ),
        ):
            covered, days = r[f"{prefix}_covered_days"], r[f"{prefix}_days"]
            if covered is not None and covered < days:
                # The data does not cover both periods: say how much, never a percentage (pipelines.queries.coverage).
                row[column] = (
                    t("no_comparable_data", lang)
                    if covered == 0
                    else t("covered_days_short", lang, covered=f"{covered:,}", total=f"{days:,}")
                )
                row["_styles"][column] = f"color: {NEUTRAL}"
            elif _comparable(r, snapshot):
                row[column] = format_change(r[change], r[relative], unit, lang)
                row["_styles"][column] = f"color: {_change_colour(r[change], better)}"
            else:
                row[column] = fmt.MISSING
        if key == "disbursed_amount" and not _missing(r["base_target"]):
            row["target"] = fmt.money(r["base_target"], lang)
        elif key == "attainment" and r["band"]:
            row["target"] = t(f"band_short_{r['band']}", lang)
            row["_styles"]["target"] = BAND_CELL[r["band"]]
        rows.append(row)
    return rows


# (row field, header key, width in pixels): narrow enough that the twelve rows fit a laptop screen without scrolling.
_SCOREBOARD_COLUMNS = (
    ("indicator", "col_indicator", 230),
    ("value", "retro_col_value", 90),
    ("previous", "retro_col_previous", 90),
    ("change_previous", "retro_col_change_previous", 120),
    ("last_year", "retro_col_last_year", 90),
    ("change_last_year", "retro_col_change_last_year", 120),
    ("target", "retro_col_target", 95),
    ("trend", "retro_col_trend", 130),
)


def scoreboard_table(board: Scoreboard, lang: str) -> None:
    """The twelve indicators: this period, previous, change, last year, change (coloured good/bad), target, trend."""
    rows = scoreboard_rows(board, lang)
    columns = [c for c, _, _ in _SCOREBOARD_COLUMNS]
    frame = pl.DataFrame([{c: r[c] for c in columns} for r in rows], schema_overrides={"trend": pl.List(pl.Float64)})
    styles = [[r["_styles"].get(c, "") for c in columns] for r in rows]
    styled = frame.to_pandas().style.apply(lambda _: _as_frame(styles, columns), axis=None)
    config = {
        c: st.column_config.TextColumn(t(k, lang), width=w, pinned=c == "indicator")
        for c, k, w in _SCOREBOARD_COLUMNS
        if c != "trend"
    }
    config["trend"] = st.column_config.LineChartColumn(t("retro_col_trend", lang), width=130, color=LINE_COLOUR)
    show_table(styled, hide_index=True, column_config=config, height=SCOREBOARD_HEIGHT, width="stretch")


def _as_frame(styles: list[list[str]], columns: list[str]):
    import pandas as pd

    return pd.DataFrame(styles, columns=columns)


def _as_shown(column: str) -> pl.Expr:
    """A scoreboard figure rounded by its row's unit: money to the cent, ratios to four decimals, days to one."""
    unit, value = pl.col("unit"), pl.col(column)
    return (
        pl.when(unit == "money")
        .then(value.round(MONEY_DECIMALS))
        .when(unit == "ratio")
        .then(value.round(RATIO_DECIMALS))
        .when(unit == "days")
        .then(value.round(1))
        .otherwise(value.round(0))
    )


def scoreboard_export(board: Scoreboard, lang: str) -> pl.DataFrame:
    """The scoreboard for a download: numbers as numbers (ratios as fractions), labelled columns."""
    labels = {r["indicator"]: t(LABELS[r["indicator"]], lang) for r in board.indicators.iter_rows(named=True)}
    return board.indicators.select(
        pl.col("indicator").replace_strict(labels).alias(t("col_indicator", lang)),
        pl.col("unit")
        .replace_strict({u: t(f"unit_{u}", lang) for u in ("money", "count", "ratio", "days")})
        .alias(t("col_unit", lang)),
        _as_shown("value").alias(t("col_value", lang)),
        _as_shown("previous_value").alias(t("col_previous", lang)),
        _as_shown("change").alias(t("col_change_previous", lang)),
        _as_shown("last_year_value").alias(t("col_last_year", lang)),
        _as_shown("change_vs_last_year").alias(t("col_change_last_year", lang)),
        pl.col("base_target").round(MONEY_DECIMALS).alias(t("base_target", lang)),
        pl.col("snapshot_date").alias(t("col_snapshot", lang)),
    )


def targets_table(frame: pl.DataFrame, level: str, lang: str):
    """Attainment of each region or team: amount, prorated target, attainment and band (coloured), the month so
    far and its pacing (coloured by its band). Returns the styled table, its column config and an export frame
    (amounts as numbers, percentages under a "(%)" header)."""
    frame = frame.sort("attainment", descending=True, nulls_last=True)
    month = frame["month_start"][0].strftime("%Y-%m") if frame.height else ""
    band_names = {b: t(f"band_short_{b}", lang) for b in BAND_COLOURS}
    # (column, value, header, kind, width in pixels)
    spec = [("name", pl.col("name").fill_null(pl.col("value")), t(level, lang), "text", 170)]
    if level == "team":
        spec.append(("region_name", pl.col("region_name"), t("region", lang), "text", 110))
    spec += [
        ("amount", pl.col("amount").cast(pl.Float64), t("col_amount", lang), "money", 110),
        ("base_target", pl.col("base_target"), t("base_target", lang), "money", 105),
        ("attainment", pl.col("attainment") * 100, t("attainment", lang), "percent", 120),
        ("band", pl.col("band").replace_strict(band_names, default=None), t("col_band", lang), "text", 85),
    ]
    if frame["pacing"].is_not_null().any():  # only an unfinished period has a pacing of its own
        spec.append(("pacing", pl.col("pacing") * 100, t("pacing", lang), "percent", 85))
    spec.append(
        (
            "month_attainment",
            pl.col("month_attainment") * 100,
            t("retro_col_month_attainment", lang, month=month),
            "percent",
            100,
        )
    )
    if frame["month_pacing"].is_not_null().any():  # a finished month has no pacing
        spec.append(
            (
                "month_pacing",
                pl.col("month_pacing") * 100,
                t("retro_col_month_pacing", lang, month=month),
                "percent",
                95,
            )
        )
    shown = frame.select([value.alias(name) for name, value, *_ in spec])
    config = {}
    for name, _, header, kind, width in spec:
        if kind == "money":
            config[name] = st.column_config.NumberColumn(header, format="yen", width=width)
        elif kind == "percent":
            config[name] = st.column_config.NumberColumn(header, format="%.1f%%", width=width)
        else:
            config[name] = st.column_config.TextColumn(header, width=width, pinned=name == "name")
    bold = "color: {}; font-weight: 600"
    cell_styles = {
        "band": [BAND_CELL.get(b, "") for b in frame["band"].to_list()],
        "pacing": [bold.format(BAND_COLOURS[b]) if b else "" for b in frame["pacing_band"]],
        "month_pacing": [bold.format(BAND_COLOURS[b]) if b else "" for b in frame["month_pacing_band"]],
    }
    styled = shown.to_pandas().style.apply(lambda column: cell_styles.get(column.name, [""] * len(column)))
    decimals = {name: MONEY_DECIMALS if kind == "money" else PERCENT_DECIMALS for name, _, _, kind, _ in spec}
    headers = {name: f"{header} (%)" if kind == "percent" else header for name, _, header, kind, _ in spec}
    export = rounded(shown, decimals).rename(headers)
    return styled, config, export


def table_height(rows: int) -> int:
    """A dataframe height that shows every row (header + rows + border), so short tables do not scroll."""
    return 38 + 35 * rows


# ---------------------------------------------------------------------------------------------
# Findings


def figure_text(unit: str, value: object, lang: str) -> str:
    """A figure behind a finding in the interface's formats: ¥ in K/M/B or 万/亿, percentages with one decimal,
    stages, segments, levels and bands by their translated names (the same as the report's)."""
    if _missing(value):
        return fmt.MISSING
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
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
    prefixes = {
        "level": "level_",
        "stage": "stage_",
        "segment": "rfm_",
        "band": "band_short_",
        "product_line": "product_line_",
    }
    if unit in prefixes:
        key = f"{prefixes[unit]}{value}"
        return t(key, lang) if key in TEXT else str(value)
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def statement(finding: Finding, lang: str) -> str:
    """The finding's one-line statement in `lang`: its translation with the figures in the interface's formats."""
    shown = {name: figure_text(value_unit(finding, name), value, lang) for name, value in finding.values.items()}
    return t(finding.statement_key, lang, **shown)


def figure_label(name: str, lang: str) -> str:
    for key in (f"figure_{name}", name):
        if key in TEXT:
            return t(key, lang)
    return name.replace("_", " ")


def figures(finding: Finding, lang: str) -> list[tuple[str, str]]:
    """The figures behind a finding as (label, value), without its subject and ids."""
    return [
        (figure_label(name, lang), figure_text(figure_unit(name), value, lang))
        for name, value in finding.values.items()
        if name not in HIDDEN_FIGURES and not name.endswith("_id") and value is not None
    ]


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|~$])")


def escape(text: str) -> str:
    """Text shown through Markdown as it is (no emphasis, no LaTeX between two ¥-less dollar signs, ...)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def finding_markdown(finding: Finding, lang: str) -> str:
    """The severity badge and the statement, as one line of Markdown."""
    severity = t(f"severity_{finding.severity}", lang)
    badge = f":{SEVERITY_BADGES.get(finding.severity, 'gray')}-badge[{severity}]"
    return f"{badge} {escape(statement(finding, lang))}"


def grouped(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """The findings by kind, in FINDING_KINDS order; within a kind, the engine's order (most material first)."""
    out: dict[str, list[Finding]] = {}
    for f in findings:
        out.setdefault(f.kind, []).append(f)
    return [(kind, out[kind]) for kind in FINDING_KINDS if kind in out]


def finding_place(finding: Finding, dims) -> tuple[str | None, str | None]:
    """The region and team a finding is about (None where it is about the whole company, a product line or a
    channel): a region, a team and its region, an account manager's team and region, a customer's."""
    level, subject = finding.subject_level, finding.subject_id
    if level == "region":
        return subject, None
    teams = dict(zip(dims.teams["team_id"], dims.teams["region_id"], strict=True))
    if level == "team":
        return teams.get(subject), subject
    officer = subject if level == "officer" else finding.values.get("officer_id") if level == "customer" else None
    if officer is not None:
        row = dims.officers.filter(pl.col("officer_id") == officer)
        if row.height:
            return row["region_id"][0], row["team_id"][0]
    if level == "customer":
        return finding.values.get("region_id"), None
    return None, None


def place_choices(findings: list[Finding], dims, lang: str) -> dict[str, str]:
    """The regions and teams the findings are about, as filter choices: "region:R06" → "Region · Northwest China"."""
    regions = dict(zip(dims.regions["region_id"], dims.regions["region_name"], strict=True))
    teams = dict(zip(dims.teams["team_id"], dims.teams["team_name"], strict=True))
    region_ids, team_ids = set(), set()
    for f in findings:
        region, team = finding_place(f, dims)
        region_ids.add(region)
        team_ids.add(team)
    choices = {
        f"region:{r}": f"{t('region', lang)} · {regions.get(r, r)}"
        for r in sorted(region_ids - {None}, key=lambda r: regions.get(r, r))
    }
    choices |= {
        f"team:{v}": f"{t('team', lang)} · {teams.get(v, v)}"
        for v in sorted(team_ids - {None}, key=lambda v: teams.get(v, v))
    }
    return choices


def matches(finding: Finding, kinds: list[str], place: str | None, dims) -> bool:
    """Whether a finding passes the tab's filters: one of the chosen kinds (none = all), and in the chosen region or
    team (none = anywhere)."""
    if kinds and finding.kind not in kinds:
        return False
    if not place:
        return True
    level, value = place.split(":", 1)
    region, team = finding_place(finding, dims)
    return (region if level == "region" else team) == value


KINDS_KEY, PLACE_KEY = "retro_findings_kinds", "retro_findings_place"


def how_found_popover(settings: RetroSettings, lang: str, container) -> None:
    """How the findings were found and ranked, in business words: the Top, the floor, each kind's rule and money."""
    with container.popover(t("retro_how_found", lang), icon=":material/help:", type="tertiary"):
        st.markdown(
            t(
                "retro_how_intro",
                lang,
                top=settings.top_findings,
                floor=fmt.money(settings.materiality_floor, lang),
                per_kind=settings.max_per_kind,
            )
        )
        st.markdown(
            "\n".join(f"- **{t(f'kind_{kind}', lang)}**: {t(f'retro_how_{kind}', lang)}" for kind in FINDING_KINDS)
        )


def finding_card(finding: Finding, lang: str, key: str, *, with_kind: bool = False) -> None:
    """One finding: badge and statement (and its kind, in the Top), the money it is about, its figures and link in a
    popover, an Open button."""
    with st.container(border=True, key=f"retro_finding_{key}"):
        text, action = st.columns([6, 1], vertical_alignment="top")
        text.markdown(finding_markdown(finding, lang))
        details = text.container(horizontal=True, gap="small", vertical_alignment="center")
        money = t("retro_materiality", lang, amount=fmt.money(finding.materiality, lang))
        details.caption(f"{t(f'kind_{finding.kind}', lang)} · {money}" if with_kind else money)
        with details.popover(t("retro_figures", lang), type="tertiary"):
            st.markdown("\n".join(f"- {escape(label)}: **{escape(value)}**" for label, value in figures(finding, lang)))
            st.caption(t("retro_link", lang, link=finding_link(finding)))
        action.button(
            t("retro_open", lang, page=t(f"page_{finding.page}", lang)),
            key=f"retro_open_{key}",
            on_click=open_view,
            args=(finding.page, finding.link_params, lang),
            icon=":material/open_in_new:",
            type="tertiary",
            help=finding_link(finding),
        )


def open_view(page: str, params: dict[str, str], lang: str) -> None:
    """Button callback: load a finding's view (page and filters) into the URL; the page switches on the next run."""
    wanted = dict(params)
    if lang != "en":
        wanted["lang"] = lang
    st.query_params.from_dict(wanted)
    # The filter bar reads the URL once per session; clear what the link leaves out, then have it read again.
    for name, (_, key) in LIST_PARAMS.items():
        if name not in wanted:
            st.session_state[key] = []
    st.session_state.pop(_BAR_LOADED, None)
    st.session_state[_OPEN_VIEW] = page


def follow_open_view() -> None:
    """Open the page a finding's link asked for on the last run, with the filters the bar has just read."""
    page = st.session_state.pop(_OPEN_VIEW, None)
    if page:
        st.switch_page(f"pages/{page}.py", query_params=st.query_params.to_dict())


def findings_section(findings: list[Finding], ctx: FilterContext, settings: RetroSettings) -> None:
    """The Top findings across kinds, then the rest by kind, each kind collapsed; filters by kind and region/team."""
    lang, dims = ctx.lang, ctx.dims
    if not findings:
        st.info(t("no_findings", lang), icon=":material/check_circle:")
        return
    present = [kind for kind, _ in grouped(findings)]
    places = place_choices(findings, dims, lang)
    kinds_column, place_column = st.columns(2)
    kinds = kinds_column.multiselect(
        t("retro_filter_kinds", lang),
        present,
        key=KINDS_KEY,
        format_func=lambda kind: t(f"kind_{kind}", lang),
        placeholder=t("retro_filter_all_kinds", lang),
    )
    place = place_column.selectbox(
        t("retro_filter_place", lang),
        list(places),
        index=None,
        key=PLACE_KEY,
        format_func=lambda choice: places.get(choice, choice),
        placeholder=t("retro_filter_anywhere", lang),
    )
    shown = [f for f in findings if matches(f, kinds, place, dims)]
    if not shown:
        st.info(t("retro_filter_none", lang), icon=":material/filter_alt_off:")
        return
    top = [f for f in shown if f.top]
    if top:
        st.markdown(f"#### {t('retro_top', lang, n=len(top))}")
        for i, f in enumerate(top):
            finding_card(f, lang, f"top_{i}", with_kind=True)
    rest = grouped([f for f in shown if not f.top])
    if rest:
        st.markdown(f"#### {t('retro_by_kind', lang)}")
    for kind, members in rest:
        # Collapsed, unless the reader filtered: then the groups that match are what they asked to see.
        with st.expander(f"{t(f'kind_{kind}', lang)} · {len(members)}", expanded=bool(kinds or place)):
            for i, f in enumerate(members):
                finding_card(f, lang, f"{kind}_{i}")


# ---------------------------------------------------------------------------------------------
# Notes and action items


@st.cache_resource(show_spinner=False, max_entries=4)
def _store(path: str) -> RetroStore:
    return RetroStore(path)


def store(lang: str) -> RetroStore | None:
    """The notes and action items store ($LOAN_DASHBOARD_RETRO_DB, else data/retro.sqlite), opened once per file
    and checked on every run (damaged, unexpected, vanished since it was created, ...). When it cannot be used, the
    store's sentence (path, what is wrong, what to do) is shown as an error and None is returned: the page goes on
    without notes, and nothing is written to the file."""
    try:
        opened = _store(str(store_path().resolve()))
        opened.check()
    except StoreError as error:
        st.error(store_error_text(error, lang), icon=":material/database:")
        return None
    return opened


def store_error_text(error: StoreError, lang: str) -> str:
    """The store's one sentence in the page's language, as Markdown (the path in code, SQLite's words escaped)."""
    key = f"retro_store_{error.kind}"
    if key not in TEXT:
        return escape(str(error))
    return t(key, lang, path=error.path.replace("`", "'"), detail=escape(error.detail), known=SCHEMA_VERSION)


def _store_errors_reported(callback: Callable[..., None]) -> Callable[..., None]:
    """A notes callback (store, key, ..., lang) that meets an unusable store does not raise: a store that stays
    locked is reported once as a message; any other problem is shown by this run's check of the store (`store`)."""

    @functools.wraps(callback)
    def run(store: RetroStore, key: RetroKey, *args) -> None:
        try:
            callback(store, key, *args)
        except StoreError as error:
            if error.kind == "busy":
                _flash(key, "error", store_error_text(error, args[-1]))

    return run


def _when(saved_at: str | None) -> str:
    """A store timestamp (ISO, UTC) as people read it: 2026-11-23 11:06 UTC."""
    if not saved_at:
        return "—"
    return saved_at.replace("T", " ")[:16] + " UTC"


def _author() -> str:
    """The signed-in user when sign-in is on (issue 9: authored by who signed in), else the name typed in demo mode."""
    user = current_user()
    if user is not None:
        return user.name
    return st.session_state.get(AUTHOR_KEY, "").strip()


def _flash(key: RetroKey, kind: str, text: str) -> None:
    st.session_state.setdefault(_FLASH, []).append((str(key), kind, text))


def show_flashes(key: RetroKey) -> None:
    """Messages left by the last run's buttons (saved, conflict, ...), shown once."""
    kept = []
    for owner, kind, text in st.session_state.pop(_FLASH, []):
        if owner != str(key):
            kept.append((owner, kind, text))
        elif kind == "error":
            st.error(text, icon=":material/sync_problem:")
        else:
            st.success(text, icon=":material/check:")
    if kept:
        st.session_state[_FLASH] = kept


def _item_line(item: ActionItem, lang: str, with_origin: bool = False) -> str:
    parts = [f"**{escape(item.what)}**"]
    if item.owner:
        parts.append(escape(item.owner))
    if item.due_date:
        parts.append(t("retro_due", lang, day=f"{item.due_date:%Y-%m-%d}"))
    if with_origin:
        parts.append(t("retro_agreed_in", lang, period=f"{item.period_start:%Y-%m-%d}"))
    return " · ".join(parts)


def _item_conflict(key: RetroKey, error: ConflictError, lang: str) -> None:
    item = error.current_item
    status = t(f"status_{item.status}", lang) if item else ""
    _flash(
        key,
        "error",
        t(
            "retro_item_conflict",
            lang,
            who=error.saved_by or t("retro_someone", lang),
            when=_when(error.saved_at),
            what=error.current_text,
            status=status,
        ),
    )


def may_edit(item: ActionItem, key: RetroKey, user: User | None) -> bool:
    """Whether `user` (the signed-in one) may change `item`: its author, an owner of the meeting's scope (whose own
    access scope is exactly that scope, e.g. a region head of that region), a director or an admin; anyone in demo
    mode (no user)."""
    if user is None or user.role in ("admin", "director") or item.created_by == user.name:
        return True
    return key.scope == scope_text(Filters(period=Period(key.period_start, key.period_start), scope=scope_of(user)))


@_store_errors_reported
def _decide(store: RetroStore, key: RetroKey, item: ActionItem, decision: str, lang: str) -> None:
    """Button callback on an open item of an earlier retrospective: done, dropped, or carried into this one."""
    if not may_edit(item, key, current_user()):
        _flash(key, "error", t("retro_not_yours", lang, what=item.what))
        return
    try:
        if decision == "done":
            store.close(item, author=_author())
        elif decision == "dropped":
            store.drop(item, author=_author())
        else:
            store.carry(item, key, author=_author())
        _flash(key, "success", t(f"retro_decided_{decision}", lang, what=item.what))
    except ConflictError as error:
        _item_conflict(key, error, lang)
    except ValueError as error:  # e.g. carried or closed by someone else meanwhile
        _flash(key, "error", str(error))


def waiting_items(store: RetroStore, rv: Review, lang: str) -> None:
    """The open action items of earlier retrospectives of this scope, each to close, drop or carry into this one."""
    waiting = store.open_items_before(rv.key)
    if not waiting:
        return
    with st.container(border=True, key="retro_waiting"):
        st.markdown(f"##### {t('retro_waiting_title', lang, n=len(waiting))}")
        st.caption(t("retro_waiting_caption", lang))
        for item in waiting:
            line, done, drop, carry = st.columns([5.5, 1, 1, 1.2], vertical_alignment="center")
            line.markdown(_item_line(item, lang, with_origin=True))
            for column, decision, icon in (
                (done, "done", ":material/task_alt:"),
                (drop, "dropped", ":material/block:"),
                (carry, "carried", ":material/redo:"),
            ):
                column.button(
                    t(f"retro_decide_{decision}", lang),
                    key=f"retro_{decision}_{item.item_id}_{item.version}",
                    on_click=_decide,
                    args=(store, rv.key, item, decision, lang),
                    icon=icon,
                    width="stretch",
                    help=t("retro_carry_help", lang) if decision == "carried" else None,
                )


def _summary_widget(key: RetroKey) -> str:
    return f"retro_summary|{key}"


@_store_errors_reported
def _save_summary(store: RetroStore, key: RetroKey, lang: str) -> None:
    """Button callback: save the summary over the version the editor started from; a newer save is kept."""
    widget, base = _summary_widget(key), st.session_state[_SUMMARY_BASE][str(key)]
    text = st.session_state.get(widget, "")
    try:
        saved = store.save_summary(key, text, base["version"], author=_author())
    except ConflictError as error:
        st.session_state.setdefault(_CONFLICT, {})[str(key)] = {
            "text": error.current_text,
            "version": error.current_version,
            "who": error.saved_by,
            "when": error.saved_at,
        }
        return
    st.session_state[_SUMMARY_BASE][str(key)] = {"version": saved.version, "text": text}
    st.session_state.get(_CONFLICT, {}).pop(str(key), None)
    _flash(key, "success", t("retro_summary_saved", lang, version=saved.version))


def _resolve_conflict(key: RetroKey, how: str) -> None:
    """Button callback after a conflict: start again from their text, or put their text above mine to merge."""
    conflict = st.session_state.get(_CONFLICT, {}).pop(str(key))
    widget = _summary_widget(key)
    mine = st.session_state.get(widget, "")
    st.session_state[widget] = conflict["text"] if how == "theirs" else f"{conflict['text']}\n\n{mine}".strip()
    st.session_state[_SUMMARY_BASE][str(key)] = {"version": conflict["version"], "text": conflict["text"]}


def summary_editor(store: RetroStore, rv: Review, lang: str) -> None:
    """The retrospective's summary: a text area saved with its version; a conflicting save keeps the other text."""
    key, widget = rv.key, _summary_widget(rv.key)
    stored = store.summary(key)
    bases = st.session_state.setdefault(_SUMMARY_BASE, {})
    base = bases.get(str(key))
    if base is None or widget not in st.session_state:
        # First time this retrospective is opened in the session: the editor starts from what is stored.
        bases[str(key)] = base = {"version": stored.version, "text": stored.text}
        st.session_state[widget] = stored.text
    current = st.session_state[widget]
    if stored.version != base["version"] and current == base["text"]:
        # Someone saved meanwhile and this editor holds no change of its own: follow their version.
        bases[str(key)] = base = {"version": stored.version, "text": stored.text}
        st.session_state[widget] = stored.text
    conflict = st.session_state.get(_CONFLICT, {}).get(str(key))

    st.markdown(f"##### {t('section_summary', lang)}")
    if conflict:
        st.error(
            t("retro_conflict", lang, who=conflict["who"] or t("retro_someone", lang), when=_when(conflict["when"])),
            icon=":material/sync_problem:",
        )
        with st.container(border=True, key="retro_conflict_text"):
            st.caption(t("retro_conflict_theirs", lang))
            st.text(conflict["text"] or "—")
        choices = st.container(horizontal=True, gap="small")
        for how in ("merge", "take"):
            choices.button(
                t(f"retro_conflict_{how}", lang),
                key=f"retro_conflict_{how}",
                on_click=_resolve_conflict,
                args=(key, "merge" if how == "merge" else "theirs"),
            )
    elif stored.version != base["version"]:
        st.warning(
            t(
                "retro_newer_summary",
                lang,
                who=stored.saved_by or t("retro_someone", lang),
                when=_when(stored.saved_at),
            ),
            icon=":material/sync_problem:",
        )
    st.text_area(
        t("section_summary", lang),
        key=widget,
        height=160,
        placeholder=t("retro_summary_placeholder", lang),
        label_visibility="collapsed",
        persist_state="session",
    )
    save, note = st.columns([1, 4], vertical_alignment="center")
    save.button(
        t("retro_save_summary", lang),
        key="retro_save_summary",
        on_click=_save_summary,
        args=(store, key, lang),
        type="primary",
        icon=":material/save:",
    )
    if stored.version:
        note.caption(
            t(
                "retro_summary_saved_by",
                lang,
                version=stored.version,
                who=stored.saved_by or t("retro_someone", lang),
                when=_when(stored.saved_at),
            )
        )


def _items_widget(key: RetroKey, items: list[ActionItem]) -> str:
    # A new key whenever an item changed: the editor then starts again from what is stored.
    return f"retro_items|{key}|" + ",".join(f"{i.item_id}.{i.version}" for i in items)


@_store_errors_reported
def _save_item_edits(store: RetroStore, key: RetroKey, items: list[ActionItem], lang: str) -> None:
    """Editor callback: save each edited item over the version shown; a newer save is kept and reported."""
    edits = st.session_state[_items_widget(key, items)].get("edited_rows", {})
    for row, changes in edits.items():
        item = items[int(row)]
        if not may_edit(item, key, current_user()):
            _flash(key, "error", t("retro_not_yours", lang, what=item.what))
            continue
        fields = {}
        for name, value in changes.items():
            if name == "due_date":
                fields[name] = date.fromisoformat(str(value)[:10]) if value else None
            elif name == "what" and not str(value or "").strip():
                continue  # an item keeps a description
            else:
                fields[name] = value if value is not None else ""
        try:
            store.update_item(replace(item, **fields), author=_author())
        except ConflictError as error:
            _item_conflict(key, error, lang)


def items_editor(store: RetroStore, rv: Review, lang: str) -> None:
    """This retrospective's action items, editable in place (what, owner, due date, status)."""
    items = store.items(rv.key)
    st.markdown(f"##### {t('items_agreed', lang)}")
    if not items:
        st.caption(t("retro_no_items", lang))
        return
    frame = pl.DataFrame(
        {
            "what": [i.what for i in items],
            "owner": [i.owner for i in items],
            "due_date": [i.due_date for i in items],
            "status": [i.status for i in items],
            "carried": [t("retro_carried_from", lang) if i.carried_from else "" for i in items],
        },
        schema={"what": pl.String, "owner": pl.String, "due_date": pl.Date, "status": pl.String, "carried": pl.String},
    )
    st.data_editor(
        frame.to_pandas(),
        key=_items_widget(rv.key, items),
        hide_index=True,
        width="stretch",
        disabled=["carried"],
        on_change=_save_item_edits,
        args=(store, rv.key, items, lang),
        column_config={
            "what": st.column_config.TextColumn(t("col_what", lang), width="large", required=True),
            "owner": st.column_config.TextColumn(t("col_owner", lang)),
            "due_date": st.column_config.DateColumn(t("col_due", lang), format="YYYY-MM-DD"),
            "status": st.column_config.SelectboxColumn(
                t("col_status", lang),
                options=list(STATUSES),
                format_func=lambda s: t(f"status_{s}", lang),
                required=True,
            ),
            "carried": st.column_config.TextColumn(" "),
        },
    )
    st.caption(t("retro_items_caption", lang))


@_store_errors_reported
def _add_item(store: RetroStore, key: RetroKey, lang: str) -> None:
    """Form callback: add an open action item to this retrospective (adding never conflicts)."""
    what = st.session_state.get("retro_new_what", "").strip()
    if not what:
        _flash(key, "error", t("retro_need_what", lang))
        return
    store.add_item(
        key,
        what,
        owner=st.session_state.get("retro_new_owner", "").strip(),
        due_date=st.session_state.get("retro_new_due"),
        author=_author(),
    )
    _flash(key, "success", t("retro_item_added", lang, what=what))


def add_item_form(store: RetroStore, rv: Review, lang: str) -> None:
    """What, owner and due date (two weeks after the period by default, the next retrospective's end)."""
    with st.form("retro_new_item", clear_on_submit=True, border=True):
        st.markdown(f"**{t('retro_add_item', lang)}**")
        what, owner, due = st.columns([4, 2, 1.4])
        what.text_input(t("col_what", lang), key="retro_new_what", placeholder=t("retro_what_placeholder", lang))
        owner.text_input(t("col_owner", lang), key="retro_new_owner")
        due.date_input(
            t("col_due", lang), key="retro_new_due", value=rv.retro.period.end + timedelta(days=14), format="YYYY-MM-DD"
        )
        st.form_submit_button(
            t("retro_add", lang), on_click=_add_item, args=(store, rv.key, lang), icon=":material/add_task:"
        )


def author_input(lang: str) -> None:
    """Who is writing: saved with each change, and named to whoever's later save runs into it. Signed in, it is
    the user (not editable); in demo mode a name typed here."""
    name, _ = st.columns([1, 2])
    user = current_user()
    if user is not None:
        name.text_input(t("retro_author", lang), value=user.name, disabled=True, key=f"{AUTHOR_KEY}_signed_in")
        return
    name.text_input(
        t("retro_author", lang),
        key=AUTHOR_KEY,
        help=t("retro_author_help", lang),
        placeholder=t("retro_author_placeholder", lang),
        persist_state="session",
        max_chars=60,
    )


# ---------------------------------------------------------------------------------------------
# Report


def report_file(
    con, rv: Review, store: RetroStore | None, lang: str, kind: str, findings: list[Finding] | None = None
) -> str | bytes:
    """The retrospective as the report module renders it (HTML or Excel), with the notes as stored right now.

    `findings`: the engine's, when already computed (else the report computes them, as the command line does).
    """
    report = build_report(con, rv.filters, rv.retro, store, lang, findings=None if findings is None else list(findings))
    return to_html(report) if kind == "html" else to_excel(report)


def _file_name(rv: Review, extension: str) -> str:
    """retrospective_<first day>_<last day>_<scope>.<extension>; the scope is the meeting's (access scope included)."""
    return download_name(
        "retrospective", replace(rv.filters, period=rv.retro.period, **scope_values(rv.filters)), extension
    )


def report_downloads(
    cursor_factory: Callable[[], object], rv: Review, store: RetroStore | None, lang: str, container
) -> None:
    """HTML report and Excel workbook of this retrospective, built when clicked (a few seconds, off the page run:
    the page itself computes the findings only when their tab is open)."""

    def make(kind: str) -> Callable[[], str | bytes]:
        # Runs in a worker thread on click, without the page's session: its own cursor, no Streamlit cache.
        return audited(
            lambda: report_file(cursor_factory(), rv, store, lang, kind), f"retrospective report ({kind})", rv.filters
        )

    html, excel = container.columns(2)
    html.download_button(
        t("retro_report_html", lang),
        make("html"),
        file_name=_file_name(rv, "html"),
        mime="text/html",
        on_click="ignore",
        icon=":material/description:",
        help=t("retro_report_help", lang),
        key="retro_report_html",
        width="stretch",
    )
    excel.download_button(
        t("retro_report_excel", lang),
        make("xlsx"),
        file_name=_file_name(rv, "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        icon=":material/table_view:",
        key="retro_report_excel",
        width="stretch",
    )
