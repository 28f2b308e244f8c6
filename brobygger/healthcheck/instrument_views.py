"""Staff edit the health check's instrument: the versions and what each holds, the one draft
with its statements, tension scales and benefits and costs, publishing it and discarding it.

Every page is staff's only: anyone else logged in gets a 404 (the pages are not there for
them), a visitor goes to the login page. An item of a published version is refused with the
reason; an unknown or removed item is not found."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from brobygger.alliances.access import not_found
from brobygger.core.shortcuts import render_form

from . import selectors, services
from .instrument_forms import (
    InstrumentItemForm,
    ParticipationItemForm,
    PublishForm,
    ScaleForm,
    StatementForm,
)
from .models import InstrumentVersion, ParticipationItem, Statement, TensionScale
from .rules import EDIT_INSTRUMENT
from .taxonomy import Criterion, ItemKind


@dataclass(frozen=True)
class Kind:
    """One kind of item as the pages name it: `key` is the URL's and the services' `kind`."""

    key: str
    model: type
    form: type[InstrumentItemForm]
    # The key of the item group in selectors.version_items().
    group: str
    anchor: str
    create_title: Promise
    edit_title: Promise
    remove_title: Promise
    added: Promise
    saved: Promise
    removed: Promise


KINDS = {
    kind.key: kind
    for kind in (
        Kind(
            key="statement",
            model=Statement,
            form=StatementForm,
            group="statements",
            anchor="kladde-udsagn",
            create_title=gettext_lazy("Nyt udsagn"),
            edit_title=gettext_lazy("Redigér udsagnet"),
            remove_title=gettext_lazy("Fjern udsagnet fra kladden?"),
            added=gettext_lazy("Udsagnet »%(key)s« er føjet til kladden."),
            saved=gettext_lazy("Udsagnet »%(key)s« er gemt i kladden."),
            removed=gettext_lazy("Udsagnet »%(key)s« er fjernet fra kladden."),
        ),
        Kind(
            key="scale",
            model=TensionScale,
            form=ScaleForm,
            group="scales",
            anchor="kladde-spaendingsfelter",
            create_title=gettext_lazy("Nyt spændingsfelt"),
            edit_title=gettext_lazy("Redigér spændingsfeltet"),
            remove_title=gettext_lazy("Fjern spændingsfeltet fra kladden?"),
            added=gettext_lazy("Spændingsfeltet »%(key)s« er føjet til kladden."),
            saved=gettext_lazy("Spændingsfeltet »%(key)s« er gemt i kladden."),
            removed=gettext_lazy("Spændingsfeltet »%(key)s« er fjernet fra kladden."),
        ),
        Kind(
            key="item",
            model=ParticipationItem,
            form=ParticipationItemForm,
            group="items",
            anchor="kladde-gevinster",
            create_title=gettext_lazy("Ny gevinst eller omkostning"),
            edit_title=gettext_lazy("Redigér gevinsten eller omkostningen"),
            remove_title=gettext_lazy("Fjern punktet fra kladden?"),
            added=gettext_lazy("Punktet »%(key)s« er føjet til kladden."),
            saved=gettext_lazy("Punktet »%(key)s« er gemt i kladden."),
            removed=gettext_lazy("Punktet »%(key)s« er fjernet fra kladden."),
        ),
    )
}


@dataclass
class Contents:
    """What one version holds, as the pages show it."""

    version: InstrumentVersion
    # [(criterion label, [statements])] in the criteria's fixed order; empty criteria left out.
    criteria: list = field(default_factory=list)
    statement_count: int = 0
    scales: list = field(default_factory=list)
    benefits: list = field(default_factory=list)
    costs: list = field(default_factory=list)

    @property
    def participation(self) -> list:
        """[(label, items)]: what taking part gives, then what it costs."""
        return [(ItemKind.BENEFIT.label, self.benefits), (ItemKind.COST.label, self.costs)]


def _contents(version: InstrumentVersion | None) -> Contents | None:
    """Three queries, however much the version holds (selectors.version_items)."""
    if version is None:
        return None
    items = selectors.version_items(version)
    by_criterion: dict[str, list] = {}
    for statement in items["statements"]:
        by_criterion.setdefault(statement.criterion, []).append(statement)
    return Contents(
        version=version,
        criteria=[(label, by_criterion[key]) for key, label in Criterion.choices if key in by_criterion],
        statement_count=len(items["statements"]),
        scales=items["scales"],
        benefits=[item for item in items["items"] if item.kind == ItemKind.BENEFIT],
        costs=[item for item in items["items"] if item.kind == ItemKind.COST],
    )


def _versions() -> list[InstrumentVersion]:
    """Every version, newest first, each with `rounds_count`: how many rounds use it."""
    return selectors.versions()


def _staff_only(request: HttpRequest) -> None:
    """Anyone but active staff: the page is not there."""
    if not request.user.has_perm(EDIT_INSTRUMENT):
        raise not_found()


def _kind(kind: str) -> Kind:
    if kind not in KINDS:
        raise not_found()
    return KINDS[kind]


def _draft() -> InstrumentVersion:
    draft = selectors.draft_version()
    if draft is None:
        raise not_found()
    return draft


def _draft_item(kind: Kind, item_id: int):
    """An item of the draft. Unknown (or removed): not found. An item of a published version:
    refused with the reason, since a published version never changes."""
    item = kind.model.objects.select_related("version").filter(pk=item_id).first()
    if item is None:
        raise not_found()
    if not item.version.is_draft:
        raise PermissionDenied(
            _("Version %(number)s er udgivet, og det, den indeholder, ligger fast. Begynd en ny version for at ændre det.")
            % {"number": item.version.number}
        )
    return item


def _instrument_url(anchor: str = "") -> str:
    url = reverse("healthcheck:instrument")
    return f"{url}#{anchor}" if anchor else url


def _instrument_page(request: HttpRequest, *, publish_form: PublishForm | None = None) -> HttpResponse:
    versions = _versions()
    draft = next((version for version in versions if version.is_draft), None)
    published = next((version for version in versions if not version.is_draft), None)
    return render_form(
        request,
        "healthcheck/instrument.html",
        {
            "versions": versions,
            "draft": _contents(draft),
            "published": _contents(published),
            "publish_form": publish_form or PublishForm(),
            "kinds": KINDS,
        },
        publish_form,
    )


# --- The pages ------------------------------------------------------------------------------


@login_required
@require_safe
def instrument(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    return _instrument_page(request)


@login_required
@require_safe
def version_detail(request: HttpRequest, number: int) -> HttpResponse:
    _staff_only(request)
    version = next((version for version in _versions() if version.number == number), None)
    if version is None:
        raise not_found()
    return render(request, "healthcheck/instrument_version.html", {"contents": _contents(version)})


@login_required
@require_POST
def draft_start(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    existing = selectors.draft_version()
    try:
        draft = services.draft_start(actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_instrument_url())
    if existing is not None:
        messages.info(request, _("Der er allerede en kladde: version %(number)s. Ret videre i den.") % {"number": draft.number})
    else:
        messages.success(
            request,
            _("Version %(number)s er begyndt som en kopi af den gældende version. Ret den til, og udgiv den, når den er klar.")
            % {"number": draft.number},
        )
    return redirect(_instrument_url("kladde"))


@login_required
@require_POST
def draft_publish(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    draft = _draft()
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            services.draft_publish(actor=request.user, version=draft, note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("Version %(number)s er udgivet. Runder, der åbner fra nu af, bruger den; åbne runder beholder deres version.")
                % {"number": draft.number},
            )
            return redirect(_instrument_url())
    return _instrument_page(request, publish_form=form)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def draft_discard(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    draft = _draft()
    if request.method == "POST":
        try:
            services.draft_discard(actor=request.user, version=draft)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Kladden til version %(number)s er kasseret.") % {"number": draft.number})
        return redirect(_instrument_url())
    return render(
        request, "healthcheck/instrument_discard.html", {"contents": _contents(draft), "cancel_url": _instrument_url("kladde")}
    )


def _item_page(request, kind: Kind, form, *, draft: InstrumentVersion, item=None, item_key="") -> HttpResponse:
    return render_form(
        request,
        "healthcheck/instrument_item_form.html",
        {
            "kind": kind,
            "form": form,
            "item": item,
            # The key as saved: a refused change may have left another on `item`.
            "item_key": item_key,
            "draft": draft,
            "title": kind.edit_title if item else kind.create_title,
            "cancel_url": _instrument_url(kind.anchor),
        },
        form,
    )


def _next_order(kind: Kind, draft: InstrumentVersion) -> int:
    """A new item goes last among its kind."""
    orders = [item.order for item in selectors.version_items(draft)[kind.group]]
    return max(orders, default=0) + 1


def _saved(request, kind: Kind, item, message) -> HttpResponse:
    messages.success(request, message % {"key": item.key})
    return redirect(_instrument_url(f"{kind.key}-{item.pk}"))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def item_create(request: HttpRequest, kind: str) -> HttpResponse:
    _staff_only(request)
    kind = _kind(kind)
    draft = _draft()
    if request.method == "POST":
        form = kind.form(request.POST)
        if form.is_valid():
            try:
                item = services.instrument_item_save(
                    actor=request.user, version=draft, kind=kind.key, values=form.values()
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                return _saved(request, kind, item, kind.added)
    else:
        form = kind.form(initial={"order": _next_order(kind, draft)})
    return _item_page(request, kind, form, draft=draft)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def item_edit(request: HttpRequest, kind: str, item_id: int) -> HttpResponse:
    _staff_only(request)
    kind = _kind(kind)
    item = _draft_item(kind, item_id)
    saved_key = item.key
    initial = {name: getattr(item, name) for name in kind.form.fields_of_kind}
    form = kind.form(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.instrument_item_save(
                actor=request.user, version=item.version, kind=kind.key, item=item, values=form.values()
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _saved(request, kind, item, kind.saved)
    return _item_page(request, kind, form, draft=item.version, item=item, item_key=saved_key)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def item_remove(request: HttpRequest, kind: str, item_id: int) -> HttpResponse:
    _staff_only(request)
    kind = _kind(kind)
    item = _draft_item(kind, item_id)
    if request.method == "POST":
        try:
            services.instrument_item_remove(actor=request.user, item=item)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, kind.removed % {"key": item.key})
        return redirect(_instrument_url(kind.anchor))
    return render(
        request,
        "healthcheck/instrument_item_remove.html",
        {"kind": kind, "item": item, "draft": item.version, "cancel_url": _instrument_url(kind.anchor)},
    )
