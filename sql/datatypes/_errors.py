"""Error constructors shared by the data-type layer.

Every function here builds a :class:`sql.errors.SqlError` carrying the SQLSTATE and the
message text that PostgreSQL 15 uses for the corresponding failure, so the individual
type modules never spell those strings twice.
"""

from __future__ import annotations

from sql import sqlstate
from sql.errors import SqlError

# ``sql.sqlstate.STRING_DATA_RIGHT_TRUNCATION`` is the *warning* class code 01004 (the
# generator kept the later of two same-named entries); the error raised for over-long
# strings is 22001, so it is spelled here.
STRING_DATA_RIGHT_TRUNCATION_ERROR = "22001"
DATATYPE_MISMATCH = "42804"
PROGRAM_LIMIT_EXCEEDED = "54000"


def invalid_syntax(type_name: str, text: str) -> SqlError:
    """``invalid input syntax for type X: "..."`` (22P02)."""
    return SqlError(
        sqlstate.INVALID_TEXT_REPRESENTATION, f'invalid input syntax for type {type_name}: "{text}"'
    )


def value_out_of_range(text: str, type_name: str) -> SqlError:
    """``value "..." is out of range for type X`` (22003)."""
    return SqlError(
        sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, f'value "{text}" is out of range for type {type_name}'
    )


def out_of_range(message: str) -> SqlError:
    """A bare 22003 error such as ``integer out of range``."""
    return SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, message)


def datetime_out_of_range(message: str) -> SqlError:
    """A 22008 error such as ``timestamp out of range``."""
    return SqlError(sqlstate.DATETIME_FIELD_OVERFLOW, message)


def too_long(type_display: str) -> SqlError:
    """``value too long for type character varying(n)`` (22001)."""
    return SqlError(STRING_DATA_RIGHT_TRUNCATION_ERROR, f"value too long for type {type_display}")


def bad_binary(message: str = "incorrect binary data format") -> SqlError:
    """A 22P03 error for malformed binary input."""
    return SqlError(sqlstate.INVALID_BINARY_REPRESENTATION, message)


def too_many_dimensions(ndim: int, maxdim: int = 6) -> SqlError:
    """``number of array dimensions (7) exceeds the maximum allowed (6)`` (54000)."""
    return SqlError(
        PROGRAM_LIMIT_EXCEEDED, f"number of array dimensions ({ndim}) exceeds the maximum allowed ({maxdim})"
    )


def bad_utf8(hex_bytes: str) -> SqlError:
    """``invalid byte sequence for encoding "UTF8": 0x..`` (22021)."""
    message = f'invalid byte sequence for encoding "UTF8": {hex_bytes}'
    return SqlError(sqlstate.CHARACTER_NOT_IN_REPERTOIRE, message)


def invalid_parameter(message: str) -> SqlError:
    """A 22023 error (``invalid_parameter_value``)."""
    return SqlError(sqlstate.INVALID_PARAMETER_VALUE, message)
