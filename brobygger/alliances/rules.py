"""Who may do what with alliances, parties and organisations: the one place that decides.

This is also the foundation every capability builds its rules on. The predicates work for
anything that belongs to an alliance: the alliance itself, a party, or a capability's
record with a `party` (a ledger entry, a version of an agreement part). A capability
therefore writes no predicate of its own for "member of this alliance" or "represents
this party"; it combines these.

A user's memberships are looked up once per request and kept on the user object
(`membership_in`), not on model instances, so no code has to re-point `party.alliance` to
find them. `visible_alliances_q` expresses the view rule as a query filter for lists; a
test checks it agrees with `can_view_alliance`. docs/permissions.md says the same in words.
"""

import rules
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from brobygger.core.permissions import add_perm

from .models import (
    Affiliation,
    AffiliationStatus,
    Alliance,
    MemberRole,
    Membership,
    Party,
    PartyConsent,
    Sector,
    Visibility,
    kinds_in_sector,
)

PUBLIC_SECTOR_KINDS = kinds_in_sector(Sector.PUBLIC)

# Kept on the user object, which lives as long as the request; services that change a
# membership or an affiliation clear them.
_ORGANISATION_CACHE = "_brobygger_verified_organisation_id"
_MEMBERSHIP_CACHE = "_brobygger_memberships"
_MEMBER_OF_IDS = "_brobygger_member_of_ids"


# --- Where an object belongs ---------------------------------------------------------------


def party_of(obj) -> Party | None:
    """The party an object belongs to: the party itself, or the object's `party`."""
    if isinstance(obj, Party):
        return obj
    return getattr(obj, "party", None)


def alliance_id_of(obj) -> int | None:
    """The alliance an object belongs to: an alliance, a party, or anything with a party or
    an `alliance_id`."""
    if obj is None:
        return None
    if isinstance(obj, Alliance):
        return obj.pk
    party = party_of(obj)
    if party is not None:
        return party.alliance_id
    return getattr(obj, "alliance_id", None)


# --- The user's own facts, looked up once per request -----------------------------------------


def verified_organisation_id(user) -> int | None:
    """The organisation the user is verified to work for, or None. One query per user object.

    Only a verified affiliation counts: a pending request gives no organisation."""
    if not user.is_authenticated:
        return None
    try:
        return getattr(user, _ORGANISATION_CACHE)
    except AttributeError:
        pass
    organisation_id = (
        Affiliation.objects.filter(user_id=user.pk, status=AffiliationStatus.VERIFIED)
        .values_list("organisation_id", flat=True)
        .first()
    )
    setattr(user, _ORGANISATION_CACHE, organisation_id)
    return organisation_id


def forget_verified_organisation(user) -> None:
    """Drop the cached organisation after the user's affiliation changed."""
    if hasattr(user, _ORGANISATION_CACHE):
        delattr(user, _ORGANISATION_CACHE)


def _membership_cache(user) -> dict:
    try:
        return getattr(user, _MEMBERSHIP_CACHE)
    except AttributeError:
        cache: dict = {}
        setattr(user, _MEMBERSHIP_CACHE, cache)
        return cache


def membership_in(user, obj) -> Membership | None:
    """The user's membership of the alliance `obj` belongs to. One query per alliance and
    request, none when the memberships were remembered for the page (`remember_memberships`)."""
    if not user.is_authenticated:
        return None
    alliance_id = alliance_id_of(obj)
    if alliance_id is None:
        return None
    cache = _membership_cache(user)
    if alliance_id not in cache:
        cache[alliance_id] = (
            Membership.objects.filter(alliance_id=alliance_id, user_id=user.pk)
            .select_related("party__organisation")
            .first()
        )
    return cache[alliance_id]


def memberships_in(user, alliance_ids) -> dict[int, Membership | None]:
    """The user's membership of each of these alliances (None where there is none), in one
    query for those not yet known in this request; kept like `membership_in`'s."""
    if not user.is_authenticated:
        return dict.fromkeys(alliance_ids)
    cache = _membership_cache(user)
    unknown = [alliance_id for alliance_id in alliance_ids if alliance_id not in cache]
    if unknown:
        cache.update(dict.fromkeys(unknown))
        for membership in Membership.objects.filter(alliance_id__in=unknown, user_id=user.pk).select_related(
            "party__organisation"
        ):
            cache[membership.alliance_id] = membership
    return {alliance_id: cache[alliance_id] for alliance_id in alliance_ids}


def remember_memberships(user, memberships) -> None:
    """Tell the cache the user's memberships (all of them, as the front page reads them), so
    the rules ask the database no more about these alliances."""
    if not user.is_authenticated:
        return
    cache = _membership_cache(user)
    for membership in memberships:
        cache[membership.alliance_id] = membership


