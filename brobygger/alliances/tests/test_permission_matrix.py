"""The permission matrix: every URL pattern of the project, asked by every kind of user,
about an alliance of every visibility, answers as the "Who may do what" table in
DOMAIN.md says.

- what a user may not *see* answers 404, and the body never names the alliance;
- what a user sees but may not *change* answers 403 with a Danish explanation;
- a page that needs login sends an anonymous visitor to /konto/login/?next=…;
- what a user may do answers 200 (or redirects where the page is a redirect).

`GET_ROUTES` holds one expectation per URL pattern, keyed by the URL's name (an unnamed
pattern by its route). A new URL pattern without an entry here makes
`test_every_url_pattern_has_an_expectation` fail: decide who may use it, then add it.
Write endpoints are also exercised with POST and valid data (`POST_ROUTES`): only the
allowed users change anything in the database.

The value ledger's entry pages are asked about a public and a private entry in each alliance
(subjects such as "internal:priv"): a private entry is 404 for everyone outside the alliance.
"""

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from brobygger.agreements import services as agreement_services
from brobygger.agreements.models import PartVersion, TermsVersion
from brobygger.alliances import services
from brobygger.alliances.models import (
    Affiliation,
    Alliance,
    Invitation,
    MemberRole,
    Membership,
    MunicipalityRegion,
    Organisation,
    OrganisationDomain,
    Party,
    Phase,
    PhaseChange,
)
from brobygger.alliances.tokens import affiliation_link_token
from brobygger.ledger import services as ledger_services
from brobygger.ledger.models import Contribution, LedgerChange, Result, ValueGoal
from conftest import make_user

# --- Who is who --------------------------------------------------------------------------

ANONYMOUS = "anonymous"
KINDS = (
    ANONYMOUS,
    "outsider",  # logged in, Roskilde Kommune, in no alliance
    "company_outsider",  # logged in, a company that is in no alliance
    "public_employee",  # Lejre Kommune employee, no membership; Lejre is a party of all three
    "observer",  # member (observatør) of all three
    "partner",  # member (partner-repræsentant for Mejeriet A/S) of all three
    "coordinator",  # koordinator of all three
    "staff",
)
VISIBILITIES = ("public", "internal", "private")

# Who *sees* an alliance of each visibility in the landscape (DOMAIN.md: public; members;
# internal and the user's public-sector organisation is a party; staff).
MEMBERS = {"observer", "partner", "coordinator"}
SEES = {
    "public": set(KINDS),
    "internal": MEMBERS | {"public_employee", "staff"},
    "private": MEMBERS | {"staff"},
}
MANAGERS = {"coordinator", "staff"}

# The organisation each kind of user works for (key into World.organisations).
ORGANISATION_OF = {
    ANONYMOUS: None,
    "outsider": "roskilde",
    "company_outsider": "other_company",
    "public_employee": "lejre",
    "observer": "lejre",
    "partner": "company",
    "coordinator": "lejre",
    "staff": None,
}
ORGANISATIONS = ("lejre", "roskilde", "company", "other_company", "association")

# The Danish explanations a 403 must carry.
MANAGE_DENIED = "Kun alliancens koordinatorer kan ændre den."
PARTY_DENIED = (
    "Kun partens egne repræsentanter og alliancens koordinatorer kan ændre partens oplysninger."
)
ORGANISATION_DENIED = "Kun organisationens egne, bekræftede medarbejdere kan ændre dens oplysninger."
DOMAINS_DENIED = "Kun Brobyggers personale kan registrere og fjerne en organisations domæner."
GENERIC_DENIED = "Din konto har ikke lov til at gøre dette."
LEDGER_DENIED = (
    "Kun partens egne repræsentanter og alliancens koordinatorer kan ændre partens værdiregnskab."
)
TERMS_DENIED = "Kun alliancens koordinatorer kan ændre de fælles vilkår."
AGREEMENT_PART_DENIED = (
    "Kun partens egne repræsentanter og alliancens koordinatorer kan ændre partens del af aftalen."
)
SIGN_DENIED = "Kun partens egne repræsentanter kan underskrive partens del af aftalen."

# The value ledger: members and staff read entries that are not public; the company's
# partner-repræsentant, the coordinator and staff edit the company's entries.
READS_PRIVATE_ENTRIES = MEMBERS | {"staff"}
EDITS_COMPANY_LEDGER = {"partner", "coordinator", "staff"}
# The partnering agreement is for members and staff only, even on a public alliance.
READS_AGREEMENT = MEMBERS | {"staff"}


# --- Expectations ------------------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    status: int
    # For 302: "login" (the site's login with ?next=the path), "admin_login", "done" (the
    # route's success address) or an exact address.
    location: str = ""
    # For 403: the Danish explanation the page must show.
    message: str = ""


OK = Expect(200)
NOT_FOUND = Expect(404)
LOGIN = Expect(302, "login")
ADMIN_LOGIN = Expect(302, "admin_login")
NOT_ALLOWED = Expect(405)
DONE = Expect(302, "done")


def forbidden(message: str) -> Expect:
    return Expect(403, message=message)


def redirect(location: str) -> Expect:
    return Expect(302, location)


def everyone(expect: Expect) -> Callable[[str, str], Expect]:
    return lambda kind, subject: expect


def needs_login(then: Expect = OK) -> Callable[[str, str], Expect]:
    return lambda kind, subject: LOGIN if kind == ANONYMOUS else then


def read_alliance(kind: str, visibility: str) -> Expect:
    return OK if kind in SEES[visibility] else NOT_FOUND


def manage_alliance(kind: str, visibility: str, allowed: Expect = OK) -> Expect:
    if kind == ANONYMOUS:
        return LOGIN
    if kind not in SEES[visibility]:
        return NOT_FOUND
    if kind not in MANAGERS:
        return forbidden(MANAGE_DENIED)
    return allowed


def edit_company_party(kind: str, visibility: str, allowed: Expect = OK) -> Expect:
    """The company's party: its partner-repræsentant, the coordinator and staff edit it."""
    if kind == ANONYMOUS:
        return LOGIN
    if kind not in SEES[visibility]:
        return NOT_FOUND
    if kind not in MANAGERS | {"partner"}:
        return forbidden(PARTY_DENIED)
    return allowed


def edit_organisation(kind: str, organisation: str, allowed: Expect = OK) -> Expect:
    if kind == ANONYMOUS:
        return LOGIN
    if kind == "staff" or ORGANISATION_OF[kind] == organisation:
        return allowed
    return forbidden(ORGANISATION_DENIED)


def edit_company_ledger(kind: str, visibility: str, allowed: Expect = OK) -> Expect:
    """Add to the company's ledger: its partner-repræsentant, the coordinator and staff."""
    if kind == ANONYMOUS:
        return LOGIN
    if kind not in SEES[visibility]:
        return NOT_FOUND
    if kind not in EDITS_COMPANY_LEDGER:
        return forbidden(LEDGER_DENIED)
    return allowed


def edit_company_entry(kind: str, subject: str, allowed: Expect = OK) -> Expect:
    """Edit or delete one of the company's entries ("<visibility>:pub" or ":priv"): a
    private entry does not exist for those who may not read it."""
    visibility, publicity = subject.split(":")
    if kind == ANONYMOUS:
        return LOGIN
    if kind not in SEES[visibility]:
        return NOT_FOUND
    if publicity != "pub" and kind not in READS_PRIVATE_ENTRIES:
        return NOT_FOUND
    if kind not in EDITS_COMPANY_LEDGER:
        return forbidden(LEDGER_DENIED)
    return allowed


def read_agreement(kind: str, visibility: str) -> Expect:
    if kind == ANONYMOUS:
        return LOGIN
    return OK if kind in READS_AGREEMENT else NOT_FOUND


