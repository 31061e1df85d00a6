"""Streamlit entry: `streamlit run app.py`."""

from graphkit.app import main

main()
