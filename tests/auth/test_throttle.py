"""Login throttling per client address (auth.throttle)."""

from __future__ import annotations

from auth.throttle import LoginThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_delay_doubles_per_failure_up_to_the_cap() -> None:
    throttle = LoginThrottle(base_delay=0.5, max_delay=3.0, free_failures=0, clock=Clock())
    assert throttle.delay("10.0.0.1") == 0.0
    delays = []
    for _ in range(5):
        throttle.failed("10.0.0.1")
        delays.append(throttle.delay("10.0.0.1"))
    assert delays == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_addresses_are_independent_and_success_forgets() -> None:
    throttle = LoginThrottle(base_delay=1.0, free_failures=0, clock=Clock())
    throttle.failed("10.0.0.1")
    throttle.failed("10.0.0.1")
    assert throttle.delay("10.0.0.1") == 2.0
    assert throttle.delay("10.0.0.2") == 0.0
    throttle.succeeded("10.0.0.1")
    assert throttle.delay("10.0.0.1") == 0.0


def test_quiet_period_forgets() -> None:
    clock = Clock()
    throttle = LoginThrottle(base_delay=1.0, free_failures=0, forget_after=60.0, clock=clock)
    throttle.failed("10.0.0.1")
    throttle.failed("10.0.0.1")
    clock.now += 59
    assert throttle.delay("10.0.0.1") == 2.0
    throttle.failed("10.0.0.1")  # within the period: counts on
    assert throttle.delay("10.0.0.1") == 4.0
    clock.now += 61
    assert throttle.delay("10.0.0.1") == 0.0
    throttle.failed("10.0.0.1")
    assert throttle.delay("10.0.0.1") == 1.0


def test_memory_is_bounded() -> None:
    clock = Clock()
    throttle = LoginThrottle(free_failures=0, clock=clock)
    for i in range(12_000):
        clock.now += 0.001
        throttle.failed(f"10.{i // 65536}.{i // 256 % 256}.{i % 256}")
    assert len(throttle._failures) <= 10_001
    assert throttle.delay("10.0.46.223") > 0  # the most recent address is kept


def test_parallel_attempts_from_one_address_are_spaced_out() -> None:
    clock = Clock()
    throttle = LoginThrottle(base_delay=1.0, free_failures=0, clock=clock)
    assert throttle.reserve("10.0.0.1") == 0.0
    throttle.failed("10.0.0.1")
    throttle.failed("10.0.0.1")  # delay 2 s
    assert [throttle.reserve("10.0.0.1") for _ in range(3)] == [2.0, 4.0, 6.0]
    assert throttle.reserve("10.0.0.2") == 0.0  # other addresses are not affected
    clock.now += 10
    assert throttle.reserve("10.0.0.1") == 2.0  # the queue has drained
    throttle.succeeded("10.0.0.1")
    assert throttle.reserve("10.0.0.1") == 0.0


def test_the_first_failures_are_free() -> None:
    throttle = LoginThrottle(base_delay=0.5, free_failures=3, clock=Clock())
    delays = []
    for _ in range(5):
        throttle.failed("10.0.0.1")
        delays.append(throttle.delay("10.0.0.1"))
    assert delays == [0.0, 0.0, 0.0, 0.5, 1.0]
