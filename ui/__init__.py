"""Streamlit and plotly helpers the pages share."""
