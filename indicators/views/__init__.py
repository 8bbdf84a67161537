"""Thin views, one module per stage: negotiation.py, reporting.py, dashboards.py, ..."""
