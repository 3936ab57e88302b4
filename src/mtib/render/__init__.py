"""Layer 5, rendering for people: Jupyter views, the HTML report, plots.

Imports from any lower layer; only ``mtib.cli`` imports from here.
"""
