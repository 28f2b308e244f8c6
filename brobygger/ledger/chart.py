"""The value balance as a chart: geometry for an SVG drawn on the server.

Two bars per party, what it gives and what it has got (both in kroner where estimated),
grouped by sector. The same figures are in the table beside the chart, and every bar has
its amount written next to it, so nothing depends on colour or on seeing the bars.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from brobygger.core.formatting import kroner

from .selectors import ValueBalance

WIDTH = 760
LABEL_WIDTH = 230
BAR_AREA = 330
BAR_HEIGHT = 16
BAR_GAP = 4
ROW_HEIGHT = 2 * BAR_HEIGHT + BAR_GAP + 18
SECTOR_HEIGHT = 34
TOP = 40
NAME_LIMIT = 30


@dataclass
class ChartBar:
    y: int
    width: float
    label: str
    text_x: float


@dataclass
class ChartRow:
    y: int
    name: str
    full_name: str
    given: ChartBar
    gained: ChartBar
    status_label: str


@dataclass
class ChartSector:
    y: int
    label: str


@dataclass
class Chart:
    width: int
    height: int
    label_width: int
    sectors: list[ChartSector]
    rows: list[ChartRow]
    bar_height: int = BAR_HEIGHT

    @property
    def bar_x(self) -> int:
        return self.label_width


def build(balance: ValueBalance) -> Chart:
    top = balance.chart_max
    sectors: list[ChartSector] = []
    rows: list[ChartRow] = []
    y = TOP

    def bar(value: Decimal, bar_y: int, prefix: str) -> ChartBar:
        width = float(value / top * BAR_AREA) if top else 0.0
        # A party that gives or gets something gets a visible sliver, not an empty row.
        if value > 0:
            width = max(width, 2.0)
        return ChartBar(
            y=bar_y, width=round(width, 1), label=f"{prefix} {kroner(value)}", text_x=round(LABEL_WIDTH + width + 8, 1)
        )

    for sector_label, parties in balance.by_sector:
        sectors.append(ChartSector(y=y + 20, label=sector_label))
        y += SECTOR_HEIGHT
        for row in parties:
            name = row.party.organisation.name
            rows.append(
                ChartRow(
                    y=y + BAR_HEIGHT,
                    name=name if len(name) <= NAME_LIMIT else name[: NAME_LIMIT - 1] + "…",
                    full_name=name,
                    given=bar(row.contributed_kroner, y, _("Giver")),
                    gained=bar(row.gained_kroner, y + BAR_HEIGHT + BAR_GAP, _("Får")),
                    status_label=row.status_label,
                )
            )
            y += ROW_HEIGHT
    return Chart(width=WIDTH, height=y + 8, label_width=LABEL_WIDTH, sectors=sectors, rows=rows)
