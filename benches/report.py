"""Turns criterion's results (target/criterion) into the tables of
docs/benchmarks.md, and draws the W1/W6 chart as an SVG.

    python3 benches/report.py [--svg docs/benchmarks-switch.svg]
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "target" / "criterion"


def median_ns(*parts):
    path = ROOT.joinpath(*parts, "new", "estimates.json")
    if not path.exists():
        return None
    return json.loads(path.read_text())["median"]["point_estimate"]


def table(rows, header):
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def ms(ns):
    return f"{ns / 1e6:.2f}" if ns is not None else "—"


SWITCH = ["state-machine", "genawaiter-raw", "corogen", "coroasync", "coroasync-defaults",
          "tokio", "async-executor", "localpool"]


def w1():
    switches = 1000 * 1001
    base = median_ns("w1_switch", "coroasync")
    rows = []
    for name in SWITCH:
        ns = median_ns("w1_switch", name)
        if ns is None:
            continue
        rows.append([name, ms(ns), f"{ns / switches:.1f}", f"{ns / base:.2f}"])
    return table(rows, ["contender", "median (ms)", "ns per switch", "× coroasync"])


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
        flat = f"{per[2] / per[0]:.2f}" if per[0] and per[2] else "—"
        rows.append([name] + [f"{p:.1f}" if p else "—" for p in per] + [flat])
    return table(rows, ["contender", "10 tasks", "1,000", "100,000", "100,000 ÷ 10"]), series


def simple(group, names, unit, count):
    base = median_ns(group, names[0])
    rows = []
    for name in names:
        ns = median_ns(group, name)
        if ns is None:
            continue
        rows.append([name, ms(ns), f"{ns / count:.1f}", f"{ns / base:.2f}" if base else "—"])
    return table(rows, ["contender", "median (ms)", f"ns per {unit}", f"× {names[0]}"])


def w5():
    rows = []
    for label in ("cap1-1x1", "cap64-1x1", "cap1-4x4", "cap64-4x4"):
        cells = [median_ns("w5_queue", n, label) for n in ("coroasync", "tokio-mpsc", "async-channel")]
        ratio = f"{cells[0] / cells[1]:.2f}" if cells[0] and cells[1] else "—"
        rows.append([label] + [ms(c) for c in cells] + [ratio])
    return table(rows, ["queue", "coroasync (ms)", "tokio mpsc (ms)", "async-channel (ms)", "coroasync ÷ tokio"])


def svg(series, path):
    names = list(series)
    width, height, left, top, bottom = 760, 360, 60, 30, 80
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
        out.append(f'<text x="{lx:.0f}" y="{ly}" transform="rotate(20 {lx:.0f} {ly})">{name}</text>')
    for b, label in enumerate(["10 tasks", "1,000 tasks", "100,000 tasks"]):
        x = left + b * 120
        out.append(f'<rect x="{x}" y="{height - 18}" width="10" height="10" fill="{colours[b]}"/>'
                   f'<text x="{x + 14}" y="{height - 9}">{label}</text>')
    out.append("</svg>")
    Path(path).write_text("\n".join(out) + "\n")


if __name__ == "__main__":
    print("## W1\n\n" + w1() + "\n")
    w6_table, series = w6()
    print("## W6\n\n" + w6_table + "\n")
    print("## W2\n\n" + simple("w2_spawn", ["coroasync", "tokio", "async-executor", "localpool"], "spawn", 100_000) + "\n")
    print("## W4\n\n" + simple("w4_timers", ["coroasync-virtual", "tokio-paused", "coroasync-real", "tokio-real"], "sleep", 100_000) + "\n")
    print("## W5\n\n" + w5() + "\n")
    if "--svg" in sys.argv:
        svg(series, sys.argv[sys.argv.index("--svg") + 1])
