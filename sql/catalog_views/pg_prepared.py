"""pg_prepared_statements: the session's named prepared statements (protocol Parse and SQL PREPARE)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sql.catalog_views.base import builder, relation


@relation("pg_catalog", "pg_prepared_statements", cached=False)
def pg_prepared_statements(session: Any) -> Iterator[tuple[Any, ...]]:
    make = builder("pg_catalog", "pg_prepared_statements")
    origins = session.statement_origins
    for name, prepared in session._statements.items():
        origin = origins.get(name)
        if not name or origin is None:
            continue
        text, prepared_at, from_sql = origin
        yield make(name=name, statement=text, prepare_time=prepared_at,
                   parameter_types=[t or 25 for t in prepared.param_types], from_sql=from_sql,
                   generic_plans=0, custom_plans=0)
