"""Where capabilities declare their statistics to the core, once, in AppConfig.ready().

The core (front page today; the knowledge centre and exporter later) reads the registry
and never imports a capability directly.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Statistic:
    key: str
    label: str
    # Returns an aggregate over all alliances; must not reveal anything a visitor may not see.
    compute: Callable[[], int]


_statistics: dict[str, Statistic] = {}


def register_statistic(*, key: str, label: str, compute: Callable[[], int]) -> None:
    if key in _statistics:
        raise ValueError(f"Statistic {key!r} is already registered.")
    _statistics[key] = Statistic(key=key, label=label, compute=compute)


def statistics() -> list[Statistic]:
    return list(_statistics.values())


# --- What a capability adds to every alliance card ("at a glance") ------------------------


@dataclass(frozen=True)
class AllianceSummary:
    key: str
    template_name: str
    # Given the alliances on a page and the reader, returns {alliance pk: context for the
    # template}, in a fixed number of queries. Must only show what the reader may see.
    compute: Callable[[list, object], dict]


@dataclass(frozen=True)
class RenderedSummary:
    template_name: str
    data: object


_alliance_summaries: dict[str, AllianceSummary] = {}


def register_alliance_summary(
    *, key: str, template_name: str, compute: Callable[[list, object], dict]
) -> None:
    if key in _alliance_summaries:
        raise ValueError(f"Alliance summary {key!r} is already registered.")
    _alliance_summaries[key] = AllianceSummary(key, template_name, compute)


def attach_alliance_summaries(alliances: list, user) -> None:
    """Sets `alliance.summaries` (a list of RenderedSummary) on each alliance, for the cards."""
    for alliance in alliances:
        alliance.summaries = []
    if not alliances:
        return
    for summary in _alliance_summaries.values():
        data = summary.compute(alliances, user)
        for alliance in alliances:
            if alliance.pk in data:
                alliance.summaries.append(RenderedSummary(summary.template_name, data[alliance.pk]))


# --- What needs a member's attention (the front page) ------------------------------------


@dataclass(frozen=True)
class AttentionItem:
    alliance: object
    message: str
    url: str = ""


# Called as compute(memberships, day=today) with the user's memberships (alliance and
# party selected); returns a list of AttentionItem, in a fixed number of queries.
_attention_providers: dict[str, Callable[[list, object], list]] = {}


def register_attention(*, key: str, compute: Callable) -> None:
    if key in _attention_providers:
        raise ValueError(f"Attention provider {key!r} is already registered.")
    _attention_providers[key] = compute


def attention_items(memberships: list, *, day) -> list[AttentionItem]:
    items: list[AttentionItem] = []
    for compute in _attention_providers.values():
        items.extend(compute(memberships, day=day))
    # Grouped by alliance, so everything about one alliance is read together.
    return sorted(items, key=lambda item: (str(item.alliance), item.alliance.pk))


# --- The pages a capability adds to every alliance (the alliance's navigation) ------------


@dataclass(frozen=True)
class AlliancePage:
    key: str
    label: str
    url_name: str  # reversed with the alliance's slug
    # A rules permission checked on the alliance; None: whoever sees the alliance.
    permission: str | None = None


_alliance_pages: dict[str, AlliancePage] = {}


def register_alliance_page(*, key: str, label: str, url_name: str, permission: str | None = None) -> None:
    if key in _alliance_pages:
        raise ValueError(f"Alliance page {key!r} is already registered.")
    _alliance_pages[key] = AlliancePage(key, label, url_name, permission)


def alliance_pages(alliance, user) -> list[AlliancePage]:
    """The alliance's pages this user may open, in registration order."""
    return [
        page
        for page in _alliance_pages.values()
        if page.permission is None or user.has_perm(page.permission, alliance)
    ]
