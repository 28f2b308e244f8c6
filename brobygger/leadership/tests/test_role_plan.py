"""The role plan: who keeps it, who may take a role, where the gaps are, and what stays in
the alliance's history when it changes phase or loses a member."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q

from brobygger.alliances import services as alliance_services
from brobygger.alliances.models import Alliance, MemberRole, Membership, Party, Phase
from brobygger.core.models import AuditRecord
from brobygger.leadership import selectors, services
from brobygger.leadership.dimensions import Role
from brobygger.leadership.models import RoleAssignment, RolePlanCell, RolePlanSnapshot
from brobygger.testing.audit import records_of
from conftest import make_user

DENIED = "Kun alliancens koordinatorer og topledere kan ændre rolleplanen."


def membership(alliance, user) -> Membership:
    return Membership.objects.select_related("user", "party__organisation").get(alliance=alliance, user=user)


def fresh(alliance) -> Alliance:
    return Alliance.objects.select_related("lead_organisation").get(pk=alliance.pk)


def in_phase(alliance, phase) -> Alliance:
    """Test data: the alliance stands in `phase` (no phase change, no snapshot)."""
    Alliance.objects.filter(pk=alliance.pk).update(phase=phase)
    return fresh(alliance)


def top_leader(landscape, alliance, username="topleder"):
    user = make_user(username, landscape.lejre)
    party = Party.objects.get(alliance=alliance, organisation=landscape.lejre)
    alliance_services.membership_add(
        actor=landscape.coordinator, alliance=alliance, user=user, role=MemberRole.TOP_LEADER, party=party
    )
    return user


def update(actor, alliance, phase, role, leaders=(), needed=None, reason=""):
    return services.role_plan_cell_update(
        actor=actor, alliance=alliance, phase=phase, role=role, leaders=list(leaders), needed=needed, reason=reason
    )


def plan_rows():
    return {
        "cells": list(RolePlanCell.objects.order_by("pk").values()),
        "assignments": list(RoleAssignment.objects.order_by("pk").values()),
    }


# --- Who keeps the plan ---------------------------------------------------------------------


def test_coordinator_top_leader_and_staff_keep_the_plan_with_leaders_from_any_party(landscape):
    """The coordinator, the alliance's top leader and staff change the plan; a leader can come
    from any party (here the company's partner representative)."""
    alliance = landscape.public
    leader = top_leader(landscape, alliance)
    partner = membership(alliance, landscape.partner)

    for actor, role in ((landscape.coordinator, Role.MEDSPILLER), (leader, Role.BROBYGGER), (landscape.staff, Role.FORTAELLER)):
        assert update(actor, alliance, Phase.IDEA, role, [partner]) is not None

    plan = selectors.role_plan(alliance=fresh(alliance))
    for role in (Role.MEDSPILLER, Role.BROBYGGER, Role.FORTAELLER):
        cell = plan.cell(Phase.IDEA, role)
        assert [(leader.name, leader.organisation) for leader in cell.leaders] == [("Partner Testesen", "Mejeriet A/S")]
        assert not cell.gap


@pytest.mark.parametrize("who", ["partner", "observer", "outsider"])
def test_partners_observers_and_outsiders_may_not_change_the_plan(landscape, who):
    coordinator = membership(landscape.public, landscape.coordinator)
    with pytest.raises(PermissionDenied) as refused:
        update(getattr(landscape, who), landscape.public, Phase.IDEA, Role.MEDSPILLER, [coordinator])
    assert str(refused.value) == DENIED
    assert not RolePlanCell.objects.exists()


def test_a_member_of_another_alliance_cannot_take_a_role(landscape):
    stranger = membership(landscape.private, landscape.partner)
    with pytest.raises(ValidationError) as refused:
        update(landscape.coordinator, landscape.public, Phase.IDEA, Role.MEDSPILLER, [stranger])
    assert "leaders" in refused.value.message_dict
    assert not RolePlanCell.objects.exists()


def test_a_reason_over_300_characters_is_refused_and_nothing_saved(landscape):
    alliance = landscape.public
    coordinator = membership(alliance, landscape.coordinator)
    update(landscape.coordinator, alliance, Phase.IDEA, Role.DESIGNER, [coordinator], True, "Kort.")
    before = plan_rows()
    audit_before = AuditRecord.objects.count()

    with pytest.raises(ValidationError) as refused:
        update(landscape.coordinator, alliance, Phase.IDEA, Role.DESIGNER, [], False, "x" * 301)

    assert "reason" in refused.value.message_dict
    assert plan_rows() == before
    assert AuditRecord.objects.count() == audit_before
    # 300 characters are fine.
    assert update(landscape.coordinator, alliance, Phase.IDEA, Role.DESIGNER, [], False, "x" * 300).reason == "x" * 300


def test_an_unchanged_save_writes_nothing_and_leaves_no_record(landscape):
    alliance = landscape.public
    coordinator = membership(alliance, landscape.coordinator)
    partner = membership(alliance, landscape.partner)
    cell = update(landscape.coordinator, alliance, Phase.IDEA, Role.MEDSPILLER, [coordinator, partner], True, "Fordi.")
    before = plan_rows()
    audit_before = AuditRecord.objects.count()

    # The same leaders in another order, the same say, the reason with spaces around it.
    assert update(landscape.coordinator, alliance, Phase.IDEA, Role.MEDSPILLER, [partner, coordinator], True, " Fordi. ") is None
    # An empty cell saved empty is nothing either.
    assert update(landscape.coordinator, alliance, Phase.OPERATION, Role.DESIGNER) is None

    assert plan_rows() == before
    assert AuditRecord.objects.count() == audit_before
    assert records_of(cell).count() == 1


def test_a_change_leaves_one_record_with_the_leaders_names_before_and_after(landscape):
    alliance = landscape.public
    coordinator = membership(alliance, landscape.coordinator)
    partner = membership(alliance, landscape.partner)
    cell = update(landscape.coordinator, alliance, Phase.IDEA, Role.MEDSPILLER, [coordinator])
    first = list(records_of(cell))

    update(landscape.coordinator, alliance, Phase.IDEA, Role.MEDSPILLER, [coordinator, partner])

    assert len(first) == 1
    assert first[0].changes["leaders"] == [None, "Koordinator Testesen"]
    change = records_of(cell).exclude(pk=first[0].pk).get()
    assert change.changes == {"leaders": ["Koordinator Testesen", "Koordinator Testesen, Partner Testesen"]}
    assert change.alliance_id == alliance.pk
    assert change.actor == landscape.coordinator


# --- Gaps -----------------------------------------------------------------------------------


def gaps_of(plan):
    return {(cell.phase, cell.role) for cell in plan.gaps}


@pytest.mark.parametrize(
    ("phase", "expected"),
    [
        (
            Phase.IDEA,
            {
                (Phase.IDEA, Role.MEDSPILLER), (Phase.IDEA, Role.BROBYGGER), (Phase.IDEA, Role.FORTAELLER),
                (Phase.CLARIFICATION, Role.BROBYGGER), (Phase.CLARIFICATION, Role.DESIGNER),
                (Phase.CLARIFICATION, Role.OVERSAETTER),
            },
        ),
        (
            Phase.EVALUATION,
            {
                (Phase.EVALUATION, Role.OVERSAETTER), (Phase.EVALUATION, Role.FORTAELLER),
                (Phase.ANCHORED, Role.STYRMAND), (Phase.ANCHORED, Role.FORTAELLER),
            },
        ),
        (Phase.ANCHORED, {(Phase.ANCHORED, Role.STYRMAND), (Phase.ANCHORED, Role.FORTAELLER)}),
        (Phase.CLOSED, {(Phase.CLOSED, Role.FORTAELLER)}),
    ],
)
def test_gaps_are_the_suggested_roles_without_leaders_in_the_current_and_next_phase(landscape, phase, expected):
    """An empty plan: every suggested role of the current and the next phase is a gap, none
    elsewhere; the final phases have no next phase."""
    plan = selectors.role_plan(alliance=in_phase(landscape.public, phase))
    assert gaps_of(plan) == expected
    assert {(c.phase, c.role) for c in plan.current_gaps} == {g for g in expected if g[0] == phase}
    if phase in (Phase.ANCHORED, Phase.CLOSED):
        assert plan.next_phase is None
        assert plan.next_gaps == []
        assert not any(row.is_next for row in plan.rows)


def test_a_suggested_role_with_a_leader_is_no_gap(landscape):
    alliance = in_phase(landscape.public, Phase.IDEA)
    update(landscape.coordinator, alliance, Phase.IDEA, Role.MEDSPILLER, [membership(alliance, landscape.partner)])
    update(landscape.coordinator, alliance, Phase.CLARIFICATION, Role.DESIGNER, [membership(alliance, landscape.observer)])
    plan = selectors.role_plan(alliance=fresh(alliance))
    assert (Phase.IDEA, Role.MEDSPILLER) not in gaps_of(plan)
    assert (Phase.CLARIFICATION, Role.DESIGNER) not in gaps_of(plan)
    assert (Phase.IDEA, Role.BROBYGGER) in gaps_of(plan)


@pytest.mark.parametrize("phase", [Phase.ESTABLISHMENT, Phase.OPERATION, Phase.ANCHORED])
def test_the_styrmand_needs_a_leader_from_the_lead_organisation(landscape, phase):
    alliance = in_phase(landscape.public, phase)
    partner = membership(alliance, landscape.partner)  # Mejeriet A/S, not the lead
    coordinator = membership(alliance, landscape.coordinator)  # Lejre Kommune, the lead

    update(landscape.coordinator, alliance, phase, Role.STYRMAND, [partner])
    cell = selectors.role_plan(alliance=fresh(alliance)).cell(phase, Role.STYRMAND)
    assert cell.gap
    assert "Lejre Kommune" in cell.gap_note
    assert selectors.current_gaps([fresh(alliance)])[alliance.pk].count(Role.STYRMAND) == 1

    update(landscape.coordinator, alliance, phase, Role.STYRMAND, [partner, coordinator])
    cell = selectors.role_plan(alliance=fresh(alliance)).cell(phase, Role.STYRMAND)
    assert not cell.gap
    assert cell.gap_note == ""
    assert Role.STYRMAND not in selectors.current_gaps([fresh(alliance)])[alliance.pk]


def test_the_alliance_can_say_a_suggested_role_is_not_needed_with_its_own_reason(landscape):
    alliance = in_phase(landscape.public, Phase.IDEA)
    suggested = selectors.role_plan(alliance=alliance).cell(Phase.IDEA, Role.FORTAELLER)
    assert suggested.gap and suggested.reason_is_suggestion and not suggested.own_say

    update(landscape.coordinator, alliance, Phase.IDEA, Role.FORTAELLER, needed=False, reason="Borgmesteren fortæller.")

    cell = selectors.role_plan(alliance=fresh(alliance)).cell(Phase.IDEA, Role.FORTAELLER)
    assert not cell.needed and not cell.gap
    assert cell.own_say
    assert cell.reason == "Borgmesteren fortæller."
    assert cell.reason_is_suggestion is False
    assert Role.FORTAELLER not in selectors.current_gaps([fresh(alliance)])[alliance.pk]


def test_the_alliance_can_say_a_role_not_suggested_is_needed(landscape):
    alliance = in_phase(landscape.public, Phase.IDEA)
    assert not selectors.role_plan(alliance=alliance).cell(Phase.IDEA, Role.STYRMAND).gap

    update(landscape.coordinator, alliance, Phase.IDEA, Role.STYRMAND, needed=True, reason="Driften skal tænkes med.")

    cell = selectors.role_plan(alliance=fresh(alliance)).cell(Phase.IDEA, Role.STYRMAND)
    assert cell.needed and cell.gap and cell.own_say
    assert (cell.reason, cell.reason_is_suggestion) == ("Driften skal tænkes med.", False)
    assert Role.STYRMAND in selectors.current_gaps([fresh(alliance)])[alliance.pk]
    # A role needed in a phase far ahead is no gap yet.
    update(landscape.coordinator, alliance, Phase.EVALUATION, Role.DESIGNER, needed=True)
    assert not selectors.role_plan(alliance=fresh(alliance)).cell(Phase.EVALUATION, Role.DESIGNER).gap


def test_current_gaps_for_many_alliances_agree_with_each_role_plan(landscape):
    ls = landscape
    alliances = {
        Phase.IDEA: ls.public,
        Phase.ESTABLISHMENT: ls.internal,
        Phase.OPERATION: ls.private,
    }
    for phase, alliance in alliances.items():
        in_phase(alliance, phase)
    extra = alliance_services.alliance_create(
        actor=ls.coordinator, title="Fjerde mælk", summary="R", purpose="F", welfare_area="aeldre",
        lead_organisation=ls.lejre, visibility="privat", phase=Phase.ANCHORED,
    )
    idea, establishment, operation = ls.public, ls.internal, ls.private
    update(ls.coordinator, idea, Phase.IDEA, Role.MEDSPILLER, [membership(idea, ls.partner)])
    update(ls.coordinator, idea, Phase.IDEA, Role.FORTAELLER, needed=False)
    update(ls.coordinator, idea, Phase.IDEA, Role.DESIGNER, needed=True)
    update(ls.coordinator, establishment, Phase.ESTABLISHMENT, Role.STYRMAND, [membership(establishment, ls.partner)])
    update(ls.coordinator, establishment, Phase.ESTABLISHMENT, Role.DESIGNER, [membership(establishment, ls.observer)])
    update(ls.coordinator, operation, Phase.OPERATION, Role.STYRMAND, [membership(operation, ls.coordinator)])
    update(ls.coordinator, operation, Phase.IDEA, Role.MEDSPILLER, [membership(operation, ls.coordinator)])
    update(ls.coordinator, extra, Phase.ANCHORED, Role.FORTAELLER, [membership(extra, ls.coordinator)])

    every = [fresh(a) for a in (idea, establishment, operation, extra)]
    gaps = selectors.current_gaps(every)
    for alliance in every:
        expected = [cell.role for cell in selectors.role_plan(alliance=alliance).current_gaps]
        assert sorted(gaps[alliance.pk]) == sorted(expected), alliance.phase
    assert sorted(gaps[idea.pk]) == [Role.BROBYGGER, Role.DESIGNER]
    assert sorted(gaps[establishment.pk]) == [Role.OVERSAETTER, Role.STYRMAND]
    assert sorted(gaps[operation.pk]) == [Role.BROBYGGER, Role.MEDSPILLER]
    assert gaps[extra.pk] == [Role.STYRMAND]


# --- History --------------------------------------------------------------------------------


def test_a_phase_change_keeps_the_plan_with_names_and_organisations(landscape):
    alliance = landscape.public
    partner = membership(alliance, landscape.partner)
    update(landscape.coordinator, alliance, Phase.IDEA, Role.MEDSPILLER, [partner])
    update(landscape.coordinator, alliance, Phase.CLARIFICATION, Role.DESIGNER, needed=False, reason="Vi har reglerne.")

    change = alliance_services.alliance_change_phase(
        actor=landscape.coordinator, alliance=fresh(alliance), to_phase=Phase.CLARIFICATION
    )
    # The member leaves afterwards: the saved plan still names them.
    alliance_services.membership_remove(actor=landscape.coordinator, membership=membership(alliance, landscape.partner))

    snapshot = RolePlanSnapshot.objects.get(phase_change=change)
    assert snapshot.alliance_id == alliance.pk
    cells = {(cell["phase"], cell["role"]): cell for cell in snapshot.cells}
    assert set(cells) == {(Phase.IDEA, Role.MEDSPILLER), (Phase.CLARIFICATION, Role.DESIGNER)}
    assert cells[(Phase.IDEA, Role.MEDSPILLER)]["leaders"] == [{"name": "Partner Testesen", "organisation": "Mejeriet A/S"}]
    assert cells[(Phase.CLARIFICATION, Role.DESIGNER)]["needed"] is False
    assert cells[(Phase.CLARIFICATION, Role.DESIGNER)]["reason"] == "Vi har reglerne."
    assert selectors.plan_history(alliance=alliance)[0].role_plan_snapshot == snapshot
    assert records_of(snapshot).count() == 1


def test_a_removed_member_leaves_the_plan_with_a_record_per_cell(landscape):
    alliance = landscape.public
    partner = membership(alliance, landscape.partner)
    coordinator = membership(alliance, landscape.coordinator)
    first = update(landscape.coordinator, alliance, Phase.IDEA, Role.MEDSPILLER, [partner, coordinator])
    second = update(landscape.coordinator, alliance, Phase.CLARIFICATION, Role.BROBYGGER, [partner])
    untouched = update(landscape.coordinator, alliance, Phase.IDEA, Role.FORTAELLER, [coordinator])

    alliance_services.membership_remove(actor=landscape.coordinator, membership=partner)

    plan = selectors.role_plan(alliance=fresh(alliance))
    assert [leader.name for leader in plan.cell(Phase.IDEA, Role.MEDSPILLER).leaders] == ["Koordinator Testesen"]
    assert plan.cell(Phase.CLARIFICATION, Role.BROBYGGER).leaders == []
    assert plan.cell(Phase.CLARIFICATION, Role.BROBYGGER).gap
    assert records_of(first).last().changes == {
        "leaders": ["Koordinator Testesen, Partner Testesen", "Koordinator Testesen"]
    }
    assert records_of(second).last().changes == {"leaders": ["Partner Testesen", None]}
    assert records_of(untouched).count() == 1
    assert not RoleAssignment.objects.filter(Q(membership_id=partner.pk)).exists()


# --- Queries --------------------------------------------------------------------------------


def test_the_plan_costs_the_same_queries_for_2_and_20_leaders(landscape, django_assert_max_num_queries):
    alliance = landscape.public
    party = Party.objects.get(alliance=alliance, organisation=landscape.lejre)
    members = []
    for index in range(20):
        user = make_user(f"leder{index:02}", landscape.lejre)
        members.append(
            alliance_services.membership_add(
                actor=landscape.coordinator, alliance=alliance, user=user, role=MemberRole.PARTNER, party=party
            )
        )
    update(landscape.coordinator, alliance, Phase.IDEA, Role.MEDSPILLER, members[:2])
    small_alliance = fresh(alliance)
    with django_assert_max_num_queries(2) as small:
        plan = selectors.role_plan(alliance=small_alliance)
    assert len(plan.cell(Phase.IDEA, Role.MEDSPILLER).leaders) == 2

    for role in Role.values:
        update(landscape.coordinator, alliance, Phase.CLARIFICATION, role, members)
    large_alliance = fresh(alliance)
    with django_assert_max_num_queries(2) as large:
        plan = selectors.role_plan(alliance=large_alliance)
    assert len(plan.cell(Phase.CLARIFICATION, Role.DESIGNER).leaders) == 20
    assert len(large) == len(small)
