"""The agreement's pages through the test client: reading it, writing the shared terms and
a party's part, signing, the history, the front page's reminders, and bad input."""

import datetime
from dataclasses import dataclass

import pytest
import time_machine

from brobygger.agreements import services
from brobygger.agreements.models import Agreement, PartVersion, TermsVersion
from brobygger.alliances.models import Party
from brobygger.alliances.tests.test_bad_input import normalised, read
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

HUGE = "x" * 100_000
REQUIRED = "Dette felt er påkrævet."
NUL = "Null-tegn er ikke tilladte."
INVALID_DATE = "Indtast en gyldig dato."
NOT_AN_INTEGER = "Indtast et heltal."
CONFIRM = "Sæt flueben for at bekræfte, før du underskriver."
STALE = "Aftalen er ændret, mens du læste den. Læs det, der er ændret, og underskriv igen."
SIGN_FORBIDDEN = "Kun partens egne repræsentanter kan underskrive partens del af aftalen."


def too_long(limit: int, length: int = len(HUGE)) -> str:
    return f"Denne værdi må højst have {limit} tegn (den har {length})."


# --- Helpers --------------------------------------------------------------------------------


def party(ls, organisation, alliance=None) -> Party:
    return Party.objects.select_related("alliance", "organisation").get(
        alliance=alliance or ls.public, organisation=organisation
    )


def detail_url(ls) -> str:
    return f"/alliancer/{ls.public.slug}/aftale/"


def terms_url(ls) -> str:
    return f"/alliancer/{ls.public.slug}/aftale/rediger/"


def history_url(ls) -> str:
    return f"/alliancer/{ls.public.slug}/aftale/historik/"


def part_url(ls, organisation) -> str:
    return f"/alliancer/{ls.public.slug}/aftale/parter/{party(ls, organisation).pk}/rediger/"


def sign_url(ls, organisation) -> str:
    return f"/alliancer/{ls.public.slug}/aftale/parter/{party(ls, organisation).pk}/underskriv/"


def write_terms(ls, **changes):
    return services.terms_update(alliance=ls.public, actor=ls.coordinator, **{**TERMS, **changes})


def write_part(ls, organisation, user, **changes):
    return services.part_update(party=party(ls, organisation), actor=user, **{**PART, **changes})


def sign(ls, organisation, user, number=1, terms=None):
    """Sign having read the part's version `number` and the shared terms in force."""
    if terms is None:
        terms = TermsVersion.objects.filter(agreement__alliance=ls.public).order_by("-number").first().number
    return services.part_sign(party=party(ls, organisation), actor=user, version_number=number, terms_number=terms)


def article_of(html: str, name: str) -> str:
    """The detail page's <article> for one party."""
    articles = [
        a for a in html.split('<article class="agreement-part"')[1:] if f">{name}</h5>" in a
    ]
    assert len(articles) == 1, f"no single part for {name!r}"
    return normalised(articles[0].split("</article>")[0])


def summaries(html: str) -> list[str]:
    """The history page's one-line summaries of each version, in page order."""
    return [
        normalised(chunk.split("</summary>")[0])
        for chunk in html.split('class="details-summary">')[1:]
    ]


def signed_versions():
    return list(
        PartVersion.objects.filter(signed_at__isnull=False).values_list("party_id", "number")
    )


def database_state():
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Agreement, TermsVersion, PartVersion)
    }


# --- Reading the agreement ------------------------------------------------------------------


