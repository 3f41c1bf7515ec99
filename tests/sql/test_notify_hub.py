"""The instance-wide LISTEN/NOTIFY exchange: registration, per-database delivery, the channel
filter at publish and read time, wakers, and unregistering."""

from __future__ import annotations

import threading

from sql.notify_hub import Notification, NotificationHub


def test_publish_reaches_listeners_of_the_channel_in_the_same_database() -> None:
    hub = NotificationHub()
    hub.set_channels(1, 100, ["a"])
    hub.set_channels(2, 100, ["b"])
    hub.set_channels(3, 200, ["a"])  # another database
    hub.publish(100, 9, [("a", "x"), ("b", "y"), ("a", "z")])
    assert hub.take(1) == [Notification(9, "a", "x"), Notification(9, "a", "z")]
    assert hub.take(2) == [Notification(9, "b", "y")]
    assert hub.take(3) == []
    assert hub.take(1) == []  # each notification is handed out once


def test_unregistered_backends_get_nothing() -> None:
    hub = NotificationHub()
    hub.publish(100, 9, [("a", "x")])
    assert hub.take(1) == []
    hub.set_channels(1, 100, ["a"])
    assert hub.take(1) == []  # published before it listened


def test_channels_keep_their_order_and_empty_list_unregisters() -> None:
    hub = NotificationHub()
    hub.set_channels(1, 100, ["b", "a"])
    assert hub.channels(1) == ["b", "a"]
    hub.publish(100, 9, [("a", "1")])
    assert hub.has_pending(1)
    hub.set_channels(1, 100, [])
    assert hub.channels(1) == []
    assert not hub.has_pending(1)
    assert hub.take(1) == []


def test_read_time_filter_drops_channels_no_longer_listened() -> None:
    hub = NotificationHub()
    hub.set_channels(1, 100, ["a", "b"])
    hub.publish(100, 9, [("a", "1"), ("b", "2")])
    hub.set_channels(1, 100, ["b"])  # UNLISTEN a committed before the inbox was read
    assert hub.take(1) == [Notification(9, "b", "2")]


def test_waker_called_only_for_backends_that_got_something() -> None:
    hub = NotificationHub()
    calls: list[int] = []
    hub.set_channels(1, 100, ["a"])
    hub.set_channels(2, 100, ["b"])
    hub.set_waker(1, lambda: calls.append(1))
    hub.set_waker(2, lambda: calls.append(2))
    hub.publish(100, 9, [("a", "")])
    assert calls == [1]
    hub.publish(100, 9, [])
    assert calls == [1]
    hub.set_waker(1, None)
    hub.publish(100, 9, [("a", "")])
    assert calls == [1]


def test_unregister_forgets_everything() -> None:
    hub = NotificationHub()
    calls: list[int] = []
    hub.set_channels(1, 100, ["a"])
    hub.set_waker(1, lambda: calls.append(1))
    hub.unregister(1)
    hub.publish(100, 9, [("a", "")])
    assert calls == [] and hub.take(1) == [] and hub.channels(1) == []


def test_publishers_on_many_threads() -> None:
    hub = NotificationHub()
    hub.set_channels(1, 100, ["a"])

    def send(k: int) -> None:
        for i in range(200):
            hub.publish(100, k, [("a", str(i))])

    threads = [threading.Thread(target=send, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    got = hub.take(1)
    assert len(got) == 800
    for k in range(4):  # each sender's notifications arrive in the order sent
        assert [n.payload for n in got if n.sender_pid == k] == [str(i) for i in range(200)]
