"""A timeline as a PNG: stacked event counts per QuadClass and the mean Goldstein score per period."""

from __future__ import annotations

import os

import pandas as pd

from .queries import quad_columns

# Cooperation in blues, conflict in reds; verbal lighter than material.
QUAD_COLOURS = ("#9ecae1", "#3182bd", "#fc9272", "#de2d26")


def plot_timeline(frame: pd.DataFrame, path: str | os.PathLike, *, title: str = "") -> None:
    """Write a timeline from ``Store.timeline`` to a PNG file at ``path``."""
    import matplotlib

    matplotlib.use("Agg")  # files only: no display is needed, or wanted on a server
    import matplotlib.pyplot as plt

    figure, counts = plt.subplots(figsize=(10, 4.5), layout="constrained")
    periods = pd.to_datetime(frame["period"]) if len(frame) else pd.Series([], dtype="datetime64[ns]")
    width = _bar_width(periods)
    bottom = pd.Series(0, index=frame.index, dtype="int64")
    for colour, (number, column) in zip(QUAD_COLOURS, quad_columns().items(), strict=True):
        label = column.replace("_", " ").capitalize()
        counts.bar(
            periods, frame[column], width=width, bottom=bottom, color=colour, label=f"{number} {label}"
        )
        bottom += frame[column]
    counts.set_ylabel("events")
    goldstein = counts.twinx()
    goldstein.plot(
        periods, frame["goldstein"], color="black", marker="o", linewidth=1.5, label="mean Goldstein"
    )
    goldstein.set_ylim(-10, 10)
    goldstein.axhline(0, color="grey", linewidth=0.5)
    goldstein.set_ylabel("mean Goldstein score")
    handles = counts.get_legend_handles_labels()[0] + goldstein.get_legend_handles_labels()[0]
    counts.legend(handles=handles, loc="upper left", fontsize="small")
    counts.set_title(title or "Events per period")
    figure.savefig(path, dpi=120)
    plt.close(figure)


def _bar_width(periods: pd.Series) -> float:
    """Bars as wide as 80% of a period, in days (matplotlib's unit for dates)."""
    if len(periods) < 2:
        return 5.0
    return 0.8 * periods.diff().dt.days.min()
