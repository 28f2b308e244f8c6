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
# A write to the shared cache on the database cache: a fixed five queries however many entries
# (core/cache.py: the count, the savepoint, one delete, one insert, its release); none on Redis.
CACHE_WRITE = 5
# The filters with choices kept rendered (core.forms.cached_field_groups): the version of what
# belongs to no alliance, the markup, and writing it when it was not there.
KEPT_FILTERS = 2 + CACHE_WRITE


def kept_markup() -> int:
    """Markup about alliances kept in the shared cache (registry.alliance_fragments), read
    cold: the reader's relations, the alliances' versions (written when missing), the markup
    (written once rendered)."""
    return sum(hook.queries for hook in registry.reader_relations) + 2 + 2 * CACHE_WRITE


def _summaries() -> int:
    return sum(summary.queries for summary in registry.alliance_summaries)


def front_page(*, logged_in: bool) -> int:
    audience = "members" if logged_in else "anonymous"
    sections = sum(section.queries for section in registry.front_sections if section.audience == audience)
    if not logged_in:
        return FIGURES + sections + _summaries()
    attention = sum(provider.queries for provider in registry.attention_providers)
    if any(provider.kept for provider in registry.attention_providers):
        attention += kept_attention()
    return LOGGED_IN + MEMBERSHIPS + sections + attention + _summaries()


def kept_attention() -> int:
    """The attention items kept in the shared cache (registry.attention_items), read cold:
    the user's alliances, their versions (written when missing), the items (written once
    computed)."""
    return sum(hook.queries for hook in registry.attention_alliances) + 2 + 2 * CACHE_WRITE


def answer_details() -> int:
    """What the capabilities add beside the parties' own answers (the value balance)."""
    return sum(detail.queries for detail in registry.answer_details)


def alliance_list(*, logged_in: bool, filtered: bool = False) -> int:
    return (
        (LOGGED_IN if logged_in else 0)
        + ALLIANCE_LIST
        + (PLACE_FILTER if filtered else 0)
        + _summaries()
        + kept_markup()
        + KEPT_FILTERS
    )


def organisation_sections() -> int:
    """What the capabilities add to an organisation's page."""
    return sum(section.queries for section in registry.organisation_sections)