def forget_memberships(user) -> None:
    for name in (_MEMBERSHIP_CACHE, _MEMBER_OF_IDS):
        if hasattr(user, name):
            delattr(user, name)


# --- Predicates ----------------------------------------------------------------------------


@rules.predicate
def is_active_staff(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)


@rules.predicate
def is_public_alliance(user, alliance: Alliance) -> bool:
    return alliance.visibility == Visibility.PUBLIC


@rules.predicate
def is_internal_alliance(user, alliance: Alliance) -> bool:
    return alliance.visibility == Visibility.INTERNAL


@rules.predicate
def is_member(user, obj) -> bool:
    """A member of the alliance the object belongs to (observers included)."""
    return membership_in(user, obj) is not None


@rules.predicate
def is_confirmed_party(user, party: Party) -> bool:
    return party.consent == PartyConsent.CONFIRMED


@rules.predicate
def is_coordinator(user, obj) -> bool:
    membership = membership_in(user, obj)
    return membership is not None and membership.role == MemberRole.COORDINATOR


@rules.predicate
def is_top_leader(user, obj) -> bool:
    membership = membership_in(user, obj)
    return membership is not None and membership.role == MemberRole.TOP_LEADER


@rules.predicate
def takes_part_as_leader(user, obj) -> bool:
    """A member who takes part in the work (coordinator, top leader, partner representative),
    not only an observer."""
    membership = membership_in(user, obj)
    return membership is not None and membership.role != MemberRole.OBSERVER


@rules.predicate
def represents_party(user, obj) -> bool:
    """The user speaks for the party the object belongs to: a member on its behalf who is not
    only an observer. Observers (often politicians) read; they do not write or sign for it."""
    party = party_of(obj)
    if party is None:
        return False
    membership = membership_in(user, party)
    return (
        membership is not None
        and membership.party_id == party.pk
        and membership.role != MemberRole.OBSERVER
    )


@rules.predicate
def works_for_public_party(user, alliance: Alliance) -> bool:
    """The user's verified organisation is a public-sector party of the alliance."""
    if not user.is_authenticated:
        return False
    return _public_parties_of(user).filter(alliance=alliance).exists()


@rules.predicate
def belongs_to_organisation(user, organisation) -> bool:
    """The user is verified to work for the organisation."""
    return organisation is not None and verified_organisation_id(user) == organisation.pk


@rules.predicate
def works_for_party_organisation(user, party: Party) -> bool:
    """The user is verified to work for the organisation a party names."""
    return verified_organisation_id(user) == party.organisation_id


@rules.predicate
def verified_colleague_of_requester(user, affiliation: Affiliation) -> bool:
    """Someone verified for the organisation a request names, other than the requester."""
    return (
        user.is_authenticated
        and affiliation.user_id != user.pk
        and verified_organisation_id(user) == affiliation.organisation_id
    )


def acts_on_behalf(user, obj) -> bool:
    """Writing a party's records without representing it (a coordinator or staff): the audit
    says "on the party's behalf"."""
    return party_of(obj) is not None and not represents_party(user, obj)


# --- The shared rules every capability combines --------------------------------------------

can_view_alliance = (
    is_active_staff
    | is_public_alliance
    | is_member
    | (is_internal_alliance & works_for_public_party)
)
# Members and staff read what is only for the alliance's members.
can_read_members_only = is_active_staff | is_member
# Edit, change phase, add parties, invite and remove members.
can_manage_alliance = is_active_staff | is_coordinator
# A party's own records: its representatives write them; coordinators and staff write on
# its behalf (the audit says so).
can_write_for_party = is_active_staff | is_coordinator | represents_party

# A party of an alliance the user sees: its members and staff see every party; everyone else
# only the parties their organisations have confirmed (an unconfirmed naming is the
# alliance's own business until the organisation answers).
can_view_party = is_active_staff | is_member | is_confirmed_party

