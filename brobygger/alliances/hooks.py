"""What the alliances foundation shows on pages that belong to the whole (the front page,
the user's account page): the contexts its registry hooks give (see apps.py)."""

from brobygger.core import registry

from . import selectors
from .cards import attach_cards

PUBLIC_ALLIANCES_ON_FRONT_PAGE = 6


def my_alliances(request) -> dict:
    memberships = selectors.memberships_of(request.user)
    registry.attach_alliance_summaries([m.alliance for m in memberships], request.user)
    return {"memberships": memberships}


def public_alliances(request) -> dict:
    alliances = list(
        selectors.alliance_list(user=request.user, with_parties=False).order_by("-created_at")[
            :PUBLIC_ALLIANCES_ON_FRONT_PAGE
        ]
    )
    attach_cards(alliances, request.user)
    return {"alliances": alliances}


def account_organisation(user) -> dict:
    return {"affiliation": selectors.affiliation_of(user)}


def account_memberships(user) -> dict:
    return {"memberships": selectors.memberships_of(user)}


def on_email_changed(sender, *, user, actor, base_url: str = "", **kwargs) -> None:
    """accounts.signals.email_changed: a verified organisation is verified again for the new
    address (a link goes to it when its domain is the organisation's)."""
    from . import services

    services.affiliation_email_changed(actor=actor, user=user, base_url=base_url)
