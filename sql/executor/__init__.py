"""Executor nodes: one file per operator family, each node a read-only plan object whose
``rows(ctx)`` generator produces tuples of datums. Run-time state lives in the generator and
in the :class:`~sql.expr.Ctx`, so a cached plan can be run again and again."""