def test_detail_page_shows_terms_parts_sector_labels_and_statuses(client, landscape, today):
    """Members read the shared terms and each party's part under the labels of its sector,
    with its signature status, version and signer."""
    write_terms(landscape, revisit_on=datetime.date(2027, 6, 1))
    write_part(landscape, landscape.company, landscape.partner)
    sign(landscape, landscape.company, landscape.partner)
    write_part(landscape, landscape.lejre, landscape.coordinator, logic="Serviceloven § 83.")

    client.force_login(landscape.observer)
    response = client.get(detail_url(landscape))

    assert response.status_code == 200
    html = response.content.decode()
    for text in TERMS.values():
        assert text in html
    page = normalised(html)
    assert "1 af 3 parter" in page
    assert "version 1 af 23. november 2026" in page
    assert "1. juni 2027" in page

    company = article_of(html, "Mejeriet A/S")
    assert "Forretningsmæssigt incitament" in company
    assert "Grænser for virksomhedens indsats" in company
    assert "Lovgrundlag" not in company
    assert PART["commitments"] in company
    assert ">Underskrevet</span>" in company
    assert "underskrevet af Partner Testesen 23. november 2026" in company

    lejre = article_of(html, "Lejre Kommune")
    assert "Lovgrundlag og politisk mandat" in lejre
    assert "Grænser: udbud, statsstøtte og myndighedsansvar" in lejre
    assert "Serviceloven § 83." in lejre
    assert ">Ikke underskrevet</span>" in lejre

    association = article_of(html, "Landmændenes Forening")
    assert ">Ikke skrevet</span>" in association
    assert "Parten har ikke skrevet sin del endnu." in association
    # The observer reads; there is nothing for them to write or sign.
    assert "Underskriv" not in page
    assert "Redigér" not in page


def test_detail_page_shows_when_a_part_must_be_signed_again(client, landscape, today):
    """A part changed after its signature and a signature on old shared terms both say so,
    and the page still names who signed the earlier version."""
    write_terms(landscape)
    write_part(landscape, landscape.company, landscape.partner)
    write_part(landscape, landscape.lejre, landscape.coordinator)
    write_part(landscape, landscape.association, landscape.coordinator)
    sign(landscape, landscape.company, landscape.partner)
    sign(landscape, landscape.lejre, landscape.coordinator)
    write_part(landscape, landscape.lejre, landscape.coordinator, limits="Opgaven skal i udbud.")
    write_terms(landscape, ending="Alliancen ophører, når formålet er nået.")

    client.force_login(landscape.partner)
    html = client.get(detail_url(landscape)).content.decode()

    company = article_of(html, "Mejeriet A/S")
    assert ">De fælles vilkår er ændret – skal underskrives igen</span>" in company
    lejre = article_of(html, "Lejre Kommune")
    assert ">Ændret efter underskrift – skal underskrives igen</span>" in lejre
    assert "Version 2" in lejre
    assert "version 1 blev underskrevet af Koordinator Testesen 23. november 2026" in lejre
    association = article_of(html, "Landmændenes Forening")
    assert "Frivilliges og medlemmers motivation" in association
    assert "skrevet af koordinatoren på partens vegne" in association
    assert "0 af 3 parter" in normalised(html)
    # The partner may sign their own party's part, and only that one.
    assert sign_url(landscape, landscape.company) in company
    assert sign_url(landscape, landscape.lejre) not in html
    assert part_url(landscape, landscape.lejre) not in html


def test_part_form_asks_for_what_matters_in_the_party_s_sector(client, landscape):
    """The company is asked for its business incentive; the municipality for its legal
    basis and political mandate."""
    client.force_login(landscape.coordinator)
    company_form = normalised(client.get(part_url(landscape, landscape.company)).content.decode())
    lejre_form = normalised(client.get(part_url(landscape, landscape.lejre)).content.decode())
    assert "Forretningsmæssigt incitament" in company_form
    assert "Lovgrundlag og politisk mandat" not in company_form
    assert "Lovgrundlag og politisk mandat" in lejre_form
    assert "Forretningsmæssigt incitament" not in lejre_form


# --- Writing and signing --------------------------------------------------------------------


