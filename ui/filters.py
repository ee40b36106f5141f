"""The global filter bar: period, comparison and dimension filters, shared by every page and kept in the URL.

URL parameters (all optional; ids, never display names, so a link works in either language):

    period   a period's text form (pipelines.periods): 2026-11-02/2w, 2026-W45, 2026-11, 2026-Q4, 2026,
             or 2026-10-01..2026-10-20; the default is the last complete biweekly period
    cmp      prev (default) | yoy | none
    region, team, officer, line, channel, ctype   comma-separated ids

A value that is not valid is ignored with a visible notice, never an exception; so is a team outside the
region(s) named, and an account manager outside the team(s) (or region(s)) named.

**Access scope.** `filter_bar(lang, scope)` takes the signed-in user's `Scope` (a region head's regions, a team
lead's teams; `Scope()` for a director or admin). The organisation filters offer only what it allows
(`dimensions(con, scope)`), drills go only inside it, a link naming a region, team or account manager outside
it is shown the user's own scope with a notice, and the scope goes into `FilterContext.filters.scope`, which
every query function applies in SQL whatever the filters say. A notice echoes at most
60 characters of the value, escaped (ui.format.echo).

Drilling down (a bar on Teams or on the Disbursement leaderboard, a breadcrumb) is a filter: `drill_to`
sets region, team and account manager here, so every page shows the drilled scope and the sidebar and the
URL say so. An old link's `drill=region:R01` / `team:T003` / `officer:O0005` is read as those filters.

The Retrospective page reviews `period` when it is a biweekly period (`?period=2026-11-02/2w`) and the last
complete one otherwise; its own period picker sets this bar's period, so the URL keeps one `period` for every
page. It compares with the previous biweekly period and the same dates last year whatever `cmp` says
(ui/retro_view.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

import streamlit as st

from pipelines import periods
from pipelines.queries.dimensions import Dimensions, dimensions
from pipelines.queries.filters import Filters, Period, Scope
from ui.db import current_build, require_cursor
from ui.format import echo
from ui.i18n import t

COMPARISONS = ("prev", "yoy", "none")
PERIOD_KINDS = ("biweekly", "week", "month", "quarter", "year", "range")
# URL parameter → (Filters attribute, widget key)
LIST_PARAMS = {
    "region": ("region_ids", "f_region"),
    "team": ("team_ids", "f_team"),
    "officer": ("officer_ids", "f_officer"),
    "line": ("product_lines", "f_line"),
    "channel": ("channel_ids", "f_channel"),
    "ctype": ("customer_types", "f_ctype"),
}
MAX_PERIOD_CHOICES = 160
DRILL_LEVELS = ("region", "team", "officer")
LEGACY_DRILL_PARAM = "drill"
_PENDING_DRILL = "_pending_drill"


@dataclass(frozen=True)
class FilterContext:
    filters: Filters
    kind: str  # the period kind, one of PERIOD_KINDS
    lang: str
    dims: Dimensions

    @property
    def as_of(self) -> date:
        return self.dims.as_of


@st.cache_data(show_spinner=False, max_entries=32)
def _dimensions(
    build: tuple[str, int, int], region_ids: tuple[str, ...] = (), team_ids: tuple[str, ...] = (),
    officer_ids: tuple[str, ...] = ()
) -> Dimensions:  # fmt: skip
    del build  # the cache key: a new build brings new choices; the scope's plain values key the rest
    return dimensions(require_cursor(), Scope(region_ids, team_ids, officer_ids))


def comparison_period(cmp: str, period: Period, kind: str, anchor: date, as_of: date) -> Period | None:
    """The comparison period: the previous period, the same dates last year, or none.

    The previous period of a calendar period is the one before it of the same kind
    (October → September), as a director reads it; of a date range, the range of
    equal length just before it. While the period is still running (it ends after the
    as-of date), the comparison is cut to the same number of elapsed days, so that
    month-to-date is compared with the same days of last month, not with all of it.
    """
    if cmp == "prev":
        other = period.previous() if kind == "range" else periods.shift(kind, period, -1, anchor)
    elif cmp == "yoy":
        other = period.last_year()
    else:
        return None
    if period.start <= as_of < period.end:
        elapsed = as_of - period.start
        other = Period(other.start, min(other.end, other.start + elapsed))
    return other


def period_choices(kind: str, dims: Dimensions) -> list[str]:
    """Text forms of the periods of `kind` from the one containing the as-of date back to the first data."""
    anchor = dims.biweekly_anchor_monday
    current = periods.containing(kind, dims.as_of, anchor)
    out = []
    while current.end >= dims.first_date and len(out) < MAX_PERIOD_CHOICES:
        out.append(periods.to_text(kind, current))
        current = periods.shift(kind, current, -1, anchor)
    return out


def default_period(dims: Dimensions) -> str:
    return periods.to_text("biweekly", periods.last_complete("biweekly", dims.as_of, dims.biweekly_anchor_monday))


def _period_label(text: str, dims: Dimensions, lang: str) -> str:
    kind, period = periods.parse(text, dims.biweekly_anchor_monday)
    span = f"{period.start:%Y-%m-%d} – {period.end:%Y-%m-%d}"
    label = span if kind in ("biweekly", "range") else f"{text} ({span})"
    if period.end > dims.as_of:
        label += f" · {t('in_progress', lang)}"
    return label


def _init_from_url(
    dims: Dimensions, lang: str, everything: Dimensions | None = None, scope: Scope | None = None
) -> list[str]:
    """Load the URL's filter values into the widgets' state once per session; returns notices for bad values.

    `dims` are the choices the user's access scope allows, `everything` the warehouse's: a value known to the
    warehouse but outside the scope is dropped with its own notice (so the user's own scope is shown).
    """
    notices: list[str] = []
    params = st.query_params
    anchor = dims.biweekly_anchor_monday

    text = params.get("period")
    kind, period_text = "biweekly", default_period(dims)
    if text:
        try:
            parsed_kind, parsed = periods.parse(text, anchor)
            parsed_text = periods.to_text(parsed_kind, parsed)
            # The period widgets only offer periods within the data: a date range outside
            # [first day, as-of] would make the date input raise, another period is not a choice.
            if (
                dims.first_date <= parsed.start and parsed.end <= dims.as_of
                if parsed_kind == "range"
                else parsed_text in period_choices(parsed_kind, dims)
            ):
                kind, period_text = parsed_kind, parsed_text
            else:
                notices.append(t("notice_bad_period", lang, value=echo(text)))
        except ValueError:
            notices.append(t("notice_bad_period", lang, value=echo(text)))
    st.session_state["f_kind"] = kind
    if kind == "range":
        _, parsed = periods.parse(period_text, anchor)
        st.session_state["f_range"] = (parsed.start, parsed.end)
    else:
        st.session_state[f"f_period_{kind}"] = period_text

    cmp = params.get("cmp", "prev")
    if cmp not in COMPARISONS:
        notices.append(t("notice_bad_value", lang, name="cmp", value=echo(cmp)))
        cmp = "prev"
    st.session_state["f_cmp"] = cmp

    valid = dims.ids()
    known = (everything if everything is not None else dims).ids()
    for name, (_, key) in LIST_PARAMS.items():
        raw = params.get(name)
        if not raw:
            continue
        values = [v for v in raw.split(",") if v]
        good = [v for v in values if v in valid[name]]
        for bad in sorted(set(values) - set(good)):
            if bad in known[name]:
                allowed = echo(_scope_words(dims, scope or Scope(), lang))
                notices.append(t("notice_outside_access", lang, name=name, value=echo(bad), scope=allowed))
            else:
                notices.append(t("notice_bad_value", lang, name=name, value=echo(bad)))
        st.session_state[key] = good
    return notices


def _scope_words(dims: Dimensions, scope: Scope, lang: str) -> str:
    """What the access scope allows, by name: the account managers, else the teams, else the regions."""
    level, frame = (
        ("officer", dims.officers)
        if scope.officer_ids
        else ("team", dims.teams)
        if scope.team_ids
        else ("region", dims.regions)
    )
    return f"{t(level, lang)}: {', '.join(frame[f'{level}_name'])}"


def _outside_scope(dims: Dimensions, lang: str) -> list[str]:
    """Drop a team outside the chosen regions, and an account manager outside the chosen teams (or regions),
    with a notice for each (the filter bar would otherwise drop them without a word)."""
    notices: list[str] = []
    regions, teams = st.session_state.get("f_region") or [], st.session_state.get("f_team") or []
    if regions and teams:
        region_of = dict(zip(dims.teams["team_id"], dims.teams["region_id"], strict=True))
        names = dict(zip(dims.regions["region_id"], dims.regions["region_name"], strict=True))
        kept = [team for team in teams if region_of.get(team) in regions]
        for team in (team for team in teams if team not in kept):
            region = ", ".join(names.get(r, r) for r in regions)
            notices.append(t("notice_team_outside_region", lang, value=echo(team), region=echo(region)))
        st.session_state["f_team"] = teams = kept
    officers = st.session_state.get("f_officer") or []
    if officers and (teams or regions):
        rows = dims.officers
        scope_column, scope = ("team_id", teams) if teams else ("region_id", regions)
        home = dict(zip(rows["officer_id"], rows[scope_column], strict=True))
        frame = dims.teams if teams else dims.regions
        names = dict(zip(frame[scope_column], frame[scope_column.replace("_id", "_name")], strict=True))
        kept = [officer for officer in officers if home.get(officer) in scope]
        for officer in (officer for officer in officers if officer not in kept):
            where = ", ".join(names.get(v, v) for v in scope)
            notices.append(t("notice_officer_outside_team", lang, value=echo(officer), scope=echo(where)))
        st.session_state["f_officer"] = kept
    return notices


def drill_to(level: str | None, value: str | None = None) -> None:
    """Drill to a region, team or account manager (`level` one of DRILL_LEVELS, `value` its id), or back to
    all regions (`level` None).

    The drill is a filter: the filter bar's region, team and account manager are set on the next run (the
    levels above to the drilled one's own, the levels below cleared), so every page shows that scope. Call
    it from a widget callback (`on_click=drill_to, args=("team", "T003")`), or follow it with `st.rerun()`
    or `st.switch_page(...)`.
    """
    if level is not None and level not in DRILL_LEVELS:
        raise ValueError(f"unknown drill level {level!r}")
    st.session_state[_PENDING_DRILL] = (level, value)


def _drill_scope(level: str | None, value: str | None, dims: Dimensions) -> dict[str, list[str]] | None:
    """The region, team and account manager a drill sets (None when `value` is not one of `level`)."""
    scope: dict[str, list[str]] = {"f_region": [], "f_team": [], "f_officer": []}
    if level is None:
        return scope
    frame = {"region": dims.regions, "team": dims.teams, "officer": dims.officers}[level]
    row = frame.filter(frame[f"{level}_id"] == value)
    if row.is_empty():
        return None
    scope["f_region"] = [row["region_id"][0]]
    if level in ("team", "officer"):
        scope["f_team"] = [row["team_id"][0]]
    if level == "officer":
        scope["f_officer"] = [value]
    return scope


def _apply_pending_drill(dims: Dimensions) -> None:
    level, value = st.session_state.pop(_PENDING_DRILL)
    scope = _drill_scope(level, value, dims)
    if scope is not None:
        st.session_state.update(scope)


def _apply_legacy_drill(dims: Dimensions, lang: str) -> list[str]:
    """An old link's `drill=level:id`, read as the filters it means; dropped with a notice when it names no
    known region, team or account manager, or one outside the link's own filters."""
    text = st.query_params.get(LEGACY_DRILL_PARAM)
    del st.query_params[LEGACY_DRILL_PARAM]
    level, _, value = (text or "").partition(":")
    scope = _drill_scope(level, value, dims) if level in DRILL_LEVELS else None
    chosen = {key: st.session_state.get(key) or [] for key in ("f_region", "f_team", "f_officer")}
    if scope is None or any(chosen[key] and scope[key] and scope[key][0] not in chosen[key] for key in chosen):
        return [t("teams_bad_drill", lang, value=echo(text))]
    st.session_state.update(scope)
    return []


def _set_quick_pick(kind: str, which: str, dims: Dimensions) -> None:
    anchor = dims.biweekly_anchor_monday
    period = (
        periods.last_complete(kind, dims.as_of, anchor)
        if which == "last_complete"
        else periods.containing(kind, dims.as_of, anchor)
    )
    st.session_state["f_kind"] = kind
    st.session_state[f"f_period_{kind}"] = periods.to_text(kind, period)


def _multiselect(label: str, options: list[str], key: str, names: dict[str, str]) -> list[str]:
    # Keep only selections that the (cascaded) options still offer, so narrowing a region drops its teams.
    if key in st.session_state:
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
    # Streamlit keeps a multiselect's value as the options' labels: two account managers with the
    # same name would both come back as the first one. Such names carry their id.
    labels = {v: names.get(v, v) for v in options}
    repeated = {label for label, n in Counter(labels.values()).items() if n > 1}
    labels = {v: f"{label} ({v})" if label in repeated else label for v, label in labels.items()}
    return st.sidebar.multiselect(
        label, options, key=key, format_func=lambda v: labels.get(v, v), placeholder=t("all", st.session_state["_lang"])
    )


def filter_bar(lang: str, scope: Scope | None = None) -> FilterContext | None:
    """Draw the filter bar in the sidebar, sync it with the URL; the filter state, or None without a warehouse.

    `scope` is the signed-in user's access scope (None or `Scope()`: everything); see the module docstring.
    """
    build = current_build()
    if build is None:
        return None
    scope = scope or Scope()
    dims = _dimensions(build, scope.region_ids, scope.team_ids, scope.officer_ids)
    if st.session_state.get("_lang", lang) != lang:
        # Streamlit keeps a widget's choice by its displayed label; after a language switch the
        # old label would stay on screen. Setting each value again redraws it in the new language.
        for key in [k for k in st.session_state if isinstance(k, str) and k.startswith("f_")]:
            st.session_state[key] = st.session_state[key]
    st.session_state["_lang"] = lang
    notices: list[str] = []
    if st.session_state.get("_filters_loaded") != build:
        if "_filters_loaded" not in st.session_state:
            everything = _dimensions(build) if scope.restricted else dims
            notices = _init_from_url(dims, lang, everything, scope) + _outside_scope(dims, lang)
        st.session_state["_filters_loaded"] = build
    if LEGACY_DRILL_PARAM in st.query_params:
        notices += _apply_legacy_drill(dims, lang)
    if _PENDING_DRILL in st.session_state:
        _apply_pending_drill(dims)

    sidebar = st.sidebar
    sidebar.subheader(t("filters", lang))
    kind = sidebar.selectbox(
        t("period_kind", lang), PERIOD_KINDS, key="f_kind", format_func=lambda k: t(f"period_kind_{k}", lang)
    )
    if kind == "range":
        default = periods.last_complete("biweekly", dims.as_of, dims.biweekly_anchor_monday)
        st.session_state.setdefault("f_range", (default.start, default.end))
        picked = sidebar.date_input(
            t("period", lang), key="f_range", min_value=dims.first_date, max_value=dims.as_of, format="YYYY-MM-DD"
        )
        start, end = (tuple(picked) + (None, None))[:2] if isinstance(picked, (tuple, list)) else (picked, picked)
        period = Period(start, end or start)
    else:
        choices = period_choices(kind, dims)
        key = f"f_period_{kind}"
        if st.session_state.get(key) not in choices:
            st.session_state[key] = periods.to_text(
                kind, periods.last_complete(kind, dims.as_of, dims.biweekly_anchor_monday)
            )
            if st.session_state[key] not in choices:
                st.session_state[key] = choices[0]
        text = sidebar.selectbox(
            t("period", lang), choices, key=key, format_func=lambda s: _period_label(s, dims, lang)
        )
        period = periods.parse(text, dims.biweekly_anchor_monday)[1]

    quick = sidebar.columns(2)
    quick[0].button(
        t("quick_last_biweekly", lang),
        on_click=_set_quick_pick,
        args=("biweekly", "last_complete", dims),
        width="stretch",
    )
    quick[1].button(
        t("quick_month_to_date", lang), on_click=_set_quick_pick, args=("month", "current", dims), width="stretch"
    )
    quick = sidebar.columns(2)
    quick[0].button(
        t("quick_quarter_to_date", lang),
        on_click=_set_quick_pick,
        args=("quarter", "current", dims),
        width="stretch",
    )
    quick[1].button(
        t("quick_year_to_date", lang), on_click=_set_quick_pick, args=("year", "current", dims), width="stretch"
    )

    cmp = sidebar.selectbox(
        t("compare_with", lang), COMPARISONS, key="f_cmp", format_func=lambda c: t(f"cmp_{c}", lang)
    )

    region_names = dict(zip(dims.regions["region_id"], dims.regions["region_name"], strict=True))
    regions = _multiselect(t("region", lang), list(region_names), "f_region", region_names)
    teams = dims.teams if not regions else dims.teams.filter(dims.teams["region_id"].is_in(regions))
    team_names = dict(zip(teams["team_id"], teams["team_name"], strict=True))
    team_ids = _multiselect(t("team", lang), list(team_names), "f_team", team_names)
    officers = dims.officers
    if team_ids:
        officers = officers.filter(officers["team_id"].is_in(team_ids))
    elif regions:
        officers = officers.filter(officers["region_id"].is_in(regions))
    officer_names = dict(zip(officers["officer_id"], officers["officer_name"], strict=True))
    officer_ids = _multiselect(t("officer", lang), list(officer_names), "f_officer", officer_names)
    line_names = {line: t(f"product_line_{line}", lang) for line in dims.product_lines}
    lines = _multiselect(t("product_line", lang), list(line_names), "f_line", line_names)
    channel_names = dict(zip(dims.channels["channel_id"], dims.channels["channel_name"], strict=True))
    channel_ids = _multiselect(t("channel", lang), list(channel_names), "f_channel", channel_names)
    ctype_names = {c: t(f"customer_type_{c}", lang) for c in dims.customer_types}
    ctypes = _multiselect(t("customer_type", lang), list(ctype_names), "f_ctype", ctype_names)

    for notice in notices:
        st.warning(notice, icon=":material/link_off:")

    filters = Filters(
        period=period,
        comparison=comparison_period(cmp, period, kind, dims.biweekly_anchor_monday, dims.as_of),
        region_ids=tuple(regions),
        team_ids=tuple(team_ids),
        officer_ids=tuple(officer_ids),
        product_lines=tuple(lines),
        channel_ids=tuple(channel_ids),
        customer_types=tuple(ctypes),
        scope=scope,
    )
    _write_url(filters, kind, cmp, dims)
    return FilterContext(filters=filters, kind=kind, lang=lang, dims=dims)


def _write_url(filters: Filters, kind: str, cmp: str, dims: Dimensions) -> None:
    """Mirror the filter state into the URL, leaving defaults out so links stay short."""
    wanted = {
        "period": periods.to_text(kind, filters.period),
        "cmp": cmp,
        **{name: ",".join(getattr(filters, attribute)) for name, (attribute, _) in LIST_PARAMS.items()},
    }
    if wanted["period"] == default_period(dims):
        wanted["period"] = ""
    if cmp == "prev":
        wanted["cmp"] = ""
    for name, value in wanted.items():
        if value:
            if st.query_params.get(name) != value:
                st.query_params[name] = value
        elif name in st.query_params:
            del st.query_params[name]


def context() -> FilterContext | None:
    """The filter state app.py computed for this run (pages call this)."""
    return st.session_state.get("_filter_context")


def describe(ctx: FilterContext) -> list[tuple[str, str]]:
    """The filter state as (label, value) rows in the interface language, for exports and reports."""
    lang, dims, f = ctx.lang, ctx.dims, ctx.filters
    everything = t("all", lang)

    def names(ids: tuple[str, ...], frame, id_col: str, name_col: str) -> str:
        if not ids:
            return everything
        lookup = dict(zip(frame[id_col], frame[name_col], strict=True))
        return ", ".join(lookup.get(i, i) for i in ids)

    rows = [
        (t("as_of_date", lang), dims.as_of.isoformat()),
        (t("period", lang), f"{f.period.start:%Y-%m-%d} – {f.period.end:%Y-%m-%d}"),
        (
            t("compare_with", lang),
            f"{f.comparison.start:%Y-%m-%d} – {f.comparison.end:%Y-%m-%d}" if f.comparison else t("cmp_none", lang),
        ),
        (t("region", lang), names(f.region_ids, dims.regions, "region_id", "region_name")),
        (t("team", lang), names(f.team_ids, dims.teams, "team_id", "team_name")),
        (t("officer", lang), names(f.officer_ids, dims.officers, "officer_id", "officer_name")),
        (
            t("product_line", lang),
            ", ".join(t(f"product_line_{p}", lang) for p in f.product_lines) or everything,
        ),
        (t("channel", lang), names(f.channel_ids, dims.channels, "channel_id", "channel_name")),
        (
            t("customer_type", lang),
            ", ".join(t(f"customer_type_{c}", lang) for c in f.customer_types) or everything,
        ),
    ]
    if f.scope.restricted:
        # Whoever reads a download later sees whose view of the data it is.
        rows.append((t("access_scope", lang), _scope_words(dims, f.scope, lang)))
    return rows
