"""Unicode normalization: normalize(text [, form]) and is_normalized(text [, form])."""

from __future__ import annotations

import unicodedata

from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError
from sql.functions import builtin

_FORMS = ("NFC", "NFD", "NFKC", "NFKD")


def _form(form: str) -> str:
    f = form.upper()
    if f not in _FORMS:
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, f'invalid normalization form: "{form}"')
    return f


@builtin("normalize", (T.TEXT,), T.TEXT)
def normalize_nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


@builtin("normalize", (T.TEXT, T.TEXT), T.TEXT)
def normalize(s: str, form: str) -> str:
    return unicodedata.normalize(_form(form), s)  # type: ignore[arg-type]


@builtin("is_normalized", (T.TEXT,), T.BOOL)
def is_normalized_nfc(s: str) -> bool:
    return unicodedata.is_normalized("NFC", s)


@builtin("is_normalized", (T.TEXT, T.TEXT), T.BOOL)
def is_normalized(s: str, form: str) -> bool:
    return unicodedata.is_normalized(_form(form), s)  # type: ignore[arg-type]
