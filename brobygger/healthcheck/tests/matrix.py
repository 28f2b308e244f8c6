"""The health check's part of the permission matrix (registered in apps.py).

The results and the register of dilemmas name each party's answer: the alliance's members
and staff read them; for everyone else they do not exist (404), on the public alliance too.
Coordinators and staff open rounds, move their deadline and keep the register; the other
members are refused with the reason (403). A party answers through its own representatives:
the partner (for Mejeriet A/S) and the coordinator (for Lejre Kommune, the lead, whose
membership is on its behalf); the observer (no party) and staff answer for nobody (403). The
instrument's pages under /personale/ are staff's alone: for everyone else they are not there
(404); starting and publishing a draft are POSTs only (405 on GET).

`extend_world` gives each alliance an open round 1 and a dilemma on a tension scale of the
published version, and begins a draft of the instrument (a copy of the published version,
with its statements, scales and benefits and costs): the items the draft's pages are asked
about. A draft changes nothing for rounds: they use the newest *published* version.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from brobygger.alliances.tests.matrix import MEMBERS, ON_ALLIANCES, World, alliance_url
from brobygger.healthcheck import selectors, services
from brobygger.healthcheck.models import (
    Dilemma,
    InstrumentVersion,
    ParticipationItem,
    Response,
    Round,
    Statement,
    TensionScale,
)
from brobygger.healthcheck.taxonomy import CollaborationDimension, Criterion, ItemKind
from brobygger.testing.matrix import (
    ANONYMOUS,
    DONE,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    VISIBILITIES,
    Expect,
    PostRoute,
    Route,
    forbidden,
    staff_only_page,
)

from .matrix_api import API_GET_ROUTES, API_POST_ROUTES, extend_world_api

READERS = MEMBERS | {"staff"}
MANAGERS = {"coordinator", "staff"}
# The members who speak for a party: the partner (Mejeriet A/S), the coordinator (Lejre Kommune).
REPRESENTATIVES = {"partner", "coordinator"}

ROUNDS_DENIED = "Kun alliancens koordinatorer kan åbne en runde og ændre dens frist."
ANSWER_DENIED = "Kun partens egne repræsentanter kan svare for parten i sundhedstjekket."
DILEMMAS_DENIED = "Kun alliancens koordinatorer kan skrive i registret over dilemmaer."

# The draft's items are asked about by kind (the URL's <kind>): each kind is a subject.
ITEM_KINDS = ("statement", "scale", "item")
ITEM_MODELS = {"statement": Statement, "scale": TensionScale, "item": ParticipationItem}
# Where the instrument page shows each kind of the draft's items (instrument_views.KINDS).
ITEM_ANCHORS = {
    "statement": "kladde-udsagn",
    "scale": "kladde-spaendingsfelter",
    "item": "kladde-gevinster",
}


# --- Expectations ------------------------------------------------------------------------------


def read_health(kind: str, visibility: str) -> Expect:
    """Results, a round's results and the register of dilemmas: members and staff."""
    if kind == ANONYMOUS:
        return LOGIN
    return OK if kind in READERS else NOT_FOUND


def _members_page(allowed_kinds: set[str], denied: str, allowed: Expect) -> Expect:
    def expect(kind: str, visibility: str) -> Expect:
        if kind == ANONYMOUS:
            return LOGIN
        if kind not in READERS:
            return NOT_FOUND
        return allowed if kind in allowed_kinds else forbidden(denied)

    return expect


def manage_rounds(allowed: Expect = OK):
    return _members_page(MANAGERS, ROUNDS_DENIED, allowed)


def answer_for_party(allowed: Expect = OK):
    return _members_page(REPRESENTATIVES, ANSWER_DENIED, allowed)


def keep_dilemmas(allowed: Expect = OK):
    return _members_page(MANAGERS, DILEMMAS_DENIED, allowed)


def staff_only(allowed: Expect):
    """A write under /personale/: staff do it; for everyone else it is not there."""

    def expect(kind: str, subject: str) -> Expect:
        if kind == ANONYMOUS:
            return LOGIN
        return allowed if kind == "staff" else NOT_FOUND

    return expect


def post_only(kind: str, subject: str) -> Expect:
    return LOGIN if kind == ANONYMOUS else NOT_ALLOWED


# --- The world -----------------------------------------------------------------------------------