def change_terms(kind: str, visibility: str, allowed: Expect = OK) -> Expect:
    if kind == ANONYMOUS:
        return LOGIN
    if kind not in READS_AGREEMENT:
        return NOT_FOUND
    return allowed if kind in MANAGERS else forbidden(TERMS_DENIED)


def edit_company_part(kind: str, visibility: str, allowed: Expect = OK) -> Expect:
    if kind == ANONYMOUS:
        return LOGIN
    if kind not in READS_AGREEMENT:
        return NOT_FOUND
    return allowed if kind in MANAGERS | {"partner"} else forbidden(AGREEMENT_PART_DENIED)


def sign_company_part(kind: str, visibility: str, allowed: Expect = OK) -> Expect:
    """Only the company's own representative signs: not observers, staff or a coordinator
    who represents another party."""
    if kind == ANONYMOUS:
        return LOGIN
    if kind not in READS_AGREEMENT:
        return NOT_FOUND
    return allowed if kind == "partner" else forbidden(SIGN_DENIED)


def decide_lejre_request(kind: str, subject: str) -> Expect:
    """A request to be verified for Lejre Kommune: its verified employees and staff decide;
    for everyone else it does not exist."""
    if kind == ANONYMOUS:
        return LOGIN
    return DONE if kind == "staff" or ORGANISATION_OF[kind] == "lejre" else NOT_FOUND


def manage_domains(allowed: Expect) -> Callable[[str, str], Expect]:
    def expect(kind: str, subject: str) -> Expect:
        if kind == ANONYMOUS:
            return LOGIN
        return allowed if kind == "staff" else forbidden(DOMAINS_DENIED)

    return expect


def staff_only_page(kind: str, subject: str) -> Expect:
    if kind == ANONYMOUS:
        return LOGIN
    return OK if kind == "staff" else NOT_FOUND


def admin_page(staff: Expect) -> Callable[[str, str], Expect]:
    """Django admin: anyone but active staff is sent to the admin's login."""
    return lambda kind, subject: staff if kind == "staff" else ADMIN_LOGIN


# --- The data the matrix asks about -----------------------------------------------------


@dataclass
class World:
    landscape: object
    organisations: dict[str, Organisation]
    invitation_tokens: dict[str, str]
    invitations: dict[str, Invitation]
    group: Group
    region_period: MunicipalityRegion
    task_result: DBTaskResult
    # Someone who asks to be verified as working for Lejre Kommune, whose address is at
    # lejre.dk, which staff have registered for Lejre; and the link sent to that address.
    affiliation_request: Affiliation
    domain: OrganisationDomain
    affiliation_token: str
    clients: dict[str, Client] = field(default_factory=dict)
    # The company's ledger entries in each alliance, e.g. entries["private"]["goal:priv"].
    entries: dict[str, dict[str, object]] = field(default_factory=dict)

    def alliance(self, visibility: str) -> Alliance:
        return getattr(self.landscape, visibility)

    def user(self, kind: str):
        return getattr(self.landscape, kind)

    def party(self, visibility: str, organisation: str) -> Party:
        return Party.objects.get(
            alliance=self.alliance(visibility), organisation=self.organisations[organisation]
        )

    def observer_membership(self, visibility: str) -> Membership:
        return Membership.objects.get(
            alliance=self.alliance(visibility), user=self.landscape.observer
        )

    def client(self, kind: str) -> Client:
        if kind not in self.clients:
            client = Client()
            if kind != ANONYMOUS:
                client.force_login(self.user(kind))
            self.clients[kind] = client
        return self.clients[kind]

    def unseen_titles(self, kind: str, *, except_visibility: str | None = None) -> list[str]:
        return [
            self.alliance(visibility).title
            for visibility in VISIBILITIES
            if kind not in SEES[visibility] and visibility != except_visibility
        ]


def _company_ledger(landscape, visibility: str) -> dict[str, object]:
    """A public and a private contribution, goal with a result, and goal without results,
    and a public result on the private goal, all written by the company's partner."""
    company = Party.objects.get(
        alliance=getattr(landscape, visibility), organisation=landscape.company
    )
    partner = landscape.partner
    entries = {}
    for publicity, is_public in (("pub", True), ("priv", False)):
        entries[f"contribution:{publicity}"] = ledger_services.contribution_create(
            party=company,
            user=partner,
            kind="penge",
            description=f"Bidrag ({publicity})",
            quantity=Decimal("1000"),
            unit="kr",
            period_start=datetime.date(2025, 1, 1),
            is_public=is_public,
        )
        for key, title in (("goal", "Mål"), ("empty_goal", "Mål uden resultat")):
            entries[f"{key}:{publicity}"] = ledger_services.goal_create(
                party=company,
                user=partner,
                title=f"{title} ({publicity})",
                indicator="Antal borgere",
                target="10 om året",
                target_date=datetime.date(2027, 1, 1),
                is_public=is_public,
            )
    for key, goal, is_public in (
        ("result:pub", entries["goal:pub"], True),
        ("result:priv", entries["goal:priv"], False),
        ("result:pubonpriv", entries["goal:priv"], True),
    ):
        entries[key] = ledger_services.result_create(
            goal=goal,
            user=partner,
            achieved_on=datetime.date(2025, 1, 15),
            description=f"Resultat ({key})",
            evidence_note="Referat fra styregruppen.",
            is_public=is_public,
        )
    return entries


def _agreement(landscape, visibility: str) -> None:
    """Shared terms by the coordinator and the company's part by its partner, unsigned."""
    alliance = getattr(landscape, visibility)
    agreement_services.terms_update(
        alliance=alliance,
        user=landscape.coordinator,
        shared_why="Bedre mad til ældre.",
        governance="Styregruppen mødes hver måned.",
        ending="Tre måneders varsel.",
    )
    agreement_services.part_update(
        party=Party.objects.get(alliance=alliance, organisation=landscape.company),
        user=landscape.partner,
        reason="Vi vil sælge mere lokalt.",
        logic="Omsætning.",
        limits="Ingen gratis mælk.",
        commitments="Mælk til køkkenerne.",
    )


def _affiliation_world(landscape) -> dict:
    domain = services.organisation_domain_add(
        organisation=landscape.lejre, domain="lejre.dk", added_by=landscape.staff
    )
    applicant = make_user("ansoeger", None)
    applicant.email = "ansoeger@lejre.dk"
    applicant.save()
    request, _link_sent = services.affiliation_request(
        user=applicant, organisation=landscape.lejre, base_url="http://testserver/"
    )
    return {
        "affiliation_request": request,
        "domain": domain,
        "affiliation_token": affiliation_link_token(request),
    }


def _affiliation_state(world: World, subject: str):
    return list(
        Affiliation.objects.filter(pk=world.affiliation_request.pk).values_list("status", "method")
    )


@pytest.fixture
def world(landscape) -> World:
    tokens, invitations = {}, {}
    for visibility in VISIBILITIES:
        alliance = getattr(landscape, visibility)
        invitation, token = services.invitation_create(
            alliance=alliance,
            email=f"ny-{visibility}@example.dk",
            name="Nina Nybegynder",
            role=MemberRole.OBSERVER,
            party=Party.objects.get(alliance=alliance, organisation=landscape.lejre),
            invited_by=landscape.coordinator,
            base_url="http://testserver/",
        )
        tokens[visibility], invitations[visibility] = token, invitation
    built = World(
        landscape=landscape,
        organisations={
            "lejre": landscape.lejre,
            "roskilde": landscape.roskilde,
            "company": landscape.company,
            "other_company": Organisation.objects.get(name="Andet Firma ApS"),
            "association": landscape.association,
        },
        invitation_tokens=tokens,
        invitations=invitations,
        group=Group.objects.create(name="Redaktører"),
        region_period=MunicipalityRegion.objects.order_by("pk").first(),
        task_result=DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {}},
            task_path="brobygger.accounts.tasks.send_email",
            backend_name="default",
            run_after=timezone.now(),
            exception_class_path="",
            traceback="",
        ),
        entries={visibility: _company_ledger(landscape, visibility) for visibility in VISIBILITIES},
        **_affiliation_world(landscape),
    )
    for visibility in VISIBILITIES:
        _agreement(landscape, visibility)
    return built


