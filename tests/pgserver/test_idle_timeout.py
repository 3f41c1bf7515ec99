"""pgserver.idle_timeout: which timer follows ReadyForQuery, and the event-loop timer itself."""

from __future__ import annotations

import asyncio
import types

from pgserver.idle_timeout import IdleTimer, idle_timeout
from sql.errors import SqlError


def session(**values: str) -> object:
    base = {"idle_in_transaction_session_timeout": "0", "idle_session_timeout": "0"}
    base.update(values)
    return types.SimpleNamespace(settings=types.SimpleNamespace(values=base))


def test_disabled_by_default() -> None:
    for status in "ITE":
        assert idle_timeout(session(), status) is None


def test_in_transaction_and_failed_block_use_idle_in_transaction_timeout() -> None:
    s = session(idle_in_transaction_session_timeout="1500ms", idle_session_timeout="1min")
    for status in "TE":
        timeout = idle_timeout(s, status)
        assert timeout is not None
        delay, err = timeout
        assert delay == 1.5
        assert (err.code, err.message, err.severity) == (
            "25P03", "terminating connection due to idle-in-transaction timeout", "FATAL")


def test_idle_uses_idle_session_timeout() -> None:
    timeout = idle_timeout(session(idle_in_transaction_session_timeout="1s", idle_session_timeout="2s"), "I")
    assert timeout is not None
    assert timeout[0] == 2.0
    assert (timeout[1].code, timeout[1].message) == ("57P05", "terminating connection due to idle-session timeout")


def test_sessions_without_settings_have_no_timer() -> None:
    assert idle_timeout(object(), "T") is None


def test_timer_fires_once_and_disarms() -> None:
    async def main() -> None:
        fired: list[SqlError] = []
        timer = IdleTimer()
        timer.arm(session(idle_in_transaction_session_timeout="20ms"), "T", fired.append)
        assert timer.armed
        await asyncio.sleep(0.2)
        assert [e.code for e in fired] == ["25P03"] and not timer.armed
        timer.arm(session(idle_in_transaction_session_timeout="20ms"), "T", fired.append)
        timer.disarm()  # a message arrived in time
        await asyncio.sleep(0.1)
        assert len(fired) == 1
        timer.arm(session(idle_in_transaction_session_timeout="20ms"), "I", fired.append)  # idle: other timer
        assert not timer.armed

    asyncio.run(main())
