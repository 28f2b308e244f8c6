"""The foundation's part of the permission matrix (registered in apps.py): who sees an
alliance and who manages it, the world every app's expectations ask about, and the
expectations of the alliances' and organisations' pages, the invitation link, who works
where, the alliances' history, the foundation's API (alliances, their parties, members and
history, organisations) and the admin of the foundation's models.

Capabilities build their expectations on the helpers here (`read_alliance`,
`manage_alliance`, `alliance_url`, `company_party_id`, …) and add their own data to the
world in their module's `extend_world`. This module imports no capability.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

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
from brobygger.testing.matrix import (
    ADMIN_LOGIN,
    ANONYMOUS,
    DONE,
    KINDS,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    STAFF_DENIED,
    VISIBILITIES,
    Expect,
    PostRoute,
    Route,
    admin_model_routes,
    everyone,
    forbidden,
    needs_login,
    redirect,
    staff_only_page,
    url,
)
from conftest import make_user

# --- Who sees what ---------------------------------------------------------------------------

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
ORGANISATION_DENIED = (
    "Kun organisationens egne, bekræftede medarbejdere kan ændre dens oplysninger."
)
DOMAINS_DENIED = "Kun Brobyggers personale kan registrere og fjerne en organisations domæner."


# --- Expectations ------------------------------------------------------------------------


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


def read_history(kind: str, visibility: str) -> Expect:
    """An alliance's history (who changed what): its coordinators and staff. For everyone
    else it does not exist, whether or not they see the alliance."""
    if kind == ANONYMOUS:
        return LOGIN
    return OK if kind in MANAGERS else NOT_FOUND


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


def decide_lejre_request(kind: str, subject: str) -> Expect:
    """A request to be verified for Lejre Kommune: its verified employees and staff decide;
    for everyone else it does not exist."""
    if kind == ANONYMOUS:
        return LOGIN
    return DONE if kind == "staff" or ORGANISATION_OF[kind] == "lejre" else NOT_FOUND


def answer_for_other_company(kind: str, subject: str) -> Expect:
    """Being named as a party: the named firm's verified employees and staff answer; for
    everyone else the question does not exist."""
    if kind == ANONYMOUS:
        return LOGIN
    return DONE if kind == "staff" or ORGANISATION_OF[kind] == "other_company" else NOT_FOUND


def manage_domains(allowed: Expect) -> Callable[[str, str], Expect]:
    def expect(kind: str, subject: str) -> Expect:
        if kind == ANONYMOUS:
            return LOGIN
        return allowed if kind == "staff" else forbidden(DOMAINS_DENIED)

    return expect


# --- The data the matrix asks about -----------------------------------------------------


@dataclass
class World:
    landscape: object
    organisations: dict[str, Organisation]
    invitation_tokens: dict[str, str]
    invitations: dict[str, Invitation]
    region_period: MunicipalityRegion
    # Someone who asks to be verified as working for Lejre Kommune, whose address is at
    # lejre.dk, which staff have registered for Lejre; and the link sent to that address.
    affiliation_request: Affiliation
    domain: OrganisationDomain
    affiliation_token: str
    # The public alliance names Andet Firma ApS as a party, and the firm has not answered.
    pending_party: Party
    clients: dict[str, Client] = field(default_factory=dict)
    # What each app's `extend_world` adds, under the app's own keys (e.g. extras["ledger"]).
    extras: dict[str, object] = field(default_factory=dict)

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

    def sees(self, kind: str, visibility: str) -> bool:
        return kind in SEES[visibility]

    def unseen_titles(self, kind: str, *, except_visibility: str | None = None) -> list[str]:
        return [
            self.alliance(visibility).title
            for visibility in VISIBILITIES
            if kind not in SEES[visibility] and visibility != except_visibility
        ]

    def private_alliance_page(self) -> str:
        """Where the admin's "view on site" sends staff for the private alliance."""
        return self.landscape.private.get_absolute_url()


