"""Reads (selectors) of the indicators app, one module per stage: reporting.py, dashboards.py."""