add_perm("alliances.view_alliance", can_view_alliance)
add_perm("alliances.view_party", can_view_party)
add_perm("alliances.add_alliance", rules.is_authenticated)
add_perm(
    "alliances.change_alliance",
    can_manage_alliance,
    denied=_("Kun alliancens koordinatorer kan ændre den. Kontakt en koordinator, hvis noget skal rettes."),
)
add_perm("alliances.view_members", can_read_members_only)
add_perm(
    "alliances.change_party",
    can_write_for_party,
    denied=_("Kun partens egne repræsentanter og alliancens koordinatorer kan ændre partens oplysninger."),
)
# Contact details are personal data: members of the alliance and staff only.
add_perm("alliances.view_party_contact", can_read_members_only)
# The alliance's history (who changed what): its coordinators and staff.
add_perm("alliances.view_history", can_manage_alliance)
add_perm("core.view_all_history", is_active_staff)
add_perm("alliances.add_organisation", rules.is_authenticated)
add_perm(
    "alliances.change_organisation",
    is_active_staff | belongs_to_organisation,
    denied=_("Kun organisationens egne, bekræftede medarbejdere kan ændre dens oplysninger."),
)
add_perm(
    "alliances.change_official_code",
    is_active_staff,
    denied=_("Kun Brobyggers personale kan rette en kommunes eller regions officielle kode."),
)
# Who works where: staff set it and register domains; a verified colleague approves a
# request to join their own organisation and sees those requests.
add_perm(
    "alliances.manage_organisation_domains",
    is_active_staff,
    denied=_("Kun Brobyggers personale kan registrere og fjerne en organisations domæner."),
)
add_perm(
    "alliances.set_affiliation",
    is_active_staff,
    denied=_("Kun Brobyggers personale kan sætte en brugers organisation."),
)
add_perm("alliances.view_affiliation_requests", is_active_staff | belongs_to_organisation)
add_perm(
    "alliances.decide_affiliation",
    is_active_staff | verified_colleague_of_requester,
    denied=_("Kun bekræftede medarbejdere i organisationen og Brobyggers personale kan tage stilling til anmodningen."),
)
add_perm("alliances.review_all_affiliations", is_active_staff)
# Naming an organisation as a party needs its consent: its verified employees (or staff)
# confirm or decline.
add_perm(
    "alliances.answer_party",
    is_active_staff | works_for_party_organisation,
    denied=_("Kun bekræftede medarbejdere i organisationen og Brobyggers personale kan svare på, om organisationen er part."),
)


# --- The view rule as a query ----------------------------------------------------------------


def _public_parties_of(user):
    """Confirmed parties whose organisation is public-sector and the user's verified
    organisation (one subquery: the affiliation is joined, not looked up first). A party its
    organisation has not confirmed gives its employees nothing."""
    return Party.objects.filter(
        consent=PartyConsent.CONFIRMED,
        organisation__kind__in=PUBLIC_SECTOR_KINDS,
        organisation__affiliations__user_id=user.pk,
        organisation__affiliations__status=AffiliationStatus.VERIFIED,
    )


def visible_alliances_q(user) -> Q:
    """The view rule as a filter on Alliance, for lists and the API."""
    if is_active_staff(user):
        return Q()
    visible = Q(visibility=Visibility.PUBLIC)
    if user.is_authenticated:
        visible |= Q(pk__in=Membership.objects.filter(user=user).values("alliance_id"))
        visible |= Q(
            visibility=Visibility.INTERNAL,
            pk__in=_public_parties_of(user).values("alliance_id"),
        )
    return visible


def is_last_coordinator(membership: Membership, coordinator_ids) -> bool:
    """An alliance always keeps at least one coordinator: this one may not be removed.
    `coordinator_ids`: the pks of the alliance's coordinator memberships."""
    return membership.role == MemberRole.COORDINATOR and list(coordinator_ids) == [membership.pk]


def parties_seen_q(*, member_of=None, prefix: str = "") -> Q:
    """`can_view_party` as a filter: the parties of alliances the reader is a member of
    (`member_of`: alliance ids; None: every alliance, for staff), and confirmed parties
    elsewhere. `prefix` reaches the party from another model (e.g. "party__")."""
    if member_of is None:
        return Q()
    return Q(**{f"{prefix}consent": PartyConsent.CONFIRMED}) | Q(**{f"{prefix}alliance_id__in": member_of})


def member_alliance_ids(user) -> frozenset[int]:
    """The alliances the user is a member of (staff included: their own memberships)."""
    if not user.is_authenticated:
        return frozenset()
    # Kept for the request (on the user, like the memberships above): every capability's card
    # summary and attention items ask, several times on the front page.
    try:
        return getattr(user, _MEMBER_OF_IDS)
    except AttributeError:
        pass
    ids = frozenset(Membership.objects.filter(user=user).values_list("alliance_id", flat=True))
    setattr(user, _MEMBER_OF_IDS, ids)
    return ids


def members_only_alliance_ids(user) -> set[int] | None:
    """The alliances whose members-only records the user may read; None means all (staff)."""
    if is_active_staff(user):
        return None
    return set(member_alliance_ids(user))
# A party's own word on whether it gets enough out of the alliance: only its own
# representatives give it (nobody answers for a party); the alliance's members read it.
add_perm(
    "alliances.give_value_answer",
    represents_party,
    denied=_("Kun partens egne repræsentanter kan svare på, om parten får nok ud af alliancen."),
)
add_perm("alliances.view_value_answers", can_read_members_only)
