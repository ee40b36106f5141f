"""Query functions the pages call: plain Python, a connection and filter values in, polars frames out.

No Streamlit here; pages never write SQL.
"""
