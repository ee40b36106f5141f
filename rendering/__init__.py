"""The rendering floor: labels, formatting, figures and the HTML and Excel writers.

It reads what the pipelines floor returns and produces text, figures and files. It never imports
Streamlit or `ui`; the Streamlit UI (`ui/`) and the `report` command both draw through it.
"""
