"""The partnering agreement's part of the permission matrix (registered in apps.py): the
agreement is for members and staff only, even on a public alliance. `extend_world` gives
each alliance shared terms and the company's (unsigned) part."""

from django.urls import reverse

from brobygger.agreements import services
from brobygger.agreements.models import PartVersion, TermsVersion
from brobygger.alliances.models import Alliance, Party
from brobygger.alliances.tests.matrix import (
    MANAGERS,
    MEMBERS,
    ON_ALLIANCES,
    World,
    alliance_url,
    company_party_id,
)
from brobygger.testing.matrix import (
    ANONYMOUS,
    DONE,
    LOGIN,
    NOT_FOUND,
    OK,
    VISIBILITIES,
    Expect,
    PostRoute,
    Route,
    forbidden,
)

# The partnering agreement is for members and staff only, even on a public alliance.
READS_AGREEMENT = MEMBERS | {"staff"}
TERMS_DENIED = "Kun alliancens koordinatorer kan ændre de fælles vilkår."
AGREEMENT_PART_DENIED = (
    "Kun partens egne repræsentanter og alliancens koordinatorer kan ændre partens del af aftalen."
)
SIGN_DENIED = "Kun partens egne repræsentanter kan underskrive partens del af aftalen."


# --- Expectations ------------------------------------------------------------------------


def read_agreement(kind: str, visibility: str) -> Expect:
    if kind == ANONYMOUS:
        return LOGIN
    return OK if kind in READS_AGREEMENT else NOT_FOUND


def api_read_agreement(kind: str, visibility: str) -> Expect:
    """The API reads without login: an anonymous caller gets the 404 everyone else who may not
    read the agreement gets (a problem document), as for an alliance it does not see."""
    return NOT_FOUND if kind == ANONYMOUS else read_agreement(kind, visibility)


def change_terms(kind: str, visibility: str, allowed: Expect = OK) -> Expect:
    if kind == ANONYMOUS:
        return LOGIN
    if kind not in READS_AGREEMENT:
        return NOT_FOUND
    return allowed if kind in MANAGERS else forbidden(TERMS_DENIED)


def edit_company_part(kind: str, visibility: str, allowed: Expect = OK) -> Expect:
    if kind == ANONYMOUS:
        return LOGIN
    if kind not in READS_AGREEMENT:
        return NOT_FOUND
    return allowed if kind in MANAGERS | {"partner"} else forbidden(AGREEMENT_PART_DENIED)


def sign_company_part(kind: str, visibility: str, allowed: Expect = OK) -> Expect:
    """Only the company's own representative signs: not observers, staff or a coordinator
    who represents another party."""
    if kind == ANONYMOUS:
        return LOGIN
    if kind not in READS_AGREEMENT:
        return NOT_FOUND
    return allowed if kind == "partner" else forbidden(SIGN_DENIED)


# --- The agreements -----------------------------------------------------------------------


def _agreement(landscape, visibility: str) -> None:
    """Shared terms by the coordinator and the company's part by its partner, unsigned."""
    alliance = getattr(landscape, visibility)
    services.terms_update(
        alliance=alliance,
        actor=landscape.coordinator,
        shared_why="Bedre mad til ældre.",
        governance="Styregruppen mødes hver måned.",
        ending="Tre måneders varsel.",
    )
    services.part_update(
        party=Party.objects.get(alliance=alliance, organisation=landscape.company),
        actor=landscape.partner,
        reason="Vi vil sælge mere lokalt.",
        logic="Omsætning.",
        limits="Ingen gratis mælk.",
        commitments="Mælk til køkkenerne.",
    )


def extend_world(world: World) -> None:
    for visibility in VISIBILITIES:
        _agreement(world.landscape, visibility)


def agreement_url(world: World, visibility: str) -> str:
    return reverse("agreements:detail", kwargs={"slug": world.alliance(visibility).slug})


GET_ROUTES: dict[str, Route] = {
    "agreements:detail": Route(alliance_url("agreements:detail"), read_agreement, ON_ALLIANCES),
    "agreements:history": Route(alliance_url("agreements:history"), read_agreement, ON_ALLIANCES),
    "agreements:terms_edit": Route(
        alliance_url("agreements:terms_edit"), change_terms, ON_ALLIANCES
    ),
    "agreements:part_edit": Route(
        alliance_url("agreements:part_edit", party_id=company_party_id),
        edit_company_part,
        ON_ALLIANCES,
    ),
    "agreements:part_sign": Route(
        alliance_url("agreements:part_sign", party_id=company_party_id),
        sign_company_part,
        ON_ALLIANCES,
    ),
    # --- api: the agreement and its versions, to the same readers as the pages
    "api:agreement": Route(alliance_url("api:agreement"), api_read_agreement, ON_ALLIANCES),
    "api:agreement_versions": Route(alliance_url("api:agreement_versions"), api_read_agreement, ON_ALLIANCES),
}


# --- Write endpoints ------------------------------------------------------------------------


def _company_part(world: World, visibility: str):
    return (
        PartVersion.objects.filter(party_id=company_party_id(world, visibility))
        .order_by("-number")
        .values_list("number", "signed_at", "reason")
        .first()
    )


POST_ROUTES: dict[str, PostRoute] = {
    "agreements:terms_edit": PostRoute(
        alliance_url("agreements:terms_edit"),
        lambda world, visibility: {
            "shared_why": "Bedre mad til flere ældre.",
            "governance": "Styregruppen mødes hver anden uge.",
            "ending": "Seks måneders varsel.",
            "revisit_on": "2027-06-01",
            "change_note": "Hyppigere møder.",
        },
        lambda kind, visibility: change_terms(kind, visibility, DONE),
        lambda world, visibility: (
            TermsVersion.objects.filter(agreement__alliance=world.alliance(visibility)).count(),
            Alliance.objects.filter(pk=world.alliance(visibility).pk)
            .values_list("agreement__revisit_on", flat=True)
            .get(),
        ),
        agreement_url,
        ON_ALLIANCES,
    ),
    "agreements:part_edit": PostRoute(
        alliance_url("agreements:part_edit", party_id=company_party_id),
        lambda world, visibility: {
            "reason": "Vi vil sælge mere mælk lokalt.",
            "logic": "Omsætning og omdømme.",
            "limits": "Ingen gratis mælk.",
            "commitments": "Mælk til alle køkkener.",
        },
        lambda kind, visibility: edit_company_part(kind, visibility, DONE),
        _company_part,
        agreement_url,
        ON_ALLIANCES,
    ),
    "agreements:part_sign": PostRoute(
        alliance_url("agreements:part_sign", party_id=company_party_id),
        lambda world, visibility: {
            "version": _company_part(world, visibility)[0],
            "terms_version": 1,
            "confirm": "on",
        },
        lambda kind, visibility: sign_company_part(kind, visibility, DONE),
        _company_part,
        agreement_url,
        ON_ALLIANCES,
    ),
}