def _affiliation_world(landscape) -> dict:
    domain = services.organisation_domain_add(
        organisation=landscape.lejre, domain="lejre.dk", actor=landscape.staff
    )
    applicant = make_user("ansoeger", None)
    applicant.email = "ansoeger@lejre.dk"
    applicant.save()
    request, _link_sent = services.affiliation_request(
        actor=applicant, organisation=landscape.lejre, base_url="http://testserver/"
    )
    return {
        "affiliation_request": request,
        "domain": domain,
        "affiliation_token": affiliation_link_token(request),
    }


def build_world(landscape) -> World:
    """The landscape, an open invitation to each alliance and a request to be verified for
    Lejre Kommune. The apps add their own data with `brobygger.testing.matrix.extend_world`."""
    tokens, invitations = {}, {}
    for visibility in VISIBILITIES:
        alliance = getattr(landscape, visibility)
        invitation, token = services.invitation_create(
            alliance=alliance,
            email=f"ny-{visibility}@example.dk",
            name="Nina Nybegynder",
            role=MemberRole.OBSERVER,
            party=Party.objects.get(alliance=alliance, organisation=landscape.lejre),
            actor=landscape.coordinator,
            base_url="http://testserver/",
        )
        tokens[visibility], invitations[visibility] = token, invitation
    # Sent yesterday, so a coordinator may send them again.
    Invitation.objects.filter(pk__in=[i.pk for i in invitations.values()]).update(
        sent_at=timezone.now() - datetime.timedelta(days=1)
    )
    return World(
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
        region_period=MunicipalityRegion.objects.order_by("pk").first(),
        pending_party=services.party_add(
            actor=landscape.coordinator,
            alliance=landscape.public,
            organisation=Organisation.objects.get(name="Andet Firma ApS"),
            role_description="Leverer emballage.",
        ),
        **_affiliation_world(landscape),
    )


# --- URL builders -------------------------------------------------------------------------


def alliance_url(name: str, **extra: Callable[[World, str], object]) -> Callable[[World, str], str]:
    def build(world: World, visibility: str) -> str:
        kwargs = {"slug": world.alliance(visibility).slug}
        kwargs.update({key: make(world, visibility) for key, make in extra.items()})
        return reverse(name, kwargs=kwargs)

    return build


def organisation_url(name: str) -> Callable[[World, str], str]:
    return lambda world, subject: reverse(name, kwargs={"pk": world.organisations[subject].pk})


def company_party_id(world: World, visibility: str) -> int:
    return world.party(visibility, "company").pk


def observer_membership_id(world: World, visibility: str) -> int:
    return world.observer_membership(visibility).pk


def invitation_id(world: World, visibility: str) -> int:
    return world.invitations[visibility].pk


def _invitation_state(world: World, visibility: str):
    return list(
        Invitation.objects.filter(pk=invitation_id(world, visibility)).values_list(
            "withdrawn_at", "token_hash", "expires_at"
        )
    )


def alliance_page(world: World, visibility: str) -> str:
    return world.alliance(visibility).get_absolute_url()


def _pending_party_url(name: str) -> Callable[[World, str], str]:
    return lambda world, subject: reverse(
        name,
        kwargs={"pk": world.pending_party.organisation_id, "party_id": world.pending_party.pk},
    )


def _pending_party_consent(world: World, subject: str) -> str:
    return Party.objects.get(pk=world.pending_party.pk).consent


ON_ALLIANCES = VISIBILITIES
ON_ORGANISATIONS = ORGANISATIONS


# --- The API: reading needs no login; what the caller may not read answers 404 --------------

# The subject of the party endpoint for the public alliance's unanswered party.
PENDING = "pending"


def _api_party_url(world: World, subject: str) -> str:
    if subject == PENDING:
        party = world.pending_party
        return reverse("api:alliance_party", kwargs={"slug": party.alliance.slug, "party_id": party.pk})
    return reverse(
        "api:alliance_party",
        kwargs={"slug": world.alliance(subject).slug, "party_id": company_party_id(world, subject)},
    )


