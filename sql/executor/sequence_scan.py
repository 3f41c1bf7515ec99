"""SELECT ... FROM a sequence: one row (last_value, log_cnt, is_called), as in PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sql import typesys as T

SEQUENCE_COLUMNS = (("last_value", T.INT8), ("log_cnt", T.INT8), ("is_called", T.BOOL))


class SequenceScan:
    def __init__(self, seq: Any) -> None:
        self.seq = seq

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        session = ctx.session
        value, called = session.db.sequence_state(self.seq, session.txn())
        yield (value, 0, called)
