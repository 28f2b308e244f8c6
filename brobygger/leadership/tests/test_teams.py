"""Teams: who may start, join and leave one, and the team's profile, shown only as bands over
at least the privacy threshold of people and never changed by one person's answers."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from brobygger.alliances import services as alliance_services
from brobygger.alliances.models import MemberRole, Membership, Party
from brobygger.alliances.rules import forget_memberships, forget_verified_organisation
from brobygger.leadership import instrument, selectors, services
from brobygger.leadership.dimensions import Dimension
from brobygger.leadership.models import Team, TeamKind, TeamMember, TeamMemberStatus
from brobygger.leadership.tests.test_self_assessment import scoring
from conftest import make_user

THRESHOLD = settings.BROBYGGER_PRIVACY_THRESHOLD
MEDSPILLER, DESIGNER, BROBYGGER = Dimension.MEDSPILLER, Dimension.DESIGNER, Dimension.BROBYGGER


def fresh(team) -> Team:
    """A fresh team row, so no member list cached by the rules on another object leaks in."""
    return Team.objects.get(pk=team.pk)


def org_team(creator, organisation, name="Direktionen") -> Team:
    return services.team_create(actor=creator, name=name, kind=TeamKind.ORGANISATION, organisation=organisation)


def join(team, inviter, user) -> TeamMember:
    services.team_invite(actor=inviter, team=fresh(team), user=user)
    return services.team_answer(actor=user, team=fresh(team), accept=True)


def share(team, user, shares=True):
    return services.team_set_sharing(actor=user, team=fresh(team), shares=shares)


def assess(user, strong=()):
    return services.assessment_save(actor=user, answers=scoring(strong=strong), complete=True)


def profile(team, reader):
    return selectors.team_profile(team=fresh(team), user=reader)


@pytest.fixture
def colleagues(landscape):
    """Five verified employees of Lejre Kommune, besides the coordinator."""
    return [make_user(f"kollega{index}", landscape.lejre) for index in range(1, 6)]


# --- Starting, inviting, answering, leaving -------------------------------------------------


def test_an_organisation_team_only_for_a_verified_employee(landscape):
    team = org_team(landscape.coordinator, landscape.lejre)
    assert [(m.user, m.status) for m in selectors.team_members(team)] == [(landscape.coordinator, TeamMemberStatus.MEMBER)]

    with pytest.raises(PermissionDenied) as refused:
        org_team(landscape.coordinator, landscape.company)
    assert "bekræftet medarbejder" in str(refused.value)
    with pytest.raises(PermissionDenied):
        org_team(landscape.staff, landscape.lejre)
    with pytest.raises(ValidationError) as missing:
        services.team_create(actor=landscape.coordinator, name="  ", kind=TeamKind.ORGANISATION, organisation=landscape.lejre)
    assert "name" in missing.value.message_dict
    assert Team.objects.count() == 1


def test_an_alliance_team_only_for_members_who_take_part(landscape):
    team = services.team_create(actor=landscape.partner, name="Mælkeholdet", kind=TeamKind.ALLIANCE, alliance=landscape.public)
    assert team.alliance == landscape.public
    for who in (landscape.observer, landscape.outsider, landscape.public_employee):
        with pytest.raises(PermissionDenied):
            services.team_create(actor=who, name="Nej", kind=TeamKind.ALLIANCE, alliance=landscape.public)
    assert Team.objects.count() == 1


def test_only_eligible_people_are_invited_and_only_once(landscape, colleagues):
    team = org_team(landscape.coordinator, landscape.lejre)
    services.team_invite(actor=landscape.coordinator, team=fresh(team), user=colleagues[0])

    with pytest.raises(ValidationError) as duplicate:
        services.team_invite(actor=landscape.coordinator, team=fresh(team), user=colleagues[0])
    assert "user" in duplicate.value.message_dict
    with pytest.raises(ValidationError):
        services.team_invite(actor=landscape.coordinator, team=fresh(team), user=landscape.coordinator)
    with pytest.raises(ValidationError) as stranger:
        services.team_invite(actor=landscape.coordinator, team=fresh(team), user=landscape.partner)
    assert "user" in stranger.value.message_dict
    # Someone invited is not a member yet: they cannot invite others.
    with pytest.raises(PermissionDenied):
        services.team_invite(actor=colleagues[0], team=fresh(team), user=colleagues[1])

    assert sorted(TeamMember.objects.filter(team=team).values_list("user__username", "status")) == [
        ("kollega1", TeamMemberStatus.INVITED),
        ("koordinator", TeamMemberStatus.MEMBER),
    ]
    assert set(selectors.invitable_users(fresh(team))) == {*colleagues[1:], landscape.observer, landscape.public_employee}


def test_an_alliance_team_invites_members_who_take_part_not_observers(landscape):
    team = services.team_create(actor=landscape.coordinator, name="Mælk", kind=TeamKind.ALLIANCE, alliance=landscape.public)
    with pytest.raises(ValidationError):
        services.team_invite(actor=landscape.coordinator, team=fresh(team), user=landscape.observer)
    with pytest.raises(ValidationError):
        services.team_invite(actor=landscape.coordinator, team=fresh(team), user=landscape.public_employee)
    assert services.team_invite(actor=landscape.coordinator, team=fresh(team), user=landscape.partner).status == TeamMemberStatus.INVITED


def test_an_invitation_is_accepted_or_declined_once(landscape, colleagues):
    team = org_team(landscape.coordinator, landscape.lejre)
    first, second = colleagues[:2]
    services.team_invite(actor=landscape.coordinator, team=fresh(team), user=first)
    services.team_invite(actor=landscape.coordinator, team=fresh(team), user=second)

    joined = services.team_answer(actor=first, team=fresh(team), accept=True)
    assert joined.status == TeamMemberStatus.MEMBER and joined.joined_at is not None
    assert services.team_answer(actor=second, team=fresh(team), accept=False) is None
    assert not TeamMember.objects.filter(team=team, user=second).exists()
    for user in (first, second, colleagues[2]):
        with pytest.raises(ValidationError):
            services.team_answer(actor=user, team=fresh(team), accept=True)
    assert selectors.team_for(first, team.pk) == team
    assert selectors.team_for(second, team.pk) is None


def test_someone_who_no_longer_belongs_cannot_accept(landscape, colleagues):
    team = org_team(landscape.coordinator, landscape.lejre)
    services.team_invite(actor=landscape.coordinator, team=fresh(team), user=colleagues[0])
    alliance_services.affiliation_end(actor=colleagues[0])
    forget_verified_organisation(colleagues[0])
    with pytest.raises(PermissionDenied):
        services.team_answer(actor=colleagues[0], team=fresh(team), accept=True)
    assert TeamMember.objects.get(team=team, user=colleagues[0]).status == TeamMemberStatus.INVITED


def test_sharing_is_the_members_own_choice(landscape, colleagues):
    team = org_team(landscape.coordinator, landscape.lejre)
    assert share(team, landscape.coordinator).shares_assessment
    assert not share(team, landscape.coordinator, False).shares_assessment
    services.team_invite(actor=landscape.coordinator, team=fresh(team), user=colleagues[0])
    with pytest.raises(ValidationError):
        share(team, colleagues[0])  # invited, not a member yet
    assert not TeamMember.objects.get(team=team, user=colleagues[0]).shares_assessment


def test_the_last_member_to_leave_closes_the_team(landscape, colleagues):
    team = org_team(landscape.coordinator, landscape.lejre)
    join(team, landscape.coordinator, colleagues[0])
    services.team_invite(actor=landscape.coordinator, team=fresh(team), user=colleagues[1])

    assert services.team_leave(actor=landscape.coordinator, team=fresh(team)) is True
    with pytest.raises(ValidationError):
        services.team_leave(actor=landscape.coordinator, team=fresh(team))
    assert services.team_leave(actor=colleagues[0], team=fresh(team)) is False
    assert not Team.objects.filter(pk=team.pk).exists()
    assert not TeamMember.objects.exists()


# --- The profile and the privacy threshold --------------------------------------------------


def test_the_threshold_is_three():
    assert THRESHOLD == 3


def test_the_profile_at_the_threshold_and_after(landscape, colleagues):
    """Two sharing: nothing. The third: shown. A fourth new assessment alone: unchanged. A
    fifth (two new): recomputed. Someone leaving or stopping: withdrawn until two new come in."""
    coordinator = landscape.coordinator
    team = org_team(coordinator, landscape.lejre)
    people = [coordinator, *colleagues[:4]]
    for user in people[1:]:
        join(team, coordinator, user)
    strong = {
        coordinator: (MEDSPILLER, DESIGNER),
        colleagues[0]: (MEDSPILLER,),
        colleagues[1]: (MEDSPILLER,),
        colleagues[2]: (DESIGNER, BROBYGGER),
        colleagues[3]: (BROBYGGER,),
    }
    for user in people:
        assess(user, strong[user])

    share(team, coordinator)
    share(team, colleagues[0])
    two = profile(team, coordinator)
    assert (two.bands, two.withheld, two.counting) == (None, "below_threshold", 2)
    assert two.role_lines == []

    share(team, colleagues[1])
    three = profile(team, coordinator)
    assert three.withheld == ""
    assert three.bands[MEDSPILLER] == selectors.Band.COVERED  # 3 strong
    assert three.bands[DESIGNER] == selectors.Band.THIN  # 1 strong
    assert three.bands[BROBYGGER] == selectors.Band.MISSING
    assert set(three.bands.values()) <= {selectors.Band.COVERED, selectors.Band.THIN, selectors.Band.MISSING}
    assert profile(team, colleagues[0]).bands == three.bands  # every member reads the same

    share(team, colleagues[2])  # the 4th: Designer would become covered, Brobygger thin
    four = profile(team, coordinator)
    assert (four.bands, four.computed_at, four.counting) == (three.bands, three.computed_at, 4)

    share(team, colleagues[3])  # the 5th: two new ones, recomputed
    five = profile(team, coordinator)
    assert five.bands[DESIGNER] == selectors.Band.COVERED
    assert five.bands[BROBYGGER] == selectors.Band.COVERED
    assert five.bands[MEDSPILLER] == selectors.Band.COVERED
    assert five.computed_at > three.computed_at

    services.team_leave(actor=colleagues[3], team=fresh(team))
    left = profile(team, coordinator)
    assert (left.bands, left.withheld, left.counting) == (None, "withdrawn", 4)

    assess(colleagues[2], (DESIGNER,))  # one new assessment: still withdrawn
    assert profile(team, coordinator).withheld == "withdrawn"
    assess(colleagues[1], ())  # the second: shown again, from the four who count
    again = profile(team, coordinator)
    assert again.withheld == ""
    assert again.bands[BROBYGGER] == selectors.Band.MISSING
    assert again.bands[MEDSPILLER] == selectors.Band.COVERED  # coordinator and colleague 1
    assert again.bands[DESIGNER] == selectors.Band.COVERED

    share(team, colleagues[0], False)
    stopped = profile(team, coordinator)
    assert (stopped.bands, stopped.withheld, stopped.counting) == (None, "withdrawn", 3)


def test_bands_count_strong_scores_never_averages(landscape, colleagues):
    """Scores of 69 for everyone are near 70 on average but nobody is strong: missing. One
    100 with two 0s averages 33 but one person is strong: thin."""
    team = org_team(landscape.coordinator, landscape.lejre)
    people = [landscape.coordinator, *colleagues[:2]]
    for user in people[1:]:
        join(team, landscape.coordinator, user)
    medspiller_keys = [s.key for s in instrument.statements(1) if s.dimension == MEDSPILLER]
    for index, user in enumerate(people):
        given = scoring(strong=(DESIGNER,) if index == 0 else ())
        # Medspiller keyed 4, 4, 4, 3 for everyone: 68.75, rounded 69.
        for key in medspiller_keys:
            statement = next(s for s in instrument.statements(1) if s.key == key)
            keyed = 3 if statement.reverse else 4
            given[key] = 6 - keyed if statement.reverse else keyed
        assessment = services.assessment_save(actor=user, answers=given, complete=True)
        assert assessment.scores.get(dimension=MEDSPILLER).score == instrument.STRONG_SCORE - 1
        share(team, user)
    shown = profile(team, landscape.coordinator)
    assert shown.bands[MEDSPILLER] == selectors.Band.MISSING
    assert shown.bands[DESIGNER] == selectors.Band.THIN


def test_deleting_a_counted_assessment_withdraws_the_profile(landscape, colleagues):
    team = org_team(landscape.coordinator, landscape.lejre)
    people = [landscape.coordinator, *colleagues[:3]]
    for user in people[1:]:
        join(team, landscape.coordinator, user)
    for user in people:
        assess(user, (MEDSPILLER,))
        share(team, user)
    assert profile(team, landscape.coordinator).bands is not None
    latest = selectors.completed_assessments(colleagues[0])[0]
    services.assessment_delete(actor=colleagues[0], assessment=latest)
    shown = profile(team, landscape.coordinator)
    assert (shown.bands, shown.withheld, shown.counting) == (None, "withdrawn", 3)


def alliance_team_of_four(landscape):
    """An alliance team: the coordinator, the partner and two top leaders, all sharing."""
    alliance = landscape.public
    party = Party.objects.get(alliance=alliance, organisation=landscape.lejre)
    leaders = []
    for name in ("topleder1", "topleder2"):
        user = make_user(name, landscape.lejre)
        alliance_services.membership_add(
            actor=landscape.coordinator, alliance=alliance, user=user, role=MemberRole.TOP_LEADER, party=party
        )
        leaders.append(user)
    team = services.team_create(actor=landscape.coordinator, name="Mælk", kind=TeamKind.ALLIANCE, alliance=alliance)
    people = [landscape.coordinator, landscape.partner, *leaders]
    for user in people[1:]:
        join(team, landscape.coordinator, user)
    for user in people:
        assess(user, (MEDSPILLER,))
        share(team, user)
    return team, leaders


def test_a_member_removed_from_the_alliance_stops_counting(landscape):
    team, leaders = alliance_team_of_four(landscape)
    assert profile(team, landscape.coordinator).bands is not None

    # The profile was computed from the first three sharing; one of them is removed.
    removed = Membership.objects.get(alliance=landscape.public, user=leaders[0])
    forget_memberships(landscape.coordinator)
    alliance_services.membership_remove(actor=landscape.coordinator, membership=removed)

    shown = profile(team, landscape.coordinator)
    assert (shown.bands, shown.withheld, shown.counting) == (None, "withdrawn", 3)
    assert leaders[0].pk not in selectors.counted_assessments(fresh(team))


def test_a_member_who_loses_their_organisation_stops_counting(landscape, colleagues):
    team = org_team(landscape.coordinator, landscape.lejre)
    people = [landscape.coordinator, *colleagues[:3]]
    for user in people[1:]:
        join(team, landscape.coordinator, user)
    for user in people:
        assess(user, (MEDSPILLER,))
        share(team, user)
    alliance_services.affiliation_end(actor=colleagues[1])  # one of the first three
    shown = profile(team, landscape.coordinator)
    assert (shown.bands, shown.withheld, shown.counting) == (None, "withdrawn", 3)


# --- Queries --------------------------------------------------------------------------------


def test_the_team_profile_costs_the_same_queries_for_3_and_20_members(landscape, django_assert_max_num_queries):
    """3, not 2: with 2 the profile is withheld below the threshold and its reads stop early."""
    alliance = landscape.public
    party = Party.objects.get(alliance=alliance, organisation=landscape.lejre)
    team = services.team_create(actor=landscape.coordinator, name="Mælk", kind=TeamKind.ALLIANCE, alliance=alliance)
    people = [landscape.coordinator]
    for index in range(19):
        user = make_user(f"leder{index:02}", landscape.lejre)
        alliance_services.membership_add(
            actor=landscape.coordinator, alliance=alliance, user=user, role=MemberRole.PARTNER, party=party
        )
        people.append(user)

    def grow_to(size):
        for user in people[:size]:
            if not TeamMember.objects.filter(team=team, user=user).exists():
                join(team, landscape.coordinator, user)
            assess(user, (MEDSPILLER,))
            share(team, user)

    grow_to(3)
    small_team = selectors.team_for(landscape.coordinator, team.pk)
    with django_assert_max_num_queries(10) as small:
        small_profile = selectors.team_profile(team=small_team, user=landscape.coordinator)
    assert small_profile.counting == 3 and small_profile.bands is not None

    grow_to(20)
    # As a new request would: nothing the first read kept on the user is reused.
    forget_memberships(landscape.coordinator)
    large_team = selectors.team_for(landscape.coordinator, team.pk)
    with django_assert_max_num_queries(10) as large:
        large_profile = selectors.team_profile(team=large_team, user=landscape.coordinator)
    assert large_profile.counting == 20 and large_profile.bands is not None
    assert len(large) == len(small)
