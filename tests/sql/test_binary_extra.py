"""Binary send/receive of inet, cidr, bit, varbit, point, lseg, box and circle, and of hstore. The
expected bytes are what PostgreSQL 15's *_send functions return for the same values."""

from __future__ import annotations

import pytest

from sql.datatypes import binary_input_function, binary_output_function
from sql.datatypes import registry as r
from sql.datatypes.textio import input_function, output_function
from sql.errors import SqlError
from sql.hstore import hstore_in, hstore_out, hstore_recv, hstore_send

CASES = [
    (r.INET, "10.1.2.3/8", "020800040a010203"),
    (r.INET, "10.1.2.3", "022000040a010203"),
    (r.CIDR, "10.0.0.0/8", "020801040a000000"),
    (r.INET, "::1/64", "0340001000000000000000000000000000000001"),
    (r.CIDR, "ffff::/16", "03100110ffff0000000000000000000000000000"),
    (r.BIT, "10101", "00000005a8"),
    (r.VARBIT, "101010101", "00000009aa80"),
    (r.VARBIT, "", "00000000"),
    (r.POINT, "(1.5,2)", "3ff80000000000004000000000000000"),
    (r.LSEG, "[(1,2),(3,4)]", "3ff0000000000000400000000000000040080000000000004010000000000000"),
    (r.BOX, "(1,2),(3,4)", "400800000000000040100000000000003ff00000000000004000000000000000"),
    (r.CIRCLE, "<(1,2),3>", "3ff000000000000040000000000000004008000000000000"),
]


@pytest.mark.parametrize(("oid", "text", "hexbytes"), CASES)
def test_send_matches_postgres(oid: int, text: str, hexbytes: str) -> None:
    value = input_function(oid)(text)
    assert binary_output_function(oid)(value).hex() == hexbytes


@pytest.mark.parametrize(("oid", "text", "hexbytes"), CASES)
def test_recv_round_trips(oid: int, text: str, hexbytes: str) -> None:
    value = binary_input_function(oid)(bytes.fromhex(hexbytes))
    out = output_function(oid)
    assert out(value) == out(input_function(oid)(text))


def test_cidr_recv_rejects_host_bits() -> None:
    with pytest.raises(SqlError) as e:
        binary_input_function(r.CIDR)(bytes.fromhex("020801040a010203"))
    assert e.value.code == "22P03"


def test_inet_recv_rejects_bad_family_and_length() -> None:
    for data in ("050800040a010203", "020800050a01020304"):
        with pytest.raises(SqlError) as e:
            binary_input_function(r.INET)(bytes.fromhex(data))
        assert e.value.code == "22P03"


def test_hstore_text_and_binary() -> None:
    v = hstore_in('b=>2, a=>1,a=>3, aa=>NULL')
    assert hstore_out(v) == '"a"=>"1", "b"=>"2", "aa"=>NULL'
    assert hstore_send(v).hex() == "000000030000000161000000013100000001620000000132000000026161ffffffff"
    assert hstore_recv(hstore_send(v)) == v
    assert hstore_out(hstore_in('"x y"=>"q\\"z", "a"=>"NULL"')) == '"a"=>"NULL", "x y"=>"q\\"z"'
    assert hstore_send(hstore_in("")).hex() == "00000000"


def test_hstore_syntax_errors() -> None:
    assert "Syntax error near \"1\" at position 2" in _message("a 1")
    assert _message("a=>") == "Unexpected end of string"
    for text in ("a=>", "=>1", "a 1"):
        with pytest.raises(SqlError) as e:
            hstore_in(text)
        assert e.value.code == "XX000"


def _message(text: str) -> str:
    with pytest.raises(SqlError) as e:
        hstore_in(text)
    return e.value.message
