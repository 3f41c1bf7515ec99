"""Virtual pg_catalog / information_schema relations (see :mod:`sql.catalog_views`).

Kept as the entry point the session uses: :func:`lookup` finds a relation by schema and name.
"""

from __future__ import annotations

from sql.catalog_views import VIRTUAL_TABLES, VColumn, VirtualTable, lookup

__all__ = ["VIRTUAL_TABLES", "VColumn", "VirtualTable", "lookup"]
