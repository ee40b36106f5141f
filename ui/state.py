"""Page state that lives in the URL, so that any view is a link someone else can open."""

from __future__ import annotations

import streamlit as st

from ui.i18n import LANGUAGES, t


def language() -> str:
    """The interface language from the URL (`?lang=zh`), English when absent or unknown."""
    lang = st.query_params.get("lang", "en")
    return lang if lang in LANGUAGES else "en"


def language_switch() -> str:
    """The sidebar language switch, bound to `?lang=`; returns the chosen language."""
    current = language()
    choice = st.sidebar.segmented_control(
        f"{t('language', 'en')} · {t('language', 'zh')}",  # the same in both, so it can be found either way
        options=list(LANGUAGES),
        format_func=LANGUAGES.get,
        default=current,
        key="language_switch",
    )
    chosen = choice or current
    if chosen == "en":
        st.query_params.pop("lang", None)
    else:
        st.query_params["lang"] = chosen
    return chosen
