"""A self-assessment profile as a bar chart: geometry for an SVG drawn on the server.

One bar per role and challenge on a 0–100 scale, each with its score written beside it, and
the same figures in the table under the chart, so nothing depends on seeing the bars. Two
layouts of the same figures, like the value balance: a wide one with the names left of the
bars and a narrow one for phones with each name above its bar.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .selectors import Profile

BAR_HEIGHT = 18
LINE = 21


@dataclass(frozen=True)
class Layout:
    width: int
    label_width: int  # 0: the name above the bar
    bar_area: int


WIDE = Layout(width=720, label_width=250, bar_area=380)
NARROW = Layout(width=320, label_width=0, bar_area=250)


@dataclass
class Bar:
    label: str
    label_x: float
    label_y: float
    y: float
    width: float
    value_x: float
    value_y: float
    value: str


@dataclass
class Heading:
    text: str
    y: float


@dataclass
class Chart:
    width: int
    height: int
    bar_x: int
    bar_area: int
    bar_height: int
    bars: list
    headings: list
    # The scale's gridlines: (x, label) at 0, 50 and 100.
    ticks: list
    axis_top: float
    axis_bottom: float


def _layout(profile: Profile, layout: Layout) -> Chart:
    y = 0.0
    bars: list[Bar] = []
    headings: list[Heading] = []
    bar_x = layout.label_width
    axis_top = None
    for title, lines in ((_("Roller"), profile.roles), (_("Udfordringer"), profile.challenges)):
        y += LINE
        headings.append(Heading(title, y))
        y += 10
        for line in lines:
            if layout.label_width:
                label_y = y + BAR_HEIGHT - 4
                bar_y = y
                y += BAR_HEIGHT + 12
            else:
                label_y = y + LINE - 5
                bar_y = y + LINE + 2
                y += LINE + BAR_HEIGHT + 14
            if axis_top is None:
                axis_top = bar_y - 4
            width = layout.bar_area * line.score / 100
            bars.append(
                Bar(
                    label=str(line.label),
                    label_x=0,
                    label_y=label_y,
                    y=bar_y,
                    width=width,
                    value_x=bar_x + width + 6,
                    value_y=bar_y + BAR_HEIGHT - 4,
                    value=str(line.score),
                )
            )
        y += 6
    ticks = [(bar_x + layout.bar_area * value / 100, str(value)) for value in (0, 50, 100)]
    axis_bottom = y
    return Chart(
        width=layout.width,
        height=int(y + LINE + 4),
        bar_x=bar_x,
        bar_area=layout.bar_area,
        bar_height=BAR_HEIGHT,
        bars=bars,
        headings=headings,
        ticks=ticks,
        axis_top=axis_top or 0,
        axis_bottom=axis_bottom,
    )


@dataclass
class ProfileChart:
    wide: Chart
    narrow: Chart


def profile_chart(profile: Profile) -> ProfileChart:
    return ProfileChart(wide=_layout(profile, WIDE), narrow=_layout(profile, NARROW))
