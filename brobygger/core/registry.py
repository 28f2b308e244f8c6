"""What a capability adds to the whole, declared once in its AppConfig.ready().

The core, the API, the demo and generate commands and the test harness read these
registries and never import a capability. Each registry holds one kind of hook (a frozen
dataclass with a `key` and an `order`); it refuses a second hook with the same key and a
hook of the wrong kind, returns its hooks in order, and lets a test register a hook for
the length of a `with` block. `checks.py` checks what the hooks name (URL names,
permissions) when the project starts.

Adding a kind of hook: a dataclass below, a `Registry` instance, and the one place that
reads it. A capability then adds to it without any other app changing.
"""

import datetime
import hashlib
import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.template import loader
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from . import versions


@dataclass(frozen=True, kw_only=True)
class Hook:
    key: str
    # Lower comes first; hooks with the same order keep their registration order.
    order: int = 100


H = TypeVar("H", bound=Hook)
_sequence = itertools.count()


class Registry(Generic[H]):
    def __init__(self, name: str, kind: type[H]):
        self.name = name
        self.kind = kind
        self._hooks: dict[str, tuple[int, H]] = {}
        # The hooks in order, sorted once per change: every request iterates several
        # registries, often more than once.
        self._ordered: list[H] | None = None
        # Changes with every registration, so what is built from a registry (the API's URL
        # patterns) knows when to build it again.
        self.generation = 0

    def _changed(self) -> None:
        self._ordered = None
        self.generation += 1

    def register(self, hook: H) -> H:
        if not isinstance(hook, self.kind):
            raise TypeError(f"The {self.name} registry takes {self.kind.__name__}, not {type(hook).__name__}.")
        if hook.key in self._hooks:
            raise ImproperlyConfigured(f"{self.name}: {hook.key!r} is already registered.")
        self._hooks[hook.key] = (next(_sequence), hook)
        self._changed()
        return hook

    def unregister(self, key: str) -> None:
        del self._hooks[key]
        self._changed()

    @contextmanager
    def temporarily(self, *hooks: H) -> Iterator[None]:
        """Register hooks for the length of a block (tests), in place of any registered under
        the same key; afterwards the registry is as it was."""
        replaced = {hook.key: self._hooks.pop(hook.key) for hook in hooks if hook.key in self._hooks}
        for hook in hooks:
            self.register(hook)
        try:
            yield
        finally:
            for hook in hooks:
                self._hooks.pop(hook.key, None)
            self._hooks.update(replaced)
            self._changed()

    def __iter__(self) -> Iterator[H]:
        if self._ordered is None:
            ordered = sorted(self._hooks.values(), key=lambda item: (item[1].order, item[0]))
            self._ordered = [hook for _sequence_number, hook in ordered]
        return iter(self._ordered)

    def __len__(self) -> int:
        return len(self._hooks)

    def __contains__(self, key: str) -> bool:
        return key in self._hooks

    def get(self, key: str) -> H:
        return self._hooks[key][1]


# --- Pages in an alliance's own navigation -----------------------------------------------


@dataclass(frozen=True, kw_only=True)
class AlliancePage(Hook):
    label: Any
    url_name: str  # reversed with the alliance's slug
    # A permission checked on the alliance; None: whoever sees the alliance.
    permission: str | None = None


alliance_pages: Registry[AlliancePage] = Registry("alliance_pages", AlliancePage)


# --- Entries in the main menu ---------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class MenuItem(Hook):
    label: Any
    url_name: str  # reversed without arguments
    # Shown to logged-in users only.
    members_only: bool = True


menu_items: Registry[MenuItem] = Registry("menu_items", MenuItem)


# --- What a member's own party has in each capability ("Din part") ------------------------


@dataclass(frozen=True)
class PartyPageEntry:
    label: str
    url: str
    # What is missing, in the reader's language; empty when nothing is.
    missing: str = ""


