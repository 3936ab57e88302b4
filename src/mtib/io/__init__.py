"""Layer 3, input and output: safe reading (YAML, JSON, CSV), structuring with the one
converter, loading and dumping, the built bundle of the bundled data, and importers.

Imports from ``mtib.core`` and ``mtib.dataset`` only.
"""
