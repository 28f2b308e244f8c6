"""Reads for pages, the API and commands. Each selector fetches what its page shows in a
fixed number of queries, whatever the amount of data."""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from brobygger.core import formatting
from brobygger.core.registry import AttentionItem, Figure, FigureValue

from . import search
from .models import (
    AUTHORITY_KINDS,
    FINAL_PHASES,
    SECTOR_ORDER,
    Affiliation,
    AffiliationStatus,
    Alliance,
    Invitation,
    MemberRole,
    Membership,
    MunicipalityRegion,
    Organisation,
    OrganisationDomain,
    OrganisationKind,
    Party,
    PartyConsent,
    PhaseChange,
    Sector,
    Visibility,
    group_by_sector,
    kinds_in_sector,
)
from .rules import (
    is_active_staff,
    is_member,
    memberships_in,
    parties_seen_q,
    remember_memberships,
    verified_organisation_id,
    visible_alliances_q,
)
from .tokens import invitation_token_hash

# Coordinators are told this long before a party (a region in the 2027 merger) ceases to exist.
AUTHORITY_END_WARNING = datetime.timedelta(days=120)


def _active_on_q(day: datetime.date, prefix: str = "") -> Q:
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


# A party counts outside its alliance only once its organisation has confirmed it.
CONFIRMED = Q(consent=PartyConsent.CONFIRMED)


def card_parties() -> Prefetch:
    """The parties an alliance card shows: the confirmed ones (cards are read outside the
    alliance too)."""
    return Prefetch("parties", queryset=Party.objects.filter(CONFIRMED).select_related("organisation"))


def sectors_of(alliance: Alliance) -> list[str]:
    """The sectors among an alliance's parties, in fixed order. Needs parties prefetched."""
    present = {party.organisation.sector for party in alliance.parties.all()}
    return [sector for sector in SECTOR_ORDER if sector in present]


# --- Authorities (municipalities and regions) ---------------------------------------------


def authorities_active_on(day: datetime.date) -> QuerySet[Organisation]:
    return Organisation.objects.filter(_active_on_q(day), kind__in=AUTHORITY_KINDS).order_by(
        "-kind", "name"
    )


def region_of(municipality: Organisation, day: datetime.date) -> Organisation | None:
    period = (
        MunicipalityRegion.objects.filter(_active_on_q(day), municipality=municipality)
        .select_related("region")
        .first()
    )
    return period.region if period else None


def municipalities_in_region(region: Organisation, day: datetime.date) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        pk__in=MunicipalityRegion.objects.filter(_active_on_q(day), region=region).values(
            "municipality_id"
        )
    )


def organisations_selectable_on(day: datetime.date) -> QuerySet[Organisation]:
    """Organisations that can be picked as a party or lead today: ended ones are left out."""
    return Organisation.objects.filter(_active_on_q(day)).order_by("name")


# --- Alliance lists -----------------------------------------------------------------------


@dataclass
class AllianceFilters:
    search: str = ""
    welfare_area: str = ""
    phase: str = ""
    authority: Organisation | None = None
    sectors: list[str] = field(default_factory=list)


def visible_alliances_scope(user) -> str:
    """registry.ReaderScope: the alliances the reader may see, as one text (every alliance
    for active staff). Readers with the same share the knowledge centre's tables. One query."""
    if is_active_staff(user):
        return "all"
    ids = Alliance.objects.filter(visible_alliances_q(user)).order_by("pk").values_list("pk", flat=True)
    return ",".join(map(str, ids))


def reader_relation(user, alliances: list) -> dict[int, str]:
    """registry.ReaderRelation: how the reader stands to each alliance, for the markup kept
    about it: "staff", "member:<role>:<party>", or "" for everyone else (who read the same
    cards: confirmed parties only, nothing for members). At most one query."""
    if is_active_staff(user):
        return {alliance.pk: "staff" for alliance in alliances}
    memberships = memberships_in(user, [alliance.pk for alliance in alliances])
    return {
        alliance_id: f"member:{membership.role}:{membership.party_id or ''}" if membership else ""
        for alliance_id, membership in memberships.items()
    }


