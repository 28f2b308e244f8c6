"""Staff edit the health check's instrument: who reaches the pages, beginning a draft as a copy
of the published version, adding, changing and removing its statements, scales and benefits
and costs (each leaving its record), bad input refused next to its field, publishing (what
rounds then use) and discarding, a published version that does not change, and pages read in
a fixed number of queries."""

import html
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from brobygger.core.models import AuditAction, AuditRecord
from brobygger.healthcheck import selectors, services
from brobygger.healthcheck.models import (
    InstrumentVersion,
    ParticipationItem,
    Statement,
    TensionScale,
)
from brobygger.healthcheck.tests.helpers import open_round
from brobygger.testing.audit import records_of

INSTRUMENT = reverse("healthcheck:instrument")
NON_STAFF = ["coordinator", "partner", "outsider"]
MODELS = {"statement": Statement, "scale": TensionScale, "item": ParticipationItem}


def _login(client, user):
    client.force_login(user)
    return client


def version_one() -> InstrumentVersion:
    return InstrumentVersion.objects.get(number=1)


def start(landscape) -> InstrumentVersion:
    return services.draft_start(actor=landscape.staff)


def create_url(kind: str) -> str:
    return reverse("healthcheck:item_create", args=[kind])


def edit_url(kind: str, item) -> str:
    return reverse("healthcheck:item_edit", args=[kind, item.pk])


def remove_url(kind: str, item) -> str:
    return reverse("healthcheck:item_remove", args=[kind, item.pk])


def statement_data(**overrides) -> dict:
    data = {
        "key": "shared-calendar",
        "criterion": "relations",
        "dimension": "norms",
        "text_da": "Vi kender de andre parters folk godt nok til at ringe direkte til dem.",
        "text_en": "We know the other parties' people well enough to call them directly.",
        "order": "30",
    }
    data.update(overrides)
    return data


def scale_data(**overrides) -> dict:
    data = {
        "key": "open-closed",
        "left_da": "Åbenhed udadtil",
        "left_en": "Openness outwards",
        "right_da": "Ro til at arbejde",
        "right_en": "Room to work",
        "explanation_da": "At vise arbejdet frem skaber opbakning; at holde det internt giver plads til at fejle.",
        "explanation_en": "Showing the work builds support; keeping it inside leaves room to fail.",
        "order": "9",
    }
    data.update(overrides)
    return data


def item_data(**overrides) -> dict:
    data = {
        "key": "new-customers",
        "kind": "benefit",
        "text_da": "Nye kunder eller brugere, vi ikke selv kunne nå.",
        "text_en": "New customers or users we could not reach ourselves.",
        "order": "7",
    }
    data.update(overrides)
    return data


DATA = {"statement": statement_data, "scale": scale_data, "item": item_data}
TEXT_FIELD = {"statement": "text_da", "scale": "left_da", "item": "text_da"}


def records_about(model, pk: int):
    """The audit records about an object, also once it is deleted."""
    return AuditRecord.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id=pk)


def _main(page: str) -> str:
    """The page's own content, without the header and footer every page has."""
    return page[page.index("<main") : page.index("</main>")]


def counts(version) -> tuple[int, int, int]:
    return (version.statements.count(), version.scales.count(), version.items.count())


# --- Who reaches the pages ---------------------------------------------------------------------


def _pages(draft) -> list[str]:
    statement = draft.statements.first()
    scale = draft.scales.first()
    item = draft.items.first()
    return [
        INSTRUMENT,
        reverse("healthcheck:version", args=[1]),
        reverse("healthcheck:version", args=[draft.number]),
        reverse("healthcheck:draft_discard"),
        create_url("statement"),
        create_url("scale"),
        create_url("item"),
        edit_url("statement", statement),
        edit_url("scale", scale),
        edit_url("item", item),
        remove_url("statement", statement),
        remove_url("scale", scale),
        remove_url("item", item),
    ]


def test_staff_reach_every_page(client, landscape):
    draft = start(landscape)
    client = _login(client, landscape.staff)
    for url in _pages(draft):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", NON_STAFF)
