"""The initial storage map size setting: PGSERVER_INITIAL_MAP_SIZE with units."""

from __future__ import annotations

import pytest

from pgserver.config import ServerConfig, parse_size


@pytest.mark.parametrize(("text", "size"), [("1048576", 1 << 20), ("512kB", 512 << 10), ("64MB", 64 << 20),
                                            ("2GB", 2 << 30), (" 1 tb ", 1 << 40), ("4096B", 4096)])
def test_parse_size(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "MB", "12XB", "-1MB", "1.5GB"])
def test_parse_size_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_size(text)


def test_from_env() -> None:
    assert ServerConfig.from_env({}).initial_map_size is None
    assert ServerConfig.from_env({"PGSERVER_INITIAL_MAP_SIZE": "1MB"}).initial_map_size == 1 << 20
    with pytest.raises(ValueError):
        ServerConfig.from_env({"PGSERVER_INITIAL_MAP_SIZE": "1kB"})  # below the 64kB minimum
