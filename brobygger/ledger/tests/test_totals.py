"""What a party gives and gets, in totals that add up (docs/value-balance.md):

- every contribution the reader reads is in exactly one line of the party's totals (money,
  one line per kind of hours, one per other unit), and the lines' kroner add up to what the
  party gives (`contributed_kroner`);
- hours are valued at the alliance's agreed rate for their kind; hours of a kind without a
  rate (and hours without a kind) are counted as hours only;
- payments for deliveries are neither given nor gained, but shown apart (paid, received);
- the balance and the party's ledger say the same for the same reader.
"""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from brobygger.ledger import selectors, services
from brobygger.ledger.rules import EVERYTHING, PUBLIC_ONLY, read_scope

from .helpers import add_contribution, add_goal, add_result, party

D = Decimal
COMPANY, ASSOCIATION, LEJRE = "Mejeriet A/S", "Landmændenes Forening", "Lejre Kommune"


def hour_kind(alliance, actor, name, rate=None):
    return services.hour_kind_create(
        actor=actor, alliance=alliance, name=name, rate=None if rate is None else D(rate), description=""
    )


def hours(the_party, user, quantity, kind=None, **overrides):
    values = {
        "kind": "arbejdstimer",
        "description": "Timer i køkkenet",
        "quantity": D(quantity),
        "unit": "timer",
        "hour_kind": kind,
    }
    return add_contribution(the_party, user, **{**values, **overrides})


def balance_rows(alliance, scope=EVERYTHING):
    balance = selectors.value_balance(alliance=alliance, scope=scope)
    return balance, {row.party.organisation.name: row for row in balance.parties}


def lines(row_or_ledger) -> list[tuple]:
    return [
        (line.kind, line.label, line.count, line.quantity, line.kroner, line.without_kroner)
        for line in row_or_ledger.given
    ]


@pytest.fixture
def given(today, landscape):
    """Each party of the public alliance gives in several ways, in entries of every
    visibility, and gets results, payments among them."""
    alliance, coordinator, partner = landscape.public, landscape.coordinator, landscape.partner
    public_hours = hour_kind(alliance, coordinator, "Kommunale timer", "450")
    consultants = hour_kind(alliance, coordinator, "Konsulenttimer", "1200")
    volunteers = hour_kind(alliance, coordinator, "Frivillige timer")  # no rate: hours only
    company = party(alliance, landscape.company)
    association = party(alliance, landscape.association)
    lejre = party(alliance, landscape.lejre)

    add_contribution(company, partner, quantity=D("10000"))
    # Money is its amount: an estimate on it is not read.
    add_contribution(company, partner, quantity=D("5000"), estimated_value=D("1"), visibility="medlemmer")
    hours(company, partner, "20", consultants)
    hours(company, partner, "2.5", consultants, visibility="medlemmer")
    hours(company, partner, "10", consultants, visibility="fortrolig")
    add_contribution(
        company, partner, kind="lokaler", description="Mødelokale", quantity=D("10"), unit="m2", estimated_value=D("3000")
    )
    add_contribution(company, partner, kind="materialer", description="Kander", quantity=D("4"), unit="stk")
    add_contribution(company, partner, description="Betaling for kørsel", quantity=D("50000"), is_payment=True)

    hours(association, coordinator, "100", volunteers, description="Frivillige i køkkenet")
    hours(association, coordinator, "5", None, description="Timer uden type")
    add_contribution(
        association, coordinator, kind="andet", description="Kørsel", quantity=D("30"), unit="km", estimated_value=D("500")
    )
    add_contribution(
        association, coordinator, kind="andet", description="Mere kørsel", quantity=D("20"), unit="km", visibility="medlemmer"
    )

    hours(lejre, coordinator, "40", public_hours)
    hours(lejre, coordinator, "3", public_hours, visibility="fortrolig")
    add_contribution(lejre, coordinator, description="Betaling for mælk", quantity=D("8000"), is_payment=True, visibility="fortrolig")

    goal = add_goal(company, partner)
    add_result(goal, partner, estimated_value=D("2500"))
    add_result(goal, partner, estimated_value=None, description="Godt samarbejde")
    add_result(goal, partner, estimated_value=D("40000"), is_payment=True, description="Betaling for mælken")
    add_result(goal, partner, estimated_value=D("700"), visibility="fortrolig")
    landscape.kinds = {"public": public_hours, "consultants": consultants, "volunteers": volunteers}
    return landscape


