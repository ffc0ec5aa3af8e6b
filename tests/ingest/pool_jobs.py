"""Stand-in jobs for the parsing pool's tests: they misbehave on purpose, without a clock race.

Each has ``_worker.parse_job``'s signature. If the pool failed to stop one, it would return
"ok" after a minute and the test would fail — never pass by luck.
"""

from __future__ import annotations

import time

HOLD_S = 60.0


def sleep_long(content: bytes, filename: str, kwargs: dict, memory_mb: int) -> tuple:
    time.sleep(HOLD_S)
    return ("ok", None, "")


def hold_memory(content: bytes, filename: str, kwargs: dict, memory_mb: int) -> tuple:
    """Take three times the budget (written, so it is resident) and keep it."""
    block = b"x" * (3 * memory_mb * 1024 * 1024)
    time.sleep(HOLD_S)
    return ("ok", len(block), "")