# --- URL builders -------------------------------------------------------------------------


def url(name: str, **kwargs) -> Callable[[World, str], str]:
    return lambda world, subject: reverse(name, kwargs=kwargs or None)


def alliance_url(name: str, **extra: Callable[[World, str], object]) -> Callable[[World, str], str]:
    def build(world: World, visibility: str) -> str:
        kwargs = {"slug": world.alliance(visibility).slug}
        kwargs.update({key: make(world, visibility) for key, make in extra.items()})
        return reverse(name, kwargs=kwargs)

    return build


def organisation_url(name: str) -> Callable[[World, str], str]:
    return lambda world, subject: reverse(name, kwargs={"pk": world.organisations[subject].pk})


def admin_object_url(
    name: str, object_id: Callable[[World], object]
) -> Callable[[World, str], str]:
    return lambda world, subject: reverse(name, kwargs={"object_id": object_id(world)})


def company_party_id(world: World, visibility: str) -> int:
    return world.party(visibility, "company").pk


def observer_membership_id(world: World, visibility: str) -> int:
    return world.observer_membership(visibility).pk


def entry_url(name: str, entry: str, key: str = "pk") -> Callable[[World, str], str]:
    """The address of one of the company's entries; the subject is "<visibility>:<publicity>"."""

    def build(world: World, subject: str) -> str:
        visibility, publicity = subject.split(":")
        target = world.entries[visibility][f"{entry}:{publicity}"]
        return reverse(name, kwargs={"slug": world.alliance(visibility).slug, key: target.pk})

    return build


def company_ledger_url(world: World, visibility: str) -> str:
    return reverse(
        "ledger:party",
        kwargs={
            "slug": world.alliance(visibility).slug,
            "party_id": company_party_id(world, visibility),
        },
    )


def agreement_url(world: World, visibility: str) -> str:
    return reverse("agreements:detail", kwargs={"slug": world.alliance(visibility).slug})


@dataclass(frozen=True)
class Route:
    path: Callable[[World, str], str]
    expect: Callable[[str, str], Expect]
    subjects: tuple[str, ...] = ("-",)
    # The page shows every alliance the user sees (lists).
    lists_seen: bool = False
    # The subject alliance's title may appear for everyone (the invitation link is the
    # permission to read it).
    subject_title_public: bool = False


ON_ALLIANCES = VISIBILITIES
ON_ORGANISATIONS = ORGANISATIONS
# A public and a private entry in each alliance; results also a public one on a private goal.
ON_ENTRIES = tuple(
    f"{visibility}:{publicity}" for visibility in VISIBILITIES for publicity in ("pub", "priv")
)
ON_RESULTS = ON_ENTRIES + tuple(f"{visibility}:pubonpriv" for visibility in VISIBILITIES)

# --- The Django admin: one explicit expectation for staff per page --------------------------
#
# The landscape's staff user has is_staff but no Django model permissions. The admin grants
# model access through Django permissions; rules.py gives active staff view/add/change on
# alliances and add/change on organisations, nothing more (deleting needs a Django
# permission, as do users, invitations, regions, groups and tasks).

STAFF_DENIED = forbidden(GENERIC_DENIED)
STAFF_MODEL_ACCESS = {
    # model: staff's expectation for (changelist, add, change, delete, history), object id
    "auth_group": ((STAFF_DENIED,) * 5, lambda w: w.group.pk),
    "django_tasks_database_dbtaskresult": ((STAFF_DENIED,) * 5, lambda w: w.task_result.pk),
    "accounts_user": ((STAFF_DENIED,) * 5, lambda w: w.landscape.partner.pk),
    "alliances_organisation": ((OK, OK, OK, STAFF_DENIED, OK), lambda w: w.landscape.company.pk),
    "alliances_municipalityregion": ((STAFF_DENIED,) * 5, lambda w: w.region_period.pk),
    "alliances_alliance": ((OK, OK, OK, STAFF_DENIED, OK), lambda w: w.landscape.private.pk),
    "alliances_invitation": ((STAFF_DENIED,) * 5, lambda w: w.invitations["private"].pk),
}
ADMIN_MODEL_URLS = {
    "accounts_user": "accounts/user",
    "auth_group": "auth/group",
    "django_tasks_database_dbtaskresult": "django_tasks_database/dbtaskresult",
    "alliances_organisation": "alliances/organisation",
    "alliances_municipalityregion": "alliances/municipalityregion",
    "alliances_alliance": "alliances/alliance",
    "alliances_invitation": "alliances/invitation",
}


def admin_old_object_address(model: str) -> Callable[[World, str], str]:
    """/admin/<app>/<model>/<id>/, the address Django keeps for links to an object."""
    object_id = STAFF_MODEL_ACCESS[model][1]
    return lambda world, subject: f"/admin/{ADMIN_MODEL_URLS[model]}/{object_id(world)}/"


def _admin_model_routes() -> dict[str, Route]:
    routes = {}
    for model, (staff_expects, object_id) in STAFF_MODEL_ACCESS.items():
        changelist, add, change, delete, history = staff_expects
        routes[f"admin:{model}_changelist"] = Route(
            url(f"admin:{model}_changelist"), admin_page(changelist)
        )
        routes[f"admin:{model}_add"] = Route(url(f"admin:{model}_add"), admin_page(add))
        for action, expect in (("change", change), ("delete", delete), ("history", history)):
            routes[f"admin:{model}_{action}"] = Route(
                admin_object_url(f"admin:{model}_{action}", object_id), admin_page(expect)
            )
        # The old object address redirects staff to the change page.
        routes[f"admin/{ADMIN_MODEL_URLS[model]}/<path:object_id>/"] = Route(
            admin_old_object_address(model), admin_page(Expect(302, f"admin:{model}"))
        )
    return routes


