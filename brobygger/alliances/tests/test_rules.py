"""The view rule has two forms: the predicate `can_view_alliance` (behind
user.has_perm("alliances.view_alliance", alliance)), used for one alliance, and the query
filter `visible_alliances_q(user)`, used for lists and the API. They must never disagree."""

import pytest
from django.contrib.auth.models import AnonymousUser

from brobygger.alliances import services
from brobygger.alliances.models import Alliance, MemberRole, Organisation, PartyConsent, Visibility
from brobygger.alliances.rules import visible_alliances_q
from conftest import consented, make_user

# The landscape alone: what each kind of user sees, by title.
PUBLIC, INTERNAL, PRIVATE = "Offentlig mælk", "Intern mælk", "Hemmelig mælk"
LANDSCAPE_SEES = {
    "anonymous": {PUBLIC},
    "outsider": {PUBLIC},
    "company_outsider": {PUBLIC},
    "public_employee": {PUBLIC, INTERNAL},
    "observer": {PUBLIC, INTERNAL, PRIVATE},
    "partner": {PUBLIC, INTERNAL, PRIVATE},
    "coordinator": {PUBLIC, INTERNAL, PRIVATE},
    "staff": {PUBLIC, INTERNAL, PRIVATE},
}


def user_of(landscape, kind: str):
    return AnonymousUser() if kind == "anonymous" else getattr(landscape, kind)


def visible_titles(user) -> set[str]:
    return set(Alliance.objects.filter(visible_alliances_q(user)).values_list("title", flat=True))


def predicate_titles(user) -> set[str]:
    # A fresh instance per check, so no permission cache carries over between users.
    return {
        alliance.title
        for alliance in Alliance.objects.all()
        if user.has_perm("alliances.view_alliance", alliance)
    }


@pytest.fixture
def wider(landscape):
    """More alliances around the landscape, for the edges of the internal rule: a region
    and a state institution as public parties, a private-sector party of an internal
    alliance, a public party of a private alliance, and a topleder."""
    region = Organisation.objects.get(name="Region Nordjylland")
    state = services.organisation_create(actor=None, name="Styrelsen for Velfærd", kind="statslig")
    region_user = make_user("regionsdirektoer", region)
    state_user = make_user("styrelse", state)
    top_leader = make_user("topleder", landscape.roskilde)
    no_organisation = make_user("uden", None)
    inactive_staff = make_user("tidligere", None, is_staff=True)
    inactive_staff.is_active = False
    inactive_staff.save()

    def alliance(title, visibility, lead, *others):
        created = services.alliance_create(
            actor=region_user,
            title=title,
            summary="Resumé.",
            purpose="Formål.",
            welfare_area="sundhed",
            lead_organisation=lead,
            visibility=visibility,
        )
        for organisation in others:
            services.party_add(actor=region_user, alliance=created, organisation=organisation, role_description="Med.")
        # The organisations named have said yes (what an unanswered naming gives is tested
        # on its own below).
        consented(created)
        return created

    # Internal, with a private company as party: the company's people do not see it.
    region_internal = alliance(
        "Regional telemedicin", Visibility.INTERNAL, region, landscape.company
    )
    # Internal, with a state institution as party: its people see it.
    state_internal = alliance("Statens forsøg", Visibility.INTERNAL, region, state)
    # Private, with Roskilde as party: Roskilde's people do not see it without membership.
    roskilde_private = alliance("Roskildes lukkede", Visibility.PRIVATE, region, landscape.roskilde)
    services.membership_add(actor=region_user, alliance=roskilde_private, user=top_leader, role=MemberRole.TOP_LEADER)
    return {
        "region_user": region_user,
        "state_user": state_user,
        "top_leader": top_leader,
        "no_organisation": no_organisation,
        "inactive_staff": inactive_staff,
        "titles": {
            "region_internal": region_internal.title,
            "state_internal": state_internal.title,
            "roskilde_private": roskilde_private.title,
        },
    }


@pytest.mark.parametrize("kind", sorted(LANDSCAPE_SEES))
def test_landscape_visibility_per_user_kind(landscape, kind):
    """In the landscape, each kind of user sees exactly the alliances the table says:
    the public one for everybody, the internal one also for Lejre's employees (Lejre is a
    public party of it), the private one only for members, and all for staff."""
    user = user_of(landscape, kind)
    assert visible_titles(user) == LANDSCAPE_SEES[kind]
    assert predicate_titles(user) == LANDSCAPE_SEES[kind]