def test_everyone_else_finds_no_page(client, landscape, who):
    draft = start(landscape)
    client = _login(client, getattr(landscape, who))
    for url in _pages(draft):
        assert client.get(url).status_code == 404, url


def test_a_visitor_is_asked_to_log_in(client, landscape):
    draft = start(landscape)
    for url in _pages(draft):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url
    response = client.post(reverse("healthcheck:draft_publish"), {"note": "Nyt"})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert selectors.draft_version() == draft


@pytest.mark.parametrize("who", NON_STAFF)
def test_everyone_else_writes_nothing(client, landscape, who):
    client = _login(client, getattr(landscape, who))
    records = AuditRecord.objects.count()
    assert client.post(reverse("healthcheck:draft_start")).status_code == 404
    assert selectors.draft_version() is None
    draft = start(landscape)
    statement = draft.statements.first()
    records = AuditRecord.objects.count()
    posts = [
        (create_url("statement"), statement_data()),
        (edit_url("statement", statement), statement_data(key=statement.key)),
        (remove_url("statement", statement), {}),
        (reverse("healthcheck:draft_publish"), {"note": "Ingen adgang"}),
        (reverse("healthcheck:draft_discard"), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert AuditRecord.objects.count() == records
    assert selectors.draft_version() == draft
    assert Statement.objects.get(pk=statement.pk).text_da == statement.text_da
    assert not draft.statements.filter(key="shared-calendar").exists()


def test_writes_are_post_only(client, landscape):
    client = _login(client, landscape.staff)
    assert client.get(reverse("healthcheck:draft_start")).status_code == 405
    start(landscape)
    assert client.get(reverse("healthcheck:draft_publish")).status_code == 405
    assert selectors.draft_version() is not None


@pytest.mark.parametrize("kind", ["question", "Statement", "items"])
def test_an_unknown_kind_is_not_found(client, landscape, kind):
    draft = start(landscape)
    client = _login(client, landscape.staff)
    assert client.get(create_url(kind)).status_code == 404
    assert client.post(create_url(kind), statement_data()).status_code == 404
    assert client.get(reverse("healthcheck:item_edit", args=[kind, draft.statements.first().pk])).status_code == 404


def test_an_unknown_version_or_item_is_not_found(client, landscape):
    start(landscape)
    client = _login(client, landscape.staff)
    assert client.get(reverse("healthcheck:version", args=[99])).status_code == 404
    assert client.get(reverse("healthcheck:version", args=[10**18 - 1])).status_code == 404
    for kind in MODELS:
        assert client.get(reverse("healthcheck:item_edit", args=[kind, 10**17])).status_code == 404
        assert client.post(reverse("healthcheck:item_remove", args=[kind, 10**17])).status_code == 404


def test_without_a_draft_its_pages_are_not_found(client, landscape):
    client = _login(client, landscape.staff)
    assert client.get(reverse("healthcheck:draft_discard")).status_code == 404
    assert client.post(reverse("healthcheck:draft_discard")).status_code == 404
    assert client.post(reverse("healthcheck:draft_publish"), {"note": "Nyt"}).status_code == 404
    for kind in MODELS:
        assert client.get(create_url(kind)).status_code == 404
        assert client.post(create_url(kind), DATA[kind]()).status_code == 404
    assert InstrumentVersion.objects.count() == 1


# --- The instrument page -------------------------------------------------------------------------


def test_the_page_shows_the_versions_and_the_published_version(client, landscape):
    page = html.unescape(_login(client, landscape.staff).get(INSTRUMENT).content.decode())
    assert "Begynd en ny version" in page
    assert reverse("healthcheck:draft_start") in page
    for statement in version_one().statements.all():
        assert statement.text_da in page
        assert statement.get_dimension_display() in page
    for scale in version_one().scales.all():
        assert scale.left_da in page and scale.right_da in page
    for item in version_one().items.all():
        assert item.text_da in page
    # Read only: nothing of version 1 links to an edit page.
    assert "/kladde/statement/" not in page
    assert reverse("healthcheck:version", args=[1]) in page


def test_the_page_counts_the_rounds_using_each_version(client, landscape):
    open_round(landscape.coordinator, landscape.public)
    open_round(landscape.coordinator, landscape.internal)
    response = _login(client, landscape.staff).get(INSTRUMENT)
    [version] = response.context["versions"]
    assert version.rounds_count == 2
    assert re.search(r"data-title=\"Runder\">\s*2\s*</td>", response.content.decode())


def test_with_a_draft_the_page_links_every_item_of_it(client, landscape):
    draft = start(landscape)
    page = _login(client, landscape.staff).get(INSTRUMENT).content.decode()
    assert "Begynd en ny version" not in page
    for kind, model in MODELS.items():
        for item in model.objects.filter(version=draft):
            assert edit_url(kind, item) in page
            assert remove_url(kind, item) in page
        assert create_url(kind) in page
    for label in ("Tilføj udsagn", "Tilføj spændingsfelt", "Tilføj gevinst eller omkostning", "Kassér kladden"):
        assert label in page
    assert reverse("healthcheck:draft_publish") in page
    assert 'name="note"' in page


def test_items_are_shown_in_the_readers_language(client, landscape):
    client = _login(client, landscape.staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = html.unescape(client.get(reverse("healthcheck:version", args=[1])).content.decode())
    statement = version_one().statements.first()
    scale = version_one().scales.first()
    assert statement.text_en in page
    assert statement.text_da not in page
    assert scale.left_en in page


class _Outline(HTMLParser):
    """The headings' levels and the links without text (the page's outline and its links)."""

    def __init__(self):
        super().__init__()
        self.levels: list[int] = []
        self.empty_links = 0
        self._link_text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        if tag == "a":
            self._link_text = []

    def handle_data(self, data):
        if self._link_text is not None:
            self._link_text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._link_text is not None:
            if not "".join(self._link_text).strip():
                self.empty_links += 1
            self._link_text = None


@pytest.mark.parametrize("with_draft", [False, True])
def test_headings_follow_in_order_and_every_link_has_text(client, landscape, with_draft):
    draft = start(landscape) if with_draft else None
    client = _login(client, landscape.staff)
    urls = [INSTRUMENT, reverse("healthcheck:version", args=[1])]
    if draft:
        urls += [create_url("statement"), edit_url("scale", draft.scales.first()), reverse("healthcheck:draft_discard")]
    for url in urls:
        outline = _Outline()
        outline.feed(client.get(url).content.decode())
        headings = outline.levels[outline.levels.index(1) :]
        assert headings.count(1) == 1, url
        assert all(later - earlier <= 1 for earlier, later in zip(headings, headings[1:], strict=False)), url
        assert outline.empty_links == 0, url


# --- Beginning a draft -----------------------------------------------------------------------------


def test_beginning_a_draft_copies_the_published_version(client, landscape):
    response = _login(client, landscape.staff).post(reverse("healthcheck:draft_start"))
    assert response.status_code == 302
    assert response["Location"] == f"{INSTRUMENT}#kladde"
    draft = selectors.draft_version()
    assert draft.number == 2
    published = version_one()
    for attribute, fields in (
        ("statements", ("key", "criterion", "dimension", "text_da", "text_en", "order")),
        ("scales", ("key", "left_da", "right_da", "explanation_da", "order")),
        ("items", ("key", "kind", "text_da", "text_en", "order")),
    ):
        copied = list(getattr(draft, attribute).values_list(*fields))
        assert copied == list(getattr(published, attribute).values_list(*fields))
        assert copied
    assert records_of(draft).get().action == AuditAction.CREATED
    page = client.get(INSTRUMENT).content.decode()
    assert "Version 2 er begyndt" in page


def test_beginning_again_keeps_the_one_draft(client, landscape):
    draft = start(landscape)
    client = _login(client, landscape.staff)
    client.post(create_url("statement"), statement_data())
    response = client.post(reverse("healthcheck:draft_start"), follow=True)
    assert response.status_code == 200
    assert "Der er allerede en kladde: version 2." in response.content.decode()
    assert InstrumentVersion.objects.count() == 2
    assert draft.statements.filter(key="shared-calendar").exists()


# --- Adding, changing and removing items -------------------------------------------------------------


@pytest.mark.parametrize("kind", ["statement", "scale", "item"])
def test_staff_add_an_item_to_the_draft(client, landscape, kind):
    draft = start(landscape)
    before = counts(draft)
    client = _login(client, landscape.staff)
    form = client.get(create_url(kind))
    assert form.status_code == 200
    next_order = max(MODELS[kind].objects.filter(version=draft).values_list("order", flat=True)) + 1
    assert f'value="{next_order}"' in form.content.decode()
    response = client.post(create_url(kind), DATA[kind]())
    assert response.status_code == 302
    added = MODELS[kind].objects.get(version=draft, key=DATA[kind]()["key"])
    assert response["Location"] == f"{INSTRUMENT}#{kind}-{added.pk}"
    assert sum(counts(draft)) == sum(before) + 1
    record = records_of(added).get()
    assert record.action == AuditAction.CREATED
    assert record.actor == landscape.staff
    assert record.changes["key"][1] == added.key
    page = client.get(INSTRUMENT).content.decode()
    assert "er føjet til kladden" in page
    assert edit_url(kind, added) in page
    # The published version is as it was.
    assert counts(version_one()) == before


def test_the_statement_is_saved_as_written(client, landscape):
    draft = start(landscape)
    _login(client, landscape.staff).post(
        create_url("statement"), statement_data(text_da="  Vi deler vores data med de andre parter.  ")
    )
    statement = draft.statements.get(key="shared-calendar")
    assert (statement.criterion, statement.dimension, statement.order) == ("relations", "norms", 30)
    assert statement.text_da == "Vi deler vores data med de andre parter."


@pytest.mark.parametrize("kind", ["statement", "scale", "item"])
def test_staff_change_an_item_of_the_draft(client, landscape, kind):
    draft = start(landscape)
    item = MODELS[kind].objects.filter(version=draft).first()
    client = _login(client, landscape.staff)
    form = client.get(edit_url(kind, item)).content.decode()
    assert item.key in form
    field = TEXT_FIELD[kind]
    data = {**DATA[kind](), "key": item.key, "order": str(item.order)}
    if kind == "item":
        data["kind"] = item.kind
    data[field] = "En ny og bedre formulering."
    response = client.post(edit_url(kind, item), data)
    assert response.status_code == 302
    assert response["Location"] == f"{INSTRUMENT}#{kind}-{item.pk}"
    old = getattr(item, field)
    item.refresh_from_db()
    assert getattr(item, field) == "En ny og bedre formulering."
    change = records_of(item).get(action=AuditAction.CHANGED)
    assert change.actor == landscape.staff
    assert change.changes[field] == [old, "En ny og bedre formulering."]
    # The same item in version 1 is unchanged.
    assert getattr(MODELS[kind].objects.get(version=version_one(), key=item.key), field) == old


@pytest.mark.parametrize("kind", ["statement", "scale", "item"])
def test_staff_remove_an_item_from_the_draft(client, landscape, kind):
    draft = start(landscape)
    item = MODELS[kind].objects.filter(version=draft).first()
    pk = item.pk
    client = _login(client, landscape.staff)
    confirmation = client.get(remove_url(kind, item))
    assert confirmation.status_code == 200
    assert "Ja, fjern det" in confirmation.content.decode()
    assert MODELS[kind].objects.filter(pk=pk).exists()
    response = client.post(remove_url(kind, item))
    assert response.status_code == 302
    assert not MODELS[kind].objects.filter(pk=pk).exists()
    assert records_about(MODELS[kind], pk).get().action == AuditAction.DELETED
    assert MODELS[kind].objects.filter(version=version_one(), key=item.key).exists()
    # Removed: its pages are not found.
    assert client.get(edit_url(kind, item)).status_code == 404
    assert client.post(remove_url(kind, item)).status_code == 404


# --- Bad input -----------------------------------------------------------------------------------------


def _field_error(page: str, field: str) -> str:
    """The error shown next to a field (forms/field.html), unescaped."""
    match = re.search(rf'id="id_{field}-error"><span class="sr-only">[^<]*</span>([^<]*)</span>', page)
    assert match, f"no error next to {field}"
    return html.unescape(match.group(1)).strip()


@pytest.mark.parametrize("kind", ["statement", "scale", "item"])
def test_a_key_already_in_the_draft_is_refused(client, landscape, kind):
    draft = start(landscape)
    taken = MODELS[kind].objects.filter(version=draft).first()
    before = counts(draft)
    records = AuditRecord.objects.count()
    response = _login(client, landscape.staff).post(create_url(kind), DATA[kind](key=taken.key))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nøglen bruges allerede i denne version: vælg en anden." in _field_error(page, "key")
    assert counts(draft) == before
    assert AuditRecord.objects.count() == records


def test_changing_a_key_to_one_in_use_is_refused(client, landscape):
    draft = start(landscape)
    first, second = list(draft.statements.all()[:2])
    records = AuditRecord.objects.count()
    data = statement_data(key=second.key, text_da="Noget helt andet.")
    response = _login(client, landscape.staff).post(edit_url("statement", first), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nøglen bruges allerede i denne version: vælg en anden." in _field_error(page, "key")
    # The page names the key as it is saved, not the one refused.
    assert f"Punktets nøgle er »{first.key}«" in page
    saved = Statement.objects.get(pk=first.pk)
    assert (saved.key, saved.text_da) == (first.key, first.text_da)
    assert AuditRecord.objects.count() == records


@pytest.mark.parametrize(
    ("kind", "overrides", "field", "message"),
    [
        ("statement", {"text_da": ""}, "text_da", "Skriv udsagnet på dansk."),
        ("statement", {"text_da": "   "}, "text_da", "Skriv udsagnet på dansk."),
        ("statement", {"text_en": ""}, "text_en", "Skriv udsagnet på engelsk"),
        ("statement", {"criterion": "nonsense"}, "criterion", "Vælg det succeskriterium, udsagnet hører under."),
        ("statement", {"dimension": ""}, "dimension", "Vælg den dimension af samarbejdet, udsagnet måler."),
        ("statement", {"key": "med mellemrum"}, "key", "Nøglen må kun bestå af"),
        ("statement", {"key": "æbler"}, "key", "Nøglen må kun bestå af"),
        ("statement", {"key": ""}, "key", "Giv punktet en nøgle"),
        ("statement", {"text_da": "x" * 301}, "text_da", "Teksten kan højst have 300 tegn, men har 301."),
        ("statement", {"order": "først"}, "order", "Placeringen skal være et helt tal"),
        ("statement", {"order": "-1"}, "order", "Placeringen kan ikke være negativ."),
        ("statement", {"order": "99999999999999999999"}, "order", "Placeringen kan højst være 32767."),
        ("scale", {"left_da": ""}, "left_da", "Skriv den venstre pol på dansk."),
        ("scale", {"explanation_da": ""}, "explanation_da", "Skriv en kort forklaring af spændingsfeltet på dansk."),
        ("item", {"text_da": ""}, "text_da", "Skriv teksten på dansk."),
        ("item", {"kind": "gift"}, "kind", "Vælg, om punktet er noget, deltagelsen giver"),
    ],
)
def test_bad_input_is_refused_next_to_its_field(client, landscape, kind, overrides, field, message):
    draft = start(landscape)
    before = counts(draft)
    records = AuditRecord.objects.count()
    response = _login(client, landscape.staff).post(create_url(kind), DATA[kind](**overrides))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in _field_error(page, field)
    assert "Der er fejl i formularen" in page
    assert counts(draft) == before
    assert AuditRecord.objects.count() == records


def test_a_change_with_bad_input_saves_nothing(client, landscape):
    draft = start(landscape)
    statement = draft.statements.first()
    records = AuditRecord.objects.count()
    response = _login(client, landscape.staff).post(
        edit_url("statement", statement), statement_data(key=statement.key, text_da="")
    )
    assert response.status_code == 400
    assert "Skriv udsagnet på dansk." in _field_error(response.content.decode(), "text_da")
    assert Statement.objects.get(pk=statement.pk).text_da == statement.text_da
    assert AuditRecord.objects.count() == records


# --- Publishing ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("note", ["", "   "])
def test_publishing_needs_a_note(client, landscape, note):
    draft = start(landscape)
    records = AuditRecord.objects.count()
    response = _login(client, landscape.staff).post(reverse("healthcheck:draft_publish"), {"note": note})
    assert response.status_code == 400
    assert "Skriv kort, hvad der er ændret" in _field_error(response.content.decode(), "note")
    draft.refresh_from_db()
    assert draft.is_draft
    assert selectors.latest_published_version() == version_one()
    assert AuditRecord.objects.count() == records


def test_a_note_too_long_is_refused(client, landscape):
    start(landscape)
    response = _login(client, landscape.staff).post(reverse("healthcheck:draft_publish"), {"note": "x" * 501})
    assert response.status_code == 400
    assert "Teksten kan højst have 500 tegn, men har 501." in _field_error(response.content.decode(), "note")
    assert selectors.latest_published_version() == version_one()


def test_a_draft_without_scales_is_not_published(client, landscape):
    draft = start(landscape)
    for scale in draft.scales.all():
        services.instrument_item_remove(actor=landscape.staff, item=scale)
    response = _login(client, landscape.staff).post(reverse("healthcheck:draft_publish"), {"note": "Færre felter."})
    assert response.status_code == 400
    assert "mindst ét udsagn, ét spændingsfelt og én gevinst eller omkostning" in _field_error(
        response.content.decode(), "note"
    )
    assert selectors.latest_published_version() == version_one()


def test_publishing_makes_the_draft_the_version_new_rounds_use(client, landscape):
    kept = open_round(landscape.coordinator, landscape.public)
    draft = start(landscape)
    client = _login(client, landscape.staff)
    client.post(create_url("statement"), statement_data())
    response = client.post(reverse("healthcheck:draft_publish"), {"note": "Et nyt udsagn om relationer."})
    assert response.status_code == 302
    assert response["Location"] == INSTRUMENT
    assert selectors.latest_published_version() == draft
    assert selectors.draft_version() is None
    draft.refresh_from_db()
    assert draft.published_by == landscape.staff
    assert draft.note == "Et nyt udsagn om relationer."
    record = records_of(draft).get(action=AuditAction.CHANGED)
    assert record.actor == landscape.staff
    assert record.changes["note"][1] == "Et nyt udsagn om relationer."
    # Open rounds keep their version; a round opened now uses the new one.
    kept.refresh_from_db()
    assert kept.version == version_one()
    assert open_round(landscape.coordinator, landscape.internal).version == draft
    page = client.get(INSTRUMENT).content.decode()
    assert "Version 2 er udgivet" in page
    assert "Gældende version: version 2" in page
    assert "Et nyt udsagn om relationer." in page
    assert "Begynd en ny version" in page
    detail = client.get(reverse("healthcheck:version", args=[2])).content.decode()
    assert "Et nyt udsagn om relationer." in detail
    assert landscape.staff.get_full_name() in detail


# --- A published version does not change ---------------------------------------------------------------


@pytest.mark.parametrize("kind", ["statement", "scale", "item"])
def test_an_item_of_a_published_version_is_refused(client, landscape, kind):
    start(landscape)  # a draft exists, but the item is version 1's
    item = MODELS[kind].objects.filter(version=version_one()).first()
    field = TEXT_FIELD[kind]
    records = AuditRecord.objects.count()
    client = _login(client, landscape.staff)
    for response in (
        client.get(edit_url(kind, item)),
        client.post(edit_url(kind, item), {**DATA[kind](), "key": item.key, field: "Ændret"}),
        client.get(remove_url(kind, item)),
        client.post(remove_url(kind, item)),
    ):
        assert response.status_code == 403
        assert "Version 1 er udgivet" in response.content.decode()
    saved = MODELS[kind].objects.get(pk=item.pk)
    assert getattr(saved, field) == getattr(item, field)
    assert AuditRecord.objects.count() == records


def test_the_services_refuse_a_published_version(landscape):
    statement = version_one().statements.first()
    values = {name: getattr(statement, name) for name in ("key", "criterion", "dimension", "text_da", "text_en", "order")}
    with pytest.raises(ValidationError, match="En udgivet version kan ikke ændres"):
        services.instrument_item_save(
            actor=landscape.staff, version=version_one(), kind="statement", item=statement, values=values
        )
    with pytest.raises(ValidationError):
        services.instrument_item_remove(actor=landscape.staff, item=statement)
    with pytest.raises(ValidationError):
        services.draft_publish(actor=landscape.staff, version=version_one(), note="Igen")


def test_the_version_page_is_read_only(client, landscape):
    draft = start(landscape)
    client = _login(client, landscape.staff)
    page = _main(client.get(reverse("healthcheck:version", args=[1])).content.decode())
    assert version_one().statements.first().text_da in page
    assert "/kladde/" not in page
    assert "<form" not in page
    draft_page = client.get(reverse("healthcheck:version", args=[draft.number])).content.decode()
    assert "Dette er kladden" in draft_page
    assert edit_url("statement", draft.statements.first()) not in draft_page


# --- Discarding -----------------------------------------------------------------------------------------


def test_discarding_asks_first_and_then_deletes_the_draft(client, landscape):
    draft = start(landscape)
    pk, number = draft.pk, draft.number
    statement_pk = draft.statements.first().pk
    client = _login(client, landscape.staff)
    confirmation = client.get(reverse("healthcheck:draft_discard"))
    assert confirmation.status_code == 200
    page = confirmation.content.decode()
    assert "Kassér kladden til version 2?" in page
    assert "Ja, kassér kladden" in page
    assert selectors.draft_version() == draft
    response = client.post(reverse("healthcheck:draft_discard"), follow=True)
    assert response.status_code == 200
    assert "Kladden til version 2 er kasseret." in response.content.decode()
    assert not InstrumentVersion.objects.filter(pk=pk).exists()
    assert not Statement.objects.filter(pk=statement_pk).exists()
    assert selectors.latest_published_version() == version_one()
    record = records_about(InstrumentVersion, pk).get(action=AuditAction.DELETED)
    assert record.actor == landscape.staff
    assert record.changes["number"][0] == str(number)
    assert counts(version_one()) != (0, 0, 0)


# --- Queries ------------------------------------------------------------------------------------------------

# The session and the user, the versions, the rounds using them, and a version's three kinds
# of item: the published version's, and the draft's when there is one. Never per item.
PAGE_QUERIES = 7
DRAFT_QUERIES = PAGE_QUERIES + 3


def _add_statements(landscape, draft, count: int) -> None:
    for number in range(count):
        services.instrument_item_save(
            actor=landscape.staff,
            version=draft,
            kind="statement",
            values={**statement_data(key=f"extra-{number}", order=100 + number), "text_da": f"Ekstra udsagn {number}."},
        )


def test_the_page_reads_in_a_fixed_number_of_queries(client, landscape, django_assert_max_num_queries):
    client = _login(client, landscape.staff)
    open_round(landscape.coordinator, landscape.public)
    with django_assert_max_num_queries(PAGE_QUERIES):
        assert client.get(INSTRUMENT).status_code == 200
    draft = start(landscape)
    with django_assert_max_num_queries(DRAFT_QUERIES):
        assert client.get(INSTRUMENT).status_code == 200
    _add_statements(landscape, draft, 40)
    services.instrument_item_save(
        actor=landscape.staff, version=draft, kind="scale", values={**scale_data(), "order": 50}
    )
    with django_assert_max_num_queries(DRAFT_QUERIES):
        page = client.get(INSTRUMENT)
    assert page.status_code == 200
    assert "Ekstra udsagn 39." in page.content.decode()
    assert len(selectors.version_items(draft)["statements"]) == version_one().statements.count() + 40


@pytest.mark.parametrize("extra", [0, 40])
def test_a_version_page_reads_in_a_fixed_number_of_queries(client, landscape, extra, django_assert_max_num_queries):
    draft = start(landscape)
    _add_statements(landscape, draft, extra)
    client = _login(client, landscape.staff)
    for number in (1, draft.number):
        with django_assert_max_num_queries(PAGE_QUERIES):
            assert client.get(reverse("healthcheck:version", args=[number])).status_code == 200
