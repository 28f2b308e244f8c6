"""The services: every write to the partnering agreement adds a version and overwrites
nothing; signing names the signer, the time and the shared terms signed against."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from brobygger.agreements import selectors, services
from brobygger.agreements.models import TEXT_LIMIT, Agreement, PartVersion, TermsVersion
from brobygger.agreements.selectors import SignatureStatus
from brobygger.alliances.models import Party
from brobygger.testing.audit import written_on_behalf

TERMS = {
    "shared_why": "Ældre skal have frisk mad fra egnen.",
    "governance": "Styregruppen mødes hver måned.",
    "ending": "En part kan træde ud med tre måneders varsel.",
}
PART = {
    "reason": "Vi vil sælge lokalt.",
    "logic": "Det styrker vores brand.",
    "limits": "Vi leverer ikke gratis efter 2027.",
    "commitments": "Mælk til tre plejecentre.",
}


def party_of(alliance, organisation) -> Party:
    """A fresh party row, so no membership cached on another test's alliance object leaks in."""
    return Party.objects.select_related("alliance", "organisation").get(
        alliance=alliance, organisation=organisation
    )


def status_of(party: Party) -> str:
    overview = selectors.agreement_overview(alliance=party.alliance)
    return next(row.status for row in overview.parts if row.party.pk == party.pk)


def write_terms(ls, **changes):
    return services.terms_update(alliance=ls.public, actor=ls.coordinator, **{**TERMS, **changes})


def write_part(party, user, **changes):
    return services.part_update(party=party, actor=user, **{**PART, **changes})


def everything():
    """Every row of the agreement's tables, to show a refused write left nothing behind."""
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Agreement, TermsVersion, PartVersion)
    }


# --- Versions -------------------------------------------------------------------------------


def sign(party, user, version_number: int):
    """Sign having read the part's `version_number` and the shared terms in force."""
    terms = TermsVersion.objects.filter(agreement__alliance_id=party.alliance_id).order_by("-number").first()
    return services.part_sign(
        party=party, actor=user, version_number=version_number, terms_number=terms.number if terms else 1
    )


def test_terms_versions_are_numbered_and_unchanged_text_adds_none(landscape):
    """Each change of the shared terms is a new version 1, 2, 3; saving the same text again
    (even with extra spaces around it) adds nothing, and earlier versions keep their text."""
    first = write_terms(landscape)
    second = write_terms(landscape, governance="Styregruppen mødes hver anden uge.")
    again = write_terms(landscape, governance="  Styregruppen mødes hver anden uge.\n")
    third = write_terms(
        landscape,
        governance="Styregruppen mødes hver anden uge.",
        ending="Med seks måneders varsel.",
        change_note=" Længere varsel ",
    )

    assert (first.number, second.number, third.number) == (1, 2, 3)
    assert again is None
    assert list(
        TermsVersion.objects.order_by("number").values_list("number", "governance", "ending")
    ) == [
        (1, TERMS["governance"], TERMS["ending"]),
        (2, "Styregruppen mødes hver anden uge.", TERMS["ending"]),
        (3, "Styregruppen mødes hver anden uge.", "Med seks måneders varsel."),
    ]
    assert third.change_note == "Længere varsel"
    assert third.created_by == landscape.coordinator


def test_part_versions_are_numbered_per_party_and_unchanged_text_adds_none(landscape):
    """Each party's part counts its own versions from 1; an unchanged save adds none."""
    company = party_of(landscape.public, landscape.company)
    association = party_of(landscape.public, landscape.association)

    assert write_part(company, landscape.partner).number == 1
    assert write_part(company, landscape.partner, logic="Nye kunder.").number == 2
    assert write_part(company, landscape.partner, logic=" Nye kunder. ") is None
    assert write_part(association, landscape.coordinator).number == 1

    assert list(
        PartVersion.objects.filter(party=company).order_by("number").values_list("number", "logic")
    ) == [(1, PART["logic"]), (2, "Nye kunder.")]
    assert PartVersion.objects.filter(party=association).count() == 1


def test_only_the_revisit_date_changed_saves_the_date_without_a_version(landscape):
    """Moving the revisit date alone keeps the terms version in force and stores the date."""
    write_terms(landscape)
    result = write_terms(landscape, revisit_on=datetime.date(2027, 6, 1))
    assert result is None
    assert TermsVersion.objects.count() == 1
    assert Agreement.objects.get(alliance=landscape.public).revisit_on == datetime.date(2027, 6, 1)