def read_api_party(kind: str, subject: str) -> Expect:
    if subject == PENDING:
        return OK if kind in MEMBERS | {"staff"} else NOT_FOUND
    return read_alliance(kind, subject)


def read_api_members(kind: str, visibility: str) -> Expect:
    """The members list: the alliance's members and staff (`alliances.view_members`)."""
    return OK if kind in MEMBERS | {"staff"} else NOT_FOUND


def read_api_history(kind: str, visibility: str) -> Expect:
    """As `read_history`, but the API asks nobody to log in: for everyone else it does not
    exist."""
    return OK if kind in MANAGERS else NOT_FOUND

# --- The Django admin of the foundation's models ----------------------------------------------
#
# The landscape's staff user has is_staff but no Django model permissions. The admin grants
# model access through Django permissions; rules.py gives active staff view/add/change on
# alliances and add/change on organisations, nothing more. admin.py shows alliances,
# invitations and the regions read-only for everyone (no adding, changing or deleting,
# whatever the permissions): staff, who may view alliances, get an alliance's change page as
# a read-only view. Organisations are changed there (through the service) but neither added
# nor deleted. Invitations and regions need a Django permission even to be viewed.

ADMIN_MODELS = {
    # model: (its admin address, staff's expectation for (changelist, add, change, delete,
    # history), the object whose pages are asked)
    "alliances_organisation": (
        "alliances/organisation",
        (OK, STAFF_DENIED, OK, STAFF_DENIED, OK),
        lambda w: w.landscape.company.pk,
    ),
    "alliances_municipalityregion": (
        "alliances/municipalityregion",
        (STAFF_DENIED,) * 5,
        lambda w: w.region_period.pk,
    ),
    "alliances_alliance": (
        "alliances/alliance",
        (OK, STAFF_DENIED, OK, STAFF_DENIED, OK),
        lambda w: w.landscape.private.pk,
    ),
    "alliances_invitation": (
        "alliances/invitation",
        (STAFF_DENIED,) * 5,
        lambda w: w.invitations["private"].pk,
    ),
}


def _admin_routes() -> dict[str, Route]:
    routes = {}
    for model, (address, staff, object_id) in ADMIN_MODELS.items():
        routes.update(admin_model_routes(model, address, staff, object_id))
    return routes