def alliance_list(
    *, user, filters: AllianceFilters | None = None, day=None, with_parties: bool = True
) -> QuerySet[Alliance]:
    """The alliances the user may see, filtered, with their lead organisation and (unless
    the cards come from the shared cache, cards.py) the parties a card shows."""
    filters = filters or AllianceFilters()
    day = day or timezone.localdate()
    alliances = Alliance.objects.filter(visible_alliances_q(user))
    if filters.search:
        # The alliance's own texts through the database's full-text index (search.py), or a
        # confirmed party's organisation by a part of its name.
        named = Organisation.objects.filter(name__icontains=filters.search).values("pk")
        # The organisations first: a join would test the name of every party's organisation.
        matches = Q(pk__in=Party.objects.filter(CONFIRMED, organisation__in=named).values("alliance_id"))
        in_text = search.alliance_text_matches(filters.search)
        alliances = alliances.filter(matches if in_text is None else in_text | matches)
    if filters.welfare_area:
        alliances = alliances.filter(welfare_area=filters.welfare_area)
    if filters.phase:
        alliances = alliances.filter(phase=filters.phase)
    if filters.authority is not None:
        authority_ids = Q(organisation=filters.authority)
        if filters.authority.kind == OrganisationKind.REGION:
            # A region's alliances include those of the municipalities in it on that day.
            authority_ids |= Q(
                organisation__in=municipalities_in_region(filters.authority, day)
            )
        alliances = alliances.filter(
            pk__in=Party.objects.filter(CONFIRMED, authority_ids).values("alliance_id")
        )
    for sector in filters.sectors:
        alliances = alliances.filter(
            pk__in=Party.objects.filter(CONFIRMED, organisation__kind__in=kinds_in_sector(sector)).values(
                "alliance_id"
            )
        )
    alliances = alliances.select_related("lead_organisation")
    return alliances.prefetch_related(card_parties()) if with_parties else alliances


# The figures stand on the anonymous front page beside the public alliances: each counts what
# a visitor may read, or says plainly what else it counts.
PUBLIC_ALLIANCE = Q(alliance__visibility=Visibility.PUBLIC)


def alliance_count() -> FigureValue:
    """All alliances, and how many of them anyone may read (the list beside the figures
    shows only those)."""
    counts = Alliance.objects.aggregate(
        total=Count("pk"), public=Count("pk", filter=Q(visibility=Visibility.PUBLIC))
    )
    return FigureValue(counts["total"], {"public": counts["public"]})


def explain_alliance_count(figure: FigureValue) -> str:
    public, others = figure.parts["public"], figure.value - figure.parts["public"]
    if others == 0:
        return _("Alle er offentlige og kan læses af alle.") if public else ""
    if public == 0:
        return _("Ingen af dem er offentlige endnu. Interne og private alliancer læses kun af dem, de er delt med.")
    return ngettext(
        "%(public)s af dem er offentlig og kan læses af alle. De %(others)s andre er interne eller private og læses kun af dem, de er delt med.",
        "%(public)s af dem er offentlige og kan læses af alle. De %(others)s andre er interne eller private og læses kun af dem, de er delt med.",
        public,
    ) % {"public": public, "others": others}