def test_the_lines_of_each_party(given):
    _, rows = balance_rows(given.public)
    assert lines(rows[COMPANY]) == [
        ("money", "Penge", 2, D("15000"), D("15000"), 0),
        ("hours", "Konsulenttimer", 3, D("32.5"), D("39000"), 0),
        ("other", "m²", 1, D("10"), D("3000"), 0),
        ("other", "stk.", 1, D("4"), None, 1),
    ]
    assert rows[COMPANY].contributed_kroner == D("57000")
    assert rows[COMPANY].contribution_count == 7
    assert lines(rows[ASSOCIATION]) == [
        ("hours", "Frivillige timer", 1, D("100"), None, 0),
        ("hours", "Timer uden timetype", 1, D("5"), None, 0),
        ("other", "km", 2, D("50"), D("500"), 1),
    ]
    assert rows[ASSOCIATION].contributed_kroner == D("500")
    assert lines(rows[LEJRE]) == [("hours", "Kommunale timer", 2, D("43"), D("19350"), 0)]


def test_hours_are_valued_at_their_kinds_rate(given):
    _, rows = balance_rows(given.public)
    [consultants] = rows[COMPANY].hours
    assert (consultants.rate, consultants.kroner) == (D("1200"), D("32.5") * D("1200"))
    assert rows[COMPANY].hours_kroner == D("39000")
    assert rows[LEJRE].hours[0].rate == D("450")
    assert rows[LEJRE].hours_total == D("43")


def test_volunteer_hours_without_a_rate_are_counted_as_hours_only(given):
    """The association's 100 volunteer hours and 5 hours without a kind: hours in the
    totals, no kroner in what it gives."""
    balance, rows = balance_rows(given.public)
    association = rows[ASSOCIATION]
    assert [(line.label, line.rate, line.kroner) for line in association.hours] == [
        ("Frivillige timer", None, None),
        ("Timer uden timetype", None, None),
    ]
    assert (association.hours_total, association.unvalued_hours, association.hours_kroner) == (D("105"), D("105"), 0)
    assert association.contributed_kroner == D("500")
    assert balance.hours_total == D("105") + D("32.5") + D("43")


def test_a_rate_agreed_later_values_the_hours_anew(given):
    """The rate is the alliance's convention, not a price on the day: once it agrees one for
    volunteers' hours, every such hour is valued at it, back in time too."""
    services.hour_kind_update(actor=given.coordinator, hour_kind=given.kinds["volunteers"], rate=D("150"))
    _, rows = balance_rows(given.public)
    association = rows[ASSOCIATION]
    assert association.hours[0].kroner == D("15000")
    assert association.unvalued_hours == D("5")
    assert association.contributed_kroner == D("15500")


def test_a_rate_of_zero_values_hours_at_nothing_not_as_unvalued(today, landscape):
    kind = hour_kind(landscape.public, landscape.coordinator, "Ulønnede timer", "0")
    hours(party(landscape.public, landscape.association), landscape.coordinator, "8", kind)
    _, rows = balance_rows(landscape.public)
    [line] = rows[ASSOCIATION].hours
    assert (line.kroner, rows[ASSOCIATION].unvalued_hours, rows[ASSOCIATION].hours_total) == (0, 0, D("8"))


def test_hour_kinds_need_a_coordinator_or_staff(today, landscape):
    with pytest.raises(PermissionDenied):
        hour_kind(landscape.public, landscape.partner, "Partnerens timer", "100")
    assert hour_kind(landscape.public, landscape.staff, "Personalets timer", "100").rate == D("100")


def test_hours_cannot_carry_their_own_estimate(today, landscape):
    """Hours get their worth from the rate only, so no entry can value its hours itself."""
    kind = hour_kind(landscape.public, landscape.coordinator, "Konsulenttimer", "1200")
    with pytest.raises(ValidationError) as caught:
        hours(party(landscape.public, landscape.company), landscape.partner, "2", kind, estimated_value=D("99999"))
    assert "estimated_value" in caught.value.message_dict


def test_payments_are_neither_given_nor_gained_but_shown_apart(given):
    balance, rows = balance_rows(given.public)
    company = rows[COMPANY]
    assert (company.paid_kroner, company.payments_made) == (D("50000"), 1)
    assert all("Betaling" not in line.label for line in company.given)
    assert company.contributed_kroner == D("57000")
    assert (company.received_kroner, company.payments_received) == (D("40000"), 1)
    assert company.gained_kroner == D("2500") + D("700")
    assert (company.results_without_kroner, company.result_count) == (1, 4)
    assert (rows[LEJRE].paid_kroner, rows[LEJRE].payments_made) == (D("8000"), 1)
    assert (balance.paid_kroner, balance.received_kroner, balance.has_payments) == (D("58000"), D("40000"), True)
    assert balance.gained_kroner == D("3200")
    assert balance.contributed_kroner == D("57000") + D("500") + D("19350")


def test_a_payment_must_be_in_kroner(today, landscape):
    with pytest.raises(ValidationError) as caught:
        hours(party(landscape.public, landscape.company), landscape.partner, "2", is_payment=True)
    assert "is_payment" in caught.value.message_dict


def test_without_payments_the_balance_has_none(today, landscape):
    add_contribution(party(landscape.public, landscape.company), landscape.partner)
    balance, rows = balance_rows(landscape.public)
    assert (balance.has_payments, rows[COMPANY].paid_kroner, rows[COMPANY].received_kroner) == (False, 0, 0)