@dataclass(frozen=True, kw_only=True)
class PartyPage(Hook):
    """On the alliance page, a member who speaks for a party sees where their party's own
    pages are and what each still lacks. compute(party, user) -> PartyPageEntry | None (None:
    nothing for this user), in at most `queries` queries."""

    compute: Callable[[Any, Any], PartyPageEntry | None]
    queries: int


party_pages: Registry[PartyPage] = Registry("party_pages", PartyPage)


def party_page_entries(party, user) -> list[PartyPageEntry]:
    entries = (hook.compute(party, user) for hook in party_pages)
    return [entry for entry in entries if entry is not None]


# --- What a capability adds to every alliance card ---------------------------------------


@dataclass(frozen=True, kw_only=True)
class AllianceSummary(Hook):
    """A capability's lines on every alliance card. The lines are kept rendered in the shared
    cache (`alliance_fragments`), so what compute returns may depend on the alliance's data,
    the language and the day, and on its reader only through `reader_relations`."""

    template_name: str  # rendered with `data` alone
    # compute(alliances, user) -> {alliance pk: context for the template}, for a whole page of
    # alliances in `queries` queries. Shows only what the reader may see.
    compute: Callable[[list, Any], dict]
    queries: int


@dataclass(frozen=True)
class RenderedSummary:
    template_name: str
    data: object


alliance_summaries: Registry[AllianceSummary] = Registry("alliance_summaries", AllianceSummary)


def attach_alliance_summaries(alliances: list, user) -> None:
    """Sets `alliance.summaries_html` on each alliance: every capability's lines for its card,
    rendered (from the shared cache when nothing they show has changed)."""
    html = alliance_fragments("summaries", alliances, user, lambda missing: render_alliance_summaries(missing, user))
    for alliance in alliances:
        alliance.summaries_html = html[alliance.pk]


def render_alliance_summaries(alliances: list, user) -> dict[int, str]:
    """{alliance pk: every capability's lines for its card}, computed now (markup that holds
    the lines and is kept itself, like a whole card, renders them with this)."""
    lines: dict[int, list[str]] = {alliance.pk: [] for alliance in alliances}
    for summary in alliance_summaries:
        data = summary.compute(alliances, user)
        template = loader.get_template(summary.template_name)
        for alliance in alliances:
            if alliance.pk in data:
                lines[alliance.pk].append(template.render({"data": data[alliance.pk]}))
    # Our own templates' markup, joined.
    return {pk: mark_safe("".join(parts)) for pk, parts in lines.items()}  # noqa: S308


# --- Markup about an alliance, kept in the shared cache --------------------------------------


@dataclass(frozen=True, kw_only=True)
class ReaderRelation(Hook):
    """How the reader stands to each of some alliances, as a short text: everything an
    alliance's kept markup (its card, its card summaries) may depend on besides the
    alliance's data, the language and the day. The foundation's: staff, a member (with role
    and party), or neither. compute(user, alliances) -> {pk: text}, in `queries` queries."""

    compute: Callable[[Any, list], dict[int, str]]
    queries: int


reader_relations: Registry[ReaderRelation] = Registry("reader_relations", ReaderRelation)

# What is kept is found again only while its alliance's data version is unchanged
# (core/versions.py); the hour bounds what a change made outside the services (the admin
# site, a shell) leaves standing.
FRAGMENT_SECONDS = 3600


