"""Alembic against the real server: autogenerate a first migration from models into an empty
database, upgrade, change the models (a column, an index, a unique constraint), autogenerate
again (the diff must be exactly that change and nothing spurious), upgrade, and downgrade to base."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    func,
    inspect,
    text,
)

ENV_PY = textwrap.dedent('''
    from alembic import context
    from sqlalchemy import create_engine

    config = context.config
    target_metadata = config.attributes["target_metadata"]

    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, compare_type=True,
                          compare_server_default=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
''')


def models(version: int) -> MetaData:
    md = MetaData()
    Table("authors", md,
          Column("id", Integer, primary_key=True),
          Column("name", String(80), nullable=False),
          Column("active", Boolean, nullable=False, server_default=text("true")),
          Column("created", DateTime(timezone=True), server_default=func.now()),
          CheckConstraint("length(name) > 0", name="ck_authors_name"))
    books = Table("books", md,
                  Column("id", Integer, primary_key=True),
                  Column("author_id", ForeignKey("authors.id", ondelete="CASCADE"), nullable=False, index=True),
                  Column("title", Text, nullable=False),
                  Column("price", Numeric(8, 2)),
                  UniqueConstraint("author_id", "title", name="uq_books_author_title"))
    if version >= 2:
        books.append_column(Column("isbn", String(13)))
        books.append_constraint(UniqueConstraint("isbn", name="uq_books_isbn"))
        Index("ix_books_price", books.c.price)
    return md


def diff_summary(url: str, md: MetaData) -> list[Any]:
    eng = create_engine(url)
    try:
        with eng.connect() as c:
            diffs = compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}), md)
    finally:
        eng.dispose()
    out = []
    for d in diffs:
        if isinstance(d, list):  # column modifications come as a list of tuples
            out.extend((m[0], m[2], m[3]) for m in d)
        elif d[0] in ("add_column", "remove_column"):
            out.append((d[0], d[2], d[3].name))
        elif d[0] in ("add_index", "remove_index", "add_constraint", "remove_constraint", "add_table",
                      "remove_table"):
            out.append((d[0], d[1].name))
        else:
            out.append(d[:2])
    return sorted(out, key=repr)


def run_scenario(url: str, tmp_path: Path) -> None:
    d = tmp_path / "migrations"
    cfg = Config(str(tmp_path / "alembic.ini"))
    cfg.set_main_option("script_location", str(d))
    cfg.set_main_option("sqlalchemy.url", url)
    cfg.attributes["target_metadata"] = models(1)
    command.init(cfg, str(d))
    (d / "env.py").write_text(ENV_PY)

    first = command.revision(cfg, message="create tables", autogenerate=True, rev_id="0001")
    body = Path(first.path).read_text()
    for piece in ("op.create_table('authors'", "op.create_table('books'", "op.create_index(op.f('ix_books_author_id')",
                  "sa.ForeignKeyConstraint(['author_id'], ['authors.id'], ondelete='CASCADE')",
                  "sa.UniqueConstraint('author_id', 'title', name='uq_books_author_title')",
                  "op.drop_table('books')", "op.drop_table('authors')"):
        assert piece in body, (piece, body)
    command.upgrade(cfg, "head")

    eng = create_engine(url)
    try:
        with eng.connect() as c:
            assert sorted(inspect(c).get_table_names()) == ["alembic_version", "authors", "books"]
            assert c.execute(text("select version_num from alembic_version")).scalar_one() == "0001"
    finally:
        eng.dispose()
    assert diff_summary(url, models(1)) == []  # nothing spurious after the first upgrade

    assert diff_summary(url, models(2)) == [("add_column", "books", "isbn"), ("add_constraint", "uq_books_isbn"),
                                            ("add_index", "ix_books_price")]
    cfg.attributes["target_metadata"] = models(2)
    second = command.revision(cfg, message="isbn", autogenerate=True, rev_id="0002")
    body = Path(second.path).read_text()
    up, down = body.split("def downgrade")
    assert "op.add_column('books', sa.Column('isbn', sa.String(length=13), nullable=True))" in up
    assert "op.create_index('ix_books_price', 'books', ['price'], unique=False)" in up
    assert "op.create_unique_constraint('uq_books_isbn', 'books', ['isbn'])" in up
    assert up.count("op.") == 3, up
    assert "op.drop_column('books', 'isbn')" in down and "op.drop_index('ix_books_price'" in down
    assert "op.drop_constraint('uq_books_isbn', 'books', type_='unique')" in down
    command.upgrade(cfg, "head")
    assert diff_summary(url, models(2)) == []

    command.downgrade(cfg, "0001")
    assert diff_summary(url, models(1)) == []
    command.downgrade(cfg, "base")
    eng = create_engine(url)
    try:
        with eng.connect() as c:
            assert inspect(c).get_table_names() == ["alembic_version"]
            assert c.execute(text("select count(*) from alembic_version")).scalar_one() == 0
    finally:
        eng.dispose()


def test_alembic_autogenerate_upgrade_downgrade(server: Any, db: str, tmp_path: Path) -> None:
    url = f"postgresql+psycopg://{server.user}:{server.password}@{server.host}:{server.port}/{db}"
    run_scenario(url, tmp_path)


if __name__ == "__main__":  # the same scenario against any server: python -m tests.e2e.test_alembic URL
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        run_scenario(sys.argv[1], Path(tmp))
    print("ok")
