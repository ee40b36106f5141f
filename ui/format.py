"""Number formats for the two languages: money as ¥ with K/M/B (English) or 万/亿 (Chinese)."""

from __future__ import annotations

import math
import re
from decimal import Decimal

MISSING = "—"
ECHO_LIMIT = 60
# Markdown's inline syntax (emphasis, code, links, HTML, LaTeX, Streamlit's :colour[...] and :material/...:
# directives); a notice is one line of text, so the line-start syntax ("- ", "1. ") cannot occur mid-sentence.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~$:])")


def escape_markdown(text: str) -> str:
    """Text from the source or the user shown through Markdown as it is: no emphasis, links, HTML, LaTeX
    (between two dollar signs) or Streamlit directives (:red[...], :material/...:)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _missing(value: float | Decimal | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def money(value: float | Decimal | None, lang: str = "en") -> str:
    """¥ amount, short: ¥1.23M / ¥456.8K in English, ¥1.23亿 / ¥456.8万 in Chinese; exact below a thousand."""
    if _missing(value):
        return MISSING
    amount = float(value)
    sign = "-" if amount < 0 else ""
    size = abs(amount)
    if lang == "zh":
        steps = ((1e8, "亿"), (1e4, "万"))
    else:
        steps = ((1e9, "B"), (1e6, "M"), (1e3, "K"))
    for scale, suffix in steps:
        if size >= scale:
            scaled = size / scale
            digits = 2 if scaled < 100 else 1
            return f"{sign}¥{scaled:,.{digits}f}{suffix}"
    return f"{sign}¥{size:,.0f}"


def money_exact(value: float | Decimal | None) -> str:
    """¥ amount to the cent with thousands separators, for tables and exports."""
    if _missing(value):
        return MISSING
    return f"¥{Decimal(str(value)).quantize(Decimal('0.01')):,}"


def percent(value: float | None, signed: bool = False) -> str:
    """A ratio as a percentage with one decimal (0.1234 → 12.3%)."""
    if _missing(value):
        return MISSING
    return f"{value * 100:+.1f}%" if signed else f"{value * 100:.1f}%"


def points(value: float | None) -> str:
    """A change between two ratios in percentage points (0.012 → +1.2 pp)."""
    if _missing(value):
        return MISSING
    return f"{value * 100:+.1f} pp"


def count(value: int | float | None) -> str:
    """A whole number with thousands separators."""
    if _missing(value):
        return MISSING
    return f"{value:,.0f}"


def days(value: float | None, lang: str = "en") -> str:
    """A duration in days with one decimal."""
    if _missing(value):
        return MISSING
    return f"{value:.1f} 天" if lang == "zh" else f"{value:.1f} days"


def echo(value: object, limit: int = ECHO_LIMIT) -> str:
    """A value from a link or a file shown back in a notice: at most `limit` characters (cut with "…"),
    one line, every Markdown character escaped, so a hostile value is shown as text and never runs."""
    text = " ".join(str(value).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
