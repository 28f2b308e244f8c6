"""Who works where: a user's organisation is verified, never asserted by an invitation or
by the user. It becomes verified by staff, by a confirmed address at a domain the
organisation has registered, or by a colleague already verified for it."""

import importlib
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from brobygger.accounts.models import User
from brobygger.alliances import services
from brobygger.alliances.models import (
    Affiliation,
    AffiliationMethod,
    AffiliationStatus,
    Alliance,
    MemberRole,
    Membership,
    Organisation,
    OrganisationDomain,
)
from brobygger.alliances.rules import verified_organisation_id
from conftest import make_user

NEW_PASSWORD = "Mælkebøtte-i-maj-77"


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """POST and run what the request leaves for after the commit (the email task)."""

    def send(client, url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return send


def link_in(message, path: str) -> str:
    match = re.search(rf"https?://[^/\s]+({re.escape(path)}[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def person(username: str, email: str) -> User:
    """A user with no organisation yet."""
    user = make_user(username, None)
    user.email = email
    user.save()
    return user


def text(response) -> str:
    return " ".join(response.content.decode().split())


# --- The attack the invitation allowed --------------------------------------------------


@pytest.mark.django_db
def test_an_invitation_does_not_make_its_acceptor_an_employee(
    today, landscape, client, mailoutbox, post
):
    """Step by step, as an outsider would try it: create an alliance with Lejre Kommune as
    lead, invite a second address of one's own to Lejre's party, accept. The new account
    speaks for Lejre in that alliance only: it has no organisation, does not see Lejre's
    internal alliance, and cannot edit Lejre's organisation record."""
    attacker = landscape.company_outsider
    client.force_login(attacker)
    response = client.post(
        reverse("alliances:create"),
        {
            "title": "Lejres hemmeligheder",
            "summary": "Et påskud.",
            "purpose": "At blive medarbejder i Lejre Kommune.",
            "welfare_area": "aeldre",
            "lead_organisation": landscape.lejre.pk,
            "phase": "ide",
            "visibility": "privat",
        },
    )
    assert response.status_code == 302
    bait = Alliance.objects.get(title="Lejres hemmeligheder")
    lejre_party = bait.parties.get(organisation=landscape.lejre)
    response = post(
        client,
        reverse("alliances:member_invite", kwargs={"slug": bait.slug}),
        {
            "name": "Mallory Lejre",
            "email": "mallory@angriber.example",
            "role": MemberRole.PARTNER,
            "party": lejre_party.pk,
        },
    )
    assert response.status_code == 302
    link = link_in(mailoutbox[-1], "/konto/invitation/")
    client.logout()

    response = client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    second = User.objects.get(email="mallory@angriber.example")

    # Speaks for Lejre in the bait alliance, and nowhere else.
    membership = Membership.objects.get(alliance=bait, user=second)
    assert membership.party == lejre_party
    assert verified_organisation_id(second) is None
    assert not Affiliation.objects.filter(user=second).exists()
    # Lejre's internal alliance stays hidden, in the list and by address.
    assert client.get(landscape.internal.get_absolute_url()).status_code == 404
    assert landscape.internal.title not in text(client.get(reverse("alliances:list")))
    # Lejre's organisation record cannot be edited.
    edit = reverse("alliances:organisation_edit", kwargs={"pk": landscape.lejre.pk})
    assert client.get(edit).status_code == 403
    response = client.post(edit, {"description": "Overtaget.", "website": "", "ean": "", "cvr": ""})
    assert response.status_code == 403
    assert Organisation.objects.get(pk=landscape.lejre.pk).description != "Overtaget."
    # Their account page says they have no verified organisation.
    assert "Ingen bekræftet organisation" in text(client.get(reverse("accounts:profile")))


@pytest.mark.django_db
def test_a_verified_employee_still_sees_and_edits_their_organisations_things(landscape, client):
    """Verified for Lejre Kommune by staff, a colleague with no membership still sees the
    internal alliance Lejre is a public party of, and may edit Lejre's record."""
    client.force_login(landscape.public_employee)
    assert client.get(landscape.internal.get_absolute_url()).status_code == 200
    assert landscape.internal.title in text(client.get(reverse("alliances:list")))
    edit = reverse("alliances:organisation_edit", kwargs={"pk": landscape.lejre.pk})
    assert client.get(edit).status_code == 200


@pytest.mark.django_db
def test_a_pending_request_gives_no_organisation(landscape, client):
    """Asking to be Lejre's employee is not being one: until the request is verified, the
    user sees no internal alliance because of it."""
    hopeful = person("haabefuld", "haabefuld@privat.example")
    client.force_login(hopeful)
    response = client.post(reverse("alliances:affiliation"), {"organisation": landscape.lejre.pk})
    assert response.status_code == 302
    request = Affiliation.objects.get(user=hopeful)
    assert request.status == AffiliationStatus.REQUESTED
    assert client.get(landscape.internal.get_absolute_url()).status_code == 404
    page = text(client.get(reverse("alliances:affiliation")))
    assert "Du har bedt om at blive tilknyttet Lejre Kommune" in page


# --- The three ways -------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_register_a_domain_and_a_confirmed_address_there_verifies(
    today, landscape, client, mailoutbox, post
):
    """Staff register lejre.dk for Lejre on its page. A user with an address there is
    offered Lejre, gets a link by email, and is verified once they confirm it; the record
    says how and when."""
    client.force_login(landscape.staff)
    response = client.post(
        reverse("alliances:organisation_domain_add", kwargs={"pk": landscape.lejre.pk}),
        {"domain": "@Lejre.DK"},
    )
    assert response.status_code == 302
    assert OrganisationDomain.objects.get().domain == "lejre.dk"

    employee = person("ny", "ny.medarbejder@lejre.dk")
    client.force_login(employee)
    page = text(client.get(reverse("alliances:affiliation")))
    assert "Send link og bekræft Lejre Kommune" in page
    response = post(client, reverse("alliances:affiliation"), {"organisation": landscape.lejre.pk})
    assert response.status_code == 302
    assert mailoutbox[-1].to == ["ny.medarbejder@lejre.dk"]
    link = link_in(mailoutbox[-1], "/min-organisation/bekraeft/")
    # Opening the link (as a mail scanner would) confirms nothing; the button does.
    assert client.get(link).status_code == 200
    assert verified_organisation_id(User.objects.get(pk=employee.pk)) is None
    assert client.get(landscape.internal.get_absolute_url()).status_code == 404

    response = client.post(link)
    assert response.status_code == 302
    affiliation = Affiliation.objects.get(user=employee)
    assert affiliation.status == AffiliationStatus.VERIFIED
    assert affiliation.method == AffiliationMethod.EMAIL_DOMAIN
    assert affiliation.verified_email == "ny.medarbejder@lejre.dk"
    assert affiliation.verified_at == timezone.now()
    assert client.get(landscape.internal.get_absolute_url()).status_code == 200
    assert "Du er bekræftet som medarbejder i Lejre Kommune" in text(
        client.get(reverse("alliances:affiliation"))
    )


@pytest.mark.django_db
def test_an_address_outside_the_domain_gets_no_link(landscape, client, mailoutbox, post):
    """Without a registered domain matching the address, no link is sent: the request waits
    for a colleague or staff."""
    services.organisation_domain_add(organisation=landscape.lejre, domain="lejre.dk", actor=landscape.staff)
    outsider = person("anden", "anden@lejre-kommune.example")
    client.force_login(outsider)
    post(client, reverse("alliances:affiliation"), {"organisation": landscape.lejre.pk})
    assert mailoutbox == []
    assert Affiliation.objects.get(user=outsider).status == AffiliationStatus.REQUESTED


@pytest.mark.django_db
def test_the_link_stops_working_when_the_address_changes(today, landscape, client, mailoutbox, post):
    """A link names the address it was sent to: after the address changes it is refused."""
    services.organisation_domain_add(organisation=landscape.lejre, domain="lejre.dk", actor=landscape.staff)
    employee = person("skifter", "skifter@lejre.dk")
    client.force_login(employee)
    post(client, reverse("alliances:affiliation"), {"organisation": landscape.lejre.pk})
    link = link_in(mailoutbox[-1], "/min-organisation/bekraeft/")
    employee.email = "skifter@andetsted.example"
    employee.save()
    assert client.get(link).status_code == 404
    assert client.post(link).status_code == 404
    assert Affiliation.objects.get(user=employee).status == AffiliationStatus.REQUESTED


@pytest.mark.django_db
def test_accepting_an_invitation_at_a_registered_domain_verifies_that_domains_owner(
    today, landscape, client
):
    """Following the invitation's link confirms the address it went to: an address at a
    registered domain verifies the domain's organisation, whichever party the invitation
    names."""
    services.organisation_domain_add(organisation=landscape.lejre, domain="lejre.dk", actor=landscape.staff)
    invitation, token = services.invitation_create(
        alliance=landscape.public,
        email="kollega.ny@lejre.dk",
        name="Kollega Ny",
        role=MemberRole.PARTNER,
        party=landscape.public.parties.get(organisation=landscape.association),
        actor=landscape.coordinator,
        base_url="http://testserver/",
    )
    response = client.post(
        reverse("alliances:invitation", kwargs={"token": token}),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(email="kollega.ny@lejre.dk")
    assert verified_organisation_id(user) == landscape.lejre.pk
    assert Affiliation.objects.get(user=user).method == AffiliationMethod.EMAIL_DOMAIN
    assert Membership.objects.get(user=user, alliance=landscape.public).party.organisation == landscape.association


@pytest.mark.django_db
def test_a_verified_colleague_approves_a_request_from_the_organisations_page(landscape, client):
    """The request shows on Lejre's page to its verified employees, one of whom approves it.
    The record names the colleague. Others do not see the request, and cannot decide it."""
    hopeful = person("haabefuld", "haabefuld@privat.example")
    request, _sent = services.affiliation_request(
        actor=hopeful, organisation=landscape.lejre, base_url="http://testserver/"
    )
    page = reverse("alliances:organisation_detail", kwargs={"pk": landscape.lejre.pk})
    approve = reverse("alliances:affiliation_approve", kwargs={"pk": request.pk})

    for stranger in (landscape.company_outsider, landscape.outsider, hopeful):
        client.force_login(stranger)
        assert "haabefuld@privat.example" not in text(client.get(page))
        assert client.post(approve).status_code == 404
    assert Affiliation.objects.get(pk=request.pk).status == AffiliationStatus.REQUESTED

    client.force_login(landscape.public_employee)
    assert "haabefuld@privat.example" in text(client.get(page))
    response = client.post(approve)
    assert response.status_code == 302
    assert response["Location"] == page
    approved = Affiliation.objects.get(pk=request.pk)
    assert approved.status == AffiliationStatus.VERIFIED
    assert approved.method == AffiliationMethod.APPROVAL
    assert approved.verified_by == landscape.public_employee


@pytest.mark.django_db
def test_a_colleague_turns_down_a_request(landscape, client):
    """Turning a request down removes it; the user has no organisation."""
    hopeful = person("haabefuld", "haabefuld@privat.example")
    request, _sent = services.affiliation_request(
        actor=hopeful, organisation=landscape.lejre, base_url="http://testserver/"
    )
    client.force_login(landscape.observer)
    response = client.post(reverse("alliances:affiliation_reject", kwargs={"pk": request.pk}))
    assert response.status_code == 302
    assert not Affiliation.objects.filter(user=hopeful).exists()


@pytest.mark.django_db
def test_staff_verify_carried_over_accounts_in_one_click(landscape, client):
    """The staff page lists every open request, accounts carried over from before
    verification among them, and verifies one in a click, staying on the page."""
    carried = person("gammel", "gammel@lejre.example")
    Affiliation.objects.create(
        user=carried,
        organisation=landscape.lejre,
        requested_at=timezone.now(),
        note="Overført fra før organisationer blev bekræftet.",
    )
    client.force_login(landscape.staff)
    review = reverse("alliances:affiliation_review")
    page = text(client.get(review))
    assert "gammel@lejre.example" in page
    assert "Overført fra før organisationer blev bekræftet." in page
    request = Affiliation.objects.get(user=carried)
    response = client.post(
        reverse("alliances:affiliation_approve", kwargs={"pk": request.pk}), {"tilbage": "personale"}
    )
    assert response["Location"] == review
    verified = Affiliation.objects.get(user=carried)
    assert (verified.method, verified.verified_by) == (AffiliationMethod.STAFF, landscape.staff)
    assert "gammel@lejre.example" not in text(client.get(review))


@pytest.mark.django_db
def test_only_staff_see_the_review_page_and_the_domains(landscape, client):
    """Employees of Lejre see neither the staff page nor Lejre's domains, and cannot add one."""
    services.organisation_domain_add(organisation=landscape.lejre, domain="lejre.dk", actor=landscape.staff)
    client.force_login(landscape.coordinator)
    assert client.get(reverse("alliances:affiliation_review")).status_code == 404
    page = text(client.get(reverse("alliances:organisation_detail", kwargs={"pk": landscape.lejre.pk})))
    assert "lejre.dk" not in page
    response = client.post(
        reverse("alliances:organisation_domain_add", kwargs={"pk": landscape.lejre.pk}),
        {"domain": "lejre-kommune.dk"},
    )
    assert response.status_code == 403
    assert list(OrganisationDomain.objects.values_list("domain", flat=True)) == ["lejre.dk"]


@pytest.mark.django_db
def test_changing_the_email_re_runs_the_rule(today, landscape, mailoutbox, django_capture_on_commit_callbacks):
    """A verified employee whose address changes is a request again; a new address at the
    organisation's domain gets a fresh link."""
    services.organisation_domain_add(organisation=landscape.lejre, domain="lejre.dk", actor=landscape.staff)
    employee = landscape.public_employee
    assert verified_organisation_id(employee) == landscape.lejre.pk
    employee.email = "kollega@lejre.dk"
    employee.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.affiliation_email_changed(actor=landscape.staff, user=employee, base_url="http://testserver/")
    assert verified_organisation_id(employee) is None
    assert Affiliation.objects.get(user=employee).status == AffiliationStatus.REQUESTED
    assert mailoutbox[-1].to == ["kollega@lejre.dk"]


@pytest.mark.django_db
def test_a_user_says_they_no_longer_work_there(landscape, client):
    client.force_login(landscape.public_employee)
    response = client.post(reverse("alliances:affiliation_end"))
    assert response.status_code == 302
    assert not Affiliation.objects.filter(user=landscape.public_employee).exists()
    assert client.get(landscape.internal.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_new_organisation_from_the_party_form_has_no_verified_user(landscape, client):
    """Creating an organisation while adding a party does not make its creator an employee:
    its first verified user comes from staff or a domain."""
    client.force_login(landscape.coordinator)
    response = client.post(
        reverse("alliances:party_add", kwargs={"slug": landscape.public.slug}),
        {
            "source": "ny",
            "new_name": "Nabohjælpen",
            "new_kind": "forening",
            "new_cvr": "",
            "new_ean": "",
            "role_description": "Hjælper naboer.",
        },
    )
    assert response.status_code == 302
    created = Organisation.objects.get(name="Nabohjælpen")
    assert not Affiliation.objects.filter(organisation=created).exists()
    edit = reverse("alliances:organisation_edit", kwargs={"pk": created.pk})
    assert client.get(edit).status_code == 403


@pytest.mark.django_db
def test_staff_set_an_organisation_and_only_staff_can(landscape):
    """Staff verify directly; anyone else is refused by the service itself."""
    from django.core.exceptions import PermissionDenied

    newcomer = person("nytilkommen", "ny@roskilde.example")
    with pytest.raises(PermissionDenied):
        services.affiliation_set_by_staff(user=newcomer, organisation=landscape.roskilde, actor=landscape.coordinator)
    assert verified_organisation_id(newcomer) is None
    services.affiliation_set_by_staff(user=newcomer, organisation=landscape.roskilde, actor=landscape.staff)
    assert verified_organisation_id(newcomer) == landscape.roskilde.pk


# --- The migration --------------------------------------------------------------------------


@pytest.mark.django_db
def test_existing_accounts_keep_their_organisation_only_at_its_registered_domain(landscape):
    """The migration's rule: an account whose email is at a domain registered for its old
    organisation stays verified; every other one becomes a request for staff to verify."""
    migration = importlib.import_module("brobygger.alliances.migrations.0003_affiliations")
    services.organisation_domain_add(organisation=landscape.lejre, domain="lejre.dk", actor=landscape.staff)
    at_domain = person("paa-domaenet", "ansat@lejre.dk")
    elsewhere = person("andetsteds", "ansat@gmail.example")
    wrong_org = person("forkert", "ansat2@lejre.dk")
    migration.carry_over(
        [
            (at_domain.pk, at_domain.email, landscape.lejre.pk),
            (elsewhere.pk, elsewhere.email, landscape.lejre.pk),
            (wrong_org.pk, wrong_org.email, landscape.roskilde.pk),
        ],
        Affiliation,
        OrganisationDomain,
        timezone.now(),
    )
    assert verified_organisation_id(at_domain) == landscape.lejre.pk
    for user in (elsewhere, wrong_org):
        assert verified_organisation_id(user) is None
        assert Affiliation.objects.get(user=user).status == AffiliationStatus.REQUESTED