def test_coordinator_writes_and_revises_the_shared_terms(client, landscape, today):
    """The first save says the parties can sign; a changed text becomes version 2 and says
    the parties must sign again; a new date alone adds no version."""
    client.force_login(landscape.coordinator)
    assert client.get(terms_url(landscape)).status_code == 200

    response = client.post(terms_url(landscape), {**TERMS, "revisit_on": ""}, follow=True)
    assert response.redirect_chain == [(detail_url(landscape), 302)]
    assert "De fælles vilkår er gemt. Parterne kan nu underskrive." in response.content.decode()

    changed = {**TERMS, "governance": "Styregruppen mødes hver uge.", "change_note": "Oftere møder"}
    response = client.post(terms_url(landscape), {**changed, "revisit_on": ""}, follow=True)
    html = response.content.decode()
    assert (
        "Version 2 af de fælles vilkår er gemt. Parterne bliver bedt om at underskrive igen."
        in html
    )
    assert "Styregruppen mødes hver uge." in html
    assert TERMS["governance"] not in html

    response = client.post(
        terms_url(landscape), {**changed, "revisit_on": "2027-06-01"}, follow=True
    )
    html = response.content.decode()
    assert "Datoen er gemt. Teksten er uændret." in html
    assert "1. juni 2027" in html
    assert list(TermsVersion.objects.order_by("number").values_list("number", "change_note")) == [
        (1, ""),
        (2, "Oftere møder"),
    ]
    # The edit form starts from the version in force.
    form = read(client.get(terms_url(landscape)))
    assert form.controls["governance"][0]["value"].strip() == "Styregruppen mødes hver uge."
    assert form.controls["revisit_on"][0]["value"] == "2027-06-01"


@pytest.mark.parametrize("user", ["partner", "observer"])
def test_only_coordinators_change_the_shared_terms(client, landscape, user):
    client.force_login(getattr(landscape, user))
    assert client.get(terms_url(landscape)).status_code == 403
    response = client.post(terms_url(landscape), {**TERMS, "revisit_on": ""})
    assert response.status_code == 403
    assert not TermsVersion.objects.exists()


def test_partner_writes_and_signs_their_party_s_part(client, landscape, today):
    """The partner writes the company's part, reads it with the shared terms on the sign
    page, must tick the confirmation, and then the part is signed in their name."""
    write_terms(landscape)
    client.force_login(landscape.partner)

    response = client.post(part_url(landscape, landscape.company), PART, follow=True)
    assert "Partens del er gemt." in response.content.decode()
    version = PartVersion.objects.get()
    assert (version.number, version.created_by, written_on_behalf(version)) == (1, landscape.partner, False)

    page = client.get(sign_url(landscape, landscape.company))
    assert page.status_code == 200
    text = normalised(page.content.decode())
    assert (
        "Du underskriver version 1 af partens del sammen med version 1 af de fælles vilkår." in text
    )
    assert TERMS["shared_why"] in text and PART["commitments"] in text
    assert read(page).controls["version"][0]["value"] == "1"

    response = client.post(sign_url(landscape, landscape.company), {"version": "1"})
    assert response.status_code == 400
    reader = read(response)
    assert CONFIRM in normalised(reader.texts["id_confirm-error"])
    assert "id_confirm-error" in reader.described_by
    assert signed_versions() == []

    response = client.post(
        sign_url(landscape, landscape.company), {"version": "1", "terms_version": "1", "confirm": "on"}, follow=True
    )
    assert response.redirect_chain == [(detail_url(landscape), 302)]
    html = response.content.decode()
    assert "Mejeriet A/S har underskrevet sin del af aftalen." in html
    company = article_of(html, "Mejeriet A/S")
    assert ">Underskrevet</span>" in company
    assert "underskrevet af Partner Testesen 23. november 2026" in company
    version.refresh_from_db()
    assert version.signed_by == landscape.partner
    assert version.signed_terms == TermsVersion.objects.get()

    # A second signature on the same text is refused, and the first stands.
    response = client.post(
        sign_url(landscape, landscape.company), {"version": "1", "terms_version": "1", "confirm": "on"}
    )
    assert response.status_code == 400
    assert "Denne version er allerede underskrevet." in response.content.decode()

    # Editing the signed part asks for a new signature.
    response = client.post(
        part_url(landscape, landscape.company),
        {**PART, "limits": "Ingen levering i juli."},
        follow=True,
    )
    html = response.content.decode()
    assert "Partens del er gemt som version 2. Den skal underskrives igen." in html
    assert ">Ændret efter underskrift – skal underskrives igen</span>" in article_of(
        html, "Mejeriet A/S"
    )