def participating_organisation_count() -> FigureValue:
    """Organisations in at least one public alliance (as confirmed parties), by sector."""
    kinds = dict(
        Organisation.objects.filter(
            Exists(Party.objects.filter(CONFIRMED, PUBLIC_ALLIANCE, organisation=OuterRef("pk")))
        )
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    by_sector = {
        str(sector): sum(kinds.get(kind, 0) for kind in kinds_in_sector(sector)) for sector in SECTOR_ORDER
    }
    return FigureValue(sum(by_sector.values()), by_sector)


def explain_organisation_count(figure: FigureValue) -> str:
    return _("Offentlig sektor: %(public)s · privat sektor: %(private)s · civilsamfundet: %(civil)s.") % {
        "public": figure.parts[Sector.PUBLIC],
        "private": figure.parts[Sector.PRIVATE],
        "civil": figure.parts[Sector.CIVIL],
    }


def three_sector_alliance_count() -> FigureValue:
    """Public alliances with confirmed parties from all three sectors."""
    alliances = Alliance.objects.filter(visibility=Visibility.PUBLIC)
    for sector in SECTOR_ORDER:
        alliances = alliances.filter(
            pk__in=Party.objects.filter(CONFIRMED, organisation__kind__in=kinds_in_sector(sector)).values(
                "alliance_id"
            )
        )
    return FigureValue(alliances.count())


FIGURES = [
    Figure(
        key="alliances",
        order=0,
        label=gettext_lazy("alliancer"),
        compute=alliance_count,
        explain=explain_alliance_count,
    ),
    Figure(
        key="organisations",
        order=10,
        label=gettext_lazy("organisationer med i en offentlig alliance"),
        compute=participating_organisation_count,
        explain=explain_organisation_count,
    ),
    Figure(
        key="sector_mixed_alliances",
        order=20,
        label=gettext_lazy("offentlige alliancer med parter fra alle tre sektorer"),
        compute=three_sector_alliance_count,
        explain=lambda figure: str(gettext_lazy("Offentlige, private og civile parter i samme alliance.")),
    ),
]


# --- One alliance -------------------------------------------------------------------------


@dataclass
class AllianceDetail:
    alliance: Alliance
    parties_by_sector: list[tuple[str, list[Party]]]
    memberships: list[Membership]
    phase_changes: list[PhaseChange]
    open_invitations: list[Invitation]

    @property
    def has_unconfirmed(self) -> bool:
        return any(not party.is_confirmed for _label, parties in self.parties_by_sector for party in parties)


def alliance_detail(
    *, alliance: Alliance, with_members: bool, with_invitations: bool, with_phase_authors: bool | None = None
) -> AllianceDetail:
    """The alliance's page. Its members (and staff) see every party, the unconfirmed marked;
    everyone else sees the parties their organisations have confirmed. Who changed the phase,
    and the note given with it, are for members and staff (`with_phase_authors`, by default
    `with_members`): for others the changes come without them."""
    parties = Party.objects.filter(alliance=alliance).select_related("organisation").order_by("organisation__name")
    parties = list(parties if with_members else parties.filter(CONFIRMED))
    for party in parties:
        party.alliance = alliance  # its role text asks who leads, without a query per party
    memberships = (
        list(
            Membership.objects.filter(alliance=alliance)
            .select_related("user", "party__organisation")
            .order_by("role", "user__first_name", "user__last_name")
        )
        if with_members
        else []
    )
    invitations = (
        list(
            Invitation.objects.filter(
                alliance=alliance, accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now()
            ).select_related("party__organisation")
        )
        if with_invitations
        else []
    )
    if with_phase_authors is None:
        with_phase_authors = with_members
    if with_phase_authors:
        changes = list(PhaseChange.objects.filter(alliance=alliance).select_related("changed_by"))
    else:
        changes = list(PhaseChange.objects.filter(alliance=alliance))
        for change in changes:  # never saved: what the page may show an outsider, nothing more
            change.changed_by, change.note = None, ""
    return AllianceDetail(
        alliance=alliance,
        parties_by_sector=group_by_sector(parties, lambda party: party.organisation.sector),
        memberships=memberships,
        phase_changes=changes,
        open_invitations=invitations,
    )


def invitation_by_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("alliance", "party__organisation", "invited_by")
        .filter(token_hash=invitation_token_hash(token))
        .first()
    )


