"""A timeline chart: stacked event counts per QuadClass and the mean Goldstein score per period.

Drawn for a paper: each bar covers its own period (it starts where the period starts), counts have
integer ticks, the Goldstein score has its own axis from -10 to 10 with zero marked, the legend sits
below the plot, and a caption gives N and the source. The file's suffix picks the format (PNG, SVG,
PDF)."""

from __future__ import annotations

import os

import pandas as pd

from .queries import quad_columns

# Cooperation in blues, conflict in reds; verbal lighter than material.
QUAD_COLOURS = ("#9ecae1", "#3182bd", "#fc9272", "#de2d26")


def plot_timeline(
    frame: pd.DataFrame, path: str | os.PathLike, *, title: str = "", source: str = "", dpi: int = 200
) -> None:
    """Write a timeline from ``Store.timeline`` to ``path`` (PNG, SVG or PDF, by its suffix)."""
    import matplotlib

    matplotlib.use("Agg")  # files only: no display is needed, or wanted on a server
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    figure, counts = plt.subplots(figsize=(10, 4.5), layout="constrained")
    periods = pd.to_datetime(frame["period"]) if len(frame) else pd.Series([], dtype="datetime64[ns]")
    width = _bar_width(periods)
    bottom = pd.Series(0, index=frame.index, dtype="int64")
    for colour, (number, column) in zip(QUAD_COLOURS, quad_columns().items(), strict=True):
        label = column.replace("_", " ").capitalize()
        counts.bar(
            periods,
            frame[column],
            width=width,
            bottom=bottom,
            align="edge",
            color=colour,
            label=f"{number} {label}",
        )
        bottom += frame[column]
    counts.set_ylabel("events")
    counts.yaxis.set_major_locator(MaxNLocator(integer=True))
    goldstein = counts.twinx()
    # The score's point sits in the middle of its period's bar.
    middles = periods + pd.to_timedelta(width / 2, unit="D")
    goldstein.plot(
        middles, frame["goldstein"], color="black", marker="o", linewidth=1.5, label="mean Goldstein"
    )
    goldstein.set_ylim(-10, 10)
    goldstein.axhline(0, color="black", linewidth=0.8, linestyle="--", label="Goldstein 0")
    goldstein.set_ylabel("mean Goldstein score (-10 to 10)")
    handles = counts.get_legend_handles_labels()[0] + goldstein.get_legend_handles_labels()[0]
    figure.legend(handles=handles, loc="outside lower center", ncols=3, fontsize="small", frameon=False)
    counts.set_title(title or "Events per period")
    total = int(frame["events"].sum()) if len(frame) else 0
    caption = f"N = {total:,} events" + (f". Source: {source}" if source else "")
    figure.text(0.01, 0.005, caption, fontsize="small", ha="left", va="bottom")
    figure.savefig(path, dpi=dpi)
    plt.close(figure)


def _bar_width(periods: pd.Series) -> float:
    """Bars as wide as 80% of a period, in days (matplotlib's unit for dates)."""
    if len(periods) < 2:
        return 5.0
    return 0.8 * periods.diff().dt.days.min()
