"""Streamlit entry inside the package, for `graphkit serve`."""

from graphkit.app import main

main()