def open_invitation_in(*, alliance: Alliance, pk: int) -> Invitation | None:
    """One of the alliance's invitations that can still be answered."""
    invitation = Invitation.objects.select_related("party__organisation").filter(alliance=alliance, pk=pk).first()
    return invitation if invitation is not None and invitation.is_open(timezone.now()) else None


def membership_for(*, alliance: Alliance, pk: int) -> Membership | None:
    return Membership.objects.select_related("user").filter(alliance=alliance, pk=pk).first()


# --- The front page -------------------------------------------------------------------------


_MEMBERSHIPS_OF = "_brobygger_memberships_of"


def memberships_for_cards(user) -> list[Membership]:
    """The user's memberships with their alliances and parties, by the alliances' titles: what
    the front page's cards are chosen and kept by (`memberships_of` reads what they show).
    The rules are told, so permission checks on these alliances ask the database no more."""
    if not user.is_authenticated:
        return []
    memberships = list(
        Membership.objects.filter(user=user).select_related("alliance", "party__organisation").order_by("alliance__title")
    )
    remember_memberships(user, memberships)
    return memberships


def memberships_of(user) -> list[Membership]:
    """The user's memberships with their alliances, parties and invitation counts, for the
    front page and its attention items. Looked up once per request (kept on the user), and
    the rules are told, so permission checks on these alliances ask the database no more."""
    if not user.is_authenticated:
        return []
    try:
        return getattr(user, _MEMBERSHIPS_OF)
    except AttributeError:
        pass
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("alliance__lead_organisation", "party__organisation")
        .prefetch_related(
            Prefetch(
                "alliance__parties", queryset=Party.objects.select_related("organisation")
            )
        )
        .annotate(
            open_invitation_count=Count(
                "alliance__invitations",
                filter=Q(
                    alliance__invitations__accepted_at__isnull=True,
                    alliance__invitations__expires_at__gt=timezone.now(),
                ),
            ),
            expired_invitation_count=Count(
                "alliance__invitations",
                filter=Q(
                    alliance__invitations__accepted_at__isnull=True,
                    alliance__invitations__withdrawn_at__isnull=True,
                    alliance__invitations__expires_at__lte=timezone.now(),
                ),
            ),
        )
        .order_by("alliance__title")
    )
    setattr(user, _MEMBERSHIPS_OF, memberships)
    remember_memberships(user, memberships)
    return memberships


def consent_attention_items(user, *, day: datetime.date) -> list[AttentionItem]:
    """For a verified employee: alliances that named their organisation as a party and wait
    for its answer. Not kept (registry.AttentionProvider.kept): the user is no member of them."""
    items: list[AttentionItem] = []
    organisation_id = verified_organisation_id(user)
    if organisation_id is not None:
        for party in Party.objects.filter(organisation_id=organisation_id, consent=PartyConsent.PENDING).select_related(
            "organisation", "alliance"
        ):
            items.append(
                AttentionItem(
                    party.organisation,
                    _("Alliancen »%(title)s« har angivet %(name)s som part. Bekræft eller afvis det.")
                    % {"title": party.alliance.title, "name": party.organisation.name},
                    party.organisation.get_absolute_url() + "#consent-heading",
                )
            )
    return items


