"""Plotly chart conventions: one colour per dimension value on every page, titled axes, no clutter."""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

# A qualitative palette readable on white (Okabe–Ito first, then Tableau), enough for the seven regions.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#4E79A7",
    "#F28E2B",
    "#59A14F",
    "#B07AA1",
    "#76B7B2",
    "#EDC948",
    "#FF9DA7",
    "#9C755F",
    "#BAB0AC",
)
STAGE_COLOURS = ("#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b", "#041c40")
BUCKET_COLOURS = {
    "M0": "#2ca25f",
    "M1": "#fed976",
    "M2": "#feb24c",
    "M3": "#fd8d3c",
    "M4": "#fc4e2a",
    "M5": "#e31a1c",
    "M6": "#bd0026",
    "M7+": "#800026",
    "M4+": "#bd0026",
}
FIVE_TIER_COLOURS = {
    "normal": "#2ca25f",
    "special_mention": "#fed976",
    "substandard": "#fd8d3c",
    "doubtful": "#e31a1c",
    "loss": "#800026",
}
BAND_COLOURS = {"red": "#d62728", "amber": "#ff9f1c", "green": "#2ca02c", "bonus": "#1f77b4"}
TARGET_COLOUR = "#555555"
STRETCH_COLOUR = "#999999"
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}
# The house template as plotly's default: a new figure takes the default cheaply, while setting
# `template=` on each figure validates the whole template again (about 40 ms a figure).
pio.templates.default = "plotly_white"


def colour_map(all_values: Iterable[str]) -> dict[str, str]:
    """A stable colour for each value of a dimension: assigned over the dimension's full sorted list of ids,
    so that a region keeps its colour whatever the filter shows."""
    return {value: PALETTE[i % len(PALETTE)] for i, value in enumerate(sorted(set(all_values)))}


def house_layout(
    title: str,
    x_title: str | None = None,
    y_title: str | None = None,
    height: int = 360,
    legend: bool = True,
) -> dict:
    """The house layout as a plain dict (title, axis titles, margins, legend), for building a figure in one
    go: `go.Figure(data=[...], layout=...)` validates once, where `update_*` calls cost ~5 ms each."""
    layout = {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 1, "xanchor": "right"},
        "showlegend": legend,
        "hoverlabel": {"namelength": -1},
    }
    if x_title is not None:
        layout["xaxis"] = {"title": {"text": x_title}}
    if y_title is not None:
        layout["yaxis"] = {"title": {"text": y_title}}
    return layout


def style(
    fig: go.Figure,
    title: str,
    x_title: str | None = None,
    y_title: str | None = None,
    height: int = 360,
    legend: bool = True,
) -> go.Figure:
    """Apply the house layout: a title, axis titles with units, compact margins, a horizontal legend."""
    fig.update_layout(**house_layout(title, height=height, legend=legend))
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig


# Plotly reads a few HTML tags in every text it draws (labels, ticks, hovers, titles, legends). Our own figures put
# <br> in category labels and <br>, <b>, <i>, <sup>, <sub> in texts and hovers; any other tag (<a href=…>,
# <span style=…>, and <b> in a category) can only come from a name in the source or text from a user, and is
# shown as text.
_FOREIGN_TAG = re.compile(r"<(?!/?(?:br|b|i|em|sup|sub)\s*/?>)", re.IGNORECASE)
_FOREIGN_IN_LABEL = re.compile(r"<(?!br\s*/?>)", re.IGNORECASE)
_TRACE_LABELS = ("x", "y", "labels", "parents", "name", "legendgroup")
_TRACE_TEXTS = ("text", "hovertext", "customdata")


def _plain(value, tag: re.Pattern = _FOREIGN_TAG):
    if isinstance(value, str):
        return tag.sub("&lt;", value) if "<" in value else value
    if isinstance(value, (list, tuple)) or (isinstance(value, np.ndarray) and value.dtype == object):
        return [_plain(v, tag) for v in value]
    return value


def plain_text(fig: go.Figure) -> go.Figure:
    """The figure with every tag that plotly would read from a name (a link, a styled span) shown as text."""
    for trace in fig.data:
        for attributes, tag in ((_TRACE_LABELS, _FOREIGN_IN_LABEL), (_TRACE_TEXTS, _FOREIGN_TAG)):
            for attribute in attributes:
                value = getattr(trace, attribute, None)
                if value is None or isinstance(value, (int, float)):
                    continue
                if isinstance(value, np.ndarray) and value.dtype != object:
                    continue
                plain = _plain(value, tag)
                if plain is not value and plain != value:
                    trace[attribute] = plain
    layout = fig.layout
    if layout.title and layout.title.text:
        layout.title.text = _plain(layout.title.text)
    for annotation in layout.annotations or ():
        if annotation.text:
            annotation.text = _plain(annotation.text)
    for axis in (layout.xaxis, layout.yaxis):
        if axis is not None and axis.ticktext is not None:
            axis.ticktext = _plain(list(axis.ticktext), _FOREIGN_IN_LABEL)
    return fig


def show(fig: go.Figure, key: str | None = None, **kwargs):
    """Render a figure with the house configuration (names shown as text); pass on_select etc. through kwargs."""
    return st.plotly_chart(plain_text(fig), config=PLOTLY_CONFIG, key=key, width="stretch", **kwargs)
