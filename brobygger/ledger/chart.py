"""The value balance as a chart: geometry for an SVG drawn on the server.

Two bars per party, what it gives and what it has got (both in kroner where estimated),
grouped by sector. The same figures are in the table beside the chart, and every bar has
its amount written next to it, so nothing depends on colour or on seeing the bars. Results
without a value in kroner are written out beside the bars, so a party that has got value
does not read as one that got nothing.

There are two layouts of the same figures: a wide one (names to the left of the bars) and a
narrow one for phones (each name above its bars, which span the width), drawn at about the
size it is shown, so its text is as large as the body text. Names are wrapped, never cut.
"""

import textwrap
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from brobygger.core.formatting import kroner

from .selectors import PartyBalance, ValueBalance

BAR_HEIGHT = 16
BAR_GAP = 4
LINE = 21  # the height of a line of 16 px text
SECTOR_HEIGHT = 36


@dataclass(frozen=True)
class Layout:
    width: int
    label_width: int  # room for the names left of the bars; 0: names above the bars
    bar_area: int
    name_chars: int  # characters of a name on one line before it wraps


WIDE = Layout(width=760, label_width=240, bar_area=320, name_chars=28)
NARROW = Layout(width=320, label_width=0, bar_area=320, name_chars=30)


@dataclass
class ChartLine:
    x: float
    y: float
    text: str


@dataclass
class ChartBar:
    y: int
    width: float
    label: str
    text_x: float
    text_y: float


@dataclass
class ChartRow:
    name_lines: list[ChartLine]
    full_name: str
    status: ChartLine
    given: ChartBar
    gained: ChartBar
    # "and 2 results without an amount" when the party has got kroner too.
    results: ChartLine | None


@dataclass
class ChartSector:
    y: int
    label: str


@dataclass
class Chart:
    width: int
    height: int
    bar_x: int
    sectors: list[ChartSector]
    rows: list[ChartRow]
    bar_height: int = BAR_HEIGHT


@dataclass
class Charts:
    wide: Chart
    narrow: Chart


def results_without_kroner(count: int) -> str:
    return ngettext("%(count)s resultat uden beløb", "%(count)s resultater uden beløb", count) % {"count": count}


def _gained_labels(row: PartyBalance) -> tuple[str, str | None]:
    """The label of the "gets" bar, and a line of results without an amount, if any."""
    if row.results_without_kroner and not row.gained_kroner:
        return _("Får %(results)s") % {"results": results_without_kroner(row.results_without_kroner)}, None
    label = f"{_('Får')} {kroner(row.gained_kroner)}"
    if row.results_without_kroner:
        return label, _("og %(results)s") % {"results": results_without_kroner(row.results_without_kroner)}
    return label, None


def _draw(balance: ValueBalance, layout: Layout) -> Chart:
    top = balance.chart_max
    narrow = layout.label_width == 0
    bar_x = layout.label_width
    sectors: list[ChartSector] = []
    rows: list[ChartRow] = []
    y = 0

    def bar(value: Decimal, bar_y: int, label: str) -> ChartBar:
        width = float(value / top * layout.bar_area) if top else 0.0
        # A party that gives or gets something gets a visible sliver, not an empty row.
        if value > 0:
            width = max(width, 2.0)
        if narrow:  # the label on its own line above the bar
            return ChartBar(y=bar_y, width=round(width, 1), label=label, text_x=0, text_y=bar_y - 6)
        return ChartBar(
            y=bar_y, width=round(width, 1), label=label, text_x=round(bar_x + width + 8, 1), text_y=bar_y + 13
        )

    for sector_label, parties in balance.by_sector:
        sectors.append(ChartSector(y=y + 24, label=sector_label))
        y += SECTOR_HEIGHT
        for row in parties:
            name = row.party.organisation.name
            wrapped = textwrap.wrap(name, layout.name_chars) or [name]
            name_lines = [ChartLine(0, y + 16 + i * LINE, line) for i, line in enumerate(wrapped)]
            status = ChartLine(0, y + 16 + len(wrapped) * LINE, row.status_label)
            gained_label, results_line = _gained_labels(row)
            given_label = f"{_('Giver')} {kroner(row.contributed_kroner)}"
            if narrow:
                bars_top = status.y + 8 + LINE
                given = bar(row.contributed_kroner, bars_top, given_label)
                gained = bar(row.gained_kroner, bars_top + BAR_HEIGHT + LINE + 4, gained_label)
                bottom = gained.y + BAR_HEIGHT
                results = None
                if results_line:
                    results = ChartLine(0, bottom + LINE - 2, results_line)
                    bottom += LINE
            else:
                given = bar(row.contributed_kroner, y + 2, given_label)
                gained = bar(row.gained_kroner, y + 2 + BAR_HEIGHT + BAR_GAP, gained_label)
                results = ChartLine(bar_x, gained.y + BAR_HEIGHT + 17, results_line) if results_line else None
                bottom = max(status.y + 5, (results.y + 5) if results else gained.y + BAR_HEIGHT)
            rows.append(
                ChartRow(
                    name_lines=name_lines,
                    full_name=name,
                    status=status,
                    given=given,
                    gained=gained,
                    results=results,
                )
            )
            y = bottom + 18
    return Chart(width=layout.width, height=y + 4, bar_x=bar_x, sectors=sectors, rows=rows)


def build(balance: ValueBalance) -> Charts:
    return Charts(wide=_draw(balance, WIDE), narrow=_draw(balance, NARROW))