def extend_world(world: World) -> None:
    landscape = world.landscape
    today = timezone.localdate()
    scale = selectors.current_scales()[0]
    rounds, dilemmas = {}, {}
    for visibility in VISIBILITIES:
        alliance = world.alliance(visibility)
        rounds[visibility] = services.round_open(
            actor=landscape.coordinator,
            alliance=alliance,
            last_day=today + datetime.timedelta(days=14),
            base_url="http://testserver",
        )
        dilemmas[visibility] = services.dilemma_create(
            actor=landscape.coordinator,
            alliance=alliance,
            scale=scale,
            met_on=today - datetime.timedelta(days=7),
            situation="Kommunen ville vente på byrådet, virksomheden ville i gang med det samme.",
            stance="Vi ventede på byrådet.",
            reason="Uden byrådets opbakning holder aftalen ikke.",
        )
    # Begun after the rounds opened; it would change nothing for them anyway (unpublished).
    draft = services.draft_start(actor=landscape.staff)
    world.extras["healthcheck"] = {
        "rounds": rounds,
        "dilemmas": dilemmas,
        "scale": scale,
        "published": selectors.latest_published_version(),
        "draft": draft,
        "items": {
            kind: model.objects.filter(version=draft).first() for kind, model in ITEM_MODELS.items()
        },
    }
    extend_world_api(world)


def _extras(world: World) -> dict:
    return world.extras["healthcheck"]


# --- Addresses and the state a write changes -------------------------------------------------------


def _round(world: World, visibility: str) -> Round:
    return _extras(world)["rounds"][visibility]


def _round_number(world: World, visibility: str) -> int:
    return _round(world, visibility).number


def _dilemma_id(world: World, visibility: str) -> int:
    return _extras(world)["dilemmas"][visibility].pk


def _round_page(world: World, visibility: str) -> str:
    return reverse(
        "healthcheck:round",
        kwargs={
            "slug": world.alliance(visibility).slug,
            "number": _round_number(world, visibility),
        },
    )


def _newest_round_page(world: World, visibility: str) -> str:
    alliance = world.alliance(visibility)
    newest = Round.objects.filter(alliance=alliance).order_by("-number").first()
    return reverse("healthcheck:round", kwargs={"slug": alliance.slug, "number": newest.number})


def _round_numbers(world: World, visibility: str) -> list[int]:
    return sorted(
        Round.objects.filter(alliance=world.alliance(visibility)).values_list("number", flat=True)
    )


def _open_after_closing_the_round(world: World, visibility: str) -> str:
    """round_open's POST address. One open round at a time (a second answers 400), so the
    world's round 1 is closed first: once per alliance, before the attempts (each rolled back),
    so the coordinator and staff open round 2."""
    Round.objects.filter(pk=_round(world, visibility).pk).update(closes_at=timezone.now())
    return alliance_url("healthcheck:round_open")(world, visibility)


def _closes_at(world: World, visibility: str):
    return (
        Round.objects.filter(pk=_round(world, visibility).pk)
        .values_list("closes_at", flat=True)
        .get()
    )


def _answer_data(world: World, visibility: str) -> dict:
    """A whole answer to the round's questions."""
    version = _round(world, visibility).version_id
    data = {}
    for statement in Statement.objects.filter(version_id=version):
        data[f"statement_{statement.pk}"] = "4"
    for scale in TensionScale.objects.filter(version_id=version):
        data[f"tension_{scale.pk}"] = 50
        data[f"tension_{scale.pk}_comment"] = ""
    for item in ParticipationItem.objects.filter(version_id=version):
        data[f"item_{item.pk}"] = "3"
    data.update({"answer": "delvist", "comment": "En sætning."})
    return data


def _responses(world: World, visibility: str):
    return sorted(
        Response.objects.filter(round=_round(world, visibility)).values_list(
            "party_id", "updated_at"
        )
    )


def _register_page(world: World, visibility: str) -> str:
    return reverse("healthcheck:dilemmas", kwargs={"slug": world.alliance(visibility).slug})