def alliance_fragments(name: str, alliances: list, user, render: Callable[[list], dict[int, str]]) -> dict[int, str]:
    """{alliance pk: markup} for each alliance: from the shared cache where this reader's
    relation, the language, the day and the alliance's data version are what they were when
    it was kept; otherwise from `render(missing alliances)`, kept for the next reader. Three
    queries (the relations, the versions, the markup) on the database cache when everything
    is found."""
    if not alliances:
        return {}
    relations: dict[int, list[str]] = {alliance.pk: [] for alliance in alliances}
    for hook in reader_relations:
        for pk, text in hook.compute(user, alliances).items():
            relations[pk].append(text)
    # The versions are read before any data the markup is made from (core/versions.py).
    data_versions = versions.of_alliances(relations)
    prefix = _fragment_prefix(name)
    keys = {pk: f"{prefix}:{pk}:{data_versions[pk]}:{'.'.join(texts)}" for pk, texts in relations.items()}
    found = cache.get_many(list(keys.values()))
    markup = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [alliance for alliance in alliances if alliance.pk not in markup]
    if missing:
        rendered = render(missing)
        _refuse_form_tokens(name, rendered.values())
        cache.set_many({keys[pk]: rendered[pk] for pk in rendered}, FRAGMENT_SECONDS)
        markup.update(rendered)
    # Our own markup, rendered by the templates above (the cache keeps it as text).
    return {pk: mark_safe(text) for pk, text in markup.items()}  # noqa: S308


def _fragment_prefix(name: str) -> str:
    return f"fragment:{versions.of_code()}:{name}:{get_language()}:{timezone.localdate().isoformat()}"


def _refuse_form_tokens(name: str, texts) -> None:
    for text in texts:
        # One reader's form token would fail every other reader's form.
        if "csrfmiddlewaretoken" in text:
            raise ImproperlyConfigured(f"Kept markup ({name}) may not hold a form with a CSRF token.")


def kept_alliance_markup(name: str, alliance, user, template_name: str, context: Callable[[], dict]) -> str:
    """A page's body about one alliance, kept like the cards (`alliance_fragments`):
    `template_name` rendered with `context()`, which is called only when nothing is kept. The
    template must depend on its reader only through the reader relation, and `name` must
    hold whatever else picks the body (a party, a round, a view the query string chose).

    `alliance` may be None, for a body that belongs to no alliance (a decision in an
    organisation's change process): it is then kept under the version of everything else,
    and since no reader relation is known, `name` must hold everything about the reader that
    picks the body (e.g. whether they run the decision)."""
    if alliance is None:
        key = f"{_fragment_prefix(name)}:-:{versions.of_everything_else()}"
        text = cache.get(key)
        if text is None:
            text = loader.render_to_string(template_name, context())
            _refuse_form_tokens(name, [text])
            cache.set(key, text, FRAGMENT_SECONDS)
        # Our own template's markup (the cache keeps it as text).
        return mark_safe(text)  # noqa: S308

    def render(_alliances) -> dict[int, str]:
        return {alliance.pk: loader.render_to_string(template_name, context())}

    return alliance_fragments(name, [alliance], user, render)[alliance.pk]


# --- What needs the user's attention (the front page) --------------------------------------


@dataclass(frozen=True)
class AttentionItem:
    # What it is about: anything with a name (its str) and `get_absolute_url()`: an alliance,
    # an organisation.
    subject: Any
    message: str
    url: str = ""


@dataclass(frozen=True, kw_only=True)
class AttentionProvider(Hook):
    # compute(user, day=...) -> [AttentionItem], in `queries` queries (besides what the
    # shared per-request lookups of the foundation cost).
    compute: Callable[..., list]
    queries: int
    # True when the items come only from the data of the alliances the user is a member of
    # (`attention_alliances`) and from data that belongs to no alliance (the user, their
    # organisation, its change processes), and change only with that data or the day: then
    # they are kept in the shared cache under those alliances' versions. An item about an
    # alliance the user is no member of (a party their organisation has not answered yet)
    # must come from a provider that is not kept.
    kept: bool = False


attention_providers: Registry[AttentionProvider] = Registry("attention_providers", AttentionProvider)


@dataclass(frozen=True, kw_only=True)
class AttentionAlliances(Hook):
    """The alliances whose data a user's kept attention items come from: compute(user) ->
    alliance ids, in `queries` queries. The foundation's: the user's memberships."""

    compute: Callable[[Any], Any]
    queries: int


attention_alliances: Registry[AttentionAlliances] = Registry("attention_alliances", AttentionAlliances)