def attention_items(user, *, day: datetime.date) -> list[AttentionItem]:
    """What needs a coordinator's or top leader's attention in their alliances, derived from
    the data."""
    items: list[AttentionItem] = []
    for membership in memberships_of(user):
        # Coordinators run the alliance; top leaders sponsor it and answer for it.
        if membership.role not in (MemberRole.COORDINATOR, MemberRole.TOP_LEADER):
            continue
        alliance = membership.alliance
        if alliance.end_date and alliance.end_date < day and alliance.phase not in FINAL_PHASES:
            items.append(
                AttentionItem(
                    alliance,
                    _("Slutdatoen er passeret, men alliancen er stadig i fasen %(phase)s.")
                    % {"phase": alliance.get_phase_display().lower()},
                )
            )
        sectors = sectors_of(alliance)
        if len(sectors) < 2:
            items.append(
                AttentionItem(
                    alliance,
                    _("Alle parter kommer fra samme sektor. Tilføj parter fra erhvervslivet eller civilsamfundet."),
                )
            )
        missing_contact = [p.organisation.name for p in alliance.parties.all() if not p.contact_name]
        if missing_contact:
            items.append(
                AttentionItem(
                    alliance,
                    _("Mangler kontaktperson: %(names)s.") % {"names": ", ".join(missing_contact)},
                )
            )
        for party in alliance.parties.all():
            ends = party.organisation.valid_to
            if ends and ends <= day + AUTHORITY_END_WARNING:
                items.append(
                    AttentionItem(
                        alliance,
                        _(
                            "%(name)s ophører %(date)s. Tilføj den organisation, der overtager "
                            "opgaven, som part."
                        )
                        % {"name": party.organisation.name, "date": formatting.day(ends)},
                    )
                )
        if membership.expired_invitation_count:
            items.append(
                AttentionItem(
                    alliance,
                    ngettext(
                        "%(count)s invitation er udløbet uden svar.",
                        "%(count)s invitationer er udløbet uden svar.",
                        membership.expired_invitation_count,
                    )
                    % {"count": membership.expired_invitation_count},
                )
            )
    return items


# --- Organisations ------------------------------------------------------------------------


def organisation_list(*, search: str = "", kind: str = "") -> QuerySet[Organisation]:
    organisations = Organisation.objects.annotate(party_count=Count("parties"))
    if search:
        organisations = organisations.filter(
            Q(name__icontains=search) | Q(cvr=search) | Q(official_code=search)
        )
    if kind:
        organisations = organisations.filter(kind=kind)
    return organisations.order_by("name", "pk")


@dataclass
class OrganisationDetail:
    organisation: Organisation
    region_periods: list[MunicipalityRegion]
    municipality_count: int
    # The alliances the organisation is a confirmed party of, as the reader may see them (a
    # queryset: the page shows them a page at a time; a municipality can be in hundreds).
    alliances: QuerySet[Alliance]


def organisation_detail(*, organisation: Organisation, user) -> OrganisationDetail:
    periods = list(
        MunicipalityRegion.objects.filter(municipality=organisation).select_related("region")
    )
    today = timezone.localdate()
    municipality_count = (
        municipalities_in_region(organisation, today).count()
        if organisation.kind == OrganisationKind.REGION
        else 0
    )
    alliances = (
        Alliance.objects.filter(
            visible_alliances_q(user),
            pk__in=Party.objects.filter(CONFIRMED, organisation=organisation).values("alliance_id"),
        )
        .only("pk", "title", "slug", "phase")
        .order_by("title", "pk")
    )
    return OrganisationDetail(organisation, periods, municipality_count, alliances)


def parties_awaiting_answer(*, organisation: Organisation) -> list[Party]:
    """Alliances that have named the organisation as a party and wait for its answer."""
    return list(
        Party.objects.filter(organisation=organisation, consent=PartyConsent.PENDING)
        .select_related("alliance__lead_organisation")
        .order_by("created_at", "pk")
    )


def party_awaiting_answer(*, organisation: Organisation, pk: int) -> Party | None:
    return (
        Party.objects.filter(organisation=organisation, pk=pk, consent=PartyConsent.PENDING)
        .select_related("alliance", "organisation")
        .first()
    )


def parties_confirmed_at_the_transition():
    """Staff: the parties that were confirmed without an answer, because they existed before
    organisations had to consent."""
    return (
        Party.objects.filter(consent=PartyConsent.CONFIRMED, consent_by__isnull=True)
        .exclude(consent_note="")
        .select_related("alliance", "organisation")
        .order_by("organisation__name", "alliance__title", "pk")
    )


# --- Who works where ------------------------------------------------------------------------

# How many organisations the search on "Min organisation" shows at once.
AFFILIATION_SEARCH_LIMIT = 20


