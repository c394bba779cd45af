"""Turns the measurements into the tables of docs/benchmarks.md: criterion's
medians (CARGO_TARGET_DIR/criterion), the instruction counts and the memory
table that benches/run.sh writes to CARGO_TARGET_DIR/corolab-bench/, and the
targets table computed from them; draws the W1/W6 chart as an SVG.

    python3 benches/report.py [--svg docs/benchmarks-switch.svg] [--doc docs/benchmarks.md]
"""

import json
import os
import sys
from pathlib import Path

TARGET = Path(os.environ.get("CARGO_TARGET_DIR") or Path(__file__).resolve().parent.parent / "target")
ROOT = TARGET / "criterion"
OUT = TARGET / "corolab-bench"

SETUP = {
    "state-machine": "hand-written counters in a `VecDeque`: the floor",
    "genawaiter-raw": "genawaiter's `rc::Gen`s in a `VecDeque`, resumed in turn",
    "corogen": "`Scheduler::new()` (trace off), `step()` until idle",
    "coroasync": "`EventLoop::with_virtual_clock()`, trace off, slow-step check off",
    "coroasync-defaults": "`EventLoop::new()` as it comes: real clock, echo trace, slow-step check",
    "tokio": "current-thread `Runtime`, no driver, `block_on` + `tokio::spawn`",
    "tokio-localset-time": "current-thread `Runtime` with its time driver, `LocalSet` + `spawn_local`",
    "async-executor": "`LocalExecutor`, `try_tick()` until it returns false",
    "async-executor-run": "`LocalExecutor::run()` under `block_on`",
    "localpool": "`LocalPool::run_until_stalled()`",
    "localpool-run-until": "`LocalPool::run_until()` on the collecting future",
    "coroasync-virtual": "`EventLoop::with_virtual_clock()`, trace off, slow-step check off",
    "tokio-paused": "current-thread `Runtime`, time driver, `start_paused(true)`, `tokio::spawn`",
    "tokio-paused-localset": "the same, through a `LocalSet` + `spawn_local`",
    "coroasync-real": "`EventLoop::new()`, trace off, slow-step check off",
    "tokio-real": "current-thread `Runtime`, time driver, real time, `tokio::spawn`",
}

SWITCH = ["state-machine", "genawaiter-raw", "corogen", "coroasync", "coroasync-defaults",
          "tokio", "tokio-localset-time", "async-executor", "async-executor-run",
          "localpool", "localpool-run-until"]
SPAWN = ["coroasync", "tokio", "tokio-localset-time", "async-executor", "async-executor-run",
         "localpool", "localpool-run-until"]
TIMERS = ["coroasync-virtual", "tokio-paused", "tokio-paused-localset", "coroasync-real", "tokio-real"]


def median_ns(*parts):
    path = ROOT.joinpath(*parts, "new", "estimates.json")
    if not path.exists():
        return None
    return json.loads(path.read_text())["median"]["point_estimate"]


def tsv(name):
    path = OUT / name
    if not path.exists():
        return []
    return [line.split("\t") for line in path.read_text().splitlines() if line.strip()]


INSTR = {(w, c): float(n) for w, c, n in tsv("instructions.tsv")}
WALL = {(w, c): float(m) for w, c, m, _ in tsv("wall.tsv")}
MEMORY = {row[0]: (float(row[1]), int(row[2]), float(row[3])) for row in tsv("memory.tsv")}


def table(rows, header):
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def ms(ns):
    return f"{ns / 1e6:.2f}" if ns is not None else "—"


def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "—"


def instr(workload, name):
    n = INSTR.get((workload, name))
    return f"{n:.0f}" if n is not None else "—"


def wall_ns(workload, group, name, count):
    """ns per operation: the interleaved median, else criterion's median."""
    if (workload, name) in WALL:
        return WALL[(workload, name)]
    ns = median_ns(group, name)
    return ns / count if ns is not None else None