@dataclass(frozen=True)
class KeptSubject:
    """What a kept attention item is about, as it was when kept: its name and address."""

    label: str
    url: str
    pk: int

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return self.url


def attention_items(user, *, day: datetime.date) -> list[AttentionItem]:
    items: list[AttentionItem] = []
    kept = []
    for provider in attention_providers:
        if provider.kept:
            kept.append(provider)
        else:
            items.extend(provider.compute(user, day=day))
    if kept:
        items.extend(_kept_attention_items(user, kept, day=day))
    # Grouped by subject, so everything about one alliance is read together.
    return sorted(items, key=lambda item: (str(item.subject), getattr(item.subject, "pk", 0)))


def _kept_attention_items(user, providers: list[AttentionProvider], *, day: datetime.date) -> list[AttentionItem]:
    """The kept providers' items for this user, from the shared cache while the data of the
    user's alliances and of no alliance is unchanged (and for at most FRAGMENT_SECONDS, which
    bounds what only the clock changes within a day, such as an invitation running out)."""
    alliance_ids = sorted({pk for hook in attention_alliances for pk in hook.compute(user)})
    # The versions are read before any data the items are made from (core/versions.py).
    scope = hashlib.sha256(versions.of_scope(alliance_ids).encode()).hexdigest()[:24]
    providers_key = ",".join(provider.key for provider in providers)
    key = f"attention:{versions.of_code()}:{user.pk}:{get_language()}:{day.isoformat()}:{providers_key}:{scope}"
    rows = cache.get(key)
    if rows is None:
        computed = [item for provider in providers for item in provider.compute(user, day=day)]
        rows = [
            (str(item.subject), item.subject.get_absolute_url(), getattr(item.subject, "pk", 0), str(item.message), item.url)
            for item in computed
        ]
        cache.set(key, rows, FRAGMENT_SECONDS)
    return [AttentionItem(KeptSubject(label, url, pk), message, link) for label, url, pk, message, link in rows]


# --- Sections of the front page -------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class FrontSection(Hook):
    template_name: str
    # context(request) -> the template's context, or None to leave the section out.
    context: Callable[[Any], dict | None]
    # "members" (logged in) or "anonymous".
    audience: str
    queries: int


front_sections: Registry[FrontSection] = Registry("front_sections", FrontSection)


# --- Sections of the user's own account page --------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class AccountSection(Hook):
    template_name: str
    context: Callable[[Any], dict]  # context(user)


account_sections: Registry[AccountSection] = Registry("account_sections", AccountSection)


# --- Sections of an organisation's page ------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class OrganisationSection(Hook):
    """What a capability shows on an organisation's page (`/organisationer/<id>/`), e.g. the
    change processes inside it. context(user, organisation) -> dict, or None to show nothing
    to this reader, in at most `queries` queries."""

    template_name: str
    context: Callable[[Any, Any], dict | None]
    queries: int


organisation_sections: Registry[OrganisationSection] = Registry("organisation_sections", OrganisationSection)


def organisation_sections_for(user, organisation) -> list[RenderedSummary]:
    shown = []
    for section in organisation_sections:
        data = section.context(user, organisation)
        if data is not None:
            shown.append(RenderedSummary(section.template_name, data))
    return shown


# --- Figures for the front page and, later, the knowledge centre ------------------------------


@dataclass(frozen=True)
class FigureValue:
    value: int
    # Further numbers the explanation uses; kept in the cache with the value (numbers only:
    # the words are made in the reader's language when the figure is shown).
    parts: dict = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Figure(Hook):
    label: Any
    # compute() -> FigureValue, an aggregate that reveals nothing a visitor may not see: it counts
    # what a visitor may read, or its explanation says plainly what else it counts.
    compute: Callable[[], FigureValue]
    # explain(value) -> a sentence saying what is counted, shown with the figure.
    explain: Callable[[FigureValue], str] | None = None
    # Figures are kept in the shared cache this long, so a page does not recompute them.
    cache_seconds: int = 300