def test_coordinator_writes_a_part_on_the_party_s_behalf(client, landscape, today):
    """The coordinator may write the company's part; the page says it was written on the
    party's behalf, and the partner still signs it."""
    write_terms(landscape)
    client.force_login(landscape.coordinator)
    client.post(part_url(landscape, landscape.company), PART)
    assert written_on_behalf(PartVersion.objects.get()) is True
    html = client.get(detail_url(landscape)).content.decode()
    company = article_of(html, "Mejeriet A/S")
    assert "skrevet af koordinatoren på partens vegne" in company
    assert sign_url(landscape, landscape.company) not in company


@pytest.mark.parametrize(
    ("user", "organisation"),
    [
        ("partner", "association"),
        ("partner", "lejre"),
        ("coordinator", "company"),
        ("staff", "company"),
        ("observer", "lejre"),
    ],
)
def test_no_one_signs_for_a_party_they_do_not_represent(client, landscape, user, organisation):
    """A signature is the party's own: a partner cannot sign for another party, and neither
    coordinators nor staff sign on anyone's behalf."""
    write_terms(landscape)
    for name in ("company", "lejre", "association"):
        write_part(landscape, getattr(landscape, name), landscape.coordinator)
    client.force_login(getattr(landscape, user))
    url = sign_url(landscape, getattr(landscape, organisation))

    page = client.get(url)
    assert page.status_code == 403
    assert SIGN_FORBIDDEN in page.content.decode()
    response = client.post(url, {"version": "1", "terms_version": "1", "confirm": "on"})
    assert response.status_code == 403
    assert signed_versions() == []


def test_partner_cannot_write_another_party_s_part(client, landscape):
    client.force_login(landscape.partner)
    response = client.post(part_url(landscape, landscape.association), PART)
    assert response.status_code == 403
    assert (
        "Kun partens egne repræsentanter og alliancens koordinatorer" in response.content.decode()
    )
    assert not PartVersion.objects.exists()


def test_a_party_of_another_alliance_is_not_found_under_this_one(client, landscape):
    """Putting another alliance's party id into the address finds nothing."""
    other = party(landscape, landscape.company, alliance=landscape.internal)
    write_terms(landscape)
    client.force_login(landscape.partner)
    base = f"/alliancer/{landscape.public.slug}/aftale/parter/{other.pk}"
    assert client.post(f"{base}/rediger/", PART).status_code == 404
    assert client.post(f"{base}/underskriv/", {"version": "1", "terms_version": "1", "confirm": "on"}).status_code == 404
    assert not PartVersion.objects.exists()


def test_people_outside_the_alliance_do_not_see_the_agreement(client, landscape):
    """Even for a public alliance the agreement is for members and staff."""
    write_terms(landscape)
    client.force_login(landscape.outsider)
    assert client.get(detail_url(landscape)).status_code == 404
    assert client.get(history_url(landscape)).status_code == 404
    client.force_login(landscape.staff)
    assert client.get(detail_url(landscape)).status_code == 200


