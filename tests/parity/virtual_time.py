"""Runs an asyncio program on virtual time, as the Rust twins run on coroasync's
virtual clock: when nothing is ready, the clock jumps to the next timer instead of
waiting for it. Only time changes; asyncio's own scheduling is untouched."""

import asyncio
import heapq


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__()
        self._virtual_now = 0.0

    def time(self):
        return self._virtual_now

    # What one pass of the loop costs on the virtual clock, in whole milliseconds:
    # none unless a lesson's driver sets it (`loop.pass_cost_ms = 1`), as that
    # lesson's Rust charges each pass of its loop.
    pass_cost_ms = 0

    def _run_once(self):
        if self.pass_cost_ms:
            # Counted in whole milliseconds, so that the sums stay exact.
            millis = round(self._virtual_now * 1000) + self.pass_cost_ms
            self._virtual_now = millis / 1000
        if not self._ready:
            # Cancelled timers at the head would make the clock jump too far.
            while self._scheduled and self._scheduled[0]._cancelled:
                self._timer_cancelled_count -= 1
                handle = heapq.heappop(self._scheduled)
                handle._scheduled = False
            if self._scheduled:
                self._virtual_now = max(self._virtual_now, self._scheduled[0]._when)
        super()._run_once()


def run(main):
    with asyncio.Runner(loop_factory=VirtualTimeLoop) as runner:
        return runner.run(main)
