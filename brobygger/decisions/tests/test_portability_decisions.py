"""Decisions through `brobygger export` and `brobygger import` (core/portability.py): an
installation with decisions at every step (a plan with a gap, a draft, a public hearing with a
citizen's and a party's response, a decided one, a communicated and corrected one with "felt
heard" answers, a withdrawn response, a change process with an invited person's response)
goes round through an emptied installation and exports the same file again; the links that
work without an account still open the same hearing and response; an export of one alliance
carries its decisions and no organisation's change process."""

import datetime
import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from brobygger.alliances.models import Alliance, Party
from brobygger.core import portability
from brobygger.decisions import selectors, services
from brobygger.decisions.models import (
    ChangeProcess,
    Decision,
    DecisionVersion,
    Hearing,
    InvolvementGroup,
    PlanCell,
    Response,
)
from brobygger.decisions.taxonomy import HearingLevel, Stance, Status

from .helpers import (
    BASE_URL,
    communicated,
    decide,
    draft,
    in_hearing,
    party_response,
    public_response,
    refreshed,
)

pytestmark = pytest.mark.django_db

TABLES = (
    "decisions.changeprocess",
    "decisions.involvementgroup",
    "decisions.plancell",
    "decisions.decision",
    "decisions.decision_affected_parties",
    "decisions.decision_affected_groups",
    "decisions.decisionversion",
    "decisions.expectation",
    "decisions.hearing",
    "decisions.hearing_groups",
    "decisions.invitation",
    "decisions.response",
)


