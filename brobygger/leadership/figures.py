"""The leadership capability's figures for the knowledge centre (registry.knowledge_figures):
which roles alliances most often lack in each phase, and how leaders' profiles spread over
sectors and kinds of organisation. Both count only groups over the privacy threshold."""

from django.db.models import Count, F, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from brobygger.alliances.models import (
    SECTOR_BY_KIND,
    SECTOR_ORDER,
    AffiliationStatus,
    Alliance,
    OrganisationKind,
    Phase,
    Sector,
)
from brobygger.alliances.rules import visible_alliances_q
from brobygger.core.registry import FigureTable

from . import instrument, plan, selectors
from .dimensions import Dimension, Role
from .models import Assessment, DimensionScore


def _share(part: int, whole: int) -> str:
    return _("%(percent)s %%") % {"percent": round(part * 100 / whole)}


def role_gaps_by_phase(user) -> FigureTable:
    """Per phase, how many of the alliances the reader sees lack each role now (the role is
    needed in the alliance's current phase and nobody takes it). Three queries."""
    alliances = list(Alliance.objects.filter(visible_alliances_q(user)).only("pk", "phase", "lead_organisation_id"))
    gaps = selectors.current_gaps(alliances)
    threshold = selectors.privacy_threshold()
    in_phase: dict[str, int] = {}
    missing: dict[tuple, int] = {}
    for alliance in alliances:
        in_phase[alliance.phase] = in_phase.get(alliance.phase, 0) + 1
        for role in gaps[alliance.pk]:
            missing[(alliance.phase, role)] = missing.get((alliance.phase, role), 0) + 1
    rows = []
    for phase in plan.PHASE_ORDER:
        count = in_phase.get(phase, 0)
        if not count:
            continue
        heading = ngettext("%(phase)s (%(count)s alliance)", "%(phase)s (%(count)s alliancer)", count) % {
            "phase": Phase(phase).label,
            "count": count,
        }
        if count < threshold:
            rows.append((heading, [_("færre end %(n)s") % {"n": threshold}] * len(Role.values)))
            continue
        rows.append((heading, [_share(missing.get((phase, role), 0), count) for role in Role.values]))
    return FigureTable(
        caption=_("Andel af alliancerne i hver fase, der mangler rollen nu"),
        columns=[str(Role(role).label) for role in Role.values],
        rows=rows,
        note=_(
            "En rolle mangler, når alliancens rolleplan (eller Brobyggers forslag) siger, at den er "
            "nødvendig i den nuværende fase, og ingen leder har den. Faser med færre end %(n)s "
            "alliancer vises uden andele."
        )
        % {"n": threshold},
    )


def _heading(group: str, people: int, threshold: int) -> str:
    """A group's row heading with its number of leaders; below the threshold not even that."""
    if people < threshold:
        return _("%(group)s (færre end %(n)s ledere)") % {"group": group, "n": threshold}
    return _("%(group)s (%(n)s ledere)") % {"group": group, "n": people}


def profiles_by_sector(user) -> FigureTable:
    """Per sector and kind of organisation: the share of leaders whose latest completed
    self-assessment scores strong on each role and challenge. Only leaders verified for an
    organisation count, and only groups of at least the threshold are shown. One query."""
    threshold = selectors.privacy_threshold()
    counted = (
        Assessment.objects.filter(completed_at__isnull=False, user__affiliation__status=AffiliationStatus.VERIFIED)
        .annotate(latest=selectors.latest_completed(OuterRef("user")))
        .filter(pk=F("latest"))
        .values("pk")
    )
    rows_by_kind: dict[str, dict[str, tuple[int, int]]] = {}
    for row in (
        DimensionScore.objects.filter(assessment__in=counted)
        .values("assessment__user__affiliation__organisation__kind", "dimension")
        .annotate(people=Count("pk"), strong=Count("pk", filter=Q(score__gte=instrument.STRONG_SCORE)))
    ):
        kind = row["assessment__user__affiliation__organisation__kind"]
        rows_by_kind.setdefault(kind, {})[row["dimension"]] = (row["people"], row["strong"])

    def cells(groups: list[dict]) -> tuple[int, list[str]]:
        people = max((sum(group.get(d, (0, 0))[0] for group in groups) for d in Dimension.values), default=0)
        if people < threshold:
            return people, [_("færre end %(n)s") % {"n": threshold}] * len(Dimension.values)
        return people, [
            _share(sum(group.get(d, (0, 0))[1] for group in groups), people) for d in Dimension.values
        ]

    rows = []
    for sector in SECTOR_ORDER:
        kinds = [kind for kind, kind_sector in SECTOR_BY_KIND.items() if kind_sector == sector]
        people, values = cells([rows_by_kind.get(kind, {}) for kind in kinds])
        if not people:
            continue
        rows.append((_heading(_("%(group)s i alt") % {"group": Sector(sector).label}, people, threshold), values))
        for kind in kinds:
            people, values = cells([rows_by_kind.get(kind, {})])
            if people:
                rows.append((_heading(str(OrganisationKind(kind).label), people, threshold), values))
    return FigureTable(
        caption=_("Andel af lederne med en stærk score (mindst %(score)s af 100) i deres seneste selvevaluering")
        % {"score": instrument.STRONG_SCORE},
        columns=[str(Dimension(d).label) for d in Dimension.values],
        rows=rows,
        note=_(
            "Kun ledere, der er bekræftede medarbejdere i en organisation, tæller, hver med sin seneste "
            "afsluttede selvevaluering. Grupper med færre end %(n)s ledere vises uden andele."
        )
        % {"n": threshold},
    )
