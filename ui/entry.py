"""Making sure every page runs through app.py, even when the first request is a deep link."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure_app_entry() -> None:
    """Re-run through app.py when Streamlit ran this page on its own.

    The design card asks for a top-level `pages/` folder. Until the first run of
    app.py calls `st.navigation`, Streamlit treats such a folder as a legacy
    multipage app, so a server's very first request for a deep link (`/funnel?...`)
    would run the page file alone: no filter bar, no language switch, the legacy
    page list in the sidebar. Switching that legacy mode off and re-running sends
    the request through app.py, which then opens the linked page.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
