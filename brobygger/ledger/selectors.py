"""Reads of the value ledger for pages, the API and the front page.

The status rule lives in one place, `_party_status_rows`:
- grøn: at least one of the party's goals has a result dated within the last twelve months
  (a result dated exactly twelve months ago counts);
- gul: the party has goals, but none has a result in that window;
- rød: the party has no goals at all.
Only entries the reader may read count (rules.ReadScope), so a page never reveals what it
doesn't show, and says when something is left out. Every function uses a fixed number of
queries, whatever the number of parties and entries.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from brobygger.alliances.models import Alliance, MemberRole, Party, Phase, group_by_sector
from brobygger.alliances.selectors import memberships_of
from brobygger.core import audit
from brobygger.core.registry import AttentionItem, PartyPageEntry

from .models import (
    AMOUNT_DIGITS,
    AMOUNT_PLACES,
    CONTRIBUTION_FIELDS,
    GOAL_FIELDS,
    RESULT_FIELDS,
    Contribution,
    Result,
    Unit,
    ValueGoal,
)
from .rules import (
    ReadScope,
    parties_read_q,
    read_scope,
    read_scope_everywhere,
    scope_of_memberships,
    visible_entries_q,
    visible_results_q,
)


class Status:
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    LABELS = {GREEN: _("Grøn"), YELLOW: _("Gul"), RED: _("Rød")}
    EXPLANATIONS = {
        GREEN: _("Har fået værdi med hjem inden for de seneste tolv måneder."),
        YELLOW: _("Har værdimål, men intet er realiseret inden for de seneste tolv måneder."),
        RED: _("Har ingen værdimål endnu."),
    }
    ORDER = (GREEN, YELLOW, RED)


def twelve_months_before(day: datetime.date) -> datetime.date:
    """The same date a year earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _amount_field() -> DecimalField:
    return DecimalField(max_digits=AMOUNT_DIGITS + 4, decimal_places=AMOUNT_PLACES)


def _kroner_expression():
    """A contribution's worth in kroner: the estimate, or the amount itself when in kroner."""
    return Coalesce(
        "estimated_value",
        Case(When(unit=Unit.KRONER, then="quantity"), default=Value(None), output_field=_amount_field()),
        output_field=_amount_field(),
    )


def _party_status_rows(party_filter: Q, *, scope: ReadScope, day: datetime.date):
    """(party id, alliance id, has a readable goal, has a readable result in the window)."""
    cutoff = twelve_months_before(day)
    goals = ValueGoal.objects.filter(visible_entries_q(scope), party=OuterRef("pk"))
    recent_results = Result.objects.filter(
        visible_results_q(scope),
        goal__party=OuterRef("pk"),
        achieved_on__gte=cutoff,
        achieved_on__lte=day,
    )
    return (
        Party.objects.filter(party_filter, parties_read_q(scope))
        .annotate(has_goal=Exists(goals), has_recent_result=Exists(recent_results))
        .values_list("pk", "alliance_id", "has_goal", "has_recent_result")
    )


def _status(has_goal: bool, has_recent_result: bool) -> str:
    if has_recent_result:
        return Status.GREEN
    return Status.YELLOW if has_goal else Status.RED


@dataclass(frozen=True)
class PartyStatus:
    code: str

    @property
    def label(self) -> str:
        return Status.LABELS[self.code]

    @property
    def explanation(self) -> str:
        return Status.EXPLANATIONS[self.code]


def party_status(*, party: Party, scope: ReadScope, day=None) -> PartyStatus:
    """One party's status, by the same rule as the balance. One query."""
    day = day or timezone.localdate()
    row = _party_status_rows(Q(pk=party.pk), scope=scope, day=day).first()
    return PartyStatus(_status(row[2], row[3]) if row else Status.RED)


# --- At a glance: many alliances ----------------------------------------------------------


@dataclass
class StatusCounts:
    green: int = 0
    yellow: int = 0
    red: int = 0

    @property
    def total(self) -> int:
        return self.green + self.yellow + self.red

    def add(self, status: str) -> None:
        if status == Status.GREEN:
            self.green += 1
        elif status == Status.YELLOW:
            self.yellow += 1
        else:
            self.red += 1

    @classmethod
    def of(cls, statuses) -> "StatusCounts":
        counts = cls()
        for status in statuses:
            counts.add(status)
        return counts