def _dilemma_data(world: World, visibility: str) -> dict:
    return {
        "scale": _extras(world)["scale"].pk,
        "met_on": (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
        "situation": "Virksomheden ville fortælle om alliancen, kommunen ville vente.",
        "stance": "Vi fortalte om den.",
        "reason": "Åbenhed skaber tillid.",
        "review_on": "",
    }


def _dilemmas(world: World, visibility: str):
    return sorted(
        Dilemma.objects.filter(alliance=world.alliance(visibility)).values_list(
            "pk", "situation", "stance"
        )
    )


def _newest_dilemma_in_register(world: World, visibility: str) -> str:
    newest = Dilemma.objects.filter(alliance=world.alliance(visibility)).order_by("-pk").first()
    return f"{_register_page(world, visibility)}#dilemma-{newest.pk}"


def _dilemma_in_register(world: World, visibility: str) -> str:
    return f"{_register_page(world, visibility)}#dilemma-{_dilemma_id(world, visibility)}"


# The instrument.


def _instrument(anchor: str = "") -> str:
    address = reverse("healthcheck:instrument")
    return f"{address}#{anchor}" if anchor else address


def _item(world: World, kind: str):
    return _extras(world)["items"][kind]


def _item_url(name: str):
    return lambda world, kind: reverse(
        name, kwargs={"kind": kind, "item_id": _item(world, kind).pk}
    )


def _versions(world: World, subject: str):
    return sorted(InstrumentVersion.objects.values_list("pk", "published_at", "note"))


def _start_after_discarding_the_draft(world: World, subject: str) -> str:
    """draft_start's POST address. With a draft begun, starting one changes nothing (staff go
    on in it), so the world's draft is discarded first: once, before the attempts."""
    services.draft_discard(actor=world.landscape.staff, version=_extras(world)["draft"])
    return reverse("healthcheck:draft_start")


NEW_ITEMS = {
    "statement": {
        "key": "ny-matrix",
        "criterion": Criterion.RESULTS_HOME,
        "dimension": CollaborationDimension.GOVERNANCE,
        "text_da": "Vi deler det, vi lærer.",
        "text_en": "We share what we learn.",
        "order": 99,
    },
    "scale": {
        "key": "ny-matrix",
        "left_da": "Fart",
        "left_en": "Speed",
        "right_da": "Forankring",
        "right_en": "Anchoring",
        "explanation_da": "Begge dele er godt.",
        "explanation_en": "Both are good.",
        "order": 99,
    },
    "item": {
        "key": "ny-matrix",
        "kind": ItemKind.BENEFIT,
        "text_da": "Nye kolleger.",
        "text_en": "New colleagues.",
        "order": 99,
    },
}
# The field each kind's edit changes.
EDITED = {"statement": "text_da", "scale": "explanation_da", "item": "text_da"}


def _draft_items(world: World, kind: str):
    return sorted(
        ITEM_MODELS[kind]
        .objects.filter(version=_extras(world)["draft"])
        .values_list("pk", "key", EDITED[kind])
    )


def _new_item_in_instrument(world: World, kind: str) -> str:
    item = ITEM_MODELS[kind].objects.get(version=_extras(world)["draft"], key="ny-matrix")
    return _instrument(f"{kind}-{item.pk}")


def _edit_data(world: World, kind: str) -> dict:
    item = _item(world, kind)
    data = {name: getattr(item, name) for name in NEW_ITEMS[kind]}
    data[EDITED[kind]] = "Rettet i matrixen."
    return data


GET_ROUTES: dict[str, Route] = {
    # --- an alliance's health check
    "healthcheck:results": Route(alliance_url("healthcheck:results"), read_health, ON_ALLIANCES),
    "healthcheck:round": Route(
        alliance_url("healthcheck:round", number=_round_number), read_health, ON_ALLIANCES
    ),
    "healthcheck:round_open": Route(
        alliance_url("healthcheck:round_open"), manage_rounds(), ON_ALLIANCES
    ),
    "healthcheck:round_deadline": Route(
        alliance_url("healthcheck:round_deadline", number=_round_number),
        manage_rounds(),
        ON_ALLIANCES,
    ),
    "healthcheck:answer": Route(
        alliance_url("healthcheck:answer", number=_round_number), answer_for_party(), ON_ALLIANCES
    ),
    # --- the register of dilemmas
    "healthcheck:dilemmas": Route(alliance_url("healthcheck:dilemmas"), read_health, ON_ALLIANCES),
    "healthcheck:dilemma_create": Route(
        alliance_url("healthcheck:dilemma_create"), keep_dilemmas(), ON_ALLIANCES
    ),
    "healthcheck:dilemma_edit": Route(
        alliance_url("healthcheck:dilemma_edit", dilemma_id=_dilemma_id),
        keep_dilemmas(),
        ON_ALLIANCES,
    ),
    "healthcheck:dilemma_delete": Route(
        alliance_url("healthcheck:dilemma_delete", dilemma_id=_dilemma_id),
        keep_dilemmas(),
        ON_ALLIANCES,
    ),
    # --- the instrument: staff's alone
    "healthcheck:instrument": Route(lambda world, subject: _instrument(), staff_only_page),
    "healthcheck:version": Route(
        lambda world, subject: reverse(
            "healthcheck:version", kwargs={"number": _extras(world)["published"].number}
        ),
        staff_only_page,
    ),
    "healthcheck:draft_start": Route(
        lambda world, subject: reverse("healthcheck:draft_start"), post_only
    ),
    "healthcheck:draft_publish": Route(
        lambda world, subject: reverse("healthcheck:draft_publish"), post_only
    ),
    # A GET asks whether to discard the draft; the POST discards it.
    "healthcheck:draft_discard": Route(
        lambda world, subject: reverse("healthcheck:draft_discard"), staff_only_page
    ),
    "healthcheck:item_create": Route(
        lambda world, kind: reverse("healthcheck:item_create", kwargs={"kind": kind}),
        staff_only_page,
        ITEM_KINDS,
    ),
    "healthcheck:item_edit": Route(_item_url("healthcheck:item_edit"), staff_only_page, ITEM_KINDS),
    "healthcheck:item_remove": Route(
        _item_url("healthcheck:item_remove"), staff_only_page, ITEM_KINDS
    ),
    **API_GET_ROUTES,
}


POST_ROUTES: dict[str, PostRoute] = {
    "healthcheck:round_open": PostRoute(
        _open_after_closing_the_round,
        lambda world, visibility: {
            "last_day": (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
        },
        manage_rounds(DONE),
        _round_numbers,
        _newest_round_page,
        ON_ALLIANCES,
    ),
    "healthcheck:round_deadline": PostRoute(
        alliance_url("healthcheck:round_deadline", number=_round_number),
        lambda world, visibility: {
            "last_day": (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
        },
        manage_rounds(DONE),
        _closes_at,
        _round_page,
        ON_ALLIANCES,
    ),
    "healthcheck:answer": PostRoute(
        alliance_url("healthcheck:answer", number=_round_number),
        _answer_data,
        answer_for_party(DONE),
        _responses,
        _round_page,
        ON_ALLIANCES,
    ),
    "healthcheck:dilemma_create": PostRoute(
        alliance_url("healthcheck:dilemma_create"),
        _dilemma_data,
        keep_dilemmas(DONE),
        _dilemmas,
        _newest_dilemma_in_register,
        ON_ALLIANCES,
    ),
    "healthcheck:dilemma_edit": PostRoute(
        alliance_url("healthcheck:dilemma_edit", dilemma_id=_dilemma_id),
        _dilemma_data,
        keep_dilemmas(DONE),
        _dilemmas,
        _dilemma_in_register,
        ON_ALLIANCES,
    ),
    "healthcheck:dilemma_delete": PostRoute(
        alliance_url("healthcheck:dilemma_delete", dilemma_id=_dilemma_id),
        lambda world, visibility: {},
        keep_dilemmas(DONE),
        _dilemmas,
        _register_page,
        ON_ALLIANCES,
    ),
    # --- the instrument
    "healthcheck:draft_start": PostRoute(
        _start_after_discarding_the_draft,
        lambda world, subject: {},
        staff_only(DONE),
        _versions,
        lambda world, subject: _instrument("kladde"),
    ),
    "healthcheck:draft_publish": PostRoute(
        lambda world, subject: reverse("healthcheck:draft_publish"),
        lambda world, subject: {"note": "Samme spørgsmål, prøvet i matrixen."},
        staff_only(DONE),
        _versions,
        lambda world, subject: _instrument(),
    ),
    "healthcheck:draft_discard": PostRoute(
        lambda world, subject: reverse("healthcheck:draft_discard"),
        lambda world, subject: {},
        staff_only(DONE),
        _versions,
        lambda world, subject: _instrument(),
    ),
    "healthcheck:item_create": PostRoute(
        lambda world, kind: reverse("healthcheck:item_create", kwargs={"kind": kind}),
        lambda world, kind: NEW_ITEMS[kind],
        staff_only(DONE),
        _draft_items,
        _new_item_in_instrument,
        ITEM_KINDS,
    ),
    "healthcheck:item_edit": PostRoute(
        _item_url("healthcheck:item_edit"),
        _edit_data,
        staff_only(DONE),
        _draft_items,
        lambda world, kind: _instrument(f"{kind}-{_item(world, kind).pk}"),
        ITEM_KINDS,
    ),
    "healthcheck:item_remove": PostRoute(
        _item_url("healthcheck:item_remove"),
        lambda world, kind: {},
        staff_only(DONE),
        _draft_items,
        lambda world, kind: _instrument(ITEM_ANCHORS[kind]),
        ITEM_KINDS,
    ),
    **API_POST_ROUTES,
}
