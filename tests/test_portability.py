"""`brobygger export` and `brobygger import` (core/portability.py, docs/portability.md): a
round trip through an empty installation gives the same file again, a scoped export carries
what its alliances name, no credential travels, and a bad file is refused whole, naming the
table, row and field, with the database unchanged."""

import io
import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from brobygger.alliances.models import (
    AUTHORITY_KINDS,
    Alliance,
    Invitation,
    MemberRole,
    Organisation,
)
from brobygger.api.models import ApiToken
from brobygger.api.services import token_create
from brobygger.core import portability
from brobygger.core.models import AuditRecord


def export_text(*args) -> str:
    out = io.StringIO()
    call_command("export", "-", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def empty_the_installation() -> None:
    """What a freshly migrated installation holds: only the reference data. (The database's
    own counters go on, so the import cannot keep the old keys by chance.)"""
    # First what no export carries (API tokens, what a team was last shown), which would
    # otherwise point at rows deleted below.
    exported = {table.label for table in portability.tables()}
    for model in apps.get_models():
        if model.__module__.startswith("brobygger.") and model._meta.label_lower not in exported:
            model.objects.all().delete()
    for table in reversed(portability.tables()):
        rows = table.model.objects.all()
        if table.hook.reference is not None:
            rows = rows.exclude(table.hook.reference)
        # Table by table, last first, without Django's cascade collector (slow on a country).
        rows._raw_delete(rows.db)


def import_text(text: str, tmp_path) -> str:
    path = tmp_path / "eksport.json"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import", str(path), stdout=out)
    return out.getvalue()


def table_sizes() -> dict[str, int]:
    return {table.label: table.model.objects.count() for table in portability.tables()}


@pytest.mark.django_db
def test_the_demo_goes_round_without_loss(tmp_path):
    call_command("demo", stdout=io.StringIO())
    first = export_text()
    alliances = list(Alliance.objects.order_by("pk").values_list("pk", "slug", "created_at"))
    empty_the_installation()
    assert not Alliance.objects.exists()
    report = import_text(first, tmp_path)
    assert "The accounts have no password" in report
    assert export_text() == first
    # New keys, the same alliances, with the times they had.
    again = list(Alliance.objects.order_by("pk").values_list("pk", "slug", "created_at"))
    assert [row[1:] for row in again] == [row[1:] for row in alliances]
    assert again[0][0] != alliances[0][0]


@pytest.mark.django_db
def test_a_generated_country_goes_round_without_loss(tmp_path):
    call_command("generate", scale="small", seed=3, stdout=io.StringIO())
    first = export_text()
    sizes = table_sizes()
    empty_the_installation()
    import_text(first, tmp_path)
    assert table_sizes() == sizes
    assert export_text() == first


@pytest.mark.django_db
def test_no_credential_travels(landscape, tmp_path):
    token_create(actor=landscape.coordinator, name="BI", read_only=False)
    invitation_hash = "a" * 64
    Invitation.objects.create(
        alliance=landscape.public,
        email="ny@example.dk",
        name="Ny Person",
        role=MemberRole.OBSERVER,
        token_hash=invitation_hash,
        invited_by=landscape.coordinator,
        party=landscape.public.parties.get(organisation=landscape.company),
        expires_at=landscape.public.created_at,
    )
    text = export_text()
    data = json.loads(text)
    users = next(table for table in data["tables"] if table["model"] == "accounts.user")["rows"]
    assert users and all("password" not in user for user in users)
    assert invitation_hash not in text
    assert landscape.coordinator.password not in text
    assert not any(table["model"] == "api.apitoken" for table in data["tables"])
    empty_the_installation()
    import_text(text, tmp_path)
    User = get_user_model()
    assert User.objects.exists() and not any(user.has_usable_password() for user in User.objects.all())
    assert not ApiToken.objects.exists()
    assert Invitation.objects.get().token_hash != invitation_hash


@pytest.mark.django_db
def test_one_organisations_alliances_carry_what_they_name(landscape, tmp_path):
    """Lejre leads all three of the landscape's alliances; Roskilde leads none."""
    other = Alliance.objects.create(
        title="Roskildes egen", slug="roskildes-egen", summary="s", purpose="p", welfare_area="aeldre",
        lead_organisation=landscape.roskilde,
    )
    data = json.loads(export_text("--organisation", landscape.lejre.official_code))
    assert data["scope"] == {"organisation": landscape.lejre.official_code}
    tables = {table["model"]: table["rows"] for table in data["tables"]}
    assert {row["slug"] for row in tables["alliances.alliance"]} == {"offentlig-maelk", "intern-maelk", "hemmelig-maelk"}
    assert other.title not in json.dumps(data, ensure_ascii=False)
    # The users its rows name, members and authors, and the organisations of its parties.
    usernames = {row["username"] for row in tables["accounts.user"]}
    assert {"koordinator", "partner", "observator"} <= usernames
    assert "udenfor" not in usernames
    names = {row["name"] for row in tables["alliances.organisation"] if "name" in row}
    assert {"Mejeriet A/S", "Landmændenes Forening"} <= names
    assert {row["reference"]["official_code"] for row in tables["alliances.organisation"] if "reference" in row} == {
        landscape.lejre.official_code
    }
    # The records of its alliances, nothing of Roskilde's.
    assert all(row["alliance_id"] is not None for row in tables["core.auditrecord"])
    # It reads into an empty installation.
    empty_the_installation()
    import_text(json.dumps(data), tmp_path)
    assert set(Alliance.objects.values_list("slug", flat=True)) == {"offentlig-maelk", "intern-maelk", "hemmelig-maelk"}
    with pytest.raises(CommandError, match="No organisation has the code or CVR number 9999"):
        export_text("--organisation", "9999")


def refusal(text: str, tmp_path) -> str:
    before = table_sizes()
    with pytest.raises(CommandError) as refused:
        import_text(text, tmp_path)
    assert table_sizes() == before, "a refused file changed the database"
    return str(refused.value)


def changed(text: str, model: str, number: int, **fields) -> str:
    data = json.loads(text)
    for table in data["tables"]:
        if table["model"] == model:
            row = next(row for row in table["rows"] if row["id"] == number)
            row.update(fields)
    return json.dumps(data)


@pytest.mark.django_db
def test_a_bad_file_is_refused_whole_naming_the_row_and_field(landscape, tmp_path):
    text = export_text()
    empty_the_installation()
    data = json.loads(text)
    wrong_version = json.dumps({**data, "version": 99})
    assert "format version 99; this installation reads version 2" in refusal(wrong_version, tmp_path)
    assert "not a Brobygger export" in refusal(json.dumps({**data, "format": "noget andet"}), tmp_path)
    assert "not valid JSON" in refusal(text[: len(text) // 2], tmp_path)
    # The file is read in order: a row late in the file fails after earlier rows were written,
    # and still nothing is left behind.
    last_alliance = max(row["id"] for row in next(t for t in data["tables"] if t["model"] == "alliances.alliance")["rows"])
    message = refusal(changed(text, "alliances.alliance", last_alliance, phase="ingen-fase"), tmp_path)
    assert message.startswith(f"Nothing was imported. alliances.alliance row {last_alliance}, field phase:")
    message = refusal(changed(text, "alliances.party", 1, alliance=999), tmp_path)
    assert "alliances.party row 1, field alliance: refers to alliances.alliance row 999" in message
    message = refusal(changed(text, "alliances.alliance", 1, start_date="2026-13-40"), tmp_path)
    assert "alliances.alliance row 1, field start_date" in message
    message = refusal(changed(text, "alliances.alliance", 1, title=None), tmp_path)
    assert "alliances.alliance row 1, field title: may not be empty" in message
    message = refusal(changed(text, "alliances.alliance", 1, colour="grøn"), tmp_path)
    assert "alliances.alliance row 1, field colour: this field is not in the table." in message
    without_title = json.loads(text)
    del next(t for t in without_title["tables"] if t["model"] == "alliances.alliance")["rows"][0]["title"]
    assert "alliances.alliance row 1, field title: the field is missing." in refusal(json.dumps(without_title), tmp_path)
    organisations = next(t for t in data["tables"] if t["model"] == "alliances.organisation")["rows"]
    lejre = next(row for row in organisations if row.get("reference", {}).get("official_code") == landscape.lejre.official_code)
    unknown = changed(text, "alliances.organisation", lejre["id"], reference={**lejre["reference"], "official_code": "0999"})
    assert (
        f"alliances.organisation row {lejre['id']}, field reference: this installation has no organisation with "
        "kind kommune, official_code 0999, name Lejre Kommune." in refusal(unknown, tmp_path)
    )


@pytest.mark.django_db
def test_a_clash_with_what_the_installation_has_is_named(landscape, tmp_path):
    text = export_text()
    # The installation keeps everything: the usernames and the alliances' addresses clash.
    message = refusal(text, tmp_path)
    assert message.startswith("Nothing was imported. accounts.user row 1: clashes with a row that exists already")


@pytest.mark.django_db
def test_deleted_objects_keep_their_records(landscape, tmp_path):
    """A record about something deleted since keeps who, when and what, named by no row."""
    from brobygger.alliances import services
    from brobygger.alliances.models import Membership

    membership = Membership.objects.get(alliance=landscape.public, user=landscape.observer)
    key = membership.pk
    services.membership_remove(actor=landscape.coordinator, membership=membership)
    records = list(
        AuditRecord.objects.filter(object_id=key, content_type__model="membership").values_list("action", "object_label", "at")
    )
    assert records
    text = export_text()
    empty_the_installation()
    import_text(text, tmp_path)
    kept = AuditRecord.objects.filter(object_id=0, content_type__model="membership")
    assert sorted(kept.values_list("action", "object_label", "at")) == sorted(records)
    assert export_text() == text


@pytest.mark.django_db
def test_a_file_from_a_release_without_a_field_gets_its_default(landscape, tmp_path):
    data = json.loads(export_text())
    for row in next(t for t in data["tables"] if t["model"] == "alliances.alliance")["rows"]:
        del row["end_date"], row["start_date"]
    empty_the_installation()
    import_text(json.dumps(data), tmp_path)
    assert set(Alliance.objects.values_list("end_date", "start_date")) == {(None, None)}


def test_every_authority_is_reference_data():
    hook = next(table.hook for table in portability.tables() if table.label == "alliances.organisation")
    assert Organisation.objects.filter(hook.reference).query is not None
    assert set(AUTHORITY_KINDS) == {"kommune", "region"}