def test_query_and_predicate_agree_for_every_user_and_alliance(landscape, wider):
    """For every user (each landscape kind, a region and a state employee, a topleder, a
    user without organisation, inactive staff, anonymous) and every alliance, the query
    filter includes the alliance exactly when the predicate allows viewing it."""
    users = [user_of(landscape, kind) for kind in LANDSCAPE_SEES] + [
        wider["region_user"],
        wider["state_user"],
        wider["top_leader"],
        wider["no_organisation"],
        wider["inactive_staff"],
    ]
    assert Alliance.objects.count() == 6
    disagreements = []
    for user in users:
        in_query = set(
            Alliance.objects.filter(visible_alliances_q(user)).values_list("pk", flat=True)
        )
        for alliance in Alliance.objects.all():
            allowed = user.has_perm("alliances.view_alliance", alliance)
            if allowed != (alliance.pk in in_query):
                disagreements.append(
                    f"{user}: {alliance.title}: predicate {allowed}, query {not allowed}"
                )
    assert not disagreements, "\n".join(disagreements)


def test_query_lists_each_alliance_once(landscape, wider):
    """A user who sees an alliance in several ways (member and public-party employee) gets
    it once: the filter never duplicates rows."""
    coordinator = landscape.coordinator  # member of all three, and Lejre is a party of all three
    alliances = Alliance.objects.filter(visible_alliances_q(coordinator))
    assert alliances.count() == len(set(alliances.values_list("pk", flat=True))) == 3


def test_internal_rule_edges(landscape, wider):
    """The internal rule counts only public-sector parties: a company that is a party of an
    internal alliance does not make it visible to its people; a region and a state
    institution do; being a party of a *private* alliance shows nothing without membership."""
    titles = wider["titles"]
    assert titles["region_internal"] not in visible_titles(landscape.partner)
    assert titles["region_internal"] in visible_titles(wider["region_user"])
    assert titles["state_internal"] in visible_titles(wider["state_user"])
    assert titles["state_internal"] not in visible_titles(landscape.public_employee)
    assert titles["roskilde_private"] not in visible_titles(landscape.outsider)
    assert titles["roskilde_private"] in visible_titles(wider["top_leader"])
    assert visible_titles(wider["no_organisation"]) == {PUBLIC}


def test_only_a_confirmed_party_opens_an_internal_alliance_to_its_employees(landscape, wider):
    """Naming an organisation as a party is not enough to show an internal alliance to its
    employees: the organisation must confirm it. Until then, and after a decline, both forms
    of the rule agree that its employees see nothing because of it."""
    state_user = wider["state_user"]
    state = Organisation.objects.get(name="Styrelsen for Velfærd")
    named = services.alliance_create(
        actor=landscape.coordinator,
        title="Navngivet uden svar",
        summary="Resumé.",
        purpose="Formål.",
        welfare_area="sundhed",
        lead_organisation=landscape.lejre,
        visibility=Visibility.INTERNAL,
    )
    party = services.party_add(actor=landscape.coordinator, alliance=named, organisation=state, role_description="Med.")
    assert party.consent == PartyConsent.PENDING
    assert named.title not in visible_titles(state_user)
    assert named.title not in predicate_titles(state_user)

    services.party_answer(actor=state_user, party=party, confirm=False)
    assert named.title not in visible_titles(state_user)
    assert named.title not in predicate_titles(state_user)

    services.party_answer(actor=state_user, party=party, confirm=True)
    assert named.title in visible_titles(state_user)
    assert named.title in predicate_titles(state_user)


def test_staff_sees_all(landscape, wider):
    """Active staff sees every alliance, whatever its visibility and membership."""
    assert visible_titles(landscape.staff) == set(Alliance.objects.values_list("title", flat=True))
    assert all(
        landscape.staff.has_perm("alliances.view_alliance", a) for a in Alliance.objects.all()
    )


def test_inactive_staff_sees_only_public(landscape, wider):
    """A deactivated staff account keeps no staff rights: it sees only public alliances."""
    inactive = wider["inactive_staff"]
    assert visible_titles(inactive) == {PUBLIC}
    assert predicate_titles(inactive) == {PUBLIC}


def test_visibility_change_takes_effect_at_once(landscape):
    """Turning the private alliance public shows it to outsiders in both forms of the rule
    at once; turning it back hides it again."""
    outsider = landscape.outsider
    Alliance.objects.filter(pk=landscape.private.pk).update(visibility=Visibility.PUBLIC)
    assert PRIVATE in visible_titles(outsider)
    assert PRIVATE in predicate_titles(outsider)
    Alliance.objects.filter(pk=landscape.private.pk).update(visibility=Visibility.PRIVATE)
    assert PRIVATE not in visible_titles(outsider)
    assert PRIVATE not in predicate_titles(outsider)
