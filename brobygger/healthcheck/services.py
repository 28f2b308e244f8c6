"""Every write to the health check: rounds, the parties' answers, the register of dilemmas
and the instrument. Each is a `@service` that checks the rule and leaves one audit record
(the party's own "Får I nok ud af alliancen?" is the foundation's record and leaves its own).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from brobygger.accounts.tasks import send_email
from brobygger.alliances.audit import record
from brobygger.alliances.models import Alliance, MemberRole, Membership, Party
from brobygger.alliances.services import value_answer_create, value_answer_update
from brobygger.core.audit import created, deleted, diff, service, snapshot
from brobygger.core.dates import check_date
from brobygger.core.models import AuditAction
from brobygger.core.permissions import require

from . import selectors
from .models import (
    DILEMMA_FIELDS,
    ITEM_FIELDS,
    SCALE_FIELDS,
    STATEMENT_FIELDS,
    Dilemma,
    InstrumentVersion,
    ParticipationAnswer,
    ParticipationItem,
    Response,
    Round,
    Statement,
    StatementAnswer,
    TensionAnswer,
    TensionScale,
    closing_moment,
)
from .rules import ANSWER, EDIT_INSTRUMENT, KEEP_DILEMMAS, MANAGE_ROUNDS

# A round runs for at least until the end of today and at most this long.
LONGEST_ROUND = datetime.timedelta(days=92)
# Representatives whose party has not answered are reminded this long before the deadline.
REMIND_BEFORE = datetime.timedelta(days=3)


# --- Rounds ---------------------------------------------------------------------------------


def _check_last_day(last_day: datetime.date | None, *, field: str = "last_day") -> None:
    errors: dict = {}
    today = timezone.localdate()
    if last_day is None:
        errors[field] = [_("Vælg den sidste dag, parterne kan svare.")]
    elif last_day < today:
        errors[field] = [_("Den sidste svardag kan ikke ligge før i dag.")]
    elif last_day > today + LONGEST_ROUND:
        errors[field] = [
            _("En runde kan højst vare %(days)s dage: vælg en tidligere dag.") % {"days": LONGEST_ROUND.days}
        ]
    else:
        check_date(errors, field, last_day)
    if errors:
        raise ValidationError(errors)


def _representatives(alliance: Alliance, *, party_ids=None):
    """The members who speak for a party (not observers): those a round asks."""
    members = Membership.objects.filter(alliance=alliance, party__isnull=False).exclude(role=MemberRole.OBSERVER)
    if party_ids is not None:
        members = members.filter(party_id__in=party_ids)
    return members.select_related("user", "party__organisation").exclude(user__email="").filter(user__is_active=True)


def _round_url(base_url: str, round_: Round) -> str:
    return base_url.rstrip("/") + reverse(
        "healthcheck:answer", kwargs={"slug": round_.alliance.slug, "number": round_.number}
    )


def _mail_representatives(round_: Round, *, subject: str, body: str, members) -> int:
    """One email per person, queued once the transaction commits (never sent in a request)."""
    sent = 0
    for membership in members:
        user = membership.user
        text = body % {"name": user.get_full_name() or user.username, "party": membership.party.organisation.name}
        recipient = user.email
        transaction.on_commit(
            lambda text=text, recipient=recipient: send_email.enqueue(subject=subject, body=text, recipients=[recipient])
        )
        sent += 1
    return sent


@service
def round_open(*, actor, alliance: Alliance, last_day: datetime.date, base_url: str) -> Round:
    """Open a round of tensions and health check, and invite the parties' representatives."""
    require(actor, MANAGE_ROUNDS, alliance)
    _check_last_day(last_day)
    now = timezone.now()
    Alliance.objects.select_for_update().filter(pk=alliance.pk).first()
    if Round.objects.filter(alliance=alliance, closes_at__gt=now).exists():
        raise ValidationError(
            {"last_day": [_("Alliancen har allerede en åben runde. Flyt dens frist, eller vent til den er lukket.")]}
        )
    version = selectors.latest_published_version()
    number = (Round.objects.filter(alliance=alliance).aggregate(last=Max("number"))["last"] or 0) + 1
    round_ = Round.objects.create(
        alliance=alliance, number=number, version=version, opened_by=actor, opened_at=now,
        closes_at=closing_moment(last_day),
    )
    record(
        actor=actor, obj=round_, action=AuditAction.CREATED,
        changes=created({"number": str(number), "closes_at": round_.last_day.isoformat(), "version": str(version.number)}),
    )
    with override(settings.LANGUAGE_CODE):
        subject = _("Sundhedstjek i %(title)s: hvor står alliancen?") % {"title": alliance.title}
        body = (
            _(
                "Hej %%(name)s\n\n%(opener)s har åbnet runde %(number)s af sundhedstjekket i alliancen "
                "»%(title)s«. Svar for %%(party)s: hvor står alliancen på spændingsfelterne, hvordan "
                "har samarbejdet det, og hvad giver og koster det jer at være med?\n\nI svarer én gang "
                "for hele parten; alle jeres repræsentanter ser og kan rette det samme svar til og med "
                "%(last_day)s.\n\n%(link)s\n"
            )
            % {
                "opener": actor.get_full_name() or actor.username,
                "number": number,
                "title": alliance.title,
                "last_day": round_.last_day.strftime("%d.%m.%Y"),
                "link": _round_url(base_url, round_),
            }
        )
    _mail_representatives(round_, subject=subject, body=body, members=_representatives(alliance))
    return round_


