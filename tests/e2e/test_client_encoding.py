"""Client encodings other than UTF8 through psycopg and psql: text converted both ways in every
message (queries, parameters, rows in text and binary, column names, errors, COPY), PostgreSQL's
names for the encodings, and its errors for bytes and characters that do not convert."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg import errors, pq

EURO = "\u20ac"


@pytest.fixture()
def dbconn(server: Any, db: str) -> Iterator[psycopg.Connection]:
    with server.connect(dbname=db) as c:
        c.execute("CREATE TABLE enc_t (id int PRIMARY KEY, v text, j jsonb)")
        yield c


def _raw(c: psycopg.Connection, sql: bytes) -> pq.abc.PGresult:
    """Send bytes as they are (no encoding by psycopg)."""
    return c.pgconn.exec_(sql)


@pytest.mark.parametrize("encoding, text", [
    ("LATIN1", "caf\u00e9 \u00fc\u00df"),
    ("LATIN9", f"{EURO} \u0153uvre"),
    ("EUC_JP", "\u65e5\u672c\u8a9e \u3042"),
    ("WIN1252", f"{EURO} \u201cq\u201d"),
])
@pytest.mark.parametrize("binary", [False, True])
def test_round_trip(dbconn: psycopg.Connection, encoding: str, text: str, binary: bool) -> None:
    c = dbconn
    c.execute(f"SET client_encoding TO '{encoding}'")
    assert c.info.encoding.upper().replace("-", "") != "UTF8"
    cur = c.cursor(binary=binary)
    # a literal in the query text, a parameter, and the values read back
    assert cur.execute(f"SELECT '{text}'::text, %s::text, %s::varchar", (text, text)).fetchone() == (text, text, text)
    cur.execute("INSERT INTO enc_t VALUES (1, %s, %s)", (text, psycopg.types.json.Jsonb({"k": text})))
    # (psycopg's json loader assumes UTF-8, so the jsonb is checked through ->>)
    assert cur.execute("SELECT v, j->>'k', v::name, v::bpchar, length(v) FROM enc_t").fetchone() == (
        text, text, text, text, len(text))
    # the bytes on the wire are in the client encoding
    res = _raw(c, b"SELECT v FROM enc_t")
    assert res.get_value(0, 0) == text.encode(c.info.encoding)


def test_column_names_and_errors(dbconn: psycopg.Connection) -> None:
    c = dbconn
    c.execute("SET client_encoding TO 'LATIN1'")
    cur = c.execute('SELECT 1 AS "\u00e9t\u00e9"')
    assert cur.description[0].name == "\u00e9t\u00e9"
    res = _raw(c, 'SELECT 1 AS "\u00e9"'.encode("latin1"))
    assert res.fname(0) == b"\xe9"
    with pytest.raises(errors.UndefinedTable) as info:
        c.execute('SELECT * FROM "tabl\u00e9"')
    assert info.value.diag.message_primary == 'relation "tabl\u00e9" does not exist'
    res = _raw(c, 'SELECT * FROM "\u00e9"'.encode("latin1"))
    assert res.error_field(pq.DiagnosticField.MESSAGE_PRIMARY) == b'relation "\xe9" does not exist'


def test_untranslatable_character(dbconn: psycopg.Connection) -> None:
    c = dbconn
    c.execute("SET client_encoding TO 'LATIN1'")
    for sql in ("SELECT U&'\\20AC'", "SELECT 1 AS \"x\", U&'\\20AC' FROM generate_series(1, 3)"):
        with pytest.raises(errors.UntranslatableCharacter) as info:
            c.execute(sql)
        assert info.value.diag.sqlstate == "22P05"
        assert info.value.diag.message_primary == (
            'character with byte sequence 0xe2 0x82 0xac in encoding "UTF8" has no equivalent in encoding "LATIN1"')
    with pytest.raises(errors.UntranslatableCharacter):  # binary text too
        c.cursor(binary=True).execute("SELECT U&'\\20AC'")
    with pytest.raises(errors.UntranslatableCharacter):  # an error message that cannot be sent
        c.execute("DO $$BEGIN RAISE EXCEPTION 'x%', U&'\\20AC'; END$$")
    assert c.execute("SELECT 'ok'").fetchone() == ("ok",)  # the connection goes on


def test_invalid_byte_sequence(dbconn: psycopg.Connection) -> None:
    c = dbconn
    c.execute("SET client_encoding TO 'EUC_JP'")
    res = _raw(c, b"SELECT '\xa4'")
    assert res.error_field(pq.DiagnosticField.SQLSTATE) == b"22021"
    assert res.error_field(pq.DiagnosticField.MESSAGE_PRIMARY) == (
        b'invalid byte sequence for encoding "EUC_JP": 0xa4 0x27')
    res = c.pgconn.exec_params(b"SELECT $1::text", [b"\xa4'"], param_formats=[0])
    assert res.error_field(pq.DiagnosticField.SQLSTATE) == b"22021"
    assert res.error_field(pq.DiagnosticField.CONTEXT) == b"unnamed portal parameter $1"
    res = c.pgconn.exec_params(b"SELECT $1::text", [b"\xa4\xa2"], param_formats=[1], result_format=1)
    assert res.get_value(0, 0) == b"\xa4\xa2"  # binary text parameters are converted too
    c.execute("SET client_encoding TO 'WIN1252'")
    res = _raw(c, b"SELECT '\x81'")
    assert res.error_field(pq.DiagnosticField.SQLSTATE) == b"22P05"
    assert res.error_field(pq.DiagnosticField.MESSAGE_PRIMARY) == (
        b'character with byte sequence 0x81 in encoding "WIN1252" has no equivalent in encoding "UTF8"')
    assert c.execute("SELECT 'still here'").fetchone() == ("still here",)


def test_copy(dbconn: psycopg.Connection) -> None:
    c = dbconn
    c.execute("SET client_encoding TO 'LATIN9'")
    rows = [(1, f"{EURO}uro"), (2, "\u00e9l\u00e8ve")]
    with c.cursor().copy("COPY enc_t (id, v) FROM STDIN") as copy:
        copy.write("".join(f"{i}\t{v}\n" for i, v in rows).encode("latin9"))
    with c.cursor().copy("COPY enc_t (id, v) FROM STDIN (FORMAT csv)") as copy:
        for i, v in [(3, "\u0153"), (4, "\u00e0")]:  # one byte at a time
            for byte in f'{i},"{v}"\n'.encode("latin9"):
                copy.write(bytes([byte]))
    assert c.execute("SELECT v FROM enc_t WHERE id = 3").fetchone() == ("\u0153",)
    with c.cursor().copy("COPY (SELECT id, v FROM enc_t ORDER BY id) TO STDOUT") as copy:
        data = b"".join(bytes(b) for b in copy)
    assert data.decode("latin9") == f"1\t{EURO}uro\n2\t\u00e9l\u00e8ve\n3\t\u0153\n4\t\u00e0\n"
    with c.cursor().copy("COPY (SELECT v FROM enc_t WHERE id = 1) TO STDOUT (FORMAT binary)") as copy:
        copy.set_types(["text"])
        assert list(copy.rows()) == [(f"{EURO}uro",)]
    with c.cursor().copy("COPY enc_t (id, v) FROM STDIN (FORMAT binary)") as copy:
        copy.set_types(["int4", "text"])
        copy.write_row((5, f"{EURO}5"))
    assert c.execute("SELECT v FROM enc_t WHERE id = 5").fetchone() == (f"{EURO}5",)
    c.execute("DELETE FROM enc_t WHERE id = 5")
    c.execute("SET client_encoding TO 'LATIN1'")
    with pytest.raises(errors.UntranslatableCharacter):
        with c.cursor().copy("COPY (SELECT v FROM enc_t WHERE id = 1) TO STDOUT") as copy:
            for _ in copy:
                pass
    c.execute("SET client_encoding TO 'EUC_JP'")
    with pytest.raises(errors.CharacterNotInRepertoire):
        with c.cursor().copy("COPY enc_t (id, v) FROM STDIN") as copy:
            copy.write(b"9\t\xa4")
    assert c.execute("SELECT count(*) FROM enc_t").fetchone() == (4,)


def test_names_and_parameter_status(server: Any, db: str) -> None:
    with server.connect(dbname=db, client_encoding="latin1") as c:
        assert c.info.parameter_status("client_encoding") == "LATIN1"
        assert c.execute("SELECT '\u00e9'").fetchone() == ("\u00e9",)
        for name, canon in [("iso8859-15", "LATIN9"), ("euc-jp", "EUC_JP"), ("windows1252", "WIN1252"),
                            ("koi8", "KOI8R"), ("mskanji", "SJIS"), ("Latin-1", "LATIN1"), ("unicode", "UTF8"),
                            ("sql_ascii", "SQL_ASCII")]:
            c.execute(f"SET client_encoding TO '{name}'")
            assert c.info.parameter_status("client_encoding") == canon
            assert _raw(c, b"SHOW client_encoding").get_value(0, 0) == canon.encode()
            assert _raw(c, b"SELECT pg_client_encoding()").get_value(0, 0) == canon.encode()
        c.execute("SET NAMES 'win1251'")
        assert c.execute("SELECT setting FROM pg_settings WHERE name = 'client_encoding'").fetchone() == ("WIN1251",)
        c.execute("RESET client_encoding")
        assert c.info.parameter_status("client_encoding") == "LATIN1"  # the startup value
        with pytest.raises(errors.InvalidParameterValue) as info:
            c.execute("SET client_encoding TO 'foo'")
        assert info.value.diag.message_primary == 'invalid value for parameter "client_encoding": "foo"'
        with pytest.raises(errors.FeatureNotSupported) as info2:
            c.execute("SET client_encoding TO 'mule_internal'")
        assert info2.value.diag.message_detail == "Conversion between MULE_INTERNAL and UTF8 is not supported."
    with pytest.raises(psycopg.OperationalError, match='invalid value for parameter "client_encoding": "foo"'):
        server.connect(dbname=db, client_encoding="foo")


def test_sql_ascii_passes_bytes(dbconn: psycopg.Connection) -> None:
    c = dbconn
    c.execute("SET client_encoding TO 'SQL_ASCII'")
    res = _raw(c, "SELECT '\u00e9'".encode())
    assert res.get_value(0, 0) == "\u00e9".encode()


def test_rollback_restores_the_encoding(dbconn: psycopg.Connection) -> None:
    c = dbconn
    c.execute("BEGIN")
    c.execute("SET client_encoding TO 'LATIN1'")
    c.execute("ROLLBACK")
    assert c.info.parameter_status("client_encoding") == "UTF8"
    assert c.execute(f"SELECT '{EURO}'").fetchone() == (EURO,)


def test_notification(dbconn: psycopg.Connection, server: Any, db: str) -> None:
    c = dbconn
    c.execute("SET client_encoding TO 'LATIN1'")
    c.execute('LISTEN "ch\u00e9"')
    with server.connect(dbname=db) as other:
        other.execute("NOTIFY \"ch\u00e9\", 'pay\u00e9'")
    n = next(c.notifies(timeout=5, stop_after=1))
    assert (n.channel, n.payload) == ("ch\u00e9", "pay\u00e9")


PSQL = shutil.which("psql")


@pytest.mark.skipif(PSQL is None, reason="psql is not installed")
def test_psql_pgclientencoding(server: Any, db: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update({
        "PGHOST": server.host, "PGPORT": str(server.port), "PGUSER": server.user, "PGPASSWORD": server.password,
        "PGDATABASE": db, "PGSSLMODE": "disable", "PSQLRC": os.devnull, "PGCLIENTENCODING": "LATIN1",
    })
    assert PSQL is not None
    out = subprocess.run([PSQL, "-X", "-At", "-c", "SHOW client_encoding", "-c", "SELECT U&'\\00E9'"],
                         env=env, capture_output=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout == b"LATIN1\n\xe9\n"