GET_ROUTES: dict[str, Route] = {
    # --- core
    "core:front": Route(url("core:front"), everyone(OK)),
    "core:health": Route(url("core:health"), everyone(OK)),
    "core:privacy": Route(url("core:privacy"), everyone(OK)),
    "core:cookies": Route(url("core:cookies"), everyone(OK)),
    "core:accessibility_statement": Route(
        url("core:accessibility_statement"),
        everyone(redirect(settings.BROBYGGER_ACCESSIBILITY_STATEMENT_URL)),
    ),
    # --- accounts
    "accounts:profile": Route(url("accounts:profile"), needs_login()),
    "accounts:login": Route(
        url("accounts:login"),
        lambda kind, subject: OK if kind == ANONYMOUS else redirect(reverse("core:front")),
    ),
    # Logging out is a POST (see POST_ROUTES).
    "accounts:logout": Route(url("accounts:logout"), everyone(NOT_ALLOWED)),
    "accounts:password_change": Route(url("accounts:password_change"), needs_login()),
    "accounts:password_reset": Route(url("accounts:password_reset"), everyone(OK)),
    "accounts:password_reset_done": Route(url("accounts:password_reset_done"), everyone(OK)),
    # An unknown link shows the "link is invalid" page.
    "accounts:password_reset_confirm": Route(
        url("accounts:password_reset_confirm", uidb64="MA", token="ugyldig-kode"), everyone(OK)
    ),
    "accounts:password_reset_complete": Route(
        url("accounts:password_reset_complete"), everyone(OK)
    ),
    "accounts:invitation": Route(
        lambda world, visibility: reverse(
            "accounts:invitation", kwargs={"token": world.invitation_tokens[visibility]}
        ),
        everyone(OK),
        ON_ALLIANCES,
        subject_title_public=True,
    ),
    # --- alliances
    "alliances:list": Route(url("alliances:list"), everyone(OK), lists_seen=True),
    "alliances:create": Route(url("alliances:create"), needs_login()),
    "alliances:detail": Route(alliance_url("alliances:detail"), read_alliance, ON_ALLIANCES),
    "alliances:edit": Route(alliance_url("alliances:edit"), manage_alliance, ON_ALLIANCES),
    # Changing phase is a POST (see POST_ROUTES); a GET only checks login first.
    "alliances:change_phase": Route(
        alliance_url("alliances:change_phase"), needs_login(NOT_ALLOWED), ON_ALLIANCES
    ),
    "alliances:party_add": Route(
        alliance_url("alliances:party_add"), manage_alliance, ON_ALLIANCES
    ),
    "alliances:party_edit": Route(
        alliance_url("alliances:party_edit", party_id=company_party_id),
        edit_company_party,
        ON_ALLIANCES,
    ),
    "alliances:member_invite": Route(
        alliance_url("alliances:member_invite"), manage_alliance, ON_ALLIANCES
    ),
    "alliances:member_remove": Route(
        alliance_url("alliances:member_remove", membership_id=observer_membership_id),
        manage_alliance,
        ON_ALLIANCES,
    ),
    "alliances:organisation_list": Route(url("alliances:organisation_list"), everyone(OK)),
    "alliances:organisation_create": Route(url("alliances:organisation_create"), needs_login()),
    "alliances:organisation_detail": Route(
        organisation_url("alliances:organisation_detail"), everyone(OK), ON_ORGANISATIONS
    ),
    "alliances:organisation_edit": Route(
        organisation_url("alliances:organisation_edit"), edit_organisation, ON_ORGANISATIONS
    ),
    # Who works where: everyone logged in manages their own; the link is its own permission.
    "alliances:affiliation": Route(url("alliances:affiliation"), needs_login()),
    "alliances:affiliation_end": Route(url("alliances:affiliation_end"), needs_login(NOT_ALLOWED)),
    "alliances:affiliation_confirm": Route(
        lambda world, subject: reverse(
            "alliances:affiliation_confirm", kwargs={"token": world.affiliation_token}
        ),
        everyone(OK),
    ),
    "alliances:affiliation_approve": Route(
        lambda world, subject: reverse(
            "alliances:affiliation_approve", kwargs={"pk": world.affiliation_request.pk}
        ),
        needs_login(NOT_ALLOWED),
    ),
    "alliances:affiliation_reject": Route(
        lambda world, subject: reverse(
            "alliances:affiliation_reject", kwargs={"pk": world.affiliation_request.pk}
        ),
        needs_login(NOT_ALLOWED),
    ),
    "alliances:affiliation_review": Route(url("alliances:affiliation_review"), staff_only_page),
    "alliances:organisation_domain_add": Route(
        organisation_url("alliances:organisation_domain_add"), needs_login(NOT_ALLOWED), ("lejre",)
    ),
    "alliances:organisation_domain_remove": Route(
        lambda world, subject: reverse(
            "alliances:organisation_domain_remove",
            kwargs={"pk": world.landscape.lejre.pk, "domain_id": world.domain.pk},
        ),
        needs_login(NOT_ALLOWED),
    ),
    # --- api
    "api:alliance_list": Route(url("api:alliance_list"), everyone(OK), lists_seen=True),
    "api:alliance_detail": Route(alliance_url("api:alliance_detail"), read_alliance, ON_ALLIANCES),
    # Public entries only for readers outside the alliance; 404 JSON for unseen alliances.
    "api:value_balance": Route(alliance_url("api:value_balance"), read_alliance, ON_ALLIANCES),
    # --- ledger: anyone who sees the alliance reads its value balance and a party's ledger
    "ledger:balance": Route(alliance_url("ledger:balance"), read_alliance, ON_ALLIANCES),
    "ledger:party": Route(
        alliance_url("ledger:party", party_id=company_party_id), read_alliance, ON_ALLIANCES
    ),
    "ledger:contribution_add": Route(
        alliance_url("ledger:contribution_add", party_id=company_party_id),
        edit_company_ledger,
        ON_ALLIANCES,
    ),
    "ledger:goal_add": Route(
        alliance_url("ledger:goal_add", party_id=company_party_id),
        edit_company_ledger,
        ON_ALLIANCES,
    ),
    "ledger:contribution_edit": Route(
        entry_url("ledger:contribution_edit", "contribution"), edit_company_entry, ON_ENTRIES
    ),
    "ledger:contribution_delete": Route(
        entry_url("ledger:contribution_delete", "contribution"), edit_company_entry, ON_ENTRIES
    ),
    "ledger:goal_edit": Route(
        entry_url("ledger:goal_edit", "goal"), edit_company_entry, ON_ENTRIES
    ),
    # A goal with results shows why it cannot be deleted (200); POST_ROUTES deletes one without.
    "ledger:goal_delete": Route(
        entry_url("ledger:goal_delete", "goal"), edit_company_entry, ON_ENTRIES
    ),
    "ledger:result_add": Route(
        entry_url("ledger:result_add", "goal", key="goal_id"), edit_company_entry, ON_ENTRIES
    ),
    "ledger:result_edit": Route(
        entry_url("ledger:result_edit", "result"), edit_company_entry, ON_RESULTS
    ),
    "ledger:result_delete": Route(
        entry_url("ledger:result_delete", "result"), edit_company_entry, ON_RESULTS
    ),
    # --- agreements: members and staff only, even on a public alliance
    "agreements:detail": Route(alliance_url("agreements:detail"), read_agreement, ON_ALLIANCES),
    "agreements:history": Route(alliance_url("agreements:history"), read_agreement, ON_ALLIANCES),
    "agreements:terms_edit": Route(
        alliance_url("agreements:terms_edit"), change_terms, ON_ALLIANCES
    ),
    "agreements:part_edit": Route(
        alliance_url("agreements:part_edit", party_id=company_party_id),
        edit_company_part,
        ON_ALLIANCES,
    ),
    "agreements:part_sign": Route(
        alliance_url("agreements:part_sign", party_id=company_party_id),
        sign_company_part,
        ON_ALLIANCES,
    ),
    # --- i18n: a GET changes nothing and sends the visitor back to the front page
    "set_language": Route(url("set_language"), everyone(redirect("/"))),
    # --- Django admin
    "admin:index": Route(url("admin:index"), admin_page(OK)),
    "admin:login": Route(
        url("admin:login"),
        lambda kind, subject: redirect(reverse("admin:index")) if kind == "staff" else OK,
    ),
    # Logging out of the admin is a POST; others are sent to the admin's front door.
    "admin:logout": Route(
        url("admin:logout"),
        lambda kind, subject: NOT_ALLOWED if kind == "staff" else redirect(reverse("admin:index")),
    ),
    "admin:password_change": Route(url("admin:password_change"), admin_page(OK)),
    "admin:password_change_done": Route(url("admin:password_change_done"), admin_page(OK)),
    # Without the query the widget sends, autocomplete refuses.
    "admin:autocomplete": Route(url("admin:autocomplete"), admin_page(STAFF_DENIED)),
    "admin:jsi18n": Route(url("admin:jsi18n"), admin_page(OK)),
    "admin:view_on_site": Route(
        lambda world, subject: reverse(
            "admin:view_on_site",
            kwargs={
                "content_type_id": ContentType.objects.get_for_model(Alliance).pk,
                "object_id": world.landscape.private.pk,
            },
        ),
        lambda kind, subject: Expect(302, "view_on_site") if kind == "staff" else ADMIN_LOGIN,
    ),
    # The app page lists the models the user has Django *module* permissions for; the
    # landscape's staff user has none (rules.py grants object permissions only), so it 404s.
    "admin:app_list": Route(url("admin:app_list", app_label="alliances"), admin_page(NOT_FOUND)),
    "admin:auth_user_password_change": Route(
        lambda world, subject: reverse(
            "admin:auth_user_password_change", kwargs={"id": world.landscape.partner.pk}
        ),
        admin_page(STAFF_DENIED),
    ),
    **_admin_model_routes(),
    # The admin's catch-all: unknown admin addresses.
    "admin/(?P<url>.*)$": Route(
        lambda world, subject: "/admin/findes-ikke/", admin_page(NOT_FOUND)
    ),
}