def test_signing_after_the_terms_changed_while_reading_says_what_changed(client, landscape, today):
    """The partner opened the sign page with terms version 1; the coordinator saved version
    2 with a new way of governing. Nothing is signed; the page names the changed section and
    the reason for it, shows the new text and carries version 2 for the next try."""
    write_terms(landscape)
    write_part(landscape, landscape.company, landscape.partner)
    client.force_login(landscape.partner)
    form = read(client.get(sign_url(landscape, landscape.company))).controls
    assert form["terms_version"][0]["value"] == "1"
    write_terms(landscape, governance="Styregruppen mødes hver uge.", change_note="Flere møder.")

    response = client.post(
        sign_url(landscape, landscape.company), {"version": "1", "terms_version": "1", "confirm": "on"}
    )

    assert response.status_code == 400
    page = normalised(response.content.decode())
    assert STALE in page
    assert "Fælles vilkår: Sådan styres alliancen" in page
    assert "Begrundelse for de nye vilkår: Flere møder." in page
    assert "Styregruppen mødes hver uge." in page
    assert signed_versions() == []
    assert read(response).controls["terms_version"][0]["value"] == "2"
    response = client.post(
        sign_url(landscape, landscape.company), {"version": "1", "terms_version": "2", "confirm": "on"}
    )
    assert response.status_code == 302
    assert PartVersion.objects.get(signed_at__isnull=False).signed_terms.number == 2


def test_the_sign_page_says_what_a_signature_is_and_the_history_who_signed(client, landscape, today):
    """Signing is a recorded statement of intent, not a legally binding electronic signature,
    and the page says so; the history shows who signed against each version of the terms."""
    write_terms(landscape)
    write_part(landscape, landscape.company, landscape.partner)
    client.force_login(landscape.partner)
    page = normalised(client.get(sign_url(landscape, landscape.company)).content.decode())
    assert "Det er ikke en juridisk bindende elektronisk signatur" in page
    sign(landscape, landscape.company, landscape.partner)
    history = normalised(client.get(f"/alliancer/{landscape.public.slug}/aftale/historik/").content.decode())
    assert "Underskrevet mod denne version" in history
    assert "Mejeriet A/S: Partner Testesen, 23. november 2026 13:00 (partens del, version 1)" in history


