"""The health check's charts: dot plots drawn on the server as SVG.

One row per criterion (or dimension, or tension scale): an axis across the scale, one mark
per party (its shape says its sector, so colour is never the only cue), and a line at the
result overall. The label stands above its axis, so the same drawing works wide and narrow;
it is drawn twice at about the size it is shown (like the value balance), and the table under
each chart holds the same figures.
"""

from dataclasses import dataclass

from django.utils.formats import number_format

from brobygger.alliances.models import Sector

ROW_HEIGHT = 64
TOP = 8


@dataclass(frozen=True)
class Layout:
    width: int
    margin: int


# The margins leave room for a mark at either end of the scale and for its tick label.
WIDE = Layout(width=760, margin=20)
NARROW = Layout(width=340, margin=20)


@dataclass
class Mark:
    x: float
    y: float
    shape: str  # the sector: offentlig (circle), privat (square), civilsamfund (diamond)
    title: str
    points: str = ""  # for the diamond


@dataclass
class Row:
    label: str
    # A tension scale's second pole, at the right end of its axis (its first pole is `label`).
    label_right: str
    label_y: float
    axis_y: float
    marks: list
    mean_x: float | None
    divergent: bool


@dataclass
class Chart:
    width: int
    height: int
    x0: float
    x1: float
    rows: list
    ticks: list  # [(x, label)]


def _number(value: float, decimals: int) -> str:
    return number_format(round(value, decimals), decimal_pos=decimals)


def _truncate(text: str, characters: int) -> str:
    return text if len(text) <= characters else text[: characters - 1].rstrip() + "…"


def _draw(rows_in, *, low: float, high: float, layout: Layout, decimals: int, ticks) -> Chart:
    x0 = layout.margin
    x1 = layout.width - layout.margin

    def x_of(value: float) -> float:
        return x0 + (x1 - x0) * (value - low) / (high - low)

    characters = int(layout.width / 8.2)
    rows = []
    y = TOP
    for label, points, mean, divergent in rows_in:
        label_right = ""
        if isinstance(label, tuple):
            label, label_right = label
            label, label_right = _truncate(label, characters // 2 - 1), _truncate(label_right, characters // 2 - 1)
        axis_y = y + 40
        marks = []
        # Parties at the same value stand beside each other, not on top of each other.
        seen: dict[float, int] = {}
        for name, sector, value in points:
            if value is None:
                continue
            offset = seen.get(value, 0)
            seen[value] = offset + 1
            mx = x_of(value) + ((offset + 1) // 2) * 13 * (1 if offset % 2 else -1)
            my = axis_y
            mark = Mark(x=mx, y=my, shape=sector, title=f"{name}: {_number(value, decimals)}")
            if sector == Sector.CIVIL:
                mark.points = f"{mx},{my - 7} {mx + 7},{my} {mx},{my + 7} {mx - 7},{my}"
            marks.append(mark)
        rows.append(
            Row(
                label=label if label_right else _truncate(label, characters),
                label_right=label_right,
                label_y=y + 18,
                axis_y=axis_y,
                marks=marks,
                mean_x=x_of(mean) if mean is not None else None,
                divergent=divergent,
            )
        )
        y += ROW_HEIGHT
    return Chart(
        width=layout.width,
        height=int(y + 24),
        x0=x0,
        x1=x1,
        rows=rows,
        ticks=[(x_of(value), text) for value, text in ticks],
    )


@dataclass
class TwoWays:
    wide: Chart
    narrow: Chart


def dot_plot(rows, *, low: float, high: float, decimals: int, ticks) -> TwoWays:
    """`rows`: [(label, [(party name, sector, value or None)], mean or None, divergent)]."""
    rows = list(rows)
    return TwoWays(
        wide=_draw(rows, low=low, high=high, layout=WIDE, decimals=decimals, ticks=ticks),
        narrow=_draw(rows, low=low, high=high, layout=NARROW, decimals=decimals, ticks=ticks),
    )


def groups_chart(groups, parties) -> TwoWays:
    """Criteria or dimensions on 1–5: each party's score and the result overall."""
    names = {row.party.pk: (row.party.organisation.name, row.sector) for row in parties}
    return dot_plot(
        (
            (
                group.label,
                [(names[pk][0], names[pk][1], score) for pk, score in group.scores.items() if pk in names],
                group.spread.overall,
                group.spread.divergent,
            )
            for group in groups
        ),
        low=1,
        high=5,
        decimals=1,
        ticks=[(value, str(value)) for value in (1, 2, 3, 4, 5)],
    )


def tensions_chart(tensions, parties) -> TwoWays:
    """Tension scales on 0–100: where each party places the alliance and the mean."""
    names = {row.party.pk: (row.party.organisation.name, row.sector) for row in parties}
    return dot_plot(
        (
            (
                (tension.scale.left, tension.scale.right),
                [(names[pk][0], names[pk][1], position) for pk, position in tension.positions.items() if pk in names],
                tension.spread.overall,
                tension.spread.divergent,
            )
            for tension in tensions
        ),
        low=0,
        high=100,
        decimals=0,
        ticks=[(0, "0"), (50, "50"), (100, "100")],
    )
