"""What the alliances foundation shows on pages that belong to the whole (the front page,
the user's account page): the contexts its registry hooks give (see apps.py)."""

from django.template.loader import render_to_string

from brobygger.core import registry

from . import selectors
from .cards import attach_cards

PUBLIC_ALLIANCES_ON_FRONT_PAGE = 6


def my_alliances(request) -> dict:
    """The member's alliances as cards, each kept rendered like the alliance list's cards
    (registry.alliance_fragments): the card says the member's role and party, which the
    reader relation holds. Read warm, the page reads the memberships and nothing of the
    alliances' parties or invitations."""
    user = request.user
    memberships = selectors.memberships_for_cards(user)
    alliances = [membership.alliance for membership in memberships]

    def render(missing: list) -> dict[int, str]:
        full = {membership.alliance_id: membership for membership in selectors.memberships_of(user)}
        shown = [full[alliance.pk] for alliance in missing]
        registry.attach_alliance_summaries([membership.alliance for membership in shown], user)
        return {
            membership.alliance_id: render_to_string("alliances/front/my_card.html", {"membership": membership})
            for membership in shown
        }

    cards = registry.alliance_fragments("my_card", alliances, user, render)
    return {"cards": [cards[alliance.pk] for alliance in alliances]}


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