def email_domain(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


def domain_owner(email: str) -> Organisation | None:
    """The organisation that has registered the address's domain, if any."""
    domain = email_domain(email) if email else ""
    if not domain:
        return None
    found = OrganisationDomain.objects.select_related("organisation").filter(domain=domain).first()
    return found.organisation if found else None


def affiliation_of(user) -> Affiliation | None:
    """The user's affiliation, verified or requested, with what its page shows."""
    return (
        Affiliation.objects.select_related("organisation", "verified_by")
        .filter(user_id=user.pk)
        .first()
    )


def affiliation_candidates(*, search: str, day: datetime.date) -> list[Organisation]:
    """Organisations a user may ask to be verified for: existing today, matching the search."""
    if not search:
        return []
    return list(
        organisations_selectable_on(day)
        .filter(Q(name__icontains=search) | Q(cvr=search) | Q(official_code=search))
        .order_by("name", "pk")[:AFFILIATION_SEARCH_LIMIT]
    )


def affiliation_requests(*, organisation: Organisation | None = None) -> QuerySet[Affiliation]:
    """Open requests, oldest first: for one organisation, or all of them (staff)."""
    requests = Affiliation.objects.filter(status=AffiliationStatus.REQUESTED).select_related(
        "user", "organisation"
    )
    if organisation is not None:
        requests = requests.filter(organisation=organisation)
    return requests.order_by("requested_at", "pk")


def affiliation_request_for(*, pk: int) -> Affiliation | None:
    return affiliation_requests().filter(pk=pk).first()


def organisation_domains(organisation: Organisation) -> list[OrganisationDomain]:
    return list(OrganisationDomain.objects.filter(organisation=organisation).order_by("domain"))


def organisation_domain_for(*, organisation: Organisation, pk: int) -> OrganisationDomain | None:
    return OrganisationDomain.objects.filter(organisation=organisation, pk=pk).first()


# --- The API ------------------------------------------------------------------------------


def _region_periods_prefetch() -> Prefetch:
    """A municipality's region periods, oldest first (an open start first), with the region."""
    return Prefetch(
        "region_periods",
        queryset=MunicipalityRegion.objects.select_related("region").order_by(
            F("valid_from").asc(nulls_first=True), "pk"
        ),
    )


def organisation_records(*, search: str = "", kind: str = "", official_code: str = "") -> QuerySet[Organisation]:
    """Organisations with what their page shows, the region periods prefetched, by name."""
    organisations = Organisation.objects.all()
    if search:
        organisations = organisations.filter(
            Q(name__icontains=search) | Q(cvr=search) | Q(official_code=search)
        )
    if kind:
        organisations = organisations.filter(kind=kind)
    if official_code:
        organisations = organisations.filter(official_code=official_code)
    return organisations.prefetch_related(_region_periods_prefetch()).order_by("name", "pk")


def with_region_periods(organisation: Organisation) -> Organisation:
    """One organisation with its region periods fetched (one query)."""
    prefetch_related_objects([organisation], _region_periods_prefetch())
    return organisation


def alliance_parties(*, alliance: Alliance, user) -> QuerySet[Party]:
    """The parties of an alliance the user sees (`alliances.view_party` as a filter: its
    members and staff see every party, everyone else the confirmed ones), by organisation."""
    if is_active_staff(user):
        member_of = None
    else:
        member_of = {alliance.pk} if is_member(user, alliance) else set()
    return (
        Party.objects.filter(parties_seen_q(member_of=member_of), alliance=alliance)
        .select_related("organisation", "alliance")
        .order_by("organisation__name", "pk")
    )


def alliance_members(*, alliance: Alliance) -> QuerySet[Membership]:
    """The alliance's members as its page lists them: by role, then name."""
    return (
        Membership.objects.filter(alliance=alliance)
        .select_related("user")
        .order_by("role", "user__first_name", "user__last_name", "pk")
    )
