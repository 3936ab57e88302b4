"""Layer 1, the core: records and their vocabularies, the schema derived from them, the
cross-record rules, bilingual labels and the plain text/HTML table renderer.

Nothing here imports from a higher layer (``mtib.dataset``, ``mtib.io``, ``mtib.analysis``,
``mtib.render``, ``mtib.cli``); ``tests/test_layers.py`` checks it.
"""
