"""SQL/JSON path language: :func:`parse_jsonpath` (text -> tree) and :func:`evaluate`."""

from .evaluator import JsonPathItemError, evaluate
from .parser import parse_jsonpath

__all__ = ["JsonPathItemError", "evaluate", "parse_jsonpath"]
