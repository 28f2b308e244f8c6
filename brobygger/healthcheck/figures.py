"""The health check's figures for the knowledge centre (registry.knowledge_figures): how the
parties answer the success criteria and where they place the alliances on the tension
scales, by sector, over the alliances the reader sees.

Outside an alliance no party's answer is shown: a figure is each alliance's latest closed
round, every party counted once, and a cell is shown only when at least
`BROBYGGER_PRIVACY_THRESHOLD` parties stand behind it.
"""

from collections import defaultdict

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from brobygger.alliances.models import SECTOR_ORDER, Alliance, Sector
from brobygger.alliances.rules import visible_alliances_q
from brobygger.core.registry import FigureTable

from . import selectors
from .models import Round, Statement, StatementAnswer, TensionAnswer, TensionScale
from .taxonomy import Criterion

CRITERIA_QUERIES = 4
TENSIONS_QUERIES = 4


def _latest_closed_rounds(user) -> list[Round]:
    """Each visible alliance's latest closed round. One query."""
    visible = Alliance.objects.filter(visible_alliances_q(user)).values("pk")
    return list(selectors.latest_rounds(visible, closed=True).values())


def _cell(values: list[float], threshold: int, *, decimals: int) -> str:
    if len(values) < threshold:
        return _("færre end %(n)s parter") % {"n": threshold}
    mean = number_format(round(sum(values) / len(values), decimals), decimal_pos=decimals)
    return ngettext("%(mean)s (%(n)s part)", "%(mean)s (%(n)s parter)", len(values)) % {"mean": mean, "n": len(values)}


def _columns() -> list[str]:
    return [_("Alle parter")] + [str(Sector(sector).label) for sector in SECTOR_ORDER]


def _row(scores: dict[int, float], sector_of: dict[int, str], threshold: int, *, decimals: int) -> list[str]:
    cells = [_cell(list(scores.values()), threshold, decimals=decimals)]
    for sector in SECTOR_ORDER:
        cells.append(
            _cell([score for party, score in scores.items() if sector_of.get(party) == sector], threshold, decimals=decimals)
        )
    return cells


def criteria_by_sector(user) -> FigureTable | None:
    """Per success criterion: the parties' mean score (1–5) overall and by sector, each party's
    score the mean of its answers to the criterion's statements ("ved ikke" left out)."""
    threshold = settings.BROBYGGER_PRIVACY_THRESHOLD
    rounds = _latest_closed_rounds(user)
    if not rounds:
        return None
    criterion_of = dict(
        Statement.objects.filter(version_id__in={r.version_id for r in rounds}).values_list("pk", "criterion")
    )
    sector_of = selectors.sectors_of_parties(rounds)
    # {criterion: {party: [values]}}: a party answers in one round only (its alliance's latest).
    values: dict = defaultdict(lambda: defaultdict(list))
    for party_id, statement_id, value in StatementAnswer.objects.filter(
        response__round__in=rounds, value__isnull=False
    ).values_list("response__party_id", "statement_id", "value"):
        values[criterion_of[statement_id]][party_id].append(value)
    rows = []
    for key, label in Criterion.choices:
        scores = {party: sum(v) / len(v) for party, v in values.get(key, {}).items()}
        if scores:
            rows.append((str(label), _row(scores, sector_of, threshold, decimals=1)))
    if not rows:
        return None
    return FigureTable(
        caption=_("Parternes gennemsnit på skalaen 1–5 i hver alliances seneste lukkede runde"),
        columns=_columns(),
        rows=rows,
        note=_(
            "Hver part tæller én gang med gennemsnittet af sine svar på kriteriets udsagn (»ved ikke« "
            "tæller ikke). Tal bag færre end %(n)s parter vises ikke, så ingen parts svar kan læses ud."
        )
        % {"n": threshold},
    )


def tensions_by_sector(user) -> FigureTable | None:
    """Per tension scale: where the parties place their alliances (0 at the left pole, 100 at
    the right), overall and by sector."""
    threshold = settings.BROBYGGER_PRIVACY_THRESHOLD
    rounds = _latest_closed_rounds(user)
    if not rounds:
        return None
    scales = {scale.pk: scale for scale in TensionScale.objects.filter(version_id__in={r.version_id for r in rounds})}
    sector_of = selectors.sectors_of_parties(rounds)
    positions: dict = defaultdict(dict)
    for party_id, scale_id, position in TensionAnswer.objects.filter(response__round__in=rounds).values_list(
        "response__party_id", "scale_id", "position"
    ):
        positions[scales[scale_id].key][party_id] = position
    rows = []
    seen = set()
    for scale in sorted(scales.values(), key=lambda s: (s.order, -s.version_id)):
        if scale.key in seen or scale.key not in positions:
            continue
        seen.add(scale.key)
        rows.append((str(scale), _row(positions[scale.key], sector_of, threshold, decimals=0)))
    if not rows:
        return None
    return FigureTable(
        caption=_("Hvor parterne placerer deres alliance mellem polerne (0–100) i den seneste lukkede runde"),
        columns=_columns(),
        rows=rows,
        note=_(
            "0 er helt ved den første pol og 100 helt ved den anden. Hver part tæller én gang. Tal bag "
            "færre end %(n)s parter vises ikke."
        )
        % {"n": threshold},
    )
