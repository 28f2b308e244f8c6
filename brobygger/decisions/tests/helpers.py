"""Test data for decisions, written through the services: a decision at each step of its life."""

import datetime

from django.utils import timezone

from brobygger.alliances.models import Party
from brobygger.decisions import services
from brobygger.decisions.models import Decision, Response
from brobygger.decisions.taxonomy import HearingLevel, Stance, Usage

BASE_URL = "http://testserver"


def refreshed(decision: Decision) -> Decision:
    return Decision.objects.select_related("hearing").get(pk=decision.pk)


def draft(actor, owner, *, question="Skal mælken leveres to gange om ugen?", parties=None, groups=(), public=False) -> Decision:
    if parties is None:
        parties = list(Party.objects.filter(alliance=owner)) if hasattr(owner, "slug") else []
    return services.decision_create(
        actor=actor, owner=owner, question=question, phase="etablering",
        background="Skolerne vil gerne have frisk mælk oftere.", affected_parties=parties,
        affected_groups=groups, affects_public=public or not (parties or groups),
    )


def in_hearing(
    actor, owner, *, days=14, public=True, level=HearingLevel.CONSULTATION, emails=(), **draft_kwargs
) -> Decision:
    decision = draft(actor, owner, public=public, **draft_kwargs)
    services.hearing_open(
        actor=actor, decision=decision, level=level, level_reason="Vi vil gerne høre jer, før vi beslutter.",
        last_day=timezone.localdate() + datetime.timedelta(days=days), is_public=public, emails=emails,
        base_url=BASE_URL,
    )
    return refreshed(decision)


def party_response(actor, decision: Decision, party: Party, *, stance=Stance.AGREE, text="Vi er med.") -> Response:
    return services.response_save(actor=actor, hearing=decision.hearing, party=party, stance=stance, text=text)


def public_response(decision: Decision, *, stance=Stance.DISAGREE, text="Det er for dyrt.", email="", name="") -> Response:
    return services.public_response_create(
        hearing=decision.hearing, stance=stance, text=text, consent=True, name=name, email=email, base_url=BASE_URL
    )


def decide(actor, decision: Decision) -> Decision:
    decision = refreshed(decision)
    if decision.hearing.is_open():
        services.hearing_close(actor=actor, decision=decision)
        decision = refreshed(decision)
    return services.decision_decide(
        actor=actor, decision=decision, revision=decision.revision,
        outcome="Mælken leveres to gange om ugen fra februar.", reasons="Flere svar pegede på friskhed.",
    )


def answer_all(actor, decision: Decision, *, usage=Usage.USED) -> None:
    for response in Response.objects.filter(hearing__decision=decision, replied_at__isnull=True):
        services.response_reply(
            actor=actor, response=response, usage=usage, text="Tak, det har vi taget med.", base_url=BASE_URL
        )


def expect(actor, decision: Decision, *, days=30, owner="Lejre Kommune"):
    return services.expectation_create(
        actor=actor, decision=decision, action="Aftal leveringsdage med skolerne.", owner=owner,
        due_on=timezone.localdate() + datetime.timedelta(days=days),
    )


def communicated(actor, decision: Decision) -> Decision:
    """Decide a decision in hearing, answer every response, add an expectation, communicate."""
    decision = decide(actor, decision)
    answer_all(actor, decision)
    expect(actor, decision)
    return services.decision_communicate(actor=actor, decision=refreshed(decision), base_url=BASE_URL)