def test_changing_a_signed_part_adds_an_unsigned_version_and_keeps_the_signed_one(landscape, today):
    """The signed text is never touched: the edit becomes version 2, unsigned, and the
    party is asked to sign again."""
    company = party_of(landscape.public, landscape.company)
    terms = write_terms(landscape)
    write_part(company, landscape.partner)
    sign(company, landscape.partner, 1)

    changed = write_part(company, landscape.partner, commitments="Mælk til fem plejecentre.")

    assert changed.number == 2
    assert changed.signed_at is None and changed.signed_by is None and changed.signed_terms is None
    signed = PartVersion.objects.get(party=company, number=1)
    assert signed.commitments == PART["commitments"]
    assert signed.signed_by == landscape.partner
    assert signed.signed_terms == terms
    row = selectors.part_row(party=company)
    assert (row.current.number, row.last_signed.number) == (2, 1)
    assert row.status == SignatureStatus.CHANGED_SINCE_SIGNED
    assert row.needs_signature


# --- Signing --------------------------------------------------------------------------------


def test_signing_records_who_when_and_which_terms(landscape, today):
    """The signature names the signer (also by name, should the account go), the moment,
    and the version of the shared terms in force."""
    company = party_of(landscape.public, landscape.company)
    write_terms(landscape)
    terms = write_terms(landscape, shared_why="Bedre mad for ældre.")
    write_part(company, landscape.partner)
    assert status_of(company) == SignatureStatus.UNSIGNED

    signed = sign(company, landscape.partner, 1)

    signed.refresh_from_db()
    assert signed.signed_by == landscape.partner
    assert signed.signed_by_name == "Partner Testesen"
    assert signed.signed_at == datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC)
    assert signed.signed_terms == terms
    assert terms.number == 2
    assert status_of(company) == SignatureStatus.SIGNED


def test_signing_shared_terms_the_signer_has_not_read_is_refused(landscape):
    """The coordinator changed the shared terms while the partner read version 1: nothing is
    signed, and the refusal says the agreement changed."""
    company = party_of(landscape.public, landscape.company)
    write_terms(landscape)
    write_part(company, landscape.partner)
    write_terms(landscape, governance="Styregruppen mødes hver uge.")

    with pytest.raises(ValidationError) as caught:
        services.part_sign(party=company, actor=landscape.partner, version_number=1, terms_number=1)

    assert caught.value.code == "stale_version"
    assert not PartVersion.objects.filter(signed_at__isnull=False).exists()
    assert selectors.changes_since(party=company, part_number=1, terms_number=1).terms_sections == [
        "Sådan styres alliancen"
    ]


def test_signing_a_version_the_signer_has_not_read_is_refused(landscape):
    """Someone saved version 2 while the signer read version 1: no signature on either."""
    company = party_of(landscape.public, landscape.company)
    write_terms(landscape)
    write_part(company, landscape.partner)
    write_part(company, landscape.coordinator, limits="Ingen weekendlevering.")

    with pytest.raises(ValidationError) as caught:
        sign(company, landscape.partner, 1)

    assert caught.value.code == "stale_version"
    assert "ændret, mens du læste den" in caught.value.messages[0]
    assert not PartVersion.objects.filter(signed_at__isnull=False).exists()


def test_signing_before_the_shared_terms_exist_is_refused(landscape):
    """Parties sign their part together with the shared terms; without terms, no signature."""
    company = party_of(landscape.public, landscape.company)
    write_part(company, landscape.partner)

    with pytest.raises(ValidationError) as caught:
        sign(company, landscape.partner, 1)

    assert caught.value.code == "no_terms"
    assert "De fælles vilkår skal skrives" in caught.value.messages[0]
    assert PartVersion.objects.get(party=company).signed_at is None


def test_signing_a_part_that_is_not_written_is_refused(landscape):
    """No part, nothing to sign."""
    company = party_of(landscape.public, landscape.company)
    write_terms(landscape)

    with pytest.raises(ValidationError) as caught:
        sign(company, landscape.partner, 1)

    assert caught.value.code == "no_part"
    assert not PartVersion.objects.exists()


