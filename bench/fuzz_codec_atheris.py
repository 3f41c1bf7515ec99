"""Coverage-guided fuzzing of the frontend codec (framing + message decoders) with atheris.

    python bench/fuzz_codec_atheris.py -max_total_time=600

Every input is fed to a fresh framer, first in the startup phase, then after a valid StartupMessage;
anything other than a decoded message, "need more data" or a SqlError is a crash.
"""

from __future__ import annotations

import os
import struct
import sys

import atheris

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

with atheris.instrument_imports():
    from pgserver import messages as m
    from pgserver.framing import FrontendFramer
    from sql.errors import SqlError

_STARTUP = struct.pack("!iI", 18, 196608) + b"user\0bob\0\0"


def _drain(framer: FrontendFramer) -> None:
    for _ in range(1000):
        try:
            if framer.next_message() is None:
                return
        except SqlError as err:
            if err.is_fatal:
                return


def test_one_input(data: bytes) -> None:
    if not data:
        return
    cut = data[0] % (len(data) + 1)
    framer = FrontendFramer(max_message_size=1 << 20)
    framer.feed(data[1:cut])
    _drain(framer)
    framer.feed(data[cut:])
    _drain(framer)
    framer = FrontendFramer(max_message_size=1 << 20)
    framer.feed(_STARTUP)
    framer.next_message()
    framer.feed(data)
    _drain(framer)
    for parse in (m.parse_password, m.parse_sasl_initial_response):
        try:
            parse(data)
        except SqlError:
            pass


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
