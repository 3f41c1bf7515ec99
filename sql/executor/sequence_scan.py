"""``SELECT ... FROM some_sequence``: a sequence read as the one-row relation PostgreSQL shows
(last_value bigint, log_cnt bigint, is_called boolean)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sql import typesys as T
from sql.catalog import Sequence
from sql.scope import ScopeColumn

_COLUMNS = (("last_value", T.INT8), ("log_cnt", T.INT8), ("is_called", T.BOOL))


def sequence_columns(seq: Sequence) -> list[ScopeColumn]:
    return [ScopeColumn(name, oid, -1, seq.oid, i + 1) for i, (name, oid) in enumerate(_COLUMNS)]


@dataclass(frozen=True)
class SequenceScan:
    seq: Sequence

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        session = ctx.session
        last, called = session.db.sequence_state(self.seq, session.txn())
        yield (last, 0, called)