def test_signing_the_same_version_twice_is_refused_and_keeps_the_first_signature(landscape, today):
    """A second signature on the same text and terms is refused; the first one stands."""
    company = party_of(landscape.public, landscape.company)
    write_terms(landscape)
    write_part(company, landscape.partner)
    sign(company, landscape.partner, 1)

    with pytest.raises(ValidationError) as caught:
        sign(company, landscape.partner, 1)

    assert caught.value.code == "already_signed"
    version = PartVersion.objects.get(party=company)
    assert version.signed_at == datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC)


def test_new_shared_terms_ask_every_signed_part_for_a_new_signature(landscape, today):
    """A new version of the shared terms turns every signed part into "vilkaar_aendret";
    parts that were never signed or never written keep their status; signing again
    puts the part back to signed against the new terms, keeping the old signature."""
    company = party_of(landscape.public, landscape.company)
    association = party_of(landscape.public, landscape.association)
    lejre = party_of(landscape.public, landscape.lejre)
    write_terms(landscape)
    write_part(company, landscape.partner)
    write_part(lejre, landscape.coordinator)
    sign(company, landscape.partner, 1)
    sign(lejre, landscape.coordinator, 1)
    write_part(association, landscape.coordinator)
    assert status_of(company) == status_of(lejre) == SignatureStatus.SIGNED

    new_terms = write_terms(landscape, ending="Alliancen ophører, når formålet er nået.")

    overview = selectors.agreement_overview(alliance=landscape.public)
    statuses = {row.party.organisation.name: row.status for row in overview.parts}
    assert statuses == {
        "Lejre Kommune": SignatureStatus.TERMS_CHANGED,
        "Mejeriet A/S": SignatureStatus.TERMS_CHANGED,
        "Landmændenes Forening": SignatureStatus.UNSIGNED,
    }
    assert overview.signed_count == 0
    assert all(row.needs_signature for row in overview.parts)

    sign(company, landscape.partner, 1)
    assert status_of(company) == SignatureStatus.SIGNED
    # The earlier signature is kept on version 1; the same text is signed again as version 2.
    first, second = PartVersion.objects.filter(party=company).order_by("number")
    assert first.signed_terms != new_terms and first.signed_at is not None
    assert second.signed_terms == new_terms and second.signed_by == landscape.partner
    assert [getattr(second, f) for f in services.PART_FIELDS] == [
        getattr(first, f) for f in services.PART_FIELDS
    ]


def test_a_party_without_a_part_is_missing(landscape):
    """Before anyone writes, every party is "mangler" and no signature is asked for."""
    write_terms(landscape)
    overview = selectors.agreement_overview(alliance=landscape.public)
    assert [row.status for row in overview.parts] == [SignatureStatus.MISSING] * 3
    assert not any(row.needs_signature for row in overview.parts)


# --- On whose behalf ------------------------------------------------------------------------


def test_a_part_written_by_someone_else_than_its_representatives_is_on_behalf(landscape):
    """The coordinator writing the company's part writes on its behalf; the company's own
    partner does not; the coordinator writing their own municipality's part does not either;
    staff always write on a party's behalf."""
    company = party_of(landscape.public, landscape.company)
    lejre = party_of(landscape.public, landscape.lejre)
    association = party_of(landscape.public, landscape.association)

    assert written_on_behalf(write_part(company, landscape.coordinator)) is True
    assert written_on_behalf(write_part(company, landscape.partner, reason="Vores egne ord.")) is False
    assert written_on_behalf(write_part(lejre, landscape.coordinator)) is False
    assert written_on_behalf(write_part(association, landscape.staff)) is True


# --- Refused input --------------------------------------------------------------------------


@pytest.mark.parametrize("field", services.TERMS_FIELDS)
@pytest.mark.parametrize("value", ["", "   \n\t "], ids=["empty", "blank"])
def test_empty_shared_terms_are_refused_and_nothing_is_written(landscape, field, value):
    """Every field of the shared terms must be filled in: the error names the field in
    Danish, and neither the agreement nor a version nor the revisit date is saved."""
    with pytest.raises(ValidationError) as caught:
        write_terms(landscape, revisit_on=datetime.date(2027, 1, 1), **{field: value})
    assert caught.value.message_dict == {field: ["Skal udfyldes."]}
    assert everything() == {"Agreement": [], "TermsVersion": [], "PartVersion": []}


@pytest.mark.parametrize("field", services.PART_FIELDS)
def test_empty_part_texts_are_refused_and_nothing_is_written(landscape, field):
    company = party_of(landscape.public, landscape.company)
    write_part(company, landscape.partner)
    before = everything()
    with pytest.raises(ValidationError) as caught:
        write_part(company, landscape.partner, **{field: " "})
    assert caught.value.message_dict == {field: ["Skal udfyldes."]}
    assert everything() == before


