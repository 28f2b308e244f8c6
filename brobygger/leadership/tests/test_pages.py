"""The leadership pages as a leader uses them: the role plan and its cells, the
questionnaire (drafts and completion), the profile, and a team's page. Query counts stay
flat whatever the number of leaders and members."""

import pytest
from django.urls import reverse

from brobygger.alliances import services as alliance_services
from brobygger.alliances.models import MemberRole, Membership
from brobygger.leadership import instrument, services
from brobygger.leadership.dimensions import Role
from brobygger.leadership.models import Assessment, RoleAssignment, TeamKind
from brobygger.testing import budgets
from conftest import make_user


def _login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def top_leader(landscape):
    leader = make_user("topleder", landscape.lejre)
    lead_party = landscape.public.parties.get(organisation=landscape.lejre)
    alliance_services.membership_add(
        actor=landscape.coordinator, alliance=landscape.public, user=leader, role=MemberRole.TOP_LEADER, party=lead_party
    )
    return leader


def test_the_plan_shows_the_gaps_of_the_current_and_next_phase(client, landscape):
    response = _login(client, landscape.observer).get(reverse("leadership:plan", args=[landscape.public.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Huller nu og i næste fase" in page
    # Idé: Medspilleren, Brobyggeren and Fortælleren are suggested; Afklaring adds Designeren.
    assert "Nu: Idé" in page and "Næste fase: Afklaring" in page
    assert page.count("Mangler</span>") == 6
    # A member who does not keep the plan is offered no edit link.
    assert "/roller/ide/" not in page


def test_a_top_leader_fills_a_cell_and_the_gap_closes(client, landscape, top_leader):
    alliance = landscape.public
    partner = Membership.objects.get(alliance=alliance, user=landscape.partner)
    url = reverse("leadership:cell_edit", args=[alliance.slug, "ide", Role.BROBYGGER])
    response = _login(client, top_leader).post(url, {"leaders": [partner.pk], "needed": "forslag", "reason": ""})
    assert response.status_code == 302
    page = client.get(reverse("leadership:plan", args=[alliance.slug])).content.decode()
    assert page.count("Mangler</span>") == 5
    assert "Partner Testesen" in page


def test_a_too_long_reason_is_refused_next_to_the_field_and_nothing_is_saved(client, landscape):
    alliance = landscape.public
    partner = Membership.objects.get(alliance=alliance, user=landscape.partner)
    url = reverse("leadership:cell_edit", args=[alliance.slug, "ide", Role.BROBYGGER])
    response = _login(client, landscape.coordinator).post(
        url, {"leaders": [partner.pk], "needed": "ja", "reason": "x" * 301}
    )
    assert response.status_code == 400
    assert "id_reason-error" in response.content.decode()
    assert not RoleAssignment.objects.exists()


def test_a_member_of_another_alliance_cannot_be_chosen(client, landscape):
    other = Membership.objects.get(alliance=landscape.private, user=landscape.partner)
    url = reverse("leadership:cell_edit", args=[landscape.public.slug, "ide", Role.BROBYGGER])
    response = _login(client, landscape.coordinator).post(url, {"leaders": [other.pk], "needed": "forslag"})
    assert response.status_code == 400
    assert not RoleAssignment.objects.exists()


def test_an_unknown_phase_or_role_is_not_found(client, landscape):
    client = _login(client, landscape.coordinator)
    assert client.get(reverse("leadership:cell_edit", args=[landscape.public.slug, "ide", "kaptajn"])).status_code == 404
    assert client.get(reverse("leadership:cell_edit", args=[landscape.public.slug, "x", Role.BROBYGGER])).status_code == 404


def _all_answers(value=4):
    return {statement.key: str(value) for statement in instrument.statements(instrument.current_version())}


def test_a_draft_is_saved_part_way_and_finished_later(client, landscape):
    client = _login(client, landscape.partner)
    answers = _all_answers()
    first_half = dict(list(answers.items())[:10])
    response = client.post(reverse("leadership:questionnaire"), {**first_half, "action": "gem"})
    assert response.status_code == 302
    page = client.get(reverse("leadership:assessment")).content.decode()
    assert "Du har svaret på 10 af 36 udsagn" in page
    # The draft's answers are checked when the questionnaire is opened again.
    form = client.get(reverse("leadership:questionnaire")).content.decode()
    assert form.count("checked") == 10
    response = client.post(reverse("leadership:questionnaire"), {**answers, "action": "afslut"})
    assessment = Assessment.objects.get(user=landscape.partner)
    assert response.status_code == 302 and response["Location"] == reverse("leadership:profile", args=[assessment.pk])
    assert assessment.completed_at is not None


def test_finishing_with_missing_answers_is_refused_and_saves_nothing(client, landscape):
    client = _login(client, landscape.partner)
    answers = dict(list(_all_answers().items())[:35])
    response = client.post(reverse("leadership:questionnaire"), {**answers, "action": "afslut"})
    assert response.status_code == 400
    assert "Du mangler at svare på 1 udsagn" in response.content.decode()
    assert not Assessment.objects.exists()


def test_an_answer_outside_the_scale_is_refused(client, landscape):
    client = _login(client, landscape.partner)
    key = instrument.statements(instrument.current_version())[0].key
    response = client.post(reverse("leadership:questionnaire"), {key: "9", "action": "gem"})
    assert response.status_code == 400
    assert not Assessment.objects.exists()


def test_the_profile_has_a_chart_with_a_table_and_is_the_persons_alone(client, landscape):
    assessment = services.assessment_save(actor=landscape.partner, answers=_all_answers(5), complete=True)
    url = reverse("leadership:profile", args=[assessment.pk])
    page = _login(client, landscape.partner).get(url).content.decode()
    assert 'role="img"' in page and "<table" in page
    assert "Dine scorer" in page
    for other in (landscape.coordinator, landscape.staff, landscape.observer):
        client.force_login(other)
        assert client.get(url).status_code == 404


def test_a_team_page_shows_bands_only_over_the_threshold(client, landscape):
    coordinator, observer, colleague = landscape.coordinator, landscape.observer, landscape.public_employee
    team = services.team_create(actor=coordinator, name="Direktionen", kind=TeamKind.ORGANISATION, organisation=landscape.lejre)
    for user in (observer, colleague):
        services.team_invite(actor=coordinator, team=team, user=user)
        services.team_answer(actor=user, team=team, accept=True)
    client = _login(client, coordinator)
    for index, user in enumerate((coordinator, observer)):
        services.assessment_save(actor=user, answers=_all_answers(3 + index), complete=True)
        services.team_set_sharing(actor=user, team=team, shares=True)
    page = client.get(reverse("leadership:team", args=[team.pk])).content.decode()
    assert "Profilen vises, når mindst 3 medlemmer" in page
    services.assessment_save(actor=colleague, answers=_all_answers(5), complete=True)
    client.post(reverse("leadership:team_sharing", args=[team.pk]), {"shares": "on"})  # the coordinator again: no change
    services.team_set_sharing(actor=colleague, team=team, shares=True)
    page = client.get(reverse("leadership:team", args=[team.pk])).content.decode()
    assert "Holdets dækning af roller og udfordringer" in page
    assert "Dækket" in page
    # Beside the bands: the gaps of the role plans of the organisation's alliances the reader
    # reads (all three are in Idé, where Medspilleren is suggested and nobody holds it).
    assert "Rolleplanernes huller og holdets dækning" in page
    plan_url = reverse("leadership:plan", args=[landscape.private.slug])
    row = page.split(f'<a href="{plan_url}">Hemmelig mælk</a>')[1].split("</tr>")[0]
    assert "Medspilleren" in row and "Idé (nu)" in row


# --- Query counts -------------------------------------------------------------------------------


def _leaders(landscape, count: int):
    alliance = landscape.public
    party = alliance.parties.get(organisation=landscape.company)
    memberships = []
    for number in range(count):
        user = make_user(f"leder{number}", landscape.company)
        memberships.append(
            alliance_services.membership_add(
                actor=landscape.coordinator, alliance=alliance, user=user, role=MemberRole.PARTNER, party=party
            )
        )
    for phase in ("ide", "afklaring", "drift"):
        for role in (Role.MEDSPILLER, Role.BROBYGGER, Role.STYRMAND):
            services.role_plan_cell_update(
                actor=landscape.coordinator, alliance=alliance, phase=phase, role=role, leaders=memberships, needed=None
            )
    return memberships


@pytest.mark.parametrize("count", [2, 20])
def test_the_role_plan_reads_in_a_fixed_number_of_queries(client, landscape, count, django_assert_max_num_queries):
    _leaders(landscape, count)
    client = _login(client, landscape.coordinator)
    url = reverse("leadership:plan", args=[landscape.public.slug])
    # Read cold: the plan's own queries and the markup kept for the next reader.
    with django_assert_max_num_queries(9 + budgets.kept_markup()):
        response = client.get(url)
    assert response.content.decode().count("Leder") >= count
    # Read again: what was kept, without the plan's queries.
    with django_assert_max_num_queries(9):
        again = client.get(url)
    assert again.content.decode().count("Leder") == response.content.decode().count("Leder")


@pytest.mark.parametrize("count", [3, 20])
def test_the_team_page_reads_in_a_fixed_number_of_queries(client, landscape, count, django_assert_max_num_queries):
    team = services.team_create(
        actor=landscape.coordinator, name="Direktionen", kind=TeamKind.ORGANISATION, organisation=landscape.lejre
    )
    for number in range(count):
        user = make_user(f"direktoer{number}", landscape.lejre)
        services.team_invite(actor=landscape.coordinator, team=team, user=user)
        services.team_answer(actor=user, team=team, accept=True)
        services.assessment_save(actor=user, answers=_all_answers(1 + number % 5), complete=True)
        services.team_set_sharing(actor=user, team=team, shares=True)
    client = _login(client, landscape.coordinator)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("leadership:team", args=[team.pk]))
    assert "Holdets dækning af roller og udfordringer" in response.content.decode()


@pytest.mark.parametrize("extra", [0, 12])
def test_the_knowledge_centre_reads_in_a_fixed_number_of_queries(client, landscape, extra, django_assert_max_num_queries):
    for number in range(extra):
        alliance_services.alliance_create(
            actor=landscape.coordinator,
            title=f"Alliance {number}",
            summary="Resumé",
            purpose="Formål",
            welfare_area="aeldre",
            lead_organisation=landscape.lejre,
            visibility="offentlig",
        )
    for user in (landscape.coordinator, landscape.observer, landscape.public_employee):
        services.assessment_save(actor=user, answers=_all_answers(4), complete=True)
    client = _login(client, landscape.coordinator)
    # The figures, the reader's scope, and the shared cache's read and write (the database
    # cache's write takes several).
    with django_assert_max_num_queries(16):
        response = client.get(reverse("core:knowledge"))
    page = response.content.decode()
    assert "Roller, der mangler i hver fase" in page and "Kommune (3 ledere)" in page
    # Then from the cache: the session, the user, the scope and the cache.
    with django_assert_max_num_queries(4):
        again = client.get(reverse("core:knowledge")).content.decode()
    assert again.count("Kommune (3 ledere)") == page.count("Kommune (3 ledere)") == 1


@pytest.mark.parametrize("first_reader", ["coordinator", "observer"])
def test_the_kept_plan_shows_a_change_at_once_and_is_never_shared_with_those_who_may_not_edit(
    client, landscape, first_reader
):
    url = reverse("leadership:plan", args=[landscape.public.slug])
    edit_url = reverse("leadership:cell_edit", args=[landscape.public.slug, "ide", Role.BROBYGGER])
    pages = {}
    for reader in [first_reader, *({"coordinator", "observer"} - {first_reader})]:
        pages[reader] = _login(client, getattr(landscape, reader)).get(url).content.decode()
    assert edit_url in pages["coordinator"] and edit_url not in pages["observer"]
    assert pages["observer"].count("Mangler</span>") == 6
    coordinator = Membership.objects.get(alliance=landscape.public, user=landscape.coordinator)
    services.role_plan_cell_update(
        actor=landscape.coordinator, alliance=landscape.public, phase="ide", role=Role.BROBYGGER,
        leaders=[coordinator], needed=None,
    )
    page = _login(client, landscape.observer).get(url).content.decode()
    assert page.count("Mangler</span>") == 5
