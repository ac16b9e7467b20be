"""Where a machine's CPU went during a benchmark: CPU seconds per group of processes (a session, the
PostgreSQL server, Redis, this process) and the machine's busy, idle and stolen time, read from
``/proc`` (Linux, servers on this machine). Not a benchmark (the leading underscore keeps it off the
list).

A process that exits between two readings is still counted: its time moves into its parent's
``cutime``/``cstime`` when the parent reaps it (a gunicorn worker recycled by ``max_requests``, a
PostgreSQL backend whose connection closed), and those fields are summed for every process but this
one (whose children are the servers, counted in their own groups)."""

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Process:
    pid: int
    name: str
    session: int
    own_ticks: int  # utime + stime
    children_ticks: int  # cutime + cstime: children already reaped


def processes() -> list[Process]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text()
        except OSError:  # gone since the listing
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        fields = text.rsplit(")", 1)[1].split()
        found.append(
            Process(
                pid=int(entry.name),
                name=name,
                session=int(fields[3]),
                own_ticks=int(fields[11]) + int(fields[12]),
                children_ticks=int(fields[13]) + int(fields[14]),
            )
        )
    return found


def machine_ticks() -> dict[str, int]:
    """The machine's CPU ticks so far (all cores): busy, idle (with I/O wait) and stolen by the host."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (values + [0] * 8)[:8]
    return {"busy": user + nice + system + irq + softirq, "idle": idle + iowait, "steal": steal}


def snapshot(groups: dict[str, Callable[[Process], bool]]) -> dict[str, float]:
    """CPU seconds so far per named group (a process in no group is counted under "other"), this
    process under "this process", and the machine's totals prefixed "machine "."""
    me = os.getpid()
    seconds = dict.fromkeys([*groups, "this process", "other"], 0.0)
    for process in processes():
        if process.pid == me:
            seconds["this process"] += process.own_ticks / TICK
            continue
        ticks = process.own_ticks + process.children_ticks
        group = next((name for name, belongs in groups.items() if belongs(process)), "other")
        seconds[group] += ticks / TICK
    for name, ticks in machine_ticks().items():
        seconds[f"machine {name}"] = ticks / TICK
    return seconds


def difference(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    return {name: after[name] - before.get(name, 0.0) for name in after}
