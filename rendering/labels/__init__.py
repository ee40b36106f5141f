"""The one label table: every label, title, tooltip and popover text goes through `t`.

Keys are English snake_case; each has an English and a Simplified Chinese text. Business terms follow
the glossary of SPEC §7. The table is split by area, one module each; a key belongs to exactly one.
"""

from __future__ import annotations

from pipelines.retro.findings import STATEMENTS as _RETRO_STATEMENTS
from rendering.labels import access, common, credit, definitions, overview, retro, sales

LANGUAGES = {"en": "English", "zh": "简体中文"}


def _merge(*tables: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for table in tables:
        twice = merged.keys() & table.keys()
        if twice:
            raise ValueError(f"labels defined in two areas: {sorted(twice)}")
        merged.update(table)
    return merged


TEXT: dict[str, dict[str, str]] = _merge(
    common.TEXT,
    overview.TEXT,
    sales.TEXT,
    credit.TEXT,
    definitions.TEXT,
    retro.TEXT,
    # The findings' one-line statements are written next to the rules that fill them.
    _RETRO_STATEMENTS,
    access.TEXT,
)


def t(key: str, lang: str = "en", **values: object) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled from `values`."""
    try:
        text = TEXT[key][lang]
    except KeyError:
        raise KeyError(f"no translation for {key!r} in {lang!r}") from None
    return text.format(**values) if values else text