def status_counts(alliances, *, scope: ReadScope, day=None) -> dict[int, StatusCounts]:
    """How many parties of each alliance are green, yellow and red: one query."""
    day = day or timezone.localdate()
    counts: dict[int, StatusCounts] = {alliance.pk: StatusCounts() for alliance in alliances}
    if not counts:
        return counts
    rows = _party_status_rows(Q(alliance_id__in=counts.keys()), scope=scope, day=day)
    for _pk, alliance_id, has_goal, has_recent in rows:
        counts[alliance_id].add(_status(has_goal, has_recent))
    return counts


# --- The value balance of one alliance ----------------------------------------------------


@dataclass
class InKind:
    unit_label: str
    quantity: Decimal


@dataclass
class PartyBalance:
    party: Party
    status: str
    contributed_kroner: Decimal = Decimal("0")
    contribution_count: int = 0
    in_kind: list[InKind] = field(default_factory=list)
    goal_count: int = 0
    realised_goal_count: int = 0
    gained_kroner: Decimal = Decimal("0")
    # Results without an estimate in kroner: they count for the status but not in kroner.
    results_without_kroner: int = 0
    last_result_on: datetime.date | None = None

    @property
    def status_label(self) -> str:
        return Status.LABELS[self.status]

    @property
    def status_explanation(self) -> str:
        return Status.EXPLANATIONS[self.status]

    @property
    def sector(self) -> str:
        return self.party.organisation.sector


@dataclass
class ValueBalance:
    alliance: Alliance
    parties: list[PartyBalance]
    day: datetime.date
    # The reader reads the members' entries (else: public ones only).
    includes_private: bool
    # Some entries the reader may not read exist, and the figures are without them.
    hides_entries: bool

    @property
    def by_sector(self) -> list[tuple[str, list[PartyBalance]]]:
        return group_by_sector(self.parties, lambda row: row.sector)

    @property
    def without_value(self) -> list[PartyBalance]:
        return [row for row in self.parties if row.status != Status.GREEN]

    @property
    def counts(self) -> StatusCounts:
        return StatusCounts.of(row.status for row in self.parties)

    @property
    def contributed_kroner(self) -> Decimal:
        return sum((row.contributed_kroner for row in self.parties), Decimal("0"))

    @property
    def gained_kroner(self) -> Decimal:
        return sum((row.gained_kroner for row in self.parties), Decimal("0"))

    @property
    def has_kroner(self) -> bool:
        """Whether any party gives or has got something with a value in kroner."""
        return self.chart_max > 0

    @property
    def chart_max(self) -> Decimal:
        return max(
            [row.contributed_kroner for row in self.parties]
            + [row.gained_kroner for row in self.parties]
            + [Decimal("0")]
        )


def _hides_entries(scope: ReadScope, *, alliance_id: int, party: Party | None = None) -> bool:
    """Whether the alliance (or one party of it) has entries the reader may not read. One
    query, none for a reader who reads everything there or only public entries (who is told
    so anyway)."""
    if scope.reads_all_of(alliance_id) or not scope.reads_members_entries_of(alliance_id):
        return False
    where = {"party": party} if party is not None else {"party__alliance_id": alliance_id}
    where_results = {"goal__party": party} if party is not None else {"goal__party__alliance_id": alliance_id}
    return Alliance.objects.filter(pk=alliance_id).filter(
        Exists(Contribution.objects.filter(~visible_entries_q(scope), **where))
        | Exists(ValueGoal.objects.filter(~visible_entries_q(scope), **where))
        | Exists(Result.objects.filter(~visible_results_q(scope), **where_results))
    ).exists()


