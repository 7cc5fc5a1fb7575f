"""Where the machine's CPU went during a run, read from /proc (Linux only).

Shares are in CPUs (1.0 = one core busy for the whole run), so on a 2-core
machine they add up to at most 2. "other" is everything not named: on a
shared machine it shows when something else was competing for the cores.
"""

import os
import time
from pathlib import Path

from .setup import SCRATCH_DATABASE

PROC = Path("/proc")
# "other" CPUs seen by every meter described so far, for the closing summary.
OTHER_SEEN = []


def _postgres(process):
    """The server's own processes and the scratch database's backends; None for others.

    Backends of other databases (another test run on the same server) are "other".
    """
    try:
        title = (process / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except (OSError, UnicodeDecodeError):
        return None
    if "(" in title and SCRATCH_DATABASE not in title:  # a client backend elsewhere
        return None
    return "postgres"


class CpuMeter:
    """Snapshot CPU time per group of processes; `shares()` gives CPUs used since start."""

    def __init__(self, groups):
        # groups: name -> process group id (our subprocesses)
        self.groups = dict(groups)
        self.available = (PROC / "stat").exists()
        self._start = self._snapshot()

    def _snapshot(self):
        if not self.available:
            return None
        by_group = {pgid: name for name, pgid in self.groups.items()}
        processes = {}  # pid -> (name, ticks)
        for stat in PROC.glob("[0-9]*/stat"):
            try:
                text = stat.read_text()
            except OSError:
                continue
            command = text[text.index("(") + 1 : text.rindex(")")]
            fields = text[text.rindex(")") + 2 :].split()
            name = by_group.get(int(fields[2]))  # process group id
            if name is None and command.startswith("postgres"):
                name = _postgres(stat.parent)
            elif name is None and command.startswith("redis-server"):
                name = "redis"
            if name:
                processes[stat.parent.name] = (name, int(fields[11]) + int(fields[12]))
        times = os.times()
        # This process, and the servers it started once they have been stopped.
        own = times.user + times.system + times.children_user + times.children_system
        first = (PROC / "stat").read_text().split("\n", 1)[0].split()[1:]
        values = [int(v) for v in first]
        busy = sum(values) - values[3] - values[4]  # minus idle and iowait
        return time.monotonic(), processes, own * os.sysconf("SC_CLK_TCK"), busy

    def shares(self):
        """CPUs used per group since the meter started; None off Linux."""
        end = self._snapshot()
        if end is None or self._start is None:
            return None
        started, before, own_before, busy_before = self._start
        ended, after, own_after, busy_after = end
        per_second = os.sysconf("SC_CLK_TCK") * max(ended - started, 1e-9)
        used = {name: 0.0 for name in (*self.groups, "postgres", "redis")}
        # Per process, so one that ends meanwhile takes only its own time away.
        for pid, (name, ticks) in after.items():
            used[name] += (ticks - before.get(pid, (name, 0))[1]) / per_second
        used["bench client"] = (own_after - own_before) / per_second
        used["other"] = max(
            (busy_after - busy_before) / per_second - sum(used.values()), 0
        )
        return used

    def describe(self):
        used = self.shares()
        if used is None:
            return "CPU use: not available on this system"
        OTHER_SEEN.append(used["other"])
        parts = [f"{name} {value:.2f}" for name, value in used.items() if value >= 0.01]
        return f"CPUs used (of {os.cpu_count()}): " + ", ".join(parts)
