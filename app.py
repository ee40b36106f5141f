"""Loan sales analytics dashboard: `streamlit run app.py`."""

import streamlit as st

st.set_page_config(page_title="Loan sales analytics", page_icon=":material/monitoring:", layout="wide")

navigation = st.navigation(
    [
        st.Page("pages/data.py", title="Data", icon=":material/database:", url_path="data", default=True),
    ]
)
navigation.run()