def test_signing_a_version_changed_while_reading_is_refused_and_offers_the_new_one(
    client, landscape, today
):
    """The partner opened version 1; the coordinator saved version 2. The signature is
    refused with a Danish explanation, the page shows version 2, and signing what is now
    shown works."""
    write_terms(landscape)
    write_part(landscape, landscape.company, landscape.partner)
    client.force_login(landscape.partner)
    assert (
        read(client.get(sign_url(landscape, landscape.company))).controls["version"][0]["value"]
        == "1"
    )
    write_part(landscape, landscape.company, landscape.coordinator, limits="Kun hverdage.")

    response = client.post(
        sign_url(landscape, landscape.company), {"version": "1", "terms_version": "1", "confirm": "on"}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert STALE in html
    assert "Kun hverdage." in html
    assert signed_versions() == []
    reader = read(response)
    shown = reader.controls["version"][0]["value"]
    assert shown == "2", "the form must carry the version now on the page"
    assert not reader.controls["confirm"][0]["checked"], "the new text must be confirmed anew"

    response = client.post(
        sign_url(landscape, landscape.company), {"version": shown, "terms_version": "1", "confirm": "on"}
    )
    assert response.status_code == 302
    assert signed_versions() == [(party(landscape, landscape.company).pk, 2)]


# --- History --------------------------------------------------------------------------------


def test_history_lists_every_version_with_its_signature(client, landscape, today):
    """Earlier versions stay readable: each with its number, author and signature (and the
    shared terms version it was signed against)."""
    write_terms(landscape)
    write_part(landscape, landscape.company, landscape.partner)
    sign(landscape, landscape.company, landscape.partner)
    write_part(landscape, landscape.company, landscape.coordinator, commitments="Mælk og ost.")
    write_terms(landscape, ending="Med seks måneders varsel.", change_note="Længere varsel")

    client.force_login(landscape.observer)
    response = client.get(history_url(landscape))

    assert response.status_code == 200
    html = response.content.decode()
    lines = summaries(html)
    assert len(lines) == 4
    assert lines[0].startswith("Version 2, 23. november 2026")
    assert lines[0].endswith("af Koordinator Testesen: Længere varsel")
    assert lines[1].startswith("Version 1, 23. november 2026")
    assert lines[2].startswith("Version 2, ")
    assert lines[2].endswith("af Koordinator Testesen (på partens vegne) – ikke underskrevet")
    assert lines[3].startswith("Version 1, ")
    assert lines[3].endswith(
        "af Partner Testesen – underskrevet af Partner Testesen 23. november 2026 (fælles vilkår version 1)"
    )
    # Both texts of each are there to read, under the company's labels.
    for text in (TERMS["ending"], "Med seks måneders varsel.", PART["commitments"], "Mælk og ost."):
        assert text in html
    assert "Forretningsmæssigt incitament" in html


def test_history_of_an_empty_agreement(client, landscape):
    client.force_login(landscape.partner)
    html = client.get(history_url(landscape)).content.decode()
    assert "De fælles vilkår er ikke skrevet endnu." in html
    assert "Ingen parter har skrevet deres del endnu." in html


# --- Front page reminders -------------------------------------------------------------------

REVISIT_SOON = "Samarbejdsaftalen skal gennemgås igen senest {}."
REVISIT_OVERDUE = "Samarbejdsaftalen skulle have været gennemgået igen {}."
AWAITS_SIGNATURE = "Jeres del af samarbejdsaftalen venter på underskrift."


def front_page(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return normalised(response.content.decode())


def test_front_page_reminds_the_coordinator_of_the_revisit_date(client, landscape, today):
    """From 30 days before the revisit date, and after it until it is moved; not to the
    partner or the observer."""
    write_terms(landscape, revisit_on=datetime.date(2026, 12, 10))
    page = front_page(client, landscape.coordinator)
    assert REVISIT_SOON.format("10. december 2026") in page
    assert f'href="{detail_url(landscape)}"' in page
    assert "senest" not in front_page(client, landscape.partner)
    assert "senest" not in front_page(client, landscape.observer)


@pytest.mark.parametrize(
    ("revisit_on", "expected"),
    [
        (datetime.date(2026, 12, 23), REVISIT_SOON.format("23. december 2026")),
        (datetime.date(2026, 11, 23), REVISIT_SOON.format("23. november 2026")),
        (datetime.date(2026, 11, 22), REVISIT_OVERDUE.format("22. november 2026")),
        (datetime.date(2025, 1, 1), REVISIT_OVERDUE.format("1. januar 2025")),
        (datetime.date(2026, 12, 24), None),
        (None, None),
    ],
)
def test_revisit_reminder_window(client, landscape, today, revisit_on, expected):
    """Exactly 30 days ahead is reminded, 31 is not; a past date is overdue."""
    write_terms(landscape, revisit_on=revisit_on)
    page = front_page(client, landscape.coordinator)
    if expected:
        assert expected in page
    else:
        assert "Samarbejdsaftalen skal" not in page
        assert "Samarbejdsaftalen skulle" not in page


def test_front_page_reminds_the_partner_to_sign(client, landscape, today):
    """The partner is told their part waits for a signature once both the terms and the part
    exist; signing removes the reminder; new shared terms bring it back."""
    write_part(landscape, landscape.company, landscape.coordinator)
    assert AWAITS_SIGNATURE not in front_page(client, landscape.partner)

    write_terms(landscape)
    page = front_page(client, landscape.partner)
    assert page.count(AWAITS_SIGNATURE) == 1
    assert "Offentlig mælk" in page
    assert AWAITS_SIGNATURE not in front_page(client, landscape.observer)

    sign(landscape, landscape.company, landscape.partner)
    assert AWAITS_SIGNATURE not in front_page(client, landscape.partner)

    write_terms(landscape, shared_why="Et nyt fælles hvorfor.")
    assert AWAITS_SIGNATURE in front_page(client, landscape.partner)

    with time_machine.travel(datetime.datetime(2026, 11, 24, 12, tzinfo=datetime.UTC), tick=False):
        sign(landscape, landscape.company, landscape.partner)
    assert AWAITS_SIGNATURE not in front_page(client, landscape.partner)


def test_the_signature_reminder_is_only_for_the_party_s_own_representatives(
    client, landscape, today
):
    """The association's part waits for a signature; the company's partner is not told, and
    the coordinator is told only about their own municipality's part."""
    write_terms(landscape)
    write_part(landscape, landscape.association, landscape.coordinator)
    assert AWAITS_SIGNATURE not in front_page(client, landscape.partner)
    assert AWAITS_SIGNATURE not in front_page(client, landscape.coordinator)
    write_part(landscape, landscape.lejre, landscape.coordinator)
    assert AWAITS_SIGNATURE in front_page(client, landscape.coordinator)


# --- Bad input ------------------------------------------------------------------------------


@dataclass
class Case:
    form: str  # "terms", "part" or "sign"
    changes: dict
    errors: dict  # field -> message in "#id_<field>-error"; None -> in the error summary
    note: str = ""


EMPTY_TERMS = dict.fromkeys(("shared_why", "governance", "ending"), "")
EMPTY_PART = dict.fromkeys(("reason", "logic", "limits", "commitments"), "")

CASES = [
    Case("terms", EMPTY_TERMS, dict.fromkeys(EMPTY_TERMS, REQUIRED), "everything empty"),
    Case("terms", {"governance": "  \n "}, {"governance": REQUIRED}, "only spaces"),
    Case("terms", {"shared_why": HUGE}, {"shared_why": too_long(10000)}),
    Case("terms", {"ending": "x" * 10001}, {"ending": too_long(10000, 10001)}),
    Case("terms", {"change_note": HUGE}, {"change_note": too_long(500)}),
    Case("terms", {"governance": "Møder\x00hver uge"}, {"governance": NUL}),
    Case("terms", {"change_note": "\x00"}, {"change_note": NUL}),
    Case("terms", {"revisit_on": "2026-13-45"}, {"revisit_on": INVALID_DATE}),
    Case("terms", {"revisit_on": "i morgen"}, {"revisit_on": INVALID_DATE}),
    Case("terms", {"revisit_on": HUGE}, {"revisit_on": INVALID_DATE}),
    Case("terms", {"revisit_on": "2026-12-01\x00"}, {"revisit_on": INVALID_DATE}),
    Case(
        "terms",
        {"revisit_on": "1999-12-31"},
        {"revisit_on": "Datoen skal ligge mellem år 2000 og år 2100."},
    ),
    Case(
        "terms",
        {"revisit_on": "2101-01-01"},
        {"revisit_on": "Datoen skal ligge mellem år 2000 og år 2100."},
    ),
    Case("part", EMPTY_PART, dict.fromkeys(EMPTY_PART, REQUIRED), "everything empty"),
    Case("part", {"limits": "\t "}, {"limits": REQUIRED}, "only spaces"),
    Case("part", {"reason": HUGE}, {"reason": too_long(10000)}),
    Case(
        "part",
        {"commitments": HUGE, "logic": HUGE},
        {"commitments": too_long(10000), "logic": too_long(10000)},
    ),
    Case("part", {"logic": "Mælk\x00"}, {"logic": NUL}),
    Case("sign", {"confirm": ""}, {"confirm": CONFIRM}, "no confirmation"),
    Case("sign", {"version": ""}, {None: "Version: " + REQUIRED}, "no version"),
    Case("sign", {"version": "abc"}, {None: "Version: " + NOT_AN_INTEGER}),
    Case("sign", {"version": "1\x00"}, {None: "Version: " + NOT_AN_INTEGER}, "NUL"),
    Case("sign", {"version": HUGE}, {None: "Version: " + NOT_AN_INTEGER}),
    Case("sign", {"version": "0"}, {None: "større end eller lig 1"}),
    Case("sign", {"version": "-1"}, {None: "større end eller lig 1"}),
    Case("sign", {"version": "9" * 30}, {None: "mindre end eller lig 2147483647"}),
    Case("sign", {"version": "7"}, {None: STALE}, "a version that does not exist"),
    Case("sign", {"version": "1"}, {None: STALE}, "the version before the one in force"),
    Case("sign", {"terms_version": ""}, {None: "Version af de fælles vilkår: " + REQUIRED}, "no terms version"),
    Case("sign", {"terms_version": "2"}, {None: STALE}, "terms that do not exist"),
]


def case_id(case: Case) -> str:
    described = ",".join(
        f"{name}={'HUGE' if value == HUGE else value!r}"[:30]
        for name, value in case.changes.items()
    )
    return f"{case.form}:{case.note or described}"


def prepare(ls, form: str) -> tuple[str, object, dict]:
    """The page, its user and valid values, with the agreement written so far: terms, and
    for signing, the company's part in version 2 (so version 1 is stale)."""
    if form == "terms":
        write_terms(ls, revisit_on=datetime.date(2027, 1, 1))
        values = {
            **TERMS,
            "shared_why": "Et nyt hvorfor.",
            "revisit_on": "2027-03-01",
            "change_note": "",
        }
        return terms_url(ls), ls.coordinator, values
    write_terms(ls)
    write_part(ls, ls.company, ls.partner)
    if form == "part":
        return part_url(ls, ls.company), ls.partner, {**PART, "reason": "Nye grunde."}
    write_part(ls, ls.company, ls.partner, reason="Nye grunde.")
    return sign_url(ls, ls.company), ls.partner, {"version": "2", "terms_version": "1", "confirm": "on"}


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_bad_input_is_refused_in_danish_and_writes_nothing(client, landscape, today, case):
    """Bad input answers 400 (never 500) with a Danish message at the field, shows the
    typed text again, and writes no version, date or signature."""
    url, user, valid = prepare(landscape, case.form)
    client.force_login(user)
    posted = {"csrfmiddlewaretoken": "ikke-kontrolleret-i-test", **valid, **case.changes}
    posted = {name: value for name, value in posted.items() if value != "" or name != "confirm"}
    before = database_state()

    response = client.post(url, posted)

    assert response.status_code == 400, response.content.decode()[:2000]
    reader = read(response)
    for field, message in case.errors.items():
        if field is None:
            assert message in normalised(response.content.decode())
            continue
        error_id = f"id_{field}-error"
        assert error_id in reader.texts, f"no element #{error_id}"
        assert message in normalised(reader.texts[error_id]), reader.texts[error_id]
        assert error_id in reader.described_by, f"#{error_id} is not tied to its field"
    for name, value in posted.items():
        if (
            name in reader.controls
            and reader.controls[name][0]["kind"] == "textarea"
            and len(value) < 1000
        ):
            assert reader.controls[name][0]["value"].removeprefix("\n") == value, name
    assert database_state() == before


@pytest.mark.parametrize("form", ["terms", "part", "sign"])
def test_the_valid_values_of_the_bad_input_cases_are_accepted(client, landscape, today, form):
    """The baseline the cases above spoil saves and redirects, so each refusal comes from
    the spoiled field alone."""
    url, user, valid = prepare(landscape, form)
    client.force_login(user)
    before = database_state()
    response = client.post(url, valid)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert database_state() != before


def test_no_sign_button_until_the_shared_terms_exist(client, landscape, today):
    """A part can be written before the shared terms, but there is nothing to sign yet: the
    partner sees no sign button until the coordinator has written the terms."""
    write_part(landscape, landscape.company, landscape.partner)
    client.force_login(landscape.partner)
    html = client.get(detail_url(landscape)).content.decode()
    assert sign_url(landscape, landscape.company) not in html
    write_terms(landscape)
    html = client.get(detail_url(landscape)).content.decode()
    assert sign_url(landscape, landscape.company) in html


def test_an_empty_post_is_an_invalid_form_not_a_blank_page(client, landscape):
    """Posting no fields at all answers 400 with the required-field messages."""
    client.force_login(landscape.coordinator)
    response = client.post(terms_url(landscape), {})
    assert response.status_code == 400
    assert TermsVersion.objects.count() == 0
