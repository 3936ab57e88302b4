"""Importers: public portfolios read into mtib records.

:mod:`mtib.io.importers.cordis` reads the EU's CORDIS project downloads (one
:class:`mtib.Partnership` per project, one :class:`mtib.Organisation` per
participant); :mod:`mtib.io.importers.stip` reads the OECD/EC STIP Compass
survey (one :class:`mtib.core.model.Initiative` per policy initiative). Both
read their files as streams, report every problem of a file at once in one
:class:`mtib.DataError` (file, row and column of each) and return a
:class:`mtib.Dataset` on which every query, analysis, export and command works.

>>> from mtib.io.importers import cordis, stip
>>> sorted(cordis.DEFAULT_SPHERES)
['HES', 'OTH', 'PRC', 'PUB', 'REC']
"""

from __future__ import annotations

__all__: list[str] = []
