"""A time limit on a piece of work in the main thread, so a pathological input cannot hang a job."""

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class TimeLimitExceeded(Exception):
    """The work took longer than allowed."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TimeLimitExceeded inside the block after `seconds` (main thread on Unix; elsewhere no limit)."""
    in_main_thread = threading.current_thread() is threading.main_thread()
    usable = seconds is not None and hasattr(signal, "setitimer") and in_main_thread
    if not usable:
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise TimeLimitExceeded(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
