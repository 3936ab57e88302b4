"""Layer 4, analyses: helix composition and synergy, matrices, graphs, flat tables and
frames, coverage statistics.

Imports from ``mtib.core``, ``mtib.dataset`` and ``mtib.io`` only.
"""
