"""Layer 5, rendering for people: the HTML report with its SVG charts, and plots.

Imports from any lower layer; only ``mtib.cli`` imports from here. The tables
every layer prints are :mod:`mtib.core.tables`; the Jupyter views of records are
:mod:`mtib.core.views`, of collections and datasets in :mod:`mtib.dataset`.
"""
