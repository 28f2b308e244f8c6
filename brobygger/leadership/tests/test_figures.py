"""The knowledge centre's figures: shares only over groups of at least the privacy threshold,
counted only from the alliances the reader sees."""

from django.conf import settings

from brobygger.alliances import services as alliance_services
from brobygger.alliances.models import Alliance, Membership, Phase, Visibility
from brobygger.leadership import figures, services
from brobygger.leadership.dimensions import Dimension, Role
from brobygger.leadership.tests.test_self_assessment import scoring
from conftest import make_user

THRESHOLD = settings.BROBYGGER_PRIVACY_THRESHOLD
FEWER = f"færre end {THRESHOLD}"


def rows(table) -> dict:
    return {heading: dict(zip(table.columns, values, strict=True)) for heading, values in table.rows}


def role(value) -> str:
    return str(Role(value).label)


def dimension(value) -> str:
    return str(Dimension(value).label)


def new_alliance(landscape, title, visibility=Visibility.PUBLIC, phase=Phase.IDEA) -> Alliance:
    return alliance_services.alliance_create(
        actor=landscape.coordinator, title=title, summary="R", purpose="F", welfare_area="aeldre",
        lead_organisation=landscape.lejre, visibility=visibility, phase=phase,
    )


def take(landscape, alliance, phase, role_, user=None):
    leader = Membership.objects.get(alliance=alliance, user=user or landscape.coordinator)
    services.role_plan_cell_update(
        actor=landscape.coordinator, alliance=alliance, phase=phase, role=role_, leaders=[leader], needed=None
    )


def test_role_gaps_count_only_the_alliances_the_reader_sees(landscape):
    """Three public alliances in the idea phase, one with a Medspiller: 2 of 3 lack it. The
    private one (with every idea role taken) counts for its member, not for an outsider."""
    ls = landscape
    second = new_alliance(ls, "Anden mælk")
    new_alliance(ls, "Tredje mælk")
    take(ls, second, Phase.IDEA, Role.MEDSPILLER)
    for role_ in (Role.MEDSPILLER, Role.BROBYGGER, Role.FORTAELLER):
        take(ls, ls.private, Phase.IDEA, role_)
    Alliance.objects.filter(pk=ls.internal.pk).update(phase=Phase.OPERATION)

    outsider = rows(figures.role_gaps_by_phase(ls.outsider))
    assert list(outsider) == ["Idé (3 alliancer)"]
    idea = outsider["Idé (3 alliancer)"]
    assert idea[role(Role.MEDSPILLER)] == "67 %"
    assert idea[role(Role.BROBYGGER)] == "100 %"
    assert idea[role(Role.FORTAELLER)] == "100 %"
    assert idea[role(Role.DESIGNER)] == "0 %"
    assert idea[role(Role.STYRMAND)] == "0 %"

    member = rows(figures.role_gaps_by_phase(ls.coordinator))
    idea = member["Idé (4 alliancer)"]
    assert idea[role(Role.MEDSPILLER)] == "50 %"
    assert idea[role(Role.BROBYGGER)] == "75 %"
    # The internal alliance, alone in its phase, is shown without shares.
    assert member["Drift (1 alliance)"] == dict.fromkeys(map(role, Role.values), FEWER)


def test_a_phase_with_two_alliances_shows_no_shares(landscape):
    ls = landscape
    for alliance in (ls.public, new_alliance(ls, "Anden mælk")):
        Alliance.objects.filter(pk=alliance.pk).update(phase=Phase.CLARIFICATION)
    table = figures.role_gaps_by_phase(ls.outsider)
    assert table.rows == [("Afklaring (2 alliancer)", [FEWER] * len(Role.values))]
    assert "%" not in "".join(table.rows[0][1])
    # The third makes the shares appear.
    Alliance.objects.filter(pk=new_alliance(ls, "Tredje mælk").pk).update(phase=Phase.CLARIFICATION)
    shown = rows(figures.role_gaps_by_phase(ls.outsider))["Afklaring (3 alliancer)"]
    assert shown[role(Role.DESIGNER)] == "100 %"
    assert shown[role(Role.MEDSPILLER)] == "0 %"


def complete(user, strong):
    return services.assessment_save(actor=user, answers=scoring(strong=strong), complete=True)


def test_profiles_by_sector_count_each_leaders_latest_assessment_over_the_threshold(landscape):
    ls = landscape
    # Public sector (municipalities): three leaders. The coordinator's latest counts, not the earlier.
    complete(ls.coordinator, Dimension.values)
    complete(ls.coordinator, (Dimension.MEDSPILLER,))
    complete(ls.observer, (Dimension.MEDSPILLER, Dimension.DESIGNER))
    complete(ls.public_employee, ())
    # Private sector: two leaders, below the threshold.
    complete(ls.partner, Dimension.values)
    complete(ls.company_outsider, Dimension.values)
    # Not verified for an organisation: does not count; a draft does not count either.
    complete(ls.staff, Dimension.values)
    services.assessment_save(actor=ls.outsider, answers=scoring(strong=Dimension.values))

    table = rows(figures.profiles_by_sector(ls.outsider))

    public = table["Offentlig i alt (3 ledere)"]
    assert table["Kommune (3 ledere)"] == public
    assert public[dimension(Dimension.MEDSPILLER)] == "67 %"
    assert public[dimension(Dimension.DESIGNER)] == "33 %"
    assert public[dimension(Dimension.STYRMAND)] == "0 %"
    assert public[dimension(Dimension.SHARED_MEANING)] == "0 %"
    private = table[f"Privat i alt ({FEWER} ledere)"]
    assert private == dict.fromkeys(map(dimension, Dimension.values), FEWER)
    assert table[f"Virksomhed ({FEWER} ledere)"] == private
    assert not any(heading.startswith("Civilsamfund") for heading in table)

    # A third company leader: the private sector is shown.
    complete(make_user("direktoer", ls.company), ())
    private = rows(figures.profiles_by_sector(ls.outsider))["Privat i alt (3 ledere)"]
    assert private[dimension(Dimension.MEDSPILLER)] == "67 %"