# --- Walking the URL configuration --------------------------------------------------------


def _join(prefix: str, pattern: str) -> str:
    # As django.urls.resolvers.URLResolver._join_route does, so keys match ResolverMatch.route.
    return prefix + (pattern[1:] if prefix and pattern.startswith("^") else pattern)


def url_keys(resolver=None, prefix: str = "", namespace: str = "") -> set[str]:
    """Every URL pattern of the project: `namespace:name`, or the full route if unnamed."""
    resolver = resolver or get_resolver()
    keys = set()
    for pattern in resolver.url_patterns:
        route = _join(prefix, str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            keys |= url_keys(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            if pattern.name:
                keys.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
            else:
                keys.add(route)
    return keys


def key_of(path: str) -> str:
    match = resolve(urlsplit(path).path)
    return match.view_name if match.url_name else match.route


# --- Checking one answer ------------------------------------------------------------------


def _sends_to_login(location: str, login: str, path: str) -> bool:
    target = urlsplit(location)
    return target.path == login and parse_qs(target.query).get("next") == [path]


def _escaped_forms(title: str) -> list[str]:
    return [title, json.dumps(title)[1:-1]]


def check(
    response,
    *,
    path: str,
    expect: Expect,
    world: World,
    kind: str,
    subject: str,
    route,
    success_location=None,
) -> list[str]:
    """What is wrong with this answer, as readable lines (none when it is right)."""
    where = f"{kind:>16} {subject:>13} {response.request['REQUEST_METHOD']} {path}"
    problems = []
    if response.status_code != expect.status:
        problems.append(f"{where}: expected {expect.status}, got {response.status_code}")
        return problems
    body = response.content.decode()
    if expect.status == 302:
        location = response["Location"]
        if expect.location in ("login", "admin_login"):
            login = reverse("accounts:login" if expect.location == "login" else "admin:login")
            if not _sends_to_login(location, login, path):
                problems.append(f"{where}: expected {login}?next={path}, got {location}")
        elif expect.location == "view_on_site":
            if not location.endswith(world.landscape.private.get_absolute_url()):
                problems.append(f"{where}: expected the alliance's page, got {location}")
        elif expect.location.startswith("admin:"):
            model = expect.location.removeprefix("admin:")
            if location != reverse(
                f"admin:{model}_change", args=[path.rstrip("/").rsplit("/", 1)[1]]
            ):
                problems.append(f"{where}: expected the admin change page, got {location}")
        elif expect.location == "done":
            if location != success_location:
                problems.append(
                    f"{where}: expected a redirect to {success_location}, got {location}"
                )
        elif location != expect.location:
            problems.append(f"{where}: expected a redirect to {expect.location}, got {location}")
    if expect.status == 403:
        if 'lang="da"' not in body or "Du har ikke adgang" not in body:
            problems.append(f"{where}: the 403 page is not the Danish one")
        if expect.message not in body:
            problems.append(f"{where}: the 403 page does not explain {expect.message!r}")
    if expect.status == 404:
        if response["Content-Type"].startswith("application/json"):
            if "detail" not in response.json():
                problems.append(f"{where}: the JSON 404 has no detail")
        elif "Siden findes ikke" not in body:
            problems.append(f"{where}: the 404 page is not the Danish one")
    # Never name an alliance the user may not see, whatever the answer.
    hidden = world.unseen_titles(
        kind,
        except_visibility=subject if getattr(route, "subject_title_public", False) else None,
    )
    for title in hidden:
        if any(form in body for form in _escaped_forms(title)):
            problems.append(f"{where}: the body names the unseen alliance {title!r}")
    if getattr(route, "lists_seen", False) and expect.status == 200:
        for visibility in VISIBILITIES:
            title = world.alliance(visibility).title
            if kind in SEES[visibility] and not any(form in body for form in _escaped_forms(title)):
                problems.append(f"{where}: the list leaves out {title!r}, which the user sees")
    return problems


# --- The tests ----------------------------------------------------------------------------


def test_every_url_pattern_has_an_expectation():
    """Every URL pattern in the project has an entry in the matrix, and the matrix names no
    pattern that no longer exists: a new page cannot appear without deciding who may use it."""
    patterns = url_keys()
    missing = sorted(patterns - set(GET_ROUTES))
    stale = sorted(set(GET_ROUTES) - patterns)
    assert not missing, f"URL patterns without an expectation in the permission matrix: {missing}"
    assert not stale, f"Expectations for URL patterns that no longer exist: {stale}"


def test_the_walk_finds_every_part_of_the_project():
    """The walk reaches the core, accounts, alliances, API, i18n and admin URLs, so the
    completeness check above covers them all."""
    patterns = url_keys()
    for key in (
        "core:front",
        "accounts:login",
        "alliances:detail",
        "api:alliance_detail",
        "api:value_balance",
        "ledger:balance",
        "ledger:result_delete",
        "agreements:detail",
        "agreements:part_sign",
        "set_language",
        "admin:index",
        "admin:alliances_alliance_changelist",
    ):
        assert key in patterns


def group_of(name: str) -> str:
    """The test a URL is checked in: its own, except the admin's, which go by model."""
    for model, model_path in ADMIN_MODEL_URLS.items():
        if name.startswith(f"admin:{model}_") or name == f"admin/{model_path}/<path:object_id>/":
            return f"admin:{model}"
    return "admin" if name.startswith("admin") else name


GET_GROUPS: dict[str, list[str]] = {}
for _name in sorted(GET_ROUTES):
    GET_GROUPS.setdefault(group_of(_name), []).append(_name)


@pytest.mark.parametrize("group", sorted(GET_GROUPS))
def test_get(group, world):
    """Each kind of user GETs the URL (for each alliance visibility or organisation it is
    about) and gets the answer the permission table gives, without unseen alliances named.
    (The admin's URLs are checked a model at a time.)"""
    problems = []
    for name in GET_GROUPS[group]:
        route = GET_ROUTES[name]
        for subject in route.subjects:
            path = route.path(world, subject)
            assert key_of(path) == name, f"{path} does not resolve to {name}"
            for kind in KINDS:
                response = world.client(kind).get(path)
                problems += check(
                    response,
                    path=path,
                    expect=route.expect(kind, subject),
                    world=world,
                    kind=kind,
                    subject=subject,
                    route=route,
                )
    assert not problems, "\n" + "\n".join(problems)


# --- Write endpoints with POST ------------------------------------------------------------


@dataclass(frozen=True)
class PostRoute:
    path: Callable[[World, str], str]
    data: Callable[[World, str], dict]
    expect: Callable[[str, str], Expect]
    # Reads the state the POST would change; compared before and after.
    state: Callable[[World, str], object]
    # Where a successful POST sends the user.
    success: Callable[[World, str], str]
    subjects: tuple[str, ...] = ("-",)


def _next_phase(world: World, visibility: str) -> str:
    current = Alliance.objects.get(pk=world.alliance(visibility).pk).phase
    return Phase.CLARIFICATION if current != Phase.CLARIFICATION else Phase.ESTABLISHMENT


def _alliance_edit_data(world: World, visibility: str) -> dict:
    alliance = world.alliance(visibility)
    return {
        "title": f"Ny titel {visibility}",
        "summary": "Et nyt resumé.",
        "purpose": "Et nyt formål.",
        "welfare_area": "sundhed",
        "lead_organisation": alliance.lead_organisation_id,
        "visibility": alliance.visibility,
        "start_date": "",
        "end_date": "",
    }


def _organisation_edit_data(world: World, organisation: str) -> dict:
    current = world.organisations[organisation]
    return {
        "name": current.name,
        "cvr": current.cvr,
        "ean": current.ean,
        "website": "https://example.dk/",
        "description": "En ny beskrivelse.",
    }


def _alliance_page(world: World, visibility: str) -> str:
    return world.alliance(visibility).get_absolute_url()


def _entry(world: World, subject: str, entry: str):
    visibility, publicity = subject.split(":")
    return world.entries[visibility][f"{entry}:{publicity}"]


def _entry_ledger_page(world: World, subject: str) -> str:
    return company_ledger_url(world, subject.split(":")[0])


def _company_log(world: World, visibility: str) -> int:
    return LedgerChange.objects.filter(party_id=company_party_id(world, visibility)).count()


CONTRIBUTION_DATA = {
    "kind": "arbejdstimer",
    "description": "Fire timer om ugen",
    "quantity": "1.250,50",
    "unit": "timer",
    "estimated_value": "",
    "period_start": "2026-01-01",
    "period_end": "",
}
GOAL_DATA = {
    "title": "Flere borgere i praktik",
    "indicator": "Antal borgere",
    "target": "12 om året",
    "target_date": "2027-06-30",
}
RESULT_DATA = {
    "achieved_on": "2025-06-01",
    "description": "Tre borgere kom i praktik.",
    "measured_value": "3",
    "estimated_value": "",
    "evidence_url": "https://mejeriet.example/praktik",
    "evidence_note": "",
}


def _ledger_post(name, entry, data, state, subjects=ON_ENTRIES, key="pk") -> PostRoute:
    """A write to one of the company's entries: allowed users change it and log the change."""
    return PostRoute(
        entry_url(name, entry, key=key),
        lambda world, subject: data,
        lambda kind, subject: edit_company_entry(kind, subject, DONE),
        lambda world, subject: (
            state(world, _entry(world, subject, entry)),
            _company_log(world, subject.split(":")[0]),
        ),
        _entry_ledger_page,
        subjects,
    )


def _values(model, *fields):
    return lambda world, target: list(model.objects.filter(pk=target.pk).values_list(*fields))


def _company_part(world: World, visibility: str):
    return (
        PartVersion.objects.filter(party_id=company_party_id(world, visibility))
        .order_by("-number")
        .values_list("number", "signed_at", "reason")
        .first()
    )


POST_ROUTES: dict[str, PostRoute] = {
    "alliances:change_phase": PostRoute(
        alliance_url("alliances:change_phase"),
        lambda world, visibility: {"to_phase": _next_phase(world, visibility), "note": "Videre."},
        lambda kind, visibility: manage_alliance(kind, visibility, DONE),
        lambda world, visibility: (
            Alliance.objects.get(pk=world.alliance(visibility).pk).phase,
            PhaseChange.objects.filter(alliance=world.alliance(visibility)).count(),
        ),
        _alliance_page,
        ON_ALLIANCES,
    ),
    "alliances:edit": PostRoute(
        alliance_url("alliances:edit"),
        _alliance_edit_data,
        lambda kind, visibility: manage_alliance(kind, visibility, DONE),
        lambda world, visibility: (
            Alliance.objects.filter(pk=world.alliance(visibility).pk)
            .values_list("title", "summary", "welfare_area")
            .get()
        ),
        _alliance_page,
        ON_ALLIANCES,
    ),
    "alliances:party_add": PostRoute(
        alliance_url("alliances:party_add"),
        lambda world, visibility: {
            "source": "eksisterende",
            "organisation": world.organisations["roskilde"].pk,
            "role_description": "Låner lokaler ud.",
        },
        lambda kind, visibility: manage_alliance(kind, visibility, DONE),
        lambda world, visibility: sorted(
            Party.objects.filter(alliance=world.alliance(visibility)).values_list(
                "organisation", flat=True
            )
        ),
        _alliance_page,
        ON_ALLIANCES,
    ),
    "alliances:party_edit": PostRoute(
        alliance_url("alliances:party_edit", party_id=company_party_id),
        lambda world, visibility: {
            "role_description": "Leverer økologisk mælk.",
            "contact_name": "Mette Mejerist",
            "contact_email": "mette@example.dk",
            "contact_phone": "12345678",
        },
        lambda kind, visibility: edit_company_party(kind, visibility, DONE),
        lambda world, visibility: (
            Party.objects.filter(pk=company_party_id(world, visibility))
            .values_list("role_description", "contact_name")
            .get()
        ),
        _alliance_page,
        ON_ALLIANCES,
    ),
    "alliances:member_invite": PostRoute(
        alliance_url("alliances:member_invite"),
        lambda world, visibility: {
            "name": "Ole Opfølger",
            "email": "ole@example.dk",
            "role": MemberRole.OBSERVER,
            "party": world.party(visibility, "lejre").pk,
        },
        lambda kind, visibility: manage_alliance(kind, visibility, DONE),
        lambda world, visibility: Invitation.objects.filter(
            alliance=world.alliance(visibility), email="ole@example.dk"
        ).count(),
        _alliance_page,
        ON_ALLIANCES,
    ),
    "alliances:member_remove": PostRoute(
        alliance_url("alliances:member_remove", membership_id=observer_membership_id),
        lambda world, visibility: {},
        lambda kind, visibility: manage_alliance(kind, visibility, DONE),
        lambda world, visibility: Membership.objects.filter(
            alliance=world.alliance(visibility)
        ).count(),
        _alliance_page,
        ON_ALLIANCES,
    ),
    "alliances:organisation_edit": PostRoute(
        organisation_url("alliances:organisation_edit"),
        _organisation_edit_data,
        lambda kind, organisation: edit_organisation(kind, organisation, DONE),
        lambda world, organisation: (
            Organisation.objects.filter(pk=world.organisations[organisation].pk)
            .values_list("website", "description")
            .get()
        ),
        lambda world, organisation: world.organisations[organisation].get_absolute_url(),
        ON_ORGANISATIONS,
    ),
    "alliances:organisation_create": PostRoute(
        url("alliances:organisation_create"),
        lambda world, subject: {
            "name": "Grønne Naboer",
            "kind": "forening",
            "cvr": "",
            "ean": "",
            "website": "",
            "description": "Naboer, der dyrker grøntsager sammen.",
        },
        needs_login(DONE),
        lambda world, subject: Organisation.objects.count(),
        lambda world, subject: Organisation.objects.get(name="Grønne Naboer").get_absolute_url(),
    ),
    "alliances:create": PostRoute(
        url("alliances:create"),
        lambda world, subject: {
            "title": "Ny alliance om mad",
            "summary": "Mad til ældre.",
            "purpose": "Bedre mad.",
            "welfare_area": "aeldre",
            "lead_organisation": world.organisations["lejre"].pk,
            "phase": Phase.IDEA,
            "visibility": "privat",
        },
        needs_login(DONE),
        lambda world, subject: Alliance.objects.count(),
        lambda world, subject: reverse("alliances:detail", kwargs={"slug": "ny-alliance-om-mad"}),
    ),
    # --- who works where
    "alliances:affiliation": PostRoute(
        url("alliances:affiliation"),
        lambda world, subject: {"organisation": world.organisations["association"].pk},
        needs_login(DONE),
        lambda world, subject: Affiliation.objects.filter(
            organisation=world.organisations["association"]
        ).count(),
        lambda world, subject: reverse("alliances:affiliation"),
    ),
    # Ends the user's own affiliation; staff in the landscape have none to end.
    "alliances:affiliation_end": PostRoute(
        url("alliances:affiliation_end"),
        lambda world, subject: {},
        lambda kind, subject: {ANONYMOUS: LOGIN, "staff": redirect("/min-organisation/")}.get(
            kind, DONE
        ),
        lambda world, subject: Affiliation.objects.count(),
        lambda world, subject: reverse("alliances:affiliation"),
    ),
    # Whoever holds the link confirms the address it was sent to.
    "alliances:affiliation_confirm": PostRoute(
        lambda world, subject: reverse(
            "alliances:affiliation_confirm", kwargs={"token": world.affiliation_token}
        ),
        lambda world, subject: {},
        everyone(DONE),
        _affiliation_state,
        lambda world, subject: reverse("alliances:affiliation"),
    ),
    "alliances:affiliation_approve": PostRoute(
        lambda world, subject: reverse(
            "alliances:affiliation_approve", kwargs={"pk": world.affiliation_request.pk}
        ),
        lambda world, subject: {},
        decide_lejre_request,
        _affiliation_state,
        lambda world, subject: world.landscape.lejre.get_absolute_url(),
    ),
    "alliances:affiliation_reject": PostRoute(
        lambda world, subject: reverse(
            "alliances:affiliation_reject", kwargs={"pk": world.affiliation_request.pk}
        ),
        lambda world, subject: {},
        decide_lejre_request,
        _affiliation_state,
        lambda world, subject: world.landscape.lejre.get_absolute_url(),
    ),
    "alliances:organisation_domain_add": PostRoute(
        organisation_url("alliances:organisation_domain_add"),
        lambda world, subject: {"domain": "Lejre-Kommune.dk"},
        manage_domains(DONE),
        lambda world, subject: sorted(OrganisationDomain.objects.values_list("domain", flat=True)),
        lambda world, subject: world.landscape.lejre.get_absolute_url(),
        ("lejre",),
    ),
    "alliances:organisation_domain_remove": PostRoute(
        lambda world, subject: reverse(
            "alliances:organisation_domain_remove",
            kwargs={"pk": world.landscape.lejre.pk, "domain_id": world.domain.pk},
        ),
        lambda world, subject: {},
        manage_domains(DONE),
        lambda world, subject: OrganisationDomain.objects.count(),
        lambda world, subject: world.landscape.lejre.get_absolute_url(),
    ),
    # --- ledger
    "ledger:contribution_add": PostRoute(
        alliance_url("ledger:contribution_add", party_id=company_party_id),
        lambda world, visibility: CONTRIBUTION_DATA,
        lambda kind, visibility: edit_company_ledger(kind, visibility, DONE),
        lambda world, visibility: (
            Contribution.objects.filter(party_id=company_party_id(world, visibility)).count(),
            _company_log(world, visibility),
        ),
        company_ledger_url,
        ON_ALLIANCES,
    ),
    "ledger:goal_add": PostRoute(
        alliance_url("ledger:goal_add", party_id=company_party_id),
        lambda world, visibility: GOAL_DATA,
        lambda kind, visibility: edit_company_ledger(kind, visibility, DONE),
        lambda world, visibility: (
            ValueGoal.objects.filter(party_id=company_party_id(world, visibility)).count(),
            _company_log(world, visibility),
        ),
        company_ledger_url,
        ON_ALLIANCES,
    ),
    "ledger:contribution_edit": _ledger_post(
        "ledger:contribution_edit",
        "contribution",
        CONTRIBUTION_DATA,
        _values(Contribution, "kind", "description", "quantity", "is_public"),
    ),
    "ledger:contribution_delete": _ledger_post(
        "ledger:contribution_delete", "contribution", {}, _values(Contribution, "pk")
    ),
    "ledger:goal_edit": _ledger_post(
        "ledger:goal_edit", "goal", GOAL_DATA, _values(ValueGoal, "title", "target", "is_public")
    ),
    # Goals without results: the ones that may be deleted.
    "ledger:goal_delete": _ledger_post(
        "ledger:goal_delete", "empty_goal", {}, _values(ValueGoal, "pk")
    ),
    "ledger:result_add": _ledger_post(
        "ledger:result_add",
        "goal",
        RESULT_DATA,
        lambda world, goal: Result.objects.filter(goal=goal).count(),
        key="goal_id",
    ),
    "ledger:result_edit": _ledger_post(
        "ledger:result_edit",
        "result",
        RESULT_DATA,
        _values(Result, "achieved_on", "description", "is_public"),
        ON_RESULTS,
    ),
    "ledger:result_delete": _ledger_post(
        "ledger:result_delete", "result", {}, _values(Result, "pk"), ON_RESULTS
    ),
    # --- agreements
    "agreements:terms_edit": PostRoute(
        alliance_url("agreements:terms_edit"),
        lambda world, visibility: {
            "shared_why": "Bedre mad til flere ældre.",
            "governance": "Styregruppen mødes hver anden uge.",
            "ending": "Seks måneders varsel.",
            "revisit_on": "2027-06-01",
            "change_note": "Hyppigere møder.",
        },
        lambda kind, visibility: change_terms(kind, visibility, DONE),
        lambda world, visibility: (
            TermsVersion.objects.filter(agreement__alliance=world.alliance(visibility)).count(),
            Alliance.objects.filter(pk=world.alliance(visibility).pk)
            .values_list("agreement__revisit_on", flat=True)
            .get(),
        ),
        agreement_url,
        ON_ALLIANCES,
    ),
    "agreements:part_edit": PostRoute(
        alliance_url("agreements:part_edit", party_id=company_party_id),
        lambda world, visibility: {
            "reason": "Vi vil sælge mere mælk lokalt.",
            "logic": "Omsætning og omdømme.",
            "limits": "Ingen gratis mælk.",
            "commitments": "Mælk til alle køkkener.",
        },
        lambda kind, visibility: edit_company_part(kind, visibility, DONE),
        _company_part,
        agreement_url,
        ON_ALLIANCES,
    ),
    "agreements:part_sign": PostRoute(
        alliance_url("agreements:part_sign", party_id=company_party_id),
        lambda world, visibility: {"version": _company_part(world, visibility)[0], "confirm": "on"},
        lambda kind, visibility: sign_company_part(kind, visibility, DONE),
        _company_part,
        agreement_url,
        ON_ALLIANCES,
    ),
}


@pytest.mark.parametrize("name", sorted(POST_ROUTES))
def test_post(name, world):
    """Each kind of user POSTs valid data to the write endpoint: only the users the table
    allows change anything; the others get 302 to login, 404 or 403 and the database is as
    before."""
    route = POST_ROUTES[name]
    problems = []
    # Log everyone in first: a session created inside the rolled-back block would vanish.
    for kind in KINDS:
        world.client(kind)
    for subject in route.subjects:
        path = route.path(world, subject)
        assert key_of(path) == name, f"{path} does not resolve to {name}"
        for kind in KINDS:
            expect = route.expect(kind, subject)
            # Each attempt starts from the landscape: a successful one is rolled back.
            with transaction.atomic():
                before = route.state(world, subject)
                response = world.client(kind).post(path, route.data(world, subject))
                after = route.state(world, subject)
                success_location = route.success(world, subject) if expect == DONE else None
                transaction.set_rollback(True)
            problems += check(
                response,
                path=path,
                expect=expect,
                world=world,
                kind=kind,
                subject=subject,
                route=route,
                success_location=success_location,
            )
            allowed = expect == DONE
            if allowed and after == before:
                problems.append(
                    f"{kind:>16} {subject:>13} POST {path}: allowed, but nothing changed"
                )
            if not allowed and after != before:
                problems.append(
                    f"{kind:>16} {subject:>13} POST {path}: refused, but changed {before!r} → {after!r}"
                )
    assert not problems, "\n" + "\n".join(problems)


def test_every_post_only_url_is_posted_to():
    """A URL that refuses GET (405) for a logged-in user is a write endpoint: the POST
    matrix must cover it, so its permission is tested where it matters."""
    post_only = {
        name
        for name, route in GET_ROUTES.items()
        if not name.startswith("admin")
        and any(
            route.expect(kind, subject) == NOT_ALLOWED
            for kind in KINDS
            for subject in route.subjects
        )
    }
    assert post_only <= set(POST_ROUTES) | {"accounts:logout"}


def test_logout_is_a_post_that_ends_the_session(world):
    """Every logged-in kind of user is logged out by POST /konto/logout/ and lands on the
    front page; afterwards their account page asks them to log in."""
    for kind in KINDS:
        client = world.client(kind)
        response = client.post(reverse("accounts:logout"))
        assert response.status_code == 302, kind
        assert response["Location"] == reverse("core:front"), kind
        profile = client.get(reverse("accounts:profile"))
        assert profile.status_code == 302, kind
        assert urlsplit(profile["Location"]).path == reverse("accounts:login"), kind


# --- Parties and organisations, beyond the matrix's subjects ------------------------------


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_partner_edits_only_its_own_party(world, visibility):
    """A partner-repræsentant may edit its own party (200) but not another party of the
    same alliance (403, with a Danish explanation); the coordinator may edit every party."""
    partner, coordinator = world.client("partner"), world.client("coordinator")
    for organisation in ("company", "association", "lejre"):
        path = reverse(
            "alliances:party_edit",
            kwargs={
                "slug": world.alliance(visibility).slug,
                "party_id": world.party(visibility, organisation).pk,
            },
        )
        response = partner.get(path)
        if organisation == "company":
            assert response.status_code == 200, path
        else:
            assert response.status_code == 403, path
            assert PARTY_DENIED in response.content.decode()
        assert coordinator.get(path).status_code == 200, path


def test_partner_cannot_change_another_party_by_post(world):
    """A POST by the partner to another party's edit page is refused and changes nothing."""
    party = world.party("private", "association")
    before = party.role_description
    response = world.client("partner").post(
        reverse(
            "alliances:party_edit",
            kwargs={"slug": world.landscape.private.slug, "party_id": party.pk},
        ),
        {"role_description": "Overtaget af mejeriet."},
    )
    assert response.status_code == 403
    party.refresh_from_db()
    assert party.role_description == before


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_partner_writes_only_its_own_partys_ledger(world, visibility):
    """The partner may add to the company's ledger but not to another party's (403, with
    the Danish explanation), and a POST there writes nothing; the coordinator may add to
    every party's ledger."""
    partner, coordinator = world.client("partner"), world.client("coordinator")
    for organisation in ("company", "association", "lejre"):
        path = reverse(
            "ledger:contribution_add",
            kwargs={
                "slug": world.alliance(visibility).slug,
                "party_id": world.party(visibility, organisation).pk,
            },
        )
        response = partner.get(path)
        if organisation == "company":
            assert response.status_code == 200, path
        else:
            assert response.status_code == 403, path
            assert LEDGER_DENIED in response.content.decode()
            before = Contribution.objects.count(), LedgerChange.objects.count()
            assert partner.post(path, CONTRIBUTION_DATA).status_code == 403
            assert (Contribution.objects.count(), LedgerChange.objects.count()) == before
        assert coordinator.get(path).status_code == 200, path


def test_an_observer_for_a_party_does_not_write_its_ledger_or_sign(world, landscape):
    """An observer (often a politician) who sits for the company reads its private entries
    but neither writes its ledger nor signs its part of the agreement."""
    watcher = make_user("politiker", landscape.company)
    services.membership_add(
        alliance=landscape.private,
        user=watcher,
        role=MemberRole.OBSERVER,
        party=world.party("private", "company"),
    )
    client = Client()
    client.force_login(watcher)
    private_goal = world.entries["private"]["goal:priv"]
    slug = landscape.private.slug
    assert (
        client.get(
            reverse("ledger:party", kwargs={"slug": slug, "party_id": private_goal.party_id})
        ).status_code
        == 200
    )
    edit = client.get(reverse("ledger:goal_edit", kwargs={"slug": slug, "pk": private_goal.pk}))
    assert edit.status_code == 403
    assert LEDGER_DENIED in edit.content.decode()
    sign = client.get(
        reverse("agreements:part_sign", kwargs={"slug": slug, "party_id": private_goal.party_id})
    )
    assert sign.status_code == 403
    assert SIGN_DENIED in sign.content.decode()


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_a_coordinator_signs_only_the_part_of_the_party_it_represents(world, visibility):
    """The coordinator works for Lejre Kommune and sits for it: it may sign Lejre's part, but
    not the association's or the company's, which it may still edit on their behalf."""
    coordinator = world.client("coordinator")
    for organisation, may_sign in (("lejre", True), ("association", False), ("company", False)):
        kwargs = {
            "slug": world.alliance(visibility).slug,
            "party_id": world.party(visibility, organisation).pk,
        }
        sign = coordinator.get(reverse("agreements:part_sign", kwargs=kwargs))
        assert sign.status_code == (200 if may_sign else 403), organisation
        if not may_sign:
            assert SIGN_DENIED in sign.content.decode()
        assert coordinator.get(reverse("agreements:part_edit", kwargs=kwargs)).status_code == 200


def test_party_of_another_alliance_is_not_found(world, landscape):
    """A party id that belongs to another alliance answers 404 under this alliance's
    address, even for the coordinator: ids cannot be borrowed across alliances."""
    foreign = world.party("private", "company")
    response = world.client("coordinator").get(
        reverse(
            "alliances:party_edit", kwargs={"slug": landscape.public.slug, "party_id": foreign.pk}
        )
    )
    assert response.status_code == 404


def test_party_representative_loses_access_when_alliance_is_unseen(world, landscape):
    """A partner who is removed from a private alliance no longer sees it: editing its
    former party answers 404, and the title does not appear."""
    Membership.objects.filter(alliance=landscape.private, user=landscape.partner).delete()
    response = world.client("partner").get(
        reverse(
            "alliances:party_edit",
            kwargs={
                "slug": landscape.private.slug,
                "party_id": world.party("private", "company").pk,
            },
        )
    )
    assert response.status_code == 404
    assert landscape.private.title not in response.content.decode()


def test_organisation_edit_only_by_its_users_and_staff(world):
    """Only users of an organisation (and staff) may edit it: Lejre's employees edit Lejre,
    the company's partner edits the company, Roskilde's employee edits neither."""
    allowed = {
        "lejre": {"coordinator", "observer", "public_employee", "staff"},
        "company": {"partner", "staff"},
        "roskilde": {"outsider", "staff"},
        "association": {"staff"},
    }
    for organisation, kinds in allowed.items():
        path = reverse(
            "alliances:organisation_edit", kwargs={"pk": world.organisations[organisation].pk}
        )
        for kind in KINDS:
            if kind == ANONYMOUS:
                continue
            status = world.client(kind).get(path).status_code
            assert status == (200 if kind in kinds else 403), (kind, organisation, status)


def test_inactive_staff_cannot_manage(landscape):
    """A staff account that is deactivated while logged in loses everything at once: its
    session no longer counts (editing the public alliance sends it to login) and the
    private alliance answers 404 without naming it."""
    client = Client()
    client.force_login(landscape.staff)
    landscape.staff.is_active = False
    landscape.staff.save()
    edit_path = reverse("alliances:edit", kwargs={"slug": landscape.public.slug})
    edit_public = client.get(edit_path)
    assert edit_public.status_code == 302
    assert parse_qs(urlsplit(edit_public["Location"]).query)["next"] == [edit_path]
    private = client.get(reverse("alliances:detail", kwargs={"slug": landscape.private.slug}))
    assert private.status_code == 404
    assert landscape.private.title not in private.content.decode()