@service
def round_change_deadline(*, actor, round_: Round, last_day: datetime.date) -> Round:
    """Move an open round's deadline (earlier or later); a closed round stays closed."""
    require(actor, MANAGE_ROUNDS, round_.alliance)
    round_ = Round.objects.select_for_update().select_related("alliance").get(pk=round_.pk)
    if not round_.is_open():
        raise ValidationError({"last_day": [_("Runden er lukket, og dens frist kan ikke længere flyttes.")]})
    _check_last_day(last_day)
    before = round_.last_day.isoformat()
    round_.closes_at = closing_moment(last_day)
    if round_.last_day.isoformat() == before:
        return round_
    # A later deadline earns a new reminder.
    round_.reminded_at = None
    round_.save(update_fields=["closes_at", "reminded_at"])
    record(actor=actor, obj=round_, action=AuditAction.CHANGED, changes={"closes_at": [before, round_.last_day.isoformat()]})
    return round_


@service
def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind the representatives of parties that have not answered an open round whose
    deadline is near: once per round, however often it runs (cron and `make run` call it
    through `brobygger send_reminders`). Returns the number of emails queued."""
    now = now or timezone.now()
    due = Round.objects.filter(reminded_at__isnull=True, closes_at__gt=now, closes_at__lte=now + REMIND_BEFORE)
    sent = 0
    for round_ in due.select_for_update().select_related("alliance"):
        answered = Response.objects.filter(round=round_).values_list("party_id", flat=True)
        waiting = Party.objects.filter(alliance=round_.alliance).exclude(pk__in=answered).values_list("pk", flat=True)
        members = _representatives(round_.alliance, party_ids=list(waiting))
        with override(settings.LANGUAGE_CODE):
            subject = _("Påmindelse: sundhedstjekket i %(title)s lukker snart") % {"title": round_.alliance.title}
            body = _(
                "Hej %%(name)s\n\nRunde %(number)s af sundhedstjekket i »%(title)s« lukker efter "
                "%(last_day)s, og %%(party)s har ikke svaret endnu. Alle parters svar tæller lige "
                "meget, så jeres svar gør en forskel.\n\n%(link)s\n"
            ) % {
                "number": round_.number,
                "title": round_.alliance.title,
                "last_day": round_.last_day.strftime("%d.%m.%Y"),
                "link": _round_url(settings.BROBYGGER_BASE_URL, round_),
            }
        sent += _mail_representatives(round_, subject=subject, body=body, members=members)
        round_.reminded_at = now
        round_.save(update_fields=["reminded_at"])
        record(actor=None, obj=round_, action=AuditAction.CHANGED, changes={"reminded_at": [None, now.isoformat()]})
    return sent


# --- A party's answer -----------------------------------------------------------------------


def _statement_label(statement: Statement) -> str:
    return _("Udsagn: %(text)s") % {"text": statement.text}


def _value_text(value) -> str | None:
    return _("ved ikke") if value is None else str(value)


@service
def response_save(
    *,
    actor,
    round_: Round,
    party: Party,
    statements: dict,
    tensions: dict,
    items: dict,
    answer: str,
    comment: str,
) -> Response:
    """The party's answer in the round, given or changed by one of its representatives.

    `statements` and `items` map each of the round's statements and participation items (by
    id) to 1–5 or None ("ved ikke"); `tensions` maps each scale's id to (position, comment).
    Every one must be answered. Refused once the deadline has passed."""
    require(actor, ANSWER, party)
    # One writer per round at a time: two representatives saving at once do not make two answers.
    round_ = Round.objects.select_for_update().select_related("alliance", "version").get(pk=round_.pk)
    if party.alliance_id != round_.alliance_id:
        raise ValidationError(_("Parten er ikke med i denne alliance."))
    if not round_.is_open():
        raise ValidationError(
            _("Runden lukkede ved udgangen af %(day)s, så svaret kan ikke længere gives eller ændres.")
            % {"day": round_.last_day.strftime("%d.%m.%Y")}
        )
    version_statements = list(Statement.objects.filter(version=round_.version))
    version_scales = list(TensionScale.objects.filter(version=round_.version))
    version_items = list(ParticipationItem.objects.filter(version=round_.version))
    _check_complete(statements, version_statements, tensions, version_scales, items, version_items)

    now = timezone.now()
    after = _answers_text(statements, tensions, items, version_statements, version_scales, version_items)
    response = Response.objects.filter(round=round_, party=party).select_related("value_answer").first()
    if response is None:
        value_answer = value_answer_create(actor=actor, party=party, answer=answer, comment=comment)
        response = Response.objects.create(
            round=round_, party=party, value_answer=value_answer, created_at=now, updated_at=now, updated_by=actor
        )
        changes = created(after)
        action = AuditAction.CREATED
    else:
        value_answer_update(actor=actor, value_answer=response.value_answer, answer=answer, comment=comment)
        changes = diff(_saved_answers_text(response, version_statements, version_scales, version_items), after)
        action = AuditAction.CHANGED
        if not changes:
            return response
        StatementAnswer.objects.filter(response=response).delete()
        TensionAnswer.objects.filter(response=response).delete()
        ParticipationAnswer.objects.filter(value_answer=response.value_answer).delete()
        response.updated_at = now
        response.updated_by = actor
        response.save(update_fields=["updated_at", "updated_by"])
    StatementAnswer.objects.bulk_create(
        StatementAnswer(response=response, statement=statement, value=statements[statement.pk])
        for statement in version_statements
    )
    TensionAnswer.objects.bulk_create(
        TensionAnswer(
            response=response, scale=scale, position=tensions[scale.pk][0], comment=(tensions[scale.pk][1] or "").strip()
        )
        for scale in version_scales
    )
    ParticipationAnswer.objects.bulk_create(
        ParticipationAnswer(value_answer=response.value_answer, item=item, value=items[item.pk]) for item in version_items
    )
    record(actor=actor, obj=response, action=action, changes=changes)
    return response


def _check_complete(statements, version_statements, tensions, version_scales, items, version_items) -> None:
    errors: dict = {}
    for statement in version_statements:
        value = statements.get(statement.pk, "missing")
        if value == "missing" or (value is not None and not 1 <= value <= 5):
            errors[f"statement_{statement.pk}"] = [_("Vælg et svar fra 1 til 5, eller »ved ikke«.")]
    for scale in version_scales:
        pair = tensions.get(scale.pk)
        if pair is None or pair[0] is None or not 0 <= pair[0] <= 100:
            errors[f"tension_{scale.pk}"] = [_("Placér alliancen på skalaen fra 0 til 100.")]
        elif len(pair[1] or "") > 500:
            errors[f"tension_{scale.pk}_comment"] = [_("Kommentaren kan højst have 500 tegn.")]
    for item in version_items:
        value = items.get(item.pk, "missing")
        if value == "missing" or (value is not None and not 1 <= value <= 5):
            errors[f"item_{item.pk}"] = [_("Vælg et svar fra 1 til 5, eller »ved ikke«.")]
    if errors:
        raise ValidationError(errors)


def _answers_text(statements: dict, tensions: dict, items: dict, version_statements, version_scales, version_items) -> dict:
    """The answer as text per question, labelled so the history reads who changed what."""
    result: dict = {}
    for statement in version_statements:
        if statement.pk in statements:
            result[_statement_label(statement)] = _value_text(statements[statement.pk])
    for scale in version_scales:
        if scale.pk in tensions:
            position, comment = tensions[scale.pk]
            result[str(scale)] = str(position)
            result[_("%(scale)s (kommentar)") % {"scale": scale}] = (comment or "").strip() or None
    for item in version_items:
        if item.pk in items:
            result[item.text] = _value_text(items[item.pk])
    return result


def _saved_answers_text(response: Response, version_statements, version_scales, version_items) -> dict:
    statements = dict(StatementAnswer.objects.filter(response=response).values_list("statement_id", "value"))
    tensions = {
        scale_id: (position, comment)
        for scale_id, position, comment in TensionAnswer.objects.filter(response=response).values_list(
            "scale_id", "position", "comment"
        )
    }
    items = dict(
        ParticipationAnswer.objects.filter(value_answer_id=response.value_answer_id).values_list("item_id", "value")
    )
    return _answers_text(statements, tensions, items, version_statements, version_scales, version_items)


# --- The register of dilemmas ---------------------------------------------------------------


def _clean_dilemma(dilemma: Dilemma) -> None:
    errors: dict = {}
    check_date(errors, "met_on", dilemma.met_on)
    check_date(errors, "review_on", dilemma.review_on)
    if dilemma.met_on and dilemma.met_on > timezone.localdate():
        errors.setdefault("met_on", []).append(_("Et dilemma, alliancen har mødt, kan ikke ligge i fremtiden."))
    if dilemma.review_on and dilemma.met_on and dilemma.review_on < dilemma.met_on:
        errors.setdefault("review_on", []).append(_("Datoen for at se på det igen skal ligge efter dilemmaets dato."))
    if dilemma.scale_id and dilemma.scale.version.published_at is None:
        errors.setdefault("scale", []).append(_("Vælg et af de udgivne spændingsfelter."))
    try:
        dilemma.full_clean(exclude=["alliance", "created_by"])
    except ValidationError as invalid:
        for field, messages in invalid.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@service
def dilemma_create(
    *, actor, alliance: Alliance, scale: TensionScale, met_on, situation: str, stance: str, reason: str, review_on=None
) -> Dilemma:
    require(actor, KEEP_DILEMMAS, alliance)
    dilemma = Dilemma(
        alliance=alliance, scale=scale, met_on=met_on, situation=(situation or "").strip(), stance=(stance or "").strip(),
        reason=(reason or "").strip(), review_on=review_on, created_by=actor,
    )
    _clean_dilemma(dilemma)
    dilemma.save()
    record(actor=actor, obj=dilemma, action=AuditAction.CREATED, changes=created(snapshot(dilemma, DILEMMA_FIELDS)))
    return dilemma


@service
def dilemma_update(
    *, actor, dilemma: Dilemma, scale: TensionScale, met_on, situation: str, stance: str, reason: str, review_on=None
) -> Dilemma:
    require(actor, KEEP_DILEMMAS, dilemma.alliance)
    before = snapshot(dilemma, DILEMMA_FIELDS)
    dilemma.scale = scale
    dilemma.met_on = met_on
    dilemma.situation = (situation or "").strip()
    dilemma.stance = (stance or "").strip()
    dilemma.reason = (reason or "").strip()
    dilemma.review_on = review_on
    _clean_dilemma(dilemma)
    changes = diff(before, snapshot(dilemma, DILEMMA_FIELDS))
    if changes:
        dilemma.save()
        record(actor=actor, obj=dilemma, action=AuditAction.CHANGED, changes=changes)
    return dilemma


@service
def dilemma_delete(*, actor, dilemma: Dilemma) -> None:
    require(actor, KEEP_DILEMMAS, dilemma.alliance)
    record(actor=actor, obj=dilemma, action=AuditAction.DELETED, changes=deleted(snapshot(dilemma, DILEMMA_FIELDS)))
    dilemma.delete()


# --- The instrument (staff) -----------------------------------------------------------------

_ITEM_MODELS = {"statement": (Statement, STATEMENT_FIELDS), "scale": (TensionScale, SCALE_FIELDS), "item": (ParticipationItem, ITEM_FIELDS)}


@service
def draft_start(*, actor) -> InstrumentVersion:
    """A draft to edit: a copy of the newest published version (or the draft already begun)."""
    require(actor, EDIT_INSTRUMENT)
    existing = selectors.draft_version()
    if existing is not None:
        return existing
    source = selectors.latest_published_version()
    number = (InstrumentVersion.objects.aggregate(last=Max("number"))["last"] or 0) + 1
    draft = InstrumentVersion.objects.create(number=number)
    for model, fields in _ITEM_MODELS.values():
        model.objects.bulk_create(
            model(version=draft, **{name: getattr(row, name) for name in fields})
            for row in model.objects.filter(version=source)
        )
    record(actor=actor, obj=draft, action=AuditAction.CREATED, changes=created({"number": str(number)}))
    return draft


def _require_draft(version: InstrumentVersion) -> None:
    if not version.is_draft:
        raise ValidationError(_("En udgivet version kan ikke ændres: begynd en ny version."))


@service
def instrument_item_save(*, actor, version: InstrumentVersion, kind: str, item=None, values: dict):
    """Add an item (statement, tension scale or participation item) to the draft, or change
    one of the draft's items. `values` holds the kind's fields (models.*_FIELDS)."""
    require(actor, EDIT_INSTRUMENT)
    _require_draft(version)
    model, fields = _ITEM_MODELS[kind]
    if set(values) != set(fields):
        raise ValueError(f"Expected exactly the fields {fields}.")
    obj = item or model(version=version)
    if obj.version_id != version.pk:
        raise ValidationError(_("Udsagnet hører til en anden version."))
    before = snapshot(obj, fields) if item else None
    for name in fields:
        value = values[name]
        setattr(obj, name, value.strip() if isinstance(value, str) else value)
    obj.full_clean(exclude=["version"], validate_unique=False)
    if model.objects.filter(version=version, key=obj.key).exclude(pk=obj.pk).exists():
        raise ValidationError({"key": [_("Nøglen bruges allerede i denne version: vælg en anden.")]})
    obj.save()
    if before is None:
        record(actor=actor, obj=obj, action=AuditAction.CREATED, changes=created(snapshot(obj, fields)))
    else:
        changes = diff(before, snapshot(obj, fields))
        if changes:
            record(actor=actor, obj=obj, action=AuditAction.CHANGED, changes=changes)
    return obj


@service
def instrument_item_remove(*, actor, item) -> None:
    require(actor, EDIT_INSTRUMENT)
    _require_draft(item.version)
    fields = next(fields for model, fields in _ITEM_MODELS.values() if isinstance(item, model))
    record(actor=actor, obj=item, action=AuditAction.DELETED, changes=deleted(snapshot(item, fields)))
    item.delete()


@service
def draft_publish(*, actor, version: InstrumentVersion, note: str) -> InstrumentVersion:
    """Publish the draft: rounds opened from now on use it; open rounds keep theirs."""
    require(actor, EDIT_INSTRUMENT)
    _require_draft(version)
    note = (note or "").strip()
    errors: dict = {}
    if not note:
        errors["note"] = [_("Skriv kort, hvad der er ændret, så dem, der sammenligner runder, ved det.")]
    elif len(note) > 500:
        errors["note"] = [_("Beskrivelsen kan højst have 500 tegn.")]
    if not version.statements.exists() or not version.scales.exists() or not version.items.exists():
        errors.setdefault("note", []).append(
            _("En version skal have mindst ét udsagn, ét spændingsfelt og én gevinst eller omkostning.")
        )
    if errors:
        raise ValidationError(errors)
    version.published_at = timezone.now()
    version.published_by = actor
    version.note = note
    version.save(update_fields=["published_at", "published_by", "note"])
    record(actor=actor, obj=version, action=AuditAction.CHANGED, changes={"published_at": [None, version.published_at.isoformat()], "note": [None, note]})
    return version


@service
def draft_discard(*, actor, version: InstrumentVersion) -> None:
    require(actor, EDIT_INSTRUMENT)
    _require_draft(version)
    record(actor=actor, obj=version, action=AuditAction.DELETED, changes=deleted({"number": str(version.number)}))
    version.delete()