@dataclass(frozen=True)
class ShownFigure:
    key: str
    label: str
    value: int
    explanation: str


figures: Registry[Figure] = Registry("figures", Figure)
FIGURE_CACHE_PREFIX = "figure:"


def figure_values() -> list[ShownFigure]:
    """Every figure, from the shared cache when it is fresh enough (one cache read for all;
    only the stale ones are computed and stored)."""
    hooks = list(figures)
    cached = cache.get_many([FIGURE_CACHE_PREFIX + figure.key for figure in hooks])
    shown = []
    for figure in hooks:
        value = cached.get(FIGURE_CACHE_PREFIX + figure.key)
        if value is None:
            value = figure.compute()
            cache.set(FIGURE_CACHE_PREFIX + figure.key, value, figure.cache_seconds)
        explanation = figure.explain(value) if figure.explain else ""
        shown.append(ShownFigure(figure.key, str(figure.label), value.value, explanation))
    return shown



# --- Figures across alliances, for the knowledge centre (`/videncenter/`) -------------------


@dataclass(frozen=True)
class FigureTable:
    """A figure as a table: the column headings and rows of (row heading, cells). Cells are
    text in the reader's language (a count, a share, or why a group is left out)."""

    caption: str
    columns: list
    rows: list
    # Shown under the table: what is counted, and what is left out and why.
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class KnowledgeFigure(Hook):
    label: Any
    # compute(user) -> FigureTable | None (None: nothing to show this reader), over what the
    # reader may see, and about people or parties only as groups over the privacy threshold
    # (settings.BROBYGGER_PRIVACY_THRESHOLD), in at most `queries` queries.
    compute: Callable[[Any], FigureTable | None]
    queries: int


knowledge_figures: Registry[KnowledgeFigure] = Registry("knowledge_figures", KnowledgeFigure)
KNOWLEDGE_CACHE_SECONDS = 300


@dataclass(frozen=True, kw_only=True)
class ReaderScope(Hook):
    """What figures across alliances depend on besides the data: which of it the reader may
    see. compute(user) -> a text that is the same for every reader who may see the same (the
    foundation's: the alliances the reader may see), in `queries` queries. A knowledge figure
    depends on its reader only through these, so readers of one scope share its tables."""

    compute: Callable[[Any], str]
    queries: int


reader_scopes: Registry[ReaderScope] = Registry("reader_scopes", ReaderScope)


def reader_scope(user) -> str:
    """A short key for what this reader may see (every reader scope's text together)."""
    text = "|".join(f"{scope.key}={scope.compute(user)}" for scope in reader_scopes)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def knowledge_cache_key(user) -> str:
    """Where the knowledge centre keeps this reader's tables, for as long as the front page's
    figures (KNOWLEDGE_CACHE_SECONDS): per reader scope, language and figures. Most readers
    see the same alliances, and the figures read every answer in them; every visitor without
    an account sees the public alliances, so their key needs no scope (and no query)."""
    scope = reader_scope(user) if user.is_authenticated else "anonymous"
    return f"knowledge:{versions.of_code()}:{scope}:{get_language()}:" + ",".join(hook.key for hook in knowledge_figures)


def knowledge_tables(user) -> list[tuple[KnowledgeFigure, FigureTable]]:
    """Each knowledge figure's table for this reader (the page keeps them in the shared cache
    under `knowledge_cache_key`)."""
    computed = ((hook, hook.compute(user)) for hook in knowledge_figures)
    return [(hook, table) for hook, table in computed if table is not None]


# --- API routes -------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ApiRoute(Hook):
    route: str  # under /api/v1/, as for django.urls.path
    view: Callable
    name: str


api_routes: Registry[ApiRoute] = Registry("api_routes", ApiRoute)


# --- The permission matrix: where each app states its routes' expectations -------------------


@dataclass(frozen=True, kw_only=True)
class MatrixRoutes(Hook):
    # A dotted module path with GET_ROUTES (and optionally POST_ROUTES); only the test
    # harness imports it.
    module: str


