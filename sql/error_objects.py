"""The ErrorResponse fields that name the object an integrity error is about (schema "s", table "t",
column "c", constraint "n"), as PostgreSQL sends them for not-null, check, unique and foreign key
violations; drivers expose them (psycopg2's ``diag.constraint_name``, node-postgres' ``err.constraint``,
JDBC's ``ServerErrorMessage.getConstraint``). The raise sites name the table and constraint; the
schema is looked up by the table's storage id when the error is reported."""

from __future__ import annotations

from typing import Any

from sql.errors import SqlError


def about(err: SqlError, table: Any, *, column: str | None = None, constraint: str | None = None) -> SqlError:
    """``err`` naming ``table`` (a catalog table) and its column or constraint; returns ``err``."""
    fields = {"t": table.name}
    if column is not None:
        fields["c"] = column
    if constraint is not None:
        fields["n"] = constraint
    err.object_fields = fields
    err.table_id = getattr(table, "storage_id", None)
    return err


def name_schema(err: SqlError, catalog: Any) -> None:
    """Add the schema field of an error that names a table, found in ``catalog`` by storage id."""
    if err.table_id is None or not err.object_fields or "s" in err.object_fields or catalog is None:
        return
    try:
        name = err.object_fields.get("t")
        for rel in catalog.relations.values():
            if getattr(rel, "storage_id", None) == err.table_id and getattr(rel, "name", None) == name:
                schema = catalog.schemas.get(rel.schema_oid)
                if schema is not None:
                    err.object_fields = {"s": schema.name, **err.object_fields}
                return
    except Exception:  # naming the schema is best effort: never fail the error report itself
        return
