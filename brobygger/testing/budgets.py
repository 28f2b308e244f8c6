"""Query budgets of the pages every capability adds to: the front page, the alliance
list and the parties' answers on the value balance. Each is what the page costs before the
hooks, plus what each registered hook declares (`queries`), so a capability that adds a card summary or an attention item
declares its cost and every app's query test checks the same sum. Pages a capability owns
keep their own budgets in its tests."""

from brobygger.core import registry

# A logged-in request reads its session and its user.
LOGGED_IN = 2
# The foundation's memberships_of: the user's memberships, then their alliances' parties;
# read once per request, shared by the front page's sections and attention providers.
MEMBERSHIPS = 2
# The figures on the anonymous front page: one read of the shared cache (they are computed
# only when stale, which `registry.figure_values()` before the measured request takes care of).
FIGURES = 1
# The alliance list: how many there are, one page of them, their parties, and the choices of
# the place filter; a filter by place reads the region's municipalities once more.
ALLIANCE_LIST = 4
PLACE_FILTER = 1


def _summaries() -> int:
    return sum(summary.queries for summary in registry.alliance_summaries)


def front_page(*, logged_in: bool) -> int:
    audience = "members" if logged_in else "anonymous"
    sections = sum(section.queries for section in registry.front_sections if section.audience == audience)
    if not logged_in:
        return FIGURES + sections + _summaries()
    attention = sum(provider.queries for provider in registry.attention_providers)
    return LOGGED_IN + MEMBERSHIPS + sections + attention + _summaries()


def answer_details() -> int:
    """What the capabilities add beside the parties' own answers (the value balance)."""
    return sum(detail.queries for detail in registry.answer_details)


def alliance_list(*, logged_in: bool, filtered: bool = False) -> int:
    return (LOGGED_IN if logged_in else 0) + ALLIANCE_LIST + (PLACE_FILTER if filtered else 0) + _summaries()


def organisation_sections() -> int:
    """What the capabilities add to an organisation's page."""
    return sum(section.queries for section in registry.organisation_sections)
