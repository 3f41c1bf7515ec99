"""Login throttling: failed password attempts from one client address make that address's
next attempts wait, longer after each failure (doubling up to a cap). The first few failures are
free (a typo costs two with libpq's ``sslmode=prefer``, which retries without TLS).

Only the throttled client waits: the caller sleeps asynchronously in that client's connection,
so logins from other addresses are not slowed. Attempts from one throttled address are also
spaced out when they come in parallel (:meth:`LoginThrottle.reserve`), so opening many
connections at once does not get around the delay. A success or a quiet period forgets the address.
"""

from __future__ import annotations

import time
from collections.abc import Callable

DEFAULT_FREE_FAILURES = 3  # failures before any delay
DEFAULT_BASE_DELAY = 0.5  # seconds after the first failure that is not free
DEFAULT_MAX_DELAY = 5.0
DEFAULT_FORGET_AFTER = 300.0  # seconds without failures after which an address starts afresh
_MAX_TRACKED = 10_000


class LoginThrottle:
    """Failure counts per client address and the delay they impose."""

    def __init__(
        self,
        base_delay: float = DEFAULT_BASE_DELAY,
        free_failures: int = DEFAULT_FREE_FAILURES,
        max_delay: float = DEFAULT_MAX_DELAY,
        forget_after: float = DEFAULT_FORGET_AFTER,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base_delay = base_delay
        self.free_failures = free_failures
        self.max_delay = max_delay
        self.forget_after = forget_after
        self._clock = clock
        self._failures: dict[str, tuple[int, float]] = {}  # address -> (count, time of the last failure)
        self._next_slot: dict[str, float] = {}  # address -> when the last reserved attempt may go ahead

    def delay(self, address: str) -> float:
        """Seconds the next login attempt from ``address`` must wait (0 when it has not failed)."""
        entry = self._failures.get(address)
        if entry is None:
            return 0.0
        count, last = entry
        if self._clock() - last > self.forget_after:
            del self._failures[address]
            return 0.0
        if count <= self.free_failures:
            return 0.0
        return min(self.max_delay, self.base_delay * 2 ** (count - self.free_failures - 1))

    def reserve(self, address: str) -> float:
        """Seconds this attempt from ``address`` must wait: the delay, after the attempts already waiting."""
        delay = self.delay(address)
        if delay <= 0:
            self._next_slot.pop(address, None)
            return 0.0
        now = self._clock()
        slot = max(now, self._next_slot.get(address, now)) + delay
        self._next_slot[address] = slot
        return slot - now

    def failed(self, address: str) -> None:
        """A login attempt from ``address`` gave a wrong password (or an unknown user)."""
        now = self._clock()
        entry = self._failures.get(address)
        count = 1
        if entry is not None and now - entry[1] <= self.forget_after:
            count = entry[0] + 1
        self._failures[address] = (count, now)
        if len(self._failures) > _MAX_TRACKED:
            self._forget_old(now)

    def succeeded(self, address: str) -> None:
        """A login from ``address`` succeeded: it is no longer throttled."""
        self._failures.pop(address, None)
        self._next_slot.pop(address, None)

    def _forget_old(self, now: float) -> None:
        stale = [a for a, (_, last) in self._failures.items() if now - last > self.forget_after]
        for address in stale:
            del self._failures[address]
            self._next_slot.pop(address, None)
        if len(self._failures) > _MAX_TRACKED:  # still too many: drop the oldest half
            oldest = sorted(self._failures, key=lambda a: self._failures[a][1])
            for address in oldest[: len(oldest) // 2]:
                del self._failures[address]
                self._next_slot.pop(address, None)
