"""The one error type of the project.

Every layer raises :class:`SqlError` with a SQLSTATE from :mod:`sql.sqlstate`; the protocol
front end turns it into an ErrorResponse. This module imports nothing from the project except
the generated code table, so any layer may use it.
"""

from __future__ import annotations

from sql import sqlstate


class SqlError(Exception):
    """An error with PostgreSQL's fields: severity, SQLSTATE, message, detail, hint, position."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        detail: str | None = None,
        hint: str | None = None,
        position: int | None = None,
        severity: str = "ERROR",
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.detail = detail
        self.hint = hint
        self.position = position
        self.severity = severity

    context: str | None = None  # the CONTEXT field (where the error happened), set by the layer that knows
    # the fields naming the object an integrity error is about: "s" schema, "t" table, "c" column,
    # "n" constraint (see sql.error_objects); table_id is the table's storage id, to find its schema
    object_fields: dict[str, str] | None = None
    routine: str | None = None  # the ROUTINE field: PostgreSQL's source function, where clients match on it
    table_id: int | None = None

    @property
    def is_fatal(self) -> bool:
        return self.severity in ("FATAL", "PANIC")

    def __repr__(self) -> str:
        return f"SqlError({self.code!r}, {self.message!r})"


def internal_error(message: str) -> SqlError:
    return SqlError(sqlstate.INTERNAL_ERROR, message)


def feature_not_supported(what: str) -> SqlError:
    return SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"{what} is not supported")


def queue_notice(session: object, notice: SqlError) -> None:
    """A NOTICE/WARNING raised while a statement runs (by a function, PL/pgSQL's RAISE): the front end
    sends the session's pending notices before the statement's result or error."""
    session.__dict__.setdefault("pending_notices", []).append(notice)