def export_text(*args) -> str:
    out = io.StringIO()
    call_command("export", "-", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def empty_the_installation() -> None:
    """What a freshly migrated installation holds (as tests/test_portability.py empties it)."""
    exported = {table.label for table in portability.tables()}
    for model in apps.get_models():
        if model.__module__.startswith("brobygger.") and model._meta.label_lower not in exported:
            model.objects.all().delete()
    for table in reversed(portability.tables()):
        rows = table.model.objects.all()
        if table.hook.reference is not None:
            rows = rows.exclude(table.hook.reference)
        rows._raw_delete(rows.db)


def import_text(text: str, tmp_path) -> None:
    path = tmp_path / "eksport.json"
    path.write_text(text, encoding="utf-8")
    call_command("import", str(path), stdout=io.StringIO())


def tables_of(text: str) -> dict[str, list[dict]]:
    return {table["model"]: table["rows"] for table in json.loads(text)["tables"]}


def company(landscape, alliance) -> Party:
    return Party.objects.get(alliance=alliance, organisation=landscape.company)


def decisions_at_every_step(landscape, today) -> dict:
    coordinator, alliance = landscape.coordinator, landscape.internal
    groups = services.plan_start(actor=coordinator, owner=alliance)
    services.plan_cell_save(
        actor=coordinator, group=groups[0], phase="etablering", affected=True, level="hoere",
        means=["moede", "hoering"], note="Et borgermøde i hallen.",
    )
    services.plan_cell_save(actor=coordinator, group=groups[1], phase="drift", affected=True)  # a gap

    draft(coordinator, alliance, question="Skal vi have et fælles logo?")

    open_one = draft(coordinator, alliance, question="Skal vi dele ruterne?", public=True)
    services.hearing_open(
        actor=coordinator, decision=open_one, level=HearingLevel.CO_CREATION, level_reason="Vi former det sammen.",
        last_day=today + datetime.timedelta(days=14), is_public=True, groups=[groups[0]], base_url=BASE_URL,
    )
    open_one = refreshed(open_one)
    citizen = public_response(open_one, name="Bo Borger", email="bo.borger@example.dk", text="Kun om sommeren.")
    services.response_confirm_email(response=citizen)
    withdrawn = public_response(open_one, text="Glem det.")
    services.response_withdraw(response=withdrawn)
    party_response(landscape.partner, open_one, company(landscape, alliance), stance=Stance.PARTLY)

    decided = in_hearing(coordinator, alliance, question="Skal vi købe en kølebil?")
    party_response(landscape.partner, decided, company(landscape, alliance))
    decided = decide(coordinator, decided)

    done = in_hearing(coordinator, alliance, question="Skal mælken leveres to gange om ugen?")
    party = party_response(landscape.partner, done, company(landscape, alliance), stance=Stance.DISAGREE)
    voice = public_response(done, stance=Stance.AGREE, name="Ea Borger")
    done = communicated(coordinator, done)
    services.felt_heard_save(actor=landscape.partner, response=Response.objects.get(pk=party.pk), value=4)
    services.felt_heard_save(response=Response.objects.get(pk=voice.pk), value=5)
    expectation = done.expectations.get()
    services.expectation_update(
        actor=coordinator, expectation=expectation, action=expectation.action, owner=expectation.owner,
        due_on=expectation.due_on, done_on=today,
    )
    done = refreshed(done)
    services.decision_correct(
        actor=coordinator, decision=done, revision=done.revision, outcome="Mælken leveres to gange om ugen fra marts.",
        reasons=done.reasons, review_on=today + datetime.timedelta(days=180), note="Datoen var forkert.",
        base_url=BASE_URL,
    )

    process = services.change_process_create(
        actor=coordinator, organisation=landscape.lejre, title="Sammenlægning af to plejecentre"
    )
    staff_group = services.group_add(actor=coordinator, owner=process, name="Medarbejdere")
    in_process = in_hearing(
        coordinator, process, question="Hvem leder det nye center?", public=False, groups=[staff_group],
        emails=["ansat@example.dk"],
    )
    invitation = in_process.hearing.invitations.get()
    services.invitee_response_save(invitation=invitation, stance=Stance.DONT_KNOW, text="Hvem spørger?", consent=True)
    return {"open": open_one, "citizen": citizen, "done": done, "process": in_process, "invitation": invitation}


def _what_users_see() -> list:
    """The decisions as their pages show them, by their own values (keys change on import)."""
    rows = []
    for decision in Decision.objects.order_by("created_at", "question"):
        hearing = getattr(decision, "hearing", None)
        rows.append(
            (
                decision.question,
                decision.status,
                decision.alliance.slug if decision.alliance_id else decision.change_process.title,
                sorted(party.organisation.name for party in decision.affected_parties.all()),
                sorted(group.name for group in decision.affected_groups.all()),
                sorted(group.name for group in hearing.groups.all()) if hearing else None,
                [(r.number, r.stance, r.name, r.email, r.felt_heard, r.reply_usage) for r in selectors.responses_of(decision)],
                list(decision.versions.order_by("number").values_list("number", "note", "outcome")),
                list(decision.expectations.values_list("action", "owner", "due_on", "done_on")),
            )
        )
    return rows


def test_decisions_at_every_step_go_round_without_loss(landscape, today, tmp_path):
    decisions_at_every_step(landscape, today)
    first = export_text()
    tables = tables_of(first)
    assert all(tables[name] for name in TABLES), [name for name in TABLES if not tables[name]]
    before = _what_users_see()
    assert Status.DRAFT in {row[1] for row in before} and Status.COMMUNICATED in {row[1] for row in before}
    gaps = sorted(PlanCell.objects.values_list("group__name", "phase", "level"))
    old_keys = set(Decision.objects.values_list("pk", flat=True))

    empty_the_installation()
    assert not Decision.objects.exists() and not ChangeProcess.objects.exists()
    import_text(first, tmp_path)

    assert export_text() == first
    assert _what_users_see() == before
    assert sorted(PlanCell.objects.values_list("group__name", "phase", "level")) == gaps
    assert not old_keys & set(Decision.objects.values_list("pk", flat=True))
    assert DecisionVersion.objects.filter(decision__question="Skal mælken leveres to gange om ugen?").count() == 2


def test_the_links_without_an_account_still_open_the_same_pages(landscape, today, tmp_path):
    made = decisions_at_every_step(landscape, today)
    text = export_text()
    empty_the_installation()
    import_text(text, tmp_path)

    hearing, invitation = selectors.hearing_by_token(made["open"].hearing.token)
    assert (hearing.decision.question, invitation) == ("Skal vi dele ruterne?", None)
    hearing, invitation = selectors.hearing_by_token(made["invitation"].token)
    assert (hearing.decision.question, invitation.email) == ("Hvem leder det nye center?", "ansat@example.dk")
    response = selectors.response_by_token(made["citizen"].manage_token)
    assert (response.name, response.email, response.email_confirmed_at) == (
        "Bo Borger", "bo.borger@example.dk", made["citizen"].email_confirmed_at
    )
    # The citizen's pages answer as before the move.
    client = Client()
    page = client.get(reverse("decisions:public_hearing", kwargs={"token": made["open"].hearing.token}))
    assert page.status_code == 200 and "Skal vi dele ruterne?" in page.content.decode()
    own = client.get(reverse("decisions:my_response", kwargs={"token": made["citizen"].manage_token}))
    assert own.status_code == 200 and "Kun om sommeren." in own.content.decode()


def test_one_alliances_export_carries_its_decisions_and_no_change_process(landscape, today, tmp_path):
    decisions_at_every_step(landscape, today)
    # A decision of another alliance, which the export of the internal one leaves out.
    in_hearing(landscape.coordinator, landscape.public, question="Noget helt andet 5519?")
    text = export_text("--alliance", landscape.internal.slug)
    tables = tables_of(text)
    assert "5519" not in text
    assert tables["decisions.changeprocess"] == []
    assert "Hvem leder det nye center?" not in text and "ansat@example.dk" not in text
    assert sorted(row["question"] for row in tables["decisions.decision"]) == sorted(
        Decision.objects.filter(alliance=landscape.internal).values_list("question", flat=True)
    )
    assert {row["name"] for row in tables["decisions.involvementgroup"]} == set(
        InvolvementGroup.objects.filter(alliance=landscape.internal).values_list("name", flat=True)
    )
    assert len(tables["decisions.response"]) == Response.objects.filter(hearing__decision__alliance=landscape.internal).count()

    empty_the_installation()
    import_text(text, tmp_path)
    assert set(Alliance.objects.values_list("slug", flat=True)) == {landscape.internal.slug}
    assert Decision.objects.count() == len(tables["decisions.decision"])
    assert Hearing.objects.filter(is_public=True, closes_at__gt=timezone.now()).count() == 1
    assert export_text("--alliance", landscape.internal.slug) == text
