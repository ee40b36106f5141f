"""Loan sales analytics dashboard: `streamlit run app.py`."""

from pathlib import Path

import streamlit as st

from ui.auth import current_scope, gate, sign_in_screen
from ui.filters import filter_bar
from ui.i18n import t
from ui.state import language_switch

# A local file: a material-icon page icon makes the browser fetch the favicon from a font CDN.
FAVICON = Path(__file__).parent / "ui" / "assets" / "favicon.png"

st.set_page_config(page_title="Loan sales analytics", page_icon=str(FAVICON), layout="wide")
lang = language_switch()
# Before any page or data: demo mode (with a banner) or a signed-in user; else the sign-in screen below.
access = gate(lang)

pages = [
    st.Page(
        "pages/overview.py",
        title=t("page_overview", lang),
        icon=":material/dashboard:",
        url_path="overview",
        default=True,
    ),
    st.Page("pages/funnel.py", title=t("page_funnel", lang), icon=":material/filter_alt:", url_path="funnel"),
    st.Page(
        "pages/disbursement.py",
        title=t("page_disbursement", lang),
        icon=":material/payments:",
        url_path="disbursement",
    ),
    st.Page("pages/credit.py", title=t("page_credit", lang), icon=":material/health_and_safety:", url_path="credit"),
    st.Page(
        "pages/customers.py", title=t("page_customers", lang), icon=":material/person_search:", url_path="customers"
    ),
    st.Page("pages/teams.py", title=t("page_teams", lang), icon=":material/groups:", url_path="teams"),
    st.Page(
        "pages/retrospective.py",
        title=t("page_retrospective", lang),
        icon=":material/event_repeat:",
        url_path="retrospective",
    ),
]
if access.sees_data_page or not access.granted:  # admins only once sign-in is on (hidden: for deep links)
    pages.append(st.Page("pages/data.py", title=t("page_data", lang), icon=":material/database:", url_path="data"))
# Registered even before sign-in (hidden), so a deep link still opens its page once signed in.
navigation = st.navigation(pages, position="sidebar" if access.granted else "hidden")
if not access.granted:
    sign_in_screen(lang)
    st.stop()
# The filter bar is drawn on every page, before the page itself, and handed to it through the session.
# The signed-in user's regions or teams (ui/auth.py): the filter bar offers only them, and every query applies them.
st.session_state["_filter_context"] = filter_bar(lang, scope=current_scope())
navigation.run()
