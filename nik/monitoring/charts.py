"""The trend of the share indicators as an SVG (matplotlib), with the same numbers as a table in
the page beside it."""

from __future__ import annotations

import io
import re

from .formulas import SHARE
from .selectors import Row


def trend_svg(rows: list[Row], title: str) -> str:
    # A Figure of its own, not pyplot: no global state shared between the threads of a server.
    from matplotlib import rcParams
    from matplotlib.figure import Figure

    rcParams["svg.fonttype"] = "none"
    fig = Figure(figsize=(8, 4.2))
    ax = fig.add_subplot()
    shares = [r for r in rows if r.formula.unit == SHARE and not r.formula.own]
    labels = [p.period.label for p in shares[0].points] if shares else []
    for row in shares:
        # A value over too few families is not drawn for those who may not see it.
        values = [
            p.value if p.value is not None and not p.hidden else float("nan") for p in row.points
        ]
        if any(v == v for v in values):
            ax.plot(range(len(values)), values, marker="o", label=str(row.formula.name))
    ax.set_xticks(range(len(labels)), labels)
    ax.set_ylim(0, 105)
    ax.set_ylabel("%")
    ax.set_title(title)
    ax.grid(True, alpha=0.3)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=7, loc="lower left")
    ax.tick_params(axis="x", labelsize=8)
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    svg = buffer.getvalue()
    # matplotlib puts a <style> element in the SVG; the page's CSP allows none (nik.css has it).
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.DOTALL)
    return svg[svg.index("<svg") :]


def radar_svg(results: list, title: str, now_label: str, before_label: str) -> str:
    """The clusters' shares on a radar, this round and the previous one."""
    import math

    from matplotlib import rcParams
    from matplotlib.figure import Figure

    rcParams["svg.fonttype"] = "none"
    fig = Figure(figsize=(6.4, 6.4))
    ax = fig.add_subplot(projection="polar")
    names = [str(r.cluster.name) for r in results]
    angles = [2 * math.pi * i / len(names) for i in range(len(names))]
    for label, values in (
        (before_label, [r.previous for r in results]),
        (now_label, [r.share for r in results]),
    ):
        if all(v is None for v in values):
            continue
        points = [v or 0 for v in values]
        ax.plot([*angles, angles[0]], [*points, points[0]], marker="o", label=label)
        ax.fill([*angles, angles[0]], [*points, points[0]], alpha=0.1)
    ax.set_xticks(angles, names, fontsize=7)
    ax.set_ylim(0, 100)
    ax.set_yticks([25, 50, 75, 100])
    ax.set_title(title, fontsize=10)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=7, loc="lower right", bbox_to_anchor=(1.15, -0.1))
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    svg = re.sub(r"<style[^>]*>.*?</style>", "", buffer.getvalue(), flags=re.DOTALL)
    return svg[svg.index("<svg") :]