@pytest.mark.parametrize("field", services.TERMS_FIELDS)
def test_over_long_shared_terms_are_refused_and_nothing_is_written(landscape, field):
    """10 000 characters is the limit: one more is refused, and the revisit date saved in
    the same call is rolled back with it."""
    write_terms(landscape, revisit_on=datetime.date(2027, 1, 1))
    before = everything()
    with pytest.raises(ValidationError) as caught:
        write_terms(
            landscape, revisit_on=datetime.date(2027, 9, 9), **{field: "x" * (TEXT_LIMIT + 1)}
        )
    assert list(caught.value.message_dict) == [field]
    assert "10000" in caught.value.message_dict[field][0]
    assert everything() == before
    assert write_terms(landscape, **{field: "x" * TEXT_LIMIT}).number == 2


@pytest.mark.parametrize("field", services.PART_FIELDS)
def test_over_long_part_texts_are_refused_and_nothing_is_written(landscape, field):
    company = party_of(landscape.public, landscape.company)
    with pytest.raises(ValidationError) as caught:
        write_part(company, landscape.partner, **{field: "x" * (TEXT_LIMIT + 1)})
    assert list(caught.value.message_dict) == [field]
    assert everything() == {"Agreement": [], "TermsVersion": [], "PartVersion": []}
    assert write_part(company, landscape.partner, **{field: "x" * TEXT_LIMIT}).number == 1


@pytest.mark.parametrize(
    "day", [datetime.date(1999, 12, 31), datetime.date(2101, 1, 1), datetime.date(1, 1, 1)]
)
def test_a_revisit_date_out_of_range_is_refused(landscape, day):
    """Dates before 2000 or after 2100 are typing errors; nothing is saved."""
    write_terms(landscape, revisit_on=datetime.date(2027, 1, 1))
    before = everything()
    with pytest.raises(ValidationError) as caught:
        write_terms(landscape, revisit_on=day, shared_why="Et nyt hvorfor.")
    assert caught.value.message_dict == {
        "revisit_on": ["Datoen skal ligge mellem år 2000 og år 2100."]
    }
    assert everything() == before


@pytest.mark.parametrize("day", [datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)])
def test_the_revisit_date_range_includes_its_ends(landscape, day):
    write_terms(landscape, revisit_on=day)
    assert Agreement.objects.get(alliance=landscape.public).revisit_on == day


def test_the_part_form_says_which_version_is_signed(landscape, today):
    """After a signed part is changed, its edit page says that the earlier version is signed
    and the current one waits for a new signature, not that the part is signed."""
    from django.test import Client

    write_terms(landscape)
    company = party_of(landscape.public, landscape.company)
    write_part(company, landscape.partner)
    sign(company, landscape.partner, 1)
    client = Client()
    client.force_login(landscape.partner)
    url = f"/alliancer/{landscape.public.slug}/aftale/parter/{company.pk}/rediger/"
    assert "Version 1, som står her, er underskrevet." in client.get(url).content.decode()
    write_part(company, landscape.partner, reason="En ny grund.")
    page = client.get(url).content.decode()
    assert "Version 1 er underskrevet. Version 2, som står her, venter på en ny underskrift." in page
    assert "Delen er underskrevet" not in page


def test_the_part_form_says_when_the_signature_is_under_earlier_terms(landscape, today):
    """The part's current version is signed, but the shared terms changed afterwards: the edit
    page says the signature was given under the earlier terms and that the part waits for a
    new one, not that it is signed."""
    from django.test import Client

    write_terms(landscape)
    company = party_of(landscape.public, landscape.company)
    write_part(company, landscape.partner)
    sign(company, landscape.partner, 1)
    write_terms(landscape, governance="Styregruppen mødes hver anden uge.")
    client = Client()
    client.force_login(landscape.partner)
    url = f"/alliancer/{landscape.public.slug}/aftale/parter/{company.pk}/rediger/"
    page = " ".join(client.get(url).content.decode().split())
    assert "Version 1, som står her, er underskrevet." not in page
    assert (
        "Version 1, som står her, blev underskrevet under de fælles vilkår version 1. "
        "Vilkårene er ændret siden, så delen venter på en ny underskrift."
    ) in page
