"""Decisions' figure for the knowledge centre (registry.knowledge_figures): how fair the
process of the alliances' decisions has been, per welfare area, over the alliances the reader
sees.

Per welfare area, not per the lead organisation's sector: the alliances are nearly always led
by a municipality, so a split by the lead's sector would put almost every decision in one
column, while practice differs between areas (a hearing about elderly care is not one about
schools), and a leader compares with peers in the same area.

It counts the decisions that have been made (besluttet or meddelt): a decision cannot be
communicated before every response is answered, so among communicated decisions alone the
share answered would always be 100 %; with the decided ones it shows how far deciders get in
closing the loop. "Did you feel heard?" is asked only once a decision is communicated, so those
cells are about communicated decisions. Change processes are an organisation's own and are not
counted. A cell about respondents is shown only behind at least
`BROBYGGER_PRIVACY_THRESHOLD` answers, so no one's answer can be read out.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from brobygger.alliances.models import Alliance, WelfareArea
from brobygger.alliances.rules import visible_alliances_q
from brobygger.core.formatting import score
from brobygger.core.registry import FigureTable

from .models import Decision, Expectation, Response
from .taxonomy import AGREEING, DISAGREEING, Status

FAIR_PROCESS_QUERIES = 3

MADE = (Status.DECIDED, Status.COMMUNICATED)


@dataclass
class _Area:
    decided: int = 0
    communicated: int = 0
    responses: int = 0
    answered: int = 0
    expectations: int = 0
    clear: int = 0
    agree_n: int = 0
    agree_sum: int = 0
    disagree_n: int = 0
    disagree_sum: int = 0

    def add(self, other: "_Area") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _share(part: int, whole: int, *, none: str) -> str:
    if not whole:
        return none
    return _("%(percent)s %% (%(part)s af %(whole)s)") % {
        "percent": number_format(round(100 * part / whole)),
        "part": number_format(part, force_grouping=True),
        "whole": number_format(whole, force_grouping=True),
    }


def _felt_heard(count: int, total: int, threshold: int) -> str:
    if count < threshold:
        return _("færre end %(n)s svar") % {"n": threshold}
    return _("%(mean)s (%(n)s svar)") % {"mean": score(total / count), "n": number_format(count, force_grouping=True)}


def _overall_felt_heard(count: int, total: int, hidden: int, threshold: int) -> str:
    """The mean over all areas, unless the answers hidden in the areas' cells are so few that
    the overall mean minus the shown areas' would give them away."""
    if count >= threshold and 0 < hidden < threshold:
        return _("vises ikke: ellers kunne et områdes få svar regnes ud")
    return _felt_heard(count, total, threshold)


def _cells(area: _Area, threshold: int, *, hidden: tuple[int, int] | None = None) -> list[str]:
    """The row's cells; `hidden`: for the overall row, how many agreeing and disagreeing
    answers the areas' rows leave out."""
    if hidden is None:
        agreeing = _felt_heard(area.agree_n, area.agree_sum, threshold)
        disagreeing = _felt_heard(area.disagree_n, area.disagree_sum, threshold)
    else:
        agreeing = _overall_felt_heard(area.agree_n, area.agree_sum, hidden[0], threshold)
        disagreeing = _overall_felt_heard(area.disagree_n, area.disagree_sum, hidden[1], threshold)
    return [
        number_format(area.decided, force_grouping=True),
        number_format(area.communicated, force_grouping=True),
        _share(area.answered, area.responses, none=_("ingen høringssvar")),
        _share(area.clear, area.expectations, none=_("ingen forventninger")),
        agreeing,
        disagreeing,
    ]


def fair_process_by_sector(user) -> FigureTable | None:
    """Per welfare area (and for all the reader's alliances): the decisions made and
    communicated, the share of responses answered, the share of expectations with both an
    owner and a date, and the mean "felt heard" (1–5) of those who agreed and of those who
    disagreed. Three queries, whatever the number of alliances and decisions."""
    threshold = settings.BROBYGGER_PRIVACY_THRESHOLD
    visible = Alliance.objects.filter(visible_alliances_q(user)).values("pk")
    made = Q(alliance__in=visible, status__in=MADE)
    areas: dict[str, _Area] = {}

    for row in (
        Decision.objects.filter(made)
        .values("alliance__welfare_area")
        .annotate(decided=Count("pk"), communicated=Count("pk", filter=Q(status=Status.COMMUNICATED)))
        .order_by()
    ):
        area = areas.setdefault(row["alliance__welfare_area"], _Area())
        area.decided, area.communicated = row["decided"], row["communicated"]
    if not areas:
        return None

    agreeing = Q(felt_heard__isnull=False, stance__in=AGREEING)
    disagreeing = Q(felt_heard__isnull=False, stance__in=DISAGREEING)
    for row in (
        Response.objects.filter(hearing__decision__in=Decision.objects.filter(made))
        .values("hearing__decision__alliance__welfare_area")
        .annotate(
            total=Count("pk"),
            answered=Count("pk", filter=Q(replied_at__isnull=False)),
            agree_n=Count("pk", filter=agreeing),
            agree_sum=Sum("felt_heard", filter=agreeing),
            disagree_n=Count("pk", filter=disagreeing),
            disagree_sum=Sum("felt_heard", filter=disagreeing),
        )
        .order_by()
    ):
        area = areas[row["hearing__decision__alliance__welfare_area"]]
        area.responses, area.answered = row["total"], row["answered"]
        area.agree_n, area.agree_sum = row["agree_n"], row["agree_sum"] or 0
        area.disagree_n, area.disagree_sum = row["disagree_n"], row["disagree_sum"] or 0

    for row in (
        Expectation.objects.filter(decision__in=Decision.objects.filter(made))
        .values("decision__alliance__welfare_area")
        .annotate(total=Count("pk"), clear=Count("pk", filter=~Q(owner="") & Q(due_on__isnull=False)))
        .order_by()
    ):
        area = areas[row["decision__alliance__welfare_area"]]
        area.expectations, area.clear = row["total"], row["clear"]

    overall = _Area()
    for area in areas.values():
        overall.add(area)
    hidden = (
        sum(area.agree_n for area in areas.values() if area.agree_n < threshold),
        sum(area.disagree_n for area in areas.values() if area.disagree_n < threshold),
    )
    rows = [(_("Alle alliancer"), _cells(overall, threshold, hidden=hidden))]
    rows += [(str(label), _cells(areas[value], threshold)) for value, label in WelfareArea.choices if value in areas]
    return FigureTable(
        caption=_("Beslutninger, der er truffet i de alliancer, du kan se, efter velfærdsområde"),
        columns=[
            _("Besluttet"),
            _("Heraf meddelt"),
            _("Høringssvar besvaret"),
            _("Forventninger med ansvarlig og dato"),
            _("Følte sig hørt, enige (1–5)"),
            _("Følte sig hørt, uenige (1–5)"),
        ],
        rows=rows,
        note=_(
            "Beslutninger, der er besluttet eller meddelt. Et høringssvar er besvaret, når "
            "beslutningstagerne har skrevet, hvordan det er brugt, eller hvorfor ikke. »Følte sig hørt« "
            "spørges de, der har afgivet høringssvar, om, når beslutningen er meddelt; enige tæller også "
            "delvis enige. Gennemsnit bag færre end %(n)s svar vises ikke, så ingen enkeltes svar kan "
            "læses ud. Forandringsprocesser i en organisation tælles ikke med."
        )
        % {"n": threshold},
    )