def value_balance(*, alliance: Alliance, scope: ReadScope, day=None) -> ValueBalance:
    """Per party: what it gives, what it wants, what it has got, and its status, from the
    entries the reader may read. 6 queries (5 for a reader who reads everything)."""
    day = day or timezone.localdate()
    parties = list(
        Party.objects.filter(parties_read_q(scope), alliance=alliance)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    rows = {party.pk: PartyBalance(party=party, status=Status.RED) for party in parties}

    for pk, _alliance_id, has_goal, has_recent in _party_status_rows(Q(alliance=alliance), scope=scope, day=day):
        rows[pk].status = _status(has_goal, has_recent)

    contributions = (
        Contribution.objects.filter(visible_entries_q(scope), party__alliance=alliance)
        .values("party_id", "unit")
        .annotate(total_quantity=Sum("quantity"), kroner=Sum(_kroner_expression()), count=Count("pk"))
        .order_by("party_id", "unit")
    )
    unit_labels = dict(Unit.choices)
    for line in contributions:
        row = rows[line["party_id"]]
        row.contribution_count += line["count"]
        row.contributed_kroner += line["kroner"] or Decimal("0")
        if line["unit"] != Unit.KRONER:
            row.in_kind.append(InKind(unit_labels[line["unit"]], line["total_quantity"]))

    goals = (
        ValueGoal.objects.filter(visible_entries_q(scope), party__alliance=alliance)
        .annotate(
            realised=Exists(
                Result.objects.filter(
                    visible_results_q(scope),
                    goal=OuterRef("pk"),
                    achieved_on__lte=day,
                )
            )
        )
        .values("party_id")
        .annotate(goals=Count("pk"), realised_goals=Count("pk", filter=Q(realised=True)))
        .order_by("party_id")
    )
    for line in goals:
        rows[line["party_id"]].goal_count = line["goals"]
        rows[line["party_id"]].realised_goal_count = line["realised_goals"]

    results = (
        Result.objects.filter(
            visible_results_q(scope),
            goal__party__alliance=alliance,
            achieved_on__lte=day,
        )
        .values("goal__party_id")
        .annotate(
            gained=Sum("estimated_value"),
            without_kroner=Count("pk", filter=Q(estimated_value__isnull=True)),
            last=Max("achieved_on"),
        )
        .order_by("goal__party_id")
    )
    for line in results:
        row = rows[line["goal__party_id"]]
        row.gained_kroner = line["gained"] or Decimal("0")
        row.results_without_kroner = line["without_kroner"]
        row.last_result_on = line["last"]

    return ValueBalance(
        alliance=alliance,
        parties=list(rows.values()),
        day=day,
        includes_private=scope.reads_members_entries_of(alliance.pk),
        hides_entries=_hides_entries(scope, alliance_id=alliance.pk),
    )


# --- One party's ledger -------------------------------------------------------------------


@dataclass
class PartyLedger:
    party: Party
    contributions: list[Contribution]
    goals: list[ValueGoal]
    # The party's latest audit records, each with `.lines` for the reader.
    changes: list
    includes_private: bool
    hides_entries: bool


def party_ledger(*, party: Party, reader, scope: ReadScope, with_changes: bool, change_limit: int = 50) -> PartyLedger:
    """The party's entries (goals with their results) the reader may read, and its latest
    changes. 3–5 queries."""
    visible = visible_entries_q(scope)
    visible_results = visible_results_q(scope)
    contributions = list(
        Contribution.objects.filter(visible, party=party).select_related("created_by", "updated_by")
    )
    goals = list(
        ValueGoal.objects.filter(visible, party=party)
        .select_related("created_by", "updated_by")
        .prefetch_related(
            Prefetch(
                "results",
                queryset=Result.objects.filter(visible_results).select_related("created_by", "updated_by"),
            )
        )
    )
    changes = (
        audit.with_lines(audit.history(party_id=party.pk)[:change_limit], reader) if with_changes else []
    )
    return PartyLedger(
        party,
        contributions,
        goals,
        changes,
        includes_private=scope.reads_members_entries_of(party.alliance_id),
        hides_entries=_hides_entries(scope, alliance_id=party.alliance_id, party=party),
    )


def contribution_in(alliance: Alliance, pk: int) -> Contribution | None:
    return (
        Contribution.objects.select_related("party__organisation")
        .filter(party__alliance=alliance, pk=pk)
        .first()
    )


def goal_in(alliance: Alliance, pk: int) -> ValueGoal | None:
    return (
        ValueGoal.objects.select_related("party__organisation")
        .annotate(result_count=Count("results"))
        .filter(party__alliance=alliance, pk=pk)
        .first()
    )


def result_in(alliance: Alliance, pk: int) -> Result | None:
    return (
        Result.objects.select_related("goal__party__organisation")
        .filter(goal__party__alliance=alliance, pk=pk)
        .first()
    )


# --- The registry's hooks: alliance cards and the front page --------------------------------


@dataclass
class BalanceGlance:
    alliance: Alliance
    counts: StatusCounts


def balance_glance(alliances: list[Alliance], user) -> dict[int, BalanceGlance]:
    """Each alliance's green/yellow/red tally for its card. Two queries."""
    counts = status_counts(alliances, scope=read_scope_everywhere(user))
    return {alliance.pk: BalanceGlance(alliance, counts[alliance.pk]) for alliance in alliances}


def attention_items(user, *, day: datetime.date) -> list[AttentionItem]:
    """Tell coordinators and top leaders which parties have not got value home, and a
    party's own representatives when their party has no value goal yet. One query."""
    memberships = memberships_of(user)
    # An idea has no value goals yet, and a closed alliance is history: neither is flagged.
    running = [m for m in memberships if m.alliance.phase not in (Phase.IDEA, Phase.CLOSED)]
    watched = {
        m.alliance_id: m.alliance for m in running if m.role in (MemberRole.COORDINATOR, MemberRole.TOP_LEADER)
    }
    # Those who watch the alliance's parties are told about their own party with the others.
    own = {
        m.party_id: m.alliance
        for m in running
        if m.party_id and m.role != MemberRole.OBSERVER and m.alliance_id not in watched
    }
    if not watched and not own:
        return []
    names: dict[int, list[str]] = defaultdict(list)
    without_goal: list[tuple[int, str]] = []
    # What the user reads: a top leader is not told about entries they may not read.
    scope = scope_of_memberships((m.alliance_id, m.role, m.party_id) for m in memberships)
    rows = _party_status_rows(
        Q(alliance_id__in=watched.keys()) | Q(pk__in=own.keys()), scope=scope, day=day
    ).values_list("pk", "alliance_id", "organisation__name", "has_goal", "has_recent_result")
    for party_id, alliance_id, name, has_goal, has_recent in rows.order_by("organisation__name"):
        if alliance_id in watched and _status(has_goal, has_recent) != Status.GREEN:
            names[alliance_id].append(name)
        if party_id in own and not has_goal:
            without_goal.append((party_id, name))
    own_items = [
        AttentionItem(
            own[party_id],
            _("Din part, %(name)s, har endnu intet værdimål. Skriv, hvad I vil have med hjem fra alliancen.")
            % {"name": name},
            reverse("ledger:goal_add", kwargs={"slug": own[party_id].slug, "party_id": party_id}),
        )
        for party_id, name in without_goal
    ]
    return own_items + [
        AttentionItem(
            alliance,
            ngettext(
                "%(names)s har endnu ikke fået værdi med hjem fra alliancen.",
                "%(count)s parter har endnu ikke fået værdi med hjem fra alliancen: %(names)s.",
                len(names[pk]),
            )
            % {"count": len(names[pk]), "names": ", ".join(names[pk])},
            reverse("ledger:balance", kwargs={"slug": alliance.slug}),
        )
        for pk, alliance in watched.items()
        if names[pk]
    ]


# --- Export ---------------------------------------------------------------------------------


def ledger_export(slug: str) -> dict:
    """Every contribution, value goal and result of the alliance, per party, JSON-ready."""
    def fields(entry, names) -> dict:
        return {name: audit.as_text(getattr(entry, name)) for name in names}

    parties = Party.objects.filter(alliance__slug=slug).order_by("pk")
    if not Alliance.objects.filter(slug=slug).exists():
        raise LookupError(f"No alliance has the address {slug!r}.")
    contributions = Contribution.objects.filter(party__in=parties).order_by("pk")
    goals = ValueGoal.objects.filter(party__in=parties).prefetch_related("results").order_by("pk")
    return {
        "contributions": [
            {"id": entry.pk, "party_id": entry.party_id, **fields(entry, CONTRIBUTION_FIELDS)} for entry in contributions
        ],
        "value_goals": [
            {
                "id": goal.pk,
                "party_id": goal.party_id,
                **fields(goal, GOAL_FIELDS),
                "results": [{"id": result.pk, **fields(result, RESULT_FIELDS)} for result in goal.results.all()],
            }
            for goal in goals
        ],
    }


# --- "Din part" on the alliance page --------------------------------------------------------


def own_party_entry(party: Party, user) -> PartyPageEntry:
    """The party's ledger, and what it lacks as the member reads it. One query."""
    scope = read_scope(user, party)
    has_goal, has_contribution = (
        Party.objects.filter(pk=party.pk)
        .annotate(
            has_goal=Exists(ValueGoal.objects.filter(visible_entries_q(scope), party=OuterRef("pk"))),
            has_contribution=Exists(Contribution.objects.filter(visible_entries_q(scope), party=OuterRef("pk"))),
        )
        .values_list("has_goal", "has_contribution")
        .get()
    )
    if not has_goal:
        missing = _("Ingen værdimål endnu: skriv, hvad parten vil have med hjem.")
    elif not has_contribution:
        missing = _("Ingen bidrag registreret endnu.")
    else:
        missing = ""
    return PartyPageEntry(
        label=str(_("Partens værdiregnskab")),
        url=reverse("ledger:party", kwargs={"slug": party.alliance.slug, "party_id": party.pk}),
        missing=str(missing),
    )
