"""Writes to indicators and reports. One module per stage: negotiation.py, reporting.py, ..."""
