"""Who may do what with alliances, parties and organisations: the one place that decides.

Every view, the API and the permission matrix test go through these rules. The table in
docs/permissions.md says the same in words. `visible_alliances_q` expresses the view rule
as a query filter for lists; a test checks it agrees with `can_view_alliance`.
"""

import rules
from django.db.models import Q

from .models import (
    Affiliation,
    AffiliationStatus,
    Alliance,
    MemberRole,
    Membership,
    Party,
    Sector,
    Visibility,
    kinds_in_sector,
)

PUBLIC_SECTOR_KINDS = kinds_in_sector(Sector.PUBLIC)
# Where a user's verified organisation is kept once looked up: on the user object, which
# lives as long as the request (services that change the affiliation clear it).
_ORGANISATION_CACHE = "_verified_organisation_id"


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


def membership_of(user, alliance: Alliance) -> Membership | None:
    """The user's membership of the alliance, looked up once per (user, alliance) object."""
    if not user.is_authenticated:
        return None
    cache = alliance.__dict__.setdefault("_membership_cache", {})
    if user.pk not in cache:
        cache[user.pk] = (
            Membership.objects.filter(alliance=alliance, user=user).select_related("party").first()
        )
    return cache[user.pk]


@rules.predicate
def is_active_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


@rules.predicate
def is_public_alliance(user, alliance: Alliance) -> bool:
    return alliance.visibility == Visibility.PUBLIC


@rules.predicate
def is_internal_alliance(user, alliance: Alliance) -> bool:
    return alliance.visibility == Visibility.INTERNAL


@rules.predicate
def is_member(user, alliance: Alliance) -> bool:
    return membership_of(user, alliance) is not None


@rules.predicate
def is_coordinator(user, alliance: Alliance) -> bool:
    membership = membership_of(user, alliance)
    return membership is not None and membership.role == MemberRole.COORDINATOR


@rules.predicate
def works_for_public_party(user, alliance: Alliance) -> bool:
    """The user's verified organisation is a public-sector party of the alliance."""
    if not user.is_authenticated:
        return False
    return _public_parties_of(user).filter(alliance=alliance).exists()


@rules.predicate
def represents_party(user, party: Party) -> bool:
    """The user speaks for the party: a member on its behalf who is not only an observer.

    Observers (often politicians) read; they do not write or sign for the party.
    """
    membership = membership_of(user, party.alliance)
    return (
        membership is not None
        and membership.party_id == party.pk
        and membership.role != MemberRole.OBSERVER
    )


@rules.predicate
def coordinates_party_alliance(user, party: Party) -> bool:
    return is_coordinator(user, party.alliance)


@rules.predicate
def is_member_of_party_alliance(user, party: Party) -> bool:
    return is_member(user, party.alliance)


@rules.predicate
def belongs_to_organisation(user, organisation) -> bool:
    """The user is verified to work for the organisation."""
    return organisation is not None and verified_organisation_id(user) == organisation.pk


@rules.predicate
def verified_colleague_of_requester(user, affiliation: Affiliation) -> bool:
    """Someone verified for the organisation a request names, other than the requester."""
    return (
        user.is_authenticated
        and affiliation.user_id != user.pk
        and verified_organisation_id(user) == affiliation.organisation_id
    )


can_view_alliance = (
    is_active_staff
    | is_public_alliance
    | is_member
    | (is_internal_alliance & works_for_public_party)
)
# Edit, change phase, add parties, invite and remove members.
can_manage_alliance = is_active_staff | is_coordinator

rules.add_perm("alliances.view_alliance", can_view_alliance)
rules.add_perm("alliances.add_alliance", rules.is_authenticated)
rules.add_perm("alliances.change_alliance", can_manage_alliance)
rules.add_perm("alliances.view_members", is_active_staff | is_member)
# A party's own records: its representatives edit them; coordinators edit on its behalf.
rules.add_perm(
    "alliances.change_party", is_active_staff | coordinates_party_alliance | represents_party
)
# Contact details are personal data: members of the alliance and staff only.
rules.add_perm("alliances.view_party_contact", is_active_staff | is_member_of_party_alliance)
rules.add_perm("alliances.add_organisation", rules.is_authenticated)
rules.add_perm("alliances.change_organisation", is_active_staff | belongs_to_organisation)
# Who works where: staff set it and register domains; a verified colleague approves a
# request to join their own organisation and sees those requests.
rules.add_perm("alliances.manage_organisation_domains", is_active_staff)
rules.add_perm(
    "alliances.view_affiliation_requests", is_active_staff | belongs_to_organisation
)
rules.add_perm(
    "alliances.decide_affiliation", is_active_staff | verified_colleague_of_requester
)
rules.add_perm("alliances.review_all_affiliations", is_active_staff)


def _public_parties_of(user):
    """Parties whose organisation is public-sector and the user's verified organisation (one
    subquery: the affiliation is joined, not looked up first)."""
    return Party.objects.filter(
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