GET_ROUTES: dict[str, Route] = {
    "alliances:invitation": Route(
        lambda world, visibility: reverse(
            "alliances:invitation", kwargs={"token": world.invitation_tokens[visibility]}
        ),
        everyone(OK),
        ON_ALLIANCES,
        subject_title_public=True,
    ),
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
    # Withdrawing and resending an invitation are POSTs (see POST_ROUTES).
    "alliances:invitation_withdraw": Route(
        alliance_url("alliances:invitation_withdraw", invitation_id=invitation_id), needs_login(NOT_ALLOWED), ON_ALLIANCES
    ),
    "alliances:invitation_resend": Route(
        alliance_url("alliances:invitation_resend", invitation_id=invitation_id), needs_login(NOT_ALLOWED), ON_ALLIANCES
    ),
    # Who changed what: an alliance's coordinators and staff; everything, staff only.
    "alliances:history": Route(alliance_url("alliances:history"), read_history, ON_ALLIANCES),
    "alliances:all_history": Route(url("alliances:all_history"), staff_only_page),
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
    # Answering a naming is a POST (see POST_ROUTES); a GET only checks login first.
    "alliances:party_confirm": Route(_pending_party_url("alliances:party_confirm"), needs_login(NOT_ALLOWED)),
    "alliances:party_decline": Route(_pending_party_url("alliances:party_decline"), needs_login(NOT_ALLOWED)),
    "alliances:parties_at_the_transition": Route(url("alliances:parties_at_the_transition"), staff_only_page),
    # --- api: the foundation's endpoints
    "api:alliance_list": Route(url("api:alliance_list"), everyone(OK), lists_seen=True),
    "api:alliance_detail": Route(alliance_url("api:alliance_detail"), read_alliance, ON_ALLIANCES),
    "api:alliance_parties": Route(alliance_url("api:alliance_parties"), read_alliance, ON_ALLIANCES),
    # The company's (confirmed) party in each alliance, and the public alliance's party that
    # Andet Firma ApS has not answered: only its members and staff see that one.
    "api:alliance_party": Route(_api_party_url, read_api_party, (*ON_ALLIANCES, PENDING)),
    "api:alliance_members": Route(alliance_url("api:alliance_members"), read_api_members, ON_ALLIANCES),
    "api:alliance_history": Route(alliance_url("api:alliance_history"), read_api_history, ON_ALLIANCES),
    "api:all_history": Route(url("api:all_history"), lambda kind, subject: OK if kind == "staff" else NOT_FOUND),
    "api:alliance_phases": Route(alliance_url("api:alliance_phases"), read_alliance, ON_ALLIANCES),
    "api:party_history": Route(
        alliance_url("api:party_history", party_id=company_party_id), read_api_members, ON_ALLIANCES
    ),
    "api:organisation_list": Route(url("api:organisation_list"), everyone(OK)),
    "api:organisation_detail": Route(
        organisation_url("api:organisation_detail"), everyone(OK), ON_ORGANISATIONS
    ),
    # --- Django admin
    "admin:view_on_site": Route(
        lambda world, subject: reverse(
            "admin:view_on_site",
            kwargs={
                "content_type_id": ContentType.objects.get_for_model(Alliance).pk,
                "object_id": world.landscape.private.pk,
            },
        ),
        lambda kind, subject: (
            Expect(302, "world.private_alliance_page") if kind == "staff" else ADMIN_LOGIN
        ),
    ),
    **_admin_routes(),
}


# --- Write endpoints ------------------------------------------------------------------------


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


def _affiliation_state(world: World, subject: str):
    return list(
        Affiliation.objects.filter(pk=world.affiliation_request.pk).values_list("status", "method")
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
        alliance_page,
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
        alliance_page,
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
        alliance_page,
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
        alliance_page,
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
        alliance_page,
        ON_ALLIANCES,
    ),
    "alliances:invitation_withdraw": PostRoute(
        alliance_url("alliances:invitation_withdraw", invitation_id=invitation_id),
        lambda world, visibility: {},
        lambda kind, visibility: manage_alliance(kind, visibility, DONE),
        _invitation_state,
        lambda world, visibility: f"{alliance_page(world, visibility)}#members-heading",
        ON_ALLIANCES,
    ),
    "alliances:invitation_resend": PostRoute(
        alliance_url("alliances:invitation_resend", invitation_id=invitation_id),
        lambda world, visibility: {},
        lambda kind, visibility: manage_alliance(kind, visibility, DONE),
        _invitation_state,
        lambda world, visibility: f"{alliance_page(world, visibility)}#members-heading",
        ON_ALLIANCES,
    ),
    "alliances:member_remove": PostRoute(
        alliance_url("alliances:member_remove", membership_id=observer_membership_id),
        lambda world, visibility: {},
        lambda kind, visibility: manage_alliance(kind, visibility, DONE),
        lambda world, visibility: Membership.objects.filter(
            alliance=world.alliance(visibility)
        ).count(),
        alliance_page,
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
    # --- an organisation's answer to being named as a party
    "alliances:party_confirm": PostRoute(
        _pending_party_url("alliances:party_confirm"),
        lambda world, subject: {},
        answer_for_other_company,
        _pending_party_consent,
        lambda world, subject: world.pending_party.organisation.get_absolute_url(),
    ),
    "alliances:party_decline": PostRoute(
        _pending_party_url("alliances:party_decline"),
        lambda world, subject: {},
        answer_for_other_company,
        _pending_party_consent,
        lambda world, subject: world.pending_party.organisation.get_absolute_url(),
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
}