matrix_routes: Registry[MatrixRoutes] = Registry("matrix_routes", MatrixRoutes)


# --- Tables carried by export and import (core/portability.py, docs/portability.md) -----------


@dataclass(frozen=True, kw_only=True)
class PortableTable(Hook):
    """One table in the export file. key: the model's label ("ledger.contribution"); order: the
    order tables are written and read back in (a table comes after every table it refers to).
    Every concrete field is carried as it is, foreign keys as the file's own numbers."""

    # rows(alliances) -> the rows that belong to these alliances (a queryset of alliance ids),
    # or every row when alliances is None.
    rows: Callable[[Any], Any]
    # In an export of some alliances, also every row another exported row refers to (the users
    # who wrote something, the organisations of the parties).
    with_referenced: bool = False
    # Reference data (a Q on the table): such rows are named in the file by the `match_by`
    # fields and matched in the receiving installation instead of being copied; `match(named)`
    # -> a Q that finds the row (default: all the named fields equal).
    reference: Any = None
    match_by: tuple[str, ...] = ()
    match: Callable[[dict], Any] | None = None
    # Fields not carried (credentials), each with how an import fills it.
    omit: dict = field(default_factory=dict)
    # Integer columns that name a row of another table ({"alliance_id": "alliances.alliance"}),
    # and a (content type field, object id field) pair that names a row of any table.
    id_columns: dict = field(default_factory=dict)
    generic: tuple[str, str] | None = None


portable_tables: Registry[PortableTable] = Registry("portable_tables", PortableTable)


# --- Demo data and generated data ---------------------------------------------------------------


@dataclass
class LoadContext:
    """What one loader leaves for the next (e.g. the alliances and users the foundation
    created, keyed by the names its data uses), and the options of the command."""

    options: dict = field(default_factory=dict)
    shared: dict = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class DemoData(Hook):
    load: Callable[[LoadContext], None]


@dataclass(frozen=True, kw_only=True)
class GeneratedData(Hook):
    # generate(context): bulk-inserts its share of a generated data set. The context carries
    # `scale`, a seeded `random` and what earlier generators made.
    generate: Callable[[LoadContext], None]


# The generated data set's sizes, as a share of the country: `small` for trying things out,
# `tiny` for tests that compare a page at two sizes (tiny and small, ten times as much).
GENERATED_SCALES = {"national": 1.0, "small": 0.1, "tiny": 0.01}


def scaled(number: int, scale: str) -> int:
    """How many of something a data set of this scale holds, given the national number."""
    return number if scale == "national" else max(1, round(number * GENERATED_SCALES[scale]))


def share_out(rng, caps: list[int], total: int) -> list[int]:
    """`total` things (rounds, assessments) shared out over holders for a generated data set:
    one each, the rest at random where there is room below a holder's cap (the caps raised for
    all if they hold too few). Deterministic from the seeded `rng`."""
    counts = [1] * len(caps)
    remaining = total - len(caps)
    while remaining > 0:
        room = [index for index, cap in enumerate(caps) if counts[index] < cap]
        if not room:
            caps = [cap + 1 for cap in caps]
            continue
        for index in rng.choices(room, weights=[caps[index] - counts[index] for index in room], k=remaining):
            if counts[index] < caps[index]:
                counts[index] += 1
                remaining -= 1
    return counts


def bulk_insert(model, objects, *, chunk: int = 20_000, batch: int = 2000) -> int:
    """Insert a generated data set's rows `chunk` at a time, so the big tables never have all
    their instances in memory at once. Returns how many were inserted."""
    objects = iter(objects)
    count = 0
    while rows := list(itertools.islice(objects, chunk)):
        model.objects.bulk_create(rows, batch_size=batch)
        count += len(rows)
    return count


demo_data: Registry[DemoData] = Registry("demo_data", DemoData)
generated_data: Registry[GeneratedData] = Registry("generated_data", GeneratedData)


