"""Alliance cards (the alliance list, the front page's public alliances), kept rendered in the
shared cache per alliance: a card is the same for every reader who stands to its alliance as
the last one did, until an audit record says the alliance changed (registry.alliance_fragments).
A page of cards found in the cache reads neither the parties nor any capability's summary."""

from django.db.models import prefetch_related_objects
from django.template import loader

from brobygger.core import registry

from . import selectors
from .models import Alliance

CARD_TEMPLATE = "alliances/includes/alliance_card.html"


def attach_cards(alliances: list, user) -> None:
    """Sets `alliance.card_html` on each alliance. The alliances may be read as ids alone
    (`.only("pk")`): those whose cards are not kept are read whole when they are rendered."""

    def render(missing: list) -> dict[int, str]:
        whole = Alliance.objects.select_related("lead_organisation").in_bulk([alliance.pk for alliance in missing])
        missing = [whole[alliance.pk] for alliance in missing]
        prefetch_related_objects(missing, selectors.card_parties())
        summaries = registry.render_alliance_summaries(missing, user)
        template = loader.get_template(CARD_TEMPLATE)
        return {
            alliance.pk: template.render({"alliance": alliance, "summaries": summaries[alliance.pk]})
            for alliance in missing
        }

    cards = registry.alliance_fragments("card", alliances, user, render)
    for alliance in alliances:
        alliance.card_html = cards[alliance.pk]