def timed(group, workload, names, count, unit, base_name):
    base = wall_ns(workload, group, base_name, count)
    base_i = INSTR.get((workload, base_name))
    rows = []
    for name in names:
        ns = wall_ns(workload, group, name, count)
        n = INSTR.get((workload, name))
        if ns is None and n is None:
            continue
        # A criterion median (no interleaved figure) ran at another moment of the
        # machine's load, so it is not divided by an interleaved one.
        same_run = (workload, name) in WALL or (workload, base_name) not in WALL
        rows.append([f"`{name}`", SETUP.get(name, ""), instr(workload, name), ratio(n, base_i),
                     f"{ns:.1f}" if ns else "—", ratio(ns, base) if same_run else "—"])
    return table(rows, ["contender", "setup", f"instructions per {unit}", f"× {base_name}",
                        f"ns per {unit}", f"× {base_name}"])


def w6():
    rows, series = [], {}
    for name in SWITCH:
        per = []
        for tasks in (10, 1000, 100000):
            ns = median_ns("w6_growth", name, str(tasks))
            switches = tasks * (1_000_000 // tasks + 1)
            per.append(None if ns is None else ns / switches)
        if all(p is None for p in per):
            continue
        series[name] = per
        flat = ratio(per[2], per[0])
        rows.append([f"`{name}`"] + [f"{p:.1f}" if p else "—" for p in per] + [flat])
    return table(rows, ["contender", "10 tasks", "1,000", "100,000", "100,000 ÷ 10"]), series


def w3():
    rows = [[f"`{name}`", f"{heap:.1f}", size, f"{over:.1f}"] for name, (heap, size, over) in MEMORY.items()]
    return table(rows, ["contender", "heap bytes per task", "future (bytes)", "overhead beyond the future"])


def w5():
    rows = []
    for label in ("cap1-1x1", "cap64-1x1", "cap1-4x4", "cap64-4x4"):
        cells = [median_ns("w5_queue", n, label) for n in ("coroasync", "tokio-mpsc", "async-channel")]
        rows.append([label] + [ms(c) for c in cells] + [ratio(cells[0], cells[1])])
    return table(rows, ["queue", "coroasync (ms)", "tokio mpsc (ms)", "async-channel (ms)", "coroasync ÷ tokio"])


def least(values):
    values = [v for v in values if v is not None]
    return min(values) if values else None


def targets():
    i = lambda w, c: INSTR.get((w, c))  # noqa: E731
    sw, sw_d = i("switch", "coroasync"), i("switch", "coroasync-defaults")
    sp, sp_ae = i("spawn", "coroasync"), i("spawn", "async-executor")
    w2 = wall_ns("spawn", "w2_spawn", "coroasync", 100_000)
    w2_ae = wall_ns("spawn", "w2_spawn", "async-executor", 100_000)
    over = MEMORY.get("coroasync", (None, None, None))[2]
    # tokio's faster paused setup, whichever it is on this machine.
    t = wall_ns("timers", "w4_timers", "coroasync-virtual", 100_000)
    t_tokio = least(wall_ns("timers", "w4_timers", n, 100_000) for n in ("tokio-paused", "tokio-paused-localset"))
    it = i("timers", "coroasync-virtual")
    it_tokio = least(i("timers", n) for n in ("tokio-paused", "tokio-paused-localset"))
    cg, raw = i("switch", "corogen"), i("switch", "genawaiter-raw")

    def row(target, measured, met):
        return [target, measured, "—" if met is None else ("met" if met else "missed")]

    def ok(cond, *values):
        return None if any(v is None for v in values) else cond()

    rows = [
        row("switch ≤ 100 instructions (coroasync, trace off)", instr("switch", "coroasync"),
            ok(lambda: sw <= 100, sw)),
        row("`EventLoop::new()` defaults within 10% of that", f"{instr('switch', 'coroasync-defaults')} ({ratio(sw_d, sw)}×)",
            ok(lambda: sw_d <= 1.1 * sw, sw, sw_d)),
        row("spawn + complete ≤ 0.8× async-executor, instructions", f"{instr('spawn', 'coroasync')} vs {instr('spawn', 'async-executor')} ({ratio(sp, sp_ae)}×)",
            ok(lambda: sp <= 0.8 * sp_ae, sp, sp_ae)),
        row("spawn + complete ≤ 0.8× async-executor, wall time", f"{ratio(w2, w2_ae)}×",
            ok(lambda: w2 <= 0.8 * w2_ae, w2, w2_ae)),
        row("≤ 64 bytes of overhead per parked task", f"{over:.0f}" if over is not None else "—",
            ok(lambda: over <= 64, over)),
        row("100,000 sleeps at least as fast as tokio's paused time (its faster setup)", f"{ratio(t, t_tokio)}× wall, {ratio(it, it_tokio)}× instructions",
            ok(lambda: t <= t_tokio, t, t_tokio)),
        row("corogen step ≤ 1.3× the raw genawaiter loop, instructions", f"{instr('switch', 'corogen')} vs {instr('switch', 'genawaiter-raw')} ({ratio(cg, raw)}×)",
            ok(lambda: cg <= 1.3 * raw, cg, raw)),
    ]
    return table(rows, ["target", "today", "met"])


def svg(series, path):
    names = list(series)
    width, height, left, top, bottom = 860, 380, 60, 30, 100
    width += 60  # room for the last label, which slants to the right
    top_value = max(v for vs in series.values() for v in vs if v) * 1.1
    group_w = (width - left - 20) / len(names)
    colours = ["#1f5fbf", "#6fa0e0", "#b9d0f0"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           'font-family="sans-serif" font-size="11"><rect width="100%" height="100%" fill="white"/>',
           f'<text x="{left}" y="18" font-size="13" font-weight="bold">W1/W6: ns per switch '
           '(lower is better), at 10, 1,000 and 100,000 tasks</text>']
    plot_h = height - top - bottom
    for i in range(5):
        v = top_value * i / 4
        y = top + plot_h - plot_h * i / 4
        out.append(f'<line x1="{left}" y1="{y:.0f}" x2="{width - 20}" y2="{y:.0f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.0f}" text-anchor="end">{v:.0f}</text>')
    for g, name in enumerate(names):
        x0 = left + g * group_w + 6
        bar = (group_w - 12) / 3
        for b, value in enumerate(series[name]):
            if not value:
                continue
            h = plot_h * value / top_value
            out.append(f'<rect x="{x0 + b * bar:.0f}" y="{top + plot_h - h:.0f}" width="{bar - 2:.0f}" '
                       f'height="{h:.0f}" fill="{colours[b]}"/>')
        lx, ly = x0 + 4, top + plot_h + 16
        out.append(f'<text x="{lx:.0f}" y="{ly}" transform="rotate(25 {lx:.0f} {ly})">{name}</text>')
    for b, label in enumerate(["10 tasks", "1,000 tasks", "100,000 tasks"]):
        x = left + b * 120
        out.append(f'<rect x="{x}" y="{height - 18}" width="10" height="10" fill="{colours[b]}"/>'
                   f'<text x="{x + 14}" y="{height - 9}">{label}</text>')
    out.append("</svg>")
    Path(path).write_text("\n".join(out) + "\n")


def sections(svg_path):
    """Each table under its heading, in the order the page shows them."""
    w6_table, series = w6()
    if svg_path and series:
        svg(series, svg_path)
    return {
        "Targets": targets(),
        "W1": timed("w1_switch", "switch", SWITCH, 1000 * 1001, "switch", "coroasync"),
        "W6": w6_table,
        "W2": timed("w2_spawn", "spawn", SPAWN, 100_000, "spawn", "async-executor"),
        "W3": w3(),
        "W4": timed("w4_timers", "timers", TIMERS, 100_000, "sleep", "tokio-paused"),
        "W5": w5(),
    }


def option(name):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else None


if __name__ == "__main__":
    tables = sections(option("--svg"))
    for name, body in tables.items():
        print(f"## {name}\n\n{body}\n")
    doc = option("--doc")
    if doc:
        # The page is its text (benches/benchmarks.md.in) with each @@NAME@@
        # replaced by that table.
        text = (Path(__file__).resolve().parent / "benchmarks.md.in").read_text()
        for name, body in tables.items():
            text = text.replace(f"@@{name}@@", body)
        Path(doc).write_text(text)