# --- The benchmark: the pages `make bench` loads (core/benchmark.py, docs/performance.md) ------


BENCHMARK_KINDS = ("detail", "list", "dashboard", "api")


@dataclass(frozen=True, kw_only=True)
class BenchmarkPage(Hook):
    """A page the benchmark loads on the national data set. key: how the report names it.
    kind: which target applies ("detail", "list", "dashboard" or "api"). path(data) -> the
    address to load, chosen from the data set (a `benchmark.BenchmarkData`: the top leader,
    the municipality that leads most alliances and its largest public alliance), or None when
    the data set has nothing to show there."""

    label: str
    kind: str
    path: Callable[[Any], str | None]
    anonymous: bool = True
    logged_in: bool = True

    def __post_init__(self):
        if self.kind not in BENCHMARK_KINDS:
            raise ImproperlyConfigured(f"benchmark_pages: {self.key!r} has kind {self.kind!r}, not one of {BENCHMARK_KINDS}.")


benchmark_pages: Registry[BenchmarkPage] = Registry("benchmark_pages", BenchmarkPage)


# --- The audit: what a reader may see of a model's changes -----------------------------------


@dataclass(frozen=True, kw_only=True)
class AuditPolicy(Hook):
    """key: the model's label ("ledger.contribution"). A reader who may read the record but
    not `may_read_values(user, record)` sees that a sensitive field changed, not its values."""

    sensitive_fields: frozenset = frozenset()
    may_read_values: Callable[[Any, Any], bool] | None = None
    # Who reads a restricted record (one about a confidential object) at all; without it,
    # nobody sees more than that something confidential changed.
    may_read_restricted: Callable[[Any, Any], bool] | None = None
    # Labels for what a record names that is not a field of the model (e.g. the reason
    # given with a phase change, recorded with the alliance).
    extra_labels: dict = field(default_factory=dict)


audit_policies: Registry[AuditPolicy] = Registry("audit_policies", AuditPolicy)


# --- Reminders sent outside a request (`brobygger send_reminders`, run by cron) ---------------


@dataclass(frozen=True, kw_only=True)
class Reminder(Hook):
    """`send(now)` queues the reminders due at `now` and returns how many; it must be
    idempotent (whatever it has sent, it does not send again), since cron may run it often."""

    label: Any
    send: Callable[[Any], int]


reminders: Registry[Reminder] = Registry("reminders", Reminder)


# --- What a capability adds to a party's own answer ("Får I nok ud af alliancen?") ------------


@dataclass(frozen=True, kw_only=True)
class AnswerDetail(Hook):
    """Shown beside each party's answer where the parties' answers are read (the value
    balance). `compute(alliance, parties, reader)` returns {party id: context} for
    `template_name` in `queries` queries, whatever the number of parties; a party without
    anything to show is left out."""

    template_name: str
    compute: Callable[[Any, list, Any], dict]
    queries: int


answer_details: Registry[AnswerDetail] = Registry("answer_details", AnswerDetail)


def answer_details_for(alliance, parties: list, reader) -> dict[int, list[RenderedSummary]]:
    """{party id: what each capability adds to the party's answer}, for a page of parties."""
    found: dict[int, list[RenderedSummary]] = {party.pk: [] for party in parties}
    if not parties:
        return found
    for detail in answer_details:
        data = detail.compute(alliance, parties, reader)
        for party in parties:
            if party.pk in data:
                found[party.pk].append(RenderedSummary(detail.template_name, data[party.pk]))
    return found


ALL_REGISTRIES = (
    menu_items,
    alliance_pages,
    party_pages,
    alliance_summaries,
    attention_providers,
    front_sections,
    account_sections,
    organisation_sections,
    figures,
    knowledge_figures,
    reader_scopes,
    api_routes,
    matrix_routes,
    portable_tables,
    demo_data,
    generated_data,
    audit_policies,
    reminders,
    answer_details,
)
