"""storage/reopen.py: after a refusal, a new connection waits for the stale ones, but not for ever."""

from types import SimpleNamespace

import pytest

from app.storage import reopen


def test_a_new_connection_waits_for_stale_ones_only_just_after_a_refusal(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [100.0]
    monkeypatch.setattr(reopen, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    tracked = reopen._File()
    waited: list[float] = []

    def wait(timeout: float) -> None:  # the clock moves on instead of the thread sleeping
        waited.append(timeout)
        clock[0] += timeout

    monkeypatch.setattr(tracked.changed, "wait", wait)
    never_closed = object()
    tracked.connect(never_closed, None)
    clock[0] = 100.5
    tracked.stale_before = clock[0]  # a refusal: what is open now is stale
    tracked.connect(object(), None)
    assert sum(waited) == pytest.approx(reopen.WAIT_SECONDS)  # at most this long, then it opens anyway
    waited.clear()
    clock[0] += reopen.WINDOW_SECONDS
    tracked.connect(object(), None)
    assert waited == []  # long after the refusal, a close never seen no longer slows anyone
    tracked.close(never_closed, None)
    assert tracked.stale_ones() == 0
