"""Unit tests of the rewrite of WITH RECURSIVE ... SEARCH / CYCLE into the CTE's terms."""

from __future__ import annotations

import pytest
import sqlglot

from sql.dialect import PgDialect
from sql.errors import SqlError
from sql.plan_cte_search import DEPTH_COLUMN, rewrite_search_cycle


def rewrite(clause: str) -> tuple[str, list[str], set[str]]:
    q = sqlglot.parse_one("WITH RECURSIVE t(id) AS (SELECT 1 UNION ALL SELECT tree.id FROM tree JOIN t ON "
                          f"tree.parent = t.id) {clause} SELECT * FROM t", read=PgDialect)
    w = q.args["with_"]
    body, names, hidden = rewrite_search_cycle(w.expressions[0].this, ["id"], "t", w.args["search"])
    return body.sql("postgres"), names, hidden


def test_depth_first_appends_a_path() -> None:
    sql, names, hidden = rewrite("SEARCH DEPTH FIRST BY id SET ord")
    assert names == ["id", "ord"] and not hidden
    assert 'ARRAY[1] AS "ord"' in sql and '"t"."ord" || ARRAY[tree.id]' in sql


def test_breadth_first_carries_a_hidden_depth() -> None:
    sql, names, hidden = rewrite("SEARCH BREADTH FIRST BY id SET ord")
    assert names == ["id", DEPTH_COLUMN, "ord"] and hidden == {DEPTH_COLUMN}
    assert f'"t"."{DEPTH_COLUMN}" + 1' in sql


def test_cycle_marks_and_filters() -> None:
    sql, names, _ = rewrite("CYCLE id SET is_cycle USING path")
    assert names == ["id", "is_cycle", "path"]
    assert "= ANY \"t\".\"path\"" in sql and '"t"."is_cycle" <> TRUE' in sql


def test_unknown_search_column() -> None:
    with pytest.raises(SqlError) as e:
        rewrite("SEARCH DEPTH FIRST BY nope SET ord")
    assert e.value.code == "42P10"