def test_the_reader_reads_what_they_may(given):
    """The observer (a member) reads the members' entries, not the confidential ones; the
    public reads the public ones; the company's representative its own confidential ones."""
    _, observer = balance_rows(given.public, read_scope(given.observer, given.public))
    assert observer[COMPANY].hours[0].quantity == D("22.5")
    assert observer[COMPANY].contributed_kroner == D("15000") + D("27000") + D("3000")
    assert observer[LEJRE].paid_kroner == 0
    assert observer[COMPANY].gained_kroner == D("2500")
    _, public = balance_rows(given.public, PUBLIC_ONLY)
    assert public[COMPANY].money.quantity == D("10000")
    assert public[COMPANY].contributed_kroner == D("10000") + D("24000") + D("3000")
    assert lines(public[ASSOCIATION])[-1] == ("other", "km", 1, D("30"), D("500"), 0)
    _, partner = balance_rows(given.public, read_scope(given.partner, given.public))
    assert partner[COMPANY].contributed_kroner == D("57000")
    assert partner[LEJRE].hours_total == D("40")


def readers(landscape):
    return (
        landscape.partner,
        landscape.coordinator,
        landscape.staff,
        landscape.observer,
        landscape.outsider,
        landscape.public_employee,
        AnonymousUser(),
    )


def test_totals_add_up_for_every_reader(given):
    """For every reader and party: each contribution read, payments aside, is in exactly one
    line; the lines' kroner add up to what the party gives, and to the entries' own worth;
    the party's ledger has the same lines and payments as the balance."""
    for user in readers(given):
        scope = read_scope(user, given.public)
        balance = selectors.value_balance(alliance=given.public, scope=scope)
        assert balance.contributed_kroner == sum((row.contributed_kroner for row in balance.parties), D("0"))
        for row in balance.parties:
            ledger = selectors.party_ledger(party=row.party, reader=user, scope=scope, with_changes=False)
            entries = [entry for entry in ledger.contributions if not entry.is_payment]
            assert sum(line.count for line in row.given) == len(entries) == row.contribution_count, (user, row.party)
            assert row.contributed_kroner == sum((line.kroner for line in row.given if line.kroner is not None), D("0"))
            assert row.contributed_kroner == sum((e.kroner for e in entries if e.kroner is not None), D("0"))
            # Hours by hours, units by units: each line's quantity is its entries'.
            for line in row.given:
                mine = [e for e in entries if line_label(e) == str(line.label)]
                assert (len(mine), sum(e.quantity for e in mine)) == (line.count, line.quantity), line
            assert lines(ledger) == lines(row), (user, row.party)
            assert ledger.contributed_kroner == row.contributed_kroner
            assert (ledger.paid_kroner, len(ledger.payments)) == (row.paid_kroner, row.payments_made), (user, row.party)


def line_label(entry) -> str:
    if entry.unit == "kr":
        return "Penge"
    if entry.unit == "timer":
        return entry.hour_kind.name if entry.hour_kind_id else "Timer uden timetype"
    return str(entry.get_unit_display())


def test_kinds_of_the_same_rate_stay_apart(today, landscape):
    """Two kinds with the same rate are two lines, never one."""
    first = hour_kind(landscape.public, landscape.coordinator, "Sygeplejersketimer", "450")
    second = hour_kind(landscape.public, landscape.coordinator, "Pædagogtimer", "450")
    lejre = party(landscape.public, landscape.lejre)
    hours(lejre, landscape.coordinator, "2", first)
    hours(lejre, landscape.coordinator, "3", second)
    _, rows = balance_rows(landscape.public)
    assert [(line.label, line.count, line.kroner) for line in rows[LEJRE].hours] == [
        ("Pædagogtimer", 1, D("1350")),
        ("Sygeplejersketimer", 1, D("900")),
    ]


def test_a_party_that_gives_nothing_has_no_lines(given):
    add_contribution(party(given.internal, given.company), given.partner)
    _, rows = balance_rows(given.public)
    assert all(row.given for row in rows.values())
    _, internal = balance_rows(given.internal)
    assert (internal[LEJRE].given, internal[LEJRE].contributed_kroner, internal[LEJRE].contribution_count) == ([], 0, 0)
    assert internal[COMPANY].contribution_count == 1


def test_hours_at_an_odd_rate_add_up_to_the_øre(today, landscape):
    kind = hour_kind(landscape.public, landscape.coordinator, "Skæve timer", "333.33")
    lejre = party(landscape.public, landscape.lejre)
    hours(lejre, landscape.coordinator, "1.25", kind)
    hours(lejre, landscape.coordinator, "1.25", kind)
    _, rows = balance_rows(landscape.public)
    ledger = selectors.party_ledger(party=lejre, reader=None, scope=EVERYTHING, with_changes=False)
    assert rows[LEJRE].contributed_kroner == sum(entry.kroner for entry in ledger.contributions)
