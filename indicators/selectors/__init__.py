"""Reads (selectors) of the indicators app, one module per stage: negotiation.py, reporting.py, dashboards.py."""
