"""Every write to decisions, hearings, responses, expectations and involvement plans. Each
is a `@service` that checks the rule and leaves one audit record.

Fair process is enforced here, not in the views: a decision is communicated only when every
response has been answered and at least one expectation has an owner and a date; after that
it is fixed, and a correction is a new version. Two people saving the same decision are told
what the other changed (`EditConflict`) instead of overwriting it.

Emails are queued once the transaction commits, never sent inside a request. A citizen's
address gets nothing but its confirmation until the citizen has confirmed it.
"""

import datetime
from collections.abc import Iterable
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from brobygger.accounts.tasks import send_email
from brobygger.alliances.models import Alliance, MemberRole, Membership, Party
from brobygger.core import audit as core_audit
from brobygger.core.audit import created, deleted, diff, service, snapshot
from brobygger.core.dates import check_date
from brobygger.core.models import AuditAction
from brobygger.core.permissions import require
from brobygger.core.services import KEEP

from . import selectors
from .models import (
    CELL_FIELDS,
    EXPECTATION_FIELDS,
    PLAN_PHASES,
    ChangeProcess,
    Decision,
    DecisionVersion,
    Expectation,
    Hearing,
    Invitation,
    InvolvementGroup,
    PlanCell,
    Response,
    closing_moment,
    new_token,
)
from .rules import ADD_PROCESS, MANAGE_DECISIONS, RESPOND, owner_of
from .taxonomy import HEARING_PROMISE, HearingLevel, Means, Participation, Stance, Status, Usage

# A hearing runs at least to the end of today and at most this long.
LONGEST_HEARING = datetime.timedelta(days=120)
# The invited who have not answered are reminded this long before the deadline.
REMIND_BEFORE = datetime.timedelta(days=3)
# A change process invites at most this many people by email in one hearing.
MOST_INVITED_EMAILS = 500
# A hearing takes at most this many responses (a flood that passes the rate limits stops here).
MOST_RESPONSES = 5_000

DEFAULT_ALLIANCE_GROUPS = ("Politikere", "Topledere", "Medarbejdere hos parterne", "Frivillige og foreninger", "Borgere og pårørende")
DEFAULT_PROCESS_GROUPS = ("Medarbejdere", "Ledere", "Tillidsvalgte og MED", "Politikere", "Borgere og brugere")


class EditConflict(Exception):
    """Someone else saved the decision after the form was loaded. `changes` says what they
    changed: [(field label, value now, who, when)]. The form should be shown again with
    `current_revision`, so a second save is a knowing one."""

    def __init__(self, decision: Decision, changes: list[tuple[str, str, str, datetime.datetime]]):
        super().__init__("edit conflict")
        self.decision = decision
        self.current_revision = decision.revision
        self.changes = changes


# --- Shared ---------------------------------------------------------------------------------


def _record(*, actor, obj, action: str, changes: dict | None = None, label: str = "", party_id=None):
    """One audit record, placed in the owning alliance's history when there is one."""
    owner = owner_of(obj) if not isinstance(obj, ChangeProcess) else obj
    return core_audit.record(
        actor=actor,
        obj=obj,
        action=action,
        changes=changes,
        alliance_id=owner.pk if isinstance(owner, Alliance) else None,
        party_id=party_id,
        label=label,
    )


def _queue_mail(*, recipient: str, subject: str, body: str) -> None:
    if recipient:
        transaction.on_commit(
            lambda: send_email.enqueue(subject=subject, body=body, recipients=[recipient])
        )


def _absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def _check_text(errors: dict, field: str, value: str, *, message: str) -> None:
    if not (value or "").strip():
        errors[field] = [message]


def _check_last_day(last_day: datetime.date | None) -> None:
    errors: dict = {}
    today = timezone.localdate()
    if last_day is None:
        errors["last_day"] = [_("Vælg den sidste dag, man kan svare i høringen.")]
    elif last_day < today:
        errors["last_day"] = [_("Høringens sidste dag kan ikke ligge før i dag.")]
    elif last_day > today + LONGEST_HEARING:
        errors["last_day"] = [
            _("En høring kan højst vare %(days)s dage: vælg en tidligere dag.") % {"days": LONGEST_HEARING.days}
        ]
    else:
        check_date(errors, "last_day", last_day)
    if errors:
        raise ValidationError(errors)


def _lock(decision: Decision) -> Decision:
    """The decision as it is now, locked for the rest of the transaction."""
    return Decision.objects.select_for_update().get(pk=decision.pk)


def _check_revision(decision: Decision, revision: int) -> None:
    if revision != decision.revision:
        raise EditConflict(decision, selectors.changes_since(decision, revision))


def _in_status(decision: Decision, *allowed: str, message: str) -> None:
    if decision.status not in allowed:
        raise ValidationError(message)


def _refuse_fixed(decision: Decision) -> None:
    if decision.is_fixed:
        raise ValidationError(_("Beslutningen er meddelt og ligger fast. Ret den med en ny version."))


# --- Change processes -----------------------------------------------------------------------


@service
def change_process_create(*, actor, organisation, title: str, description: str = "") -> ChangeProcess:
    require(actor, ADD_PROCESS, organisation)
    errors: dict = {}
    _check_text(errors, "title", title, message=_("Giv forandringsprocessen en titel."))
    if errors:
        raise ValidationError(errors)
    process = ChangeProcess.objects.create(
        organisation=organisation, title=title.strip(), description=description.strip(), created_by=actor
    )
    _record(actor=actor, obj=process, action=AuditAction.CREATED, changes=created(snapshot(process, ("title", "description"))))
    return process


@service
def change_process_update(*, actor, process: ChangeProcess, title=KEEP, description=KEEP) -> ChangeProcess:
    require(actor, MANAGE_DECISIONS, process)
    before = snapshot(process, ("title", "description"))
    if title is not KEEP:
        if not title.strip():
            raise ValidationError({"title": [_("Giv forandringsprocessen en titel.")]})
        process.title = title.strip()
    if description is not KEEP:
        process.description = description.strip()
    changes = diff(before, snapshot(process, ("title", "description")))
    if changes:
        process.save()
        _record(actor=actor, obj=process, action=AuditAction.CHANGED, changes=changes)
    return process


# --- The involvement plan -------------------------------------------------------------------


def _owner_fields(owner) -> dict:
    return {"alliance": owner} if isinstance(owner, Alliance) else {"change_process": owner}


def _check_group_name(owner, name: str, *, exclude_pk=None) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Skriv gruppens navn.")]})
    clash = InvolvementGroup.objects.filter(**_owner_fields(owner), name__iexact=name)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"name": [_("Planen har allerede en gruppe med det navn.")]})
    return name


@service
def group_add(*, actor, owner, name: str) -> InvolvementGroup:
    require(actor, MANAGE_DECISIONS, owner)
    name = _check_group_name(owner, name)
    order = (InvolvementGroup.objects.filter(**_owner_fields(owner)).aggregate(last=Max("order"))["last"] or 0) + 1
    group = InvolvementGroup.objects.create(**_owner_fields(owner), name=name, order=order)
    _record(actor=actor, obj=group, action=AuditAction.CREATED, changes=created({"name": name}))
    return group


@service
def plan_start(*, actor, owner) -> list[InvolvementGroup]:
    """Give an empty plan the usual groups to start from (renamed or removed as needed)."""
    require(actor, MANAGE_DECISIONS, owner)
    if InvolvementGroup.objects.filter(**_owner_fields(owner)).exists():
        raise ValidationError(_("Planen har allerede grupper."))
    names = DEFAULT_ALLIANCE_GROUPS if isinstance(owner, Alliance) else DEFAULT_PROCESS_GROUPS
    groups = [
        InvolvementGroup.objects.create(**_owner_fields(owner), name=_(name), order=order)
        for order, name in enumerate(names, start=1)
    ]
    _record(
        actor=actor, obj=groups[0], action=AuditAction.CREATED,
        changes={"name": [None, ", ".join(group.name for group in groups)]},
        label=_("Inddragelsesplanen"),
    )
    return groups


@service
def group_rename(*, actor, group: InvolvementGroup, name: str) -> InvolvementGroup:
    require(actor, MANAGE_DECISIONS, group)
    owner = owner_of(group)
    name = _check_group_name(owner, name, exclude_pk=group.pk)
    if name != group.name:
        changes = {"name": [group.name, name]}
        group.name = name
        group.save(update_fields=["name"])
        _record(actor=actor, obj=group, action=AuditAction.CHANGED, changes=changes)
    return group


@service
def group_remove(*, actor, group: InvolvementGroup) -> None:
    require(actor, MANAGE_DECISIONS, group)
    _record(actor=actor, obj=group, action=AuditAction.DELETED, changes=deleted({"name": group.name}))
    group.delete()


@service
def plan_cell_save(
    *, actor, group: InvolvementGroup, phase: str, affected: bool, level: str = "", means: Iterable[str] = (), note: str = ""
) -> PlanCell:
    require(actor, MANAGE_DECISIONS, group)
    errors: dict = {}
    if phase not in dict(PLAN_PHASES):
        errors["phase"] = [_("Vælg en af planens faser.")]
    if level and level not in Participation.values:
        errors["level"] = [_("Vælg et af deltagelsesniveauerne.")]
    means = list(dict.fromkeys(means))
    if any(item not in Means.values for item in means):
        errors["means"] = [_("Vælg midlerne fra listen.")]
    if not affected and level:
        errors["level"] = [_("En gruppe, der ikke berøres i fasen, får ikke et deltagelsesniveau. Fjern niveauet eller markér, at gruppen berøres.")]
    if errors:
        raise ValidationError(errors)
    cell = PlanCell.objects.filter(group=group, phase=phase).first()
    before = snapshot(cell, CELL_FIELDS) if cell else {}
    if cell is None:
        cell = PlanCell(group=group, phase=phase)
    cell.affected, cell.level, cell.means, cell.note = affected, level, means, note.strip()
    after = snapshot(cell, CELL_FIELDS)
    changes = diff(before, after)
    if changes or cell.pk is None:
        action = AuditAction.CHANGED if cell.pk else AuditAction.CREATED
        cell.save()
        _record(actor=actor, obj=cell, action=action, changes=changes)
    return cell


# --- Decisions ------------------------------------------------------------------------------


def _check_affected(owner, parties, groups, affects_public: bool, errors: dict) -> None:
    if isinstance(owner, Alliance):
        if any(party.alliance_id != owner.pk for party in parties):
            errors["affected_parties"] = [_("Vælg berørte parter blandt alliancens parter.")]
        if groups:
            errors["affected_groups"] = [_("En alliances beslutning berører dens parter, ikke grupper.")]
    else:
        if parties:
            errors["affected_parties"] = [_("En forandringsproces har ingen parter: vælg de berørte grupper.")]
        if any(group.change_process_id != owner.pk for group in groups):
            errors["affected_groups"] = [_("Vælg berørte grupper blandt forandringsprocessens grupper.")]
    if not errors and not parties and not groups and not affects_public:
        field = "affected_parties" if isinstance(owner, Alliance) else "affected_groups"
        errors[field] = [_("Sig, hvem beslutningen berører: mindst én part, gruppe eller offentligheden.")]


def _affected_text(parties, groups) -> str:
    return ", ".join(sorted([str(p.organisation.name) for p in parties] + [g.name for g in groups]))


@service
def decision_create(
    *,
    actor,
    owner,
    question: str,
    phase: str,
    background: str = "",
    affected_parties: Iterable[Party] = (),
    affected_groups: Iterable[InvolvementGroup] = (),
    affects_public: bool = False,
) -> Decision:
    require(actor, MANAGE_DECISIONS, owner)
    parties, groups = list(affected_parties), list(affected_groups)
    errors: dict = {}
    _check_text(errors, "question", question, message=_("Skriv det spørgsmål, der skal besluttes."))
    if phase not in dict(PLAN_PHASES):
        errors["phase"] = [_("Vælg den fase, beslutningen hører til.")]
    _check_affected(owner, parties, groups, affects_public, errors)
    if errors:
        raise ValidationError(errors)
    decision = Decision.objects.create(
        **_owner_fields(owner),
        question=question.strip(), background=background.strip(), phase=phase,
        affects_public=affects_public, created_by=actor,
    )
    decision.affected_parties.set(parties)
    decision.affected_groups.set(groups)
    changes = created(snapshot(decision, ("question", "background", "phase", "affects_public")))
    if parties or groups:
        changes["affected"] = [None, _affected_text(parties, groups)]
    changes["revision"] = [None, "1"]
    _record(actor=actor, obj=decision, action=AuditAction.CREATED, changes=changes)
    return decision


@service
def decision_update(
    *,
    actor,
    decision: Decision,
    revision: int,
    question=KEEP,
    background=KEEP,
    phase=KEEP,
    affected_parties=KEEP,
    affected_groups=KEEP,
    affects_public=KEEP,
) -> Decision:
    """Change what is asked and why. Who is affected may change only in a draft: a hearing
    already under way has invited them."""
    require(actor, MANAGE_DECISIONS, decision)
    decision = _lock(decision)
    _refuse_fixed(decision)
    _in_status(
        decision, Status.DRAFT, Status.HEARING,
        message=_("Beslutningen er truffet: ret beslutningen og begrundelsen i stedet."),
    )
    _check_revision(decision, revision)
    errors: dict = {}
    before = snapshot(decision, ("question", "background", "phase", "affects_public"))
    old_parties = list(decision.affected_parties.select_related("organisation"))
    old_groups = list(decision.affected_groups.all())
    if question is not KEEP:
        _check_text(errors, "question", question, message=_("Skriv det spørgsmål, der skal besluttes."))
        decision.question = (question or "").strip()
    if background is not KEEP:
        decision.background = (background or "").strip()
    if phase is not KEEP:
        if phase not in dict(PLAN_PHASES):
            errors["phase"] = [_("Vælg den fase, beslutningen hører til.")]
        decision.phase = phase
    touches_affected = any(value is not KEEP for value in (affected_parties, affected_groups, affects_public))
    parties = old_parties if affected_parties is KEEP else list(affected_parties)
    groups = old_groups if affected_groups is KEEP else list(affected_groups)
    if affects_public is not KEEP:
        decision.affects_public = bool(affects_public)
    if touches_affected:
        changed_affected = (
            {p.pk for p in parties} != {p.pk for p in old_parties}
            or {g.pk for g in groups} != {g.pk for g in old_groups}
            or decision.affects_public != (before["affects_public"] == "1")
        )
        if changed_affected and decision.status != Status.DRAFT:
            errors["affected_parties"] = [_("Hvem beslutningen berører, kan kun ændres, før høringen starter.")]
        _check_affected(decision.owner, parties, groups, decision.affects_public, errors)
    if errors:
        raise ValidationError(errors)
    changes = diff(before, snapshot(decision, ("question", "background", "phase", "affects_public")))
    old_text, new_text = _affected_text(old_parties, old_groups), _affected_text(parties, groups)
    if old_text != new_text:
        changes["affected"] = [old_text or None, new_text or None]
    if not changes:
        return decision
    decision.revision += 1
    decision.save()
    decision.affected_parties.set(parties)
    decision.affected_groups.set(groups)
    changes["revision"] = [str(revision), str(decision.revision)]
    _record(actor=actor, obj=decision, action=AuditAction.CHANGED, changes=changes)
    return decision


@service
def decision_delete(*, actor, decision: Decision) -> None:
    require(actor, MANAGE_DECISIONS, decision)
    decision = _lock(decision)
    _in_status(decision, Status.DRAFT, message=_("Kun en kladde kan slettes. En beslutning, der har været i høring, bliver stående."))
    _record(actor=actor, obj=decision, action=AuditAction.DELETED, changes=deleted({"question": decision.question}))
    decision.delete()


# --- Hearings -------------------------------------------------------------------------------


def _representatives(party_ids):
    return (
        Membership.objects.filter(party_id__in=party_ids)
        .exclude(role=MemberRole.OBSERVER)
        .exclude(user__email="")
        .filter(user__is_active=True)
        .select_related("user", "party__organisation")
    )


def _clean_emails(emails: Iterable[str]) -> list[str]:
    cleaned: list[str] = []
    for raw in emails:
        address = (raw or "").strip().lower()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(
                {"emails": [_("»%(address)s« er ikke en gyldig e-mailadresse.") % {"address": address[:100]}]}
            ) from None
        if address not in cleaned:
            cleaned.append(address)
    if len(cleaned) > MOST_INVITED_EMAILS:
        raise ValidationError(
            {"emails": [_("En høring kan invitere højst %(count)s adresser.") % {"count": MOST_INVITED_EMAILS}]}
        )
    return cleaned


def _hearing_mail(decision: Decision, hearing: Hearing, *, lead: str, link: str, name: str) -> tuple[str, str]:
    subject = _("Høring: %(question)s") % {"question": decision.question[:120]}
    body = _(
        "Hej %(name)s\n\n%(lead)s\n\nSpørgsmålet: %(question)s\n\nDeltagelse: %(level)s. %(promise)s\n"
        "Hvorfor dette niveau: %(reason)s\n\nSvar senest %(last_day)s:\n%(link)s\n"
    ) % {
        "name": name,
        "lead": lead,
        "question": decision.question,
        "level": hearing.get_level_display(),
        "promise": HEARING_PROMISE[HearingLevel(hearing.level)],
        "reason": hearing.level_reason,
        "last_day": hearing.last_day.strftime("%d.%m.%Y"),
        "link": link,
    }
    return subject, body


def _invite_by_mail(decision: Decision, hearing: Hearing, invitations: list[Invitation], *, base_url: str, lead: str) -> int:
    """Mail each invitation: a party's representatives get the decision's page, an invited
    person their own link. Returns the number of emails queued."""
    sent = 0
    party_ids = [inv.party_id for inv in invitations if inv.party_id]
    detail_link = _absolute(base_url, decision.get_absolute_url())
    with override(settings.LANGUAGE_CODE):
        for membership in _representatives(party_ids):
            subject, body = _hearing_mail(
                decision, hearing,
                lead=lead + " " + _("I svarer for %(party)s.") % {"party": membership.party.organisation.name},
                link=detail_link, name=membership.user.get_full_name() or membership.user.username,
            )
            _queue_mail(recipient=membership.user.email, subject=subject, body=body)
            sent += 1
        for invitation in invitations:
            if invitation.party_id:
                continue
            link = _absolute(base_url, reverse("decisions:public_hearing", kwargs={"token": invitation.token}))
            subject, body = _hearing_mail(decision, hearing, lead=lead, link=link, name="")
            _queue_mail(recipient=invitation.email, subject=subject, body=body)
            sent += 1
    return sent


@service
def hearing_open(
    *,
    actor,
    decision: Decision,
    level: str,
    level_reason: str,
    last_day: datetime.date,
    is_public: bool = False,
    groups: Iterable[InvolvementGroup] = (),
    emails: Iterable[str] = (),
    base_url: str,
) -> Hearing:
    """Send a draft to hearing: say what influence is on offer and why, invite the affected
    parties (or, in a change process, people by email) and open the public page if public."""
    require(actor, MANAGE_DECISIONS, decision)
    decision = _lock(decision)
    _in_status(decision, Status.DRAFT, message=_("Beslutningen har allerede været sendt i høring."))
    errors: dict = {}
    if level not in HearingLevel.values:
        errors["level"] = [_("Vælg, hvor meget indflydelse høringen giver.")]
    _check_text(errors, "level_reason", level_reason, message=_("Forklar, hvorfor høringen giver netop denne indflydelse."))
    groups = list(groups)
    if any(owner_of(group) != decision.owner for group in groups):
        errors["groups"] = [_("Vælg grupper fra beslutningens egen inddragelsesplan.")]
    try:
        _check_last_day(last_day)
    except ValidationError as error:
        errors.update(error.message_dict)
    addresses: list[str] = []
    if decision.alliance_id:
        if any((raw or "").strip() for raw in emails):
            errors["emails"] = [_("En alliances høring inviterer de berørte parter; skriv ikke adresser her.")]
    else:
        try:
            addresses = _clean_emails(emails)
        except ValidationError as error:
            errors.update(error.message_dict)
    party_ids = list(decision.affected_parties.values_list("pk", flat=True)) if decision.alliance_id else []
    if not errors and not party_ids and not addresses and not is_public:
        errors["is_public"] = [
            _("Høringen inviterer ingen: vælg berørte parter eller skriv adresser, eller gør høringen offentlig.")
        ]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    hearing = Hearing.objects.create(
        decision=decision, level=level, level_reason=level_reason.strip(), is_public=bool(is_public),
        opened_by=actor, opened_at=now, closes_at=closing_moment(last_day),
    )
    hearing.groups.set(groups)
    invitations = Invitation.objects.bulk_create(
        [Invitation(hearing=hearing, party_id=pk, token=new_token()) for pk in party_ids]
        + [Invitation(hearing=hearing, email=address, token=new_token()) for address in addresses]
    )
    decision.status = Status.HEARING
    decision.revision += 1
    decision.save(update_fields=["status", "revision", "updated_at"])
    _record(
        actor=actor, obj=decision, action=AuditAction.CHANGED,
        changes={
            "status": [Status.DRAFT.value, Status.HEARING.value],
            "level": [None, hearing.get_level_display()],
            "closes_at": [None, last_day.isoformat()],
            "is_public": [None, "1" if hearing.is_public else "0"],
            "invited": [None, str(len(invitations))],
            "revision": [str(decision.revision - 1), str(decision.revision)],
        },
    )
    with override(settings.LANGUAGE_CODE):
        lead = _("%(who)s har sendt et spørgsmål i høring og vil gerne høre fra jer.") % {
            "who": actor.get_full_name() or actor.username
        }
    _invite_by_mail(decision, hearing, invitations, base_url=base_url, lead=lead)
    return hearing


@service
def hearing_change_deadline(*, actor, decision: Decision, last_day: datetime.date) -> Hearing:
    """Move the last day (also to reopen a hearing that closed before anything was decided)."""
    require(actor, MANAGE_DECISIONS, decision)
    decision = _lock(decision)
    _in_status(decision, Status.HEARING, message=_("Fristen kan kun flyttes, mens beslutningen er i høring."))
    _check_last_day(last_day)
    hearing = decision.hearing
    old = hearing.last_day
    if last_day == old:
        return hearing
    hearing.closes_at = closing_moment(last_day)
    hearing.reminded_at = None
    hearing.save(update_fields=["closes_at", "reminded_at"])
    _record(actor=actor, obj=decision, action=AuditAction.CHANGED, changes={"closes_at": [old.isoformat(), last_day.isoformat()]})
    return hearing


@service
def hearing_close(*, actor, decision: Decision) -> Hearing:
    """End the hearing now, before its deadline (the decision can then be made)."""
    require(actor, MANAGE_DECISIONS, decision)
    decision = _lock(decision)
    _in_status(decision, Status.HEARING, message=_("Beslutningen er ikke i høring."))
    hearing = decision.hearing
    now = timezone.now()
    if not hearing.is_open(now):
        raise ValidationError(_("Høringen er allerede lukket."))
    old = hearing.closes_at
    hearing.closes_at = now
    hearing.save(update_fields=["closes_at"])
    _record(
        actor=actor, obj=decision, action=AuditAction.CHANGED,
        changes={"closes_at": [old.isoformat(), now.isoformat()]},
    )
    return hearing


@service
def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind the invited who have not answered a hearing whose deadline is near: once per
    deadline (`brobygger send_reminders`). Returns the number of emails queued."""
    now = now or timezone.now()
    due = Hearing.objects.filter(
        reminded_at__isnull=True, closes_at__gt=now, closes_at__lte=now + REMIND_BEFORE,
        decision__status=Status.HEARING,
    ).select_related("decision")
    sent = 0
    for hearing in due.select_for_update(of=("self",)):
        waiting = list(hearing.invitations.filter(response__isnull=True).exclude(
            party_id__in=hearing.responses.filter(party__isnull=False).values("party_id")
        ))
        with override(settings.LANGUAGE_CODE):
            lead = _("Høringen lukker snart, og vi har ikke hørt fra jer endnu.")
        sent += _invite_by_mail(hearing.decision, hearing, waiting, base_url=settings.BROBYGGER_BASE_URL, lead=lead)
        hearing.reminded_at = now
        hearing.save(update_fields=["reminded_at"])
        _record(actor=None, obj=hearing.decision, action=AuditAction.CHANGED, changes={"reminded_at": [None, now.isoformat()]})
    return sent


# --- Responses ------------------------------------------------------------------------------


def _check_response(stance: str, text: str) -> dict:
    errors: dict = {}
    if stance not in Stance.values:
        errors["stance"] = [_("Vælg, om du er enig, delvis enig, uenig eller ikke ved det.")]
    _check_text(errors, "text", text, message=_("Skriv dit høringssvar."))
    if len(text or "") > 5000:
        errors["text"] = [_("Et høringssvar kan højst være 5.000 tegn.")]
    return errors


def _check_open(hearing: Hearing) -> None:
    if hearing.decision.status != Status.HEARING or not hearing.is_open():
        raise ValidationError(
            _("Høringen lukkede ved udgangen af %(day)s. Der kan ikke længere afgives svar.")
            % {"day": hearing.last_day.strftime("%d.%m.%Y")}
        )


def _next_number(hearing: Hearing) -> int:
    Hearing.objects.select_for_update().filter(pk=hearing.pk).first()
    return (hearing.responses.aggregate(last=Max("number"))["last"] or 0) + 1


@service
def response_save(*, actor, hearing: Hearing, party: Party, stance: str, text: str) -> Response:
    """A party's response, given by one of its representatives; they share one and may change
    it until the deadline."""
    require(actor, RESPOND, party)
    _check_open(hearing)
    if not hearing.invitations.filter(party=party).exists():
        raise ValidationError(_("Høringen har ikke inviteret %(party)s.") % {"party": party.organisation.name})
    errors = _check_response(stance, text)
    if errors:
        raise ValidationError(errors)
    response = Response.objects.select_for_update().filter(hearing=hearing, party=party).first()
    now = timezone.now()
    if response is None:
        response = Response.objects.create(
            hearing=hearing, number=_next_number(hearing), party=party, author=actor,
            stance=stance, text=text.strip(), created_at=now, updated_at=now,
        )
        _record(
            actor=actor, obj=response, action=AuditAction.CREATED, party_id=party.pk,
            changes=created(snapshot(response, ("stance", "text"))),
        )
        return response
    before = snapshot(response, ("stance", "text"))
    response.stance, response.text = stance, text.strip()
    changes = diff(before, snapshot(response, ("stance", "text")))
    if changes:
        response.author, response.updated_at = actor, now
        response.save()
        _record(actor=actor, obj=response, action=AuditAction.CHANGED, party_id=party.pk, changes=changes)
    return response


def _check_citizen(*, name: str, email: str, consent: bool, errors: dict) -> str:
    email = (email or "").strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Skriv en gyldig e-mailadresse, eller lad feltet stå tomt.")]
    if len(name or "") > 200:
        errors["name"] = [_("Navnet kan højst være 200 tegn.")]
    if not consent:
        errors["consent"] = [_("Sæt kryds for at give samtykke, før du sender dit svar.")]
    return email


# The confirmation link carries the response and the address signed with this salt: only the
# reader of that mail can confirm the address (the page checks it; public_views).
CONFIRM_EMAIL_SALT = "decisions.confirm-email"


def _mail_confirmation(response: Response, *, base_url: str) -> None:
    signature = signing.dumps({"r": response.pk, "e": response.email}, salt=CONFIRM_EMAIL_SALT)
    link = _absolute(base_url, reverse("decisions:my_response", kwargs={"token": response.manage_token}))
    link += "?" + urlencode({"bekraeft": signature})
    with override(settings.LANGUAGE_CODE):
        subject = _("Bekræft din e-mail til høringen")
        body = _(
            "Tak for dit høringssvar om: %(question)s\n\nVil du have besked, når dit svar er besvaret, og når "
            "beslutningen er truffet? Så bekræft din e-mail på linket. Samme link viser dit svar, og der kan du "
            "trække det tilbage.\n\n%(link)s\n\nHar du ikke skrevet et høringssvar, kan du se bort fra denne mail."
        ) % {"question": response.hearing.decision.question, "link": link}
    _queue_mail(recipient=response.email, subject=subject, body=body)


@service
def public_response_create(
    *, hearing: Hearing, stance: str, text: str, consent: bool, name: str = "", email: str = "", base_url: str
) -> Response:
    """A citizen's response on the public page, without an account. A given address gets one
    confirmation mail and nothing more until it is confirmed."""
    if not hearing.is_public:
        raise ValidationError(_("Høringen er ikke offentlig."))
    _check_open(hearing)
    errors = _check_response(stance, text)
    email = _check_citizen(name=name, email=email, consent=consent, errors=errors)
    if errors:
        raise ValidationError(errors)
    number = _next_number(hearing)
    if number > MOST_RESPONSES:
        raise ValidationError(_("Høringen har modtaget det største antal svar, den kan tage imod."))
    now = timezone.now()
    response = Response.objects.create(
        hearing=hearing, number=number, name=(name or "").strip(), email=email, manage_token=new_token(),
        consent_at=now, stance=stance, text=text.strip(), created_at=now, updated_at=now,
    )
    # The record names the response and its stance, not the person or what they wrote: a
    # withdrawn response leaves nothing of the citizen behind.
    _record(actor=None, obj=response, action=AuditAction.CREATED, changes={"stance": [None, response.stance]})
    if email:
        _mail_confirmation(response, base_url=base_url)
    return response


@service
def invitee_response_save(*, invitation: Invitation, stance: str, text: str, consent: bool, name: str = "") -> Response:
    """An invited person's response through their own link; they may change it until the
    deadline. Their address is the one the invitation went to, so it needs no confirming."""
    hearing = invitation.hearing
    _check_open(hearing)
    errors = _check_response(stance, text)
    _check_citizen(name=name, email="", consent=consent, errors=errors)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    response = Response.objects.select_for_update().filter(invitation=invitation).first()
    if response is None:
        response = Response.objects.create(
            hearing=hearing, number=_next_number(hearing), invitation=invitation, name=(name or "").strip(),
            manage_token=new_token(), email_confirmed_at=now, consent_at=now,
            stance=stance, text=text.strip(), created_at=now, updated_at=now,
        )
        _record(actor=None, obj=response, action=AuditAction.CREATED, changes={"stance": [None, response.stance]})
        return response
    before = snapshot(response, ("stance", "text", "name"))
    response.stance, response.text, response.name = stance, text.strip(), (name or "").strip()
    changes = diff(before, snapshot(response, ("stance", "text", "name")))
    if changes:
        response.updated_at = now
        response.save()
        # As for a citizen: the stance, never the words or the name.
        _record(actor=None, obj=response, action=AuditAction.CHANGED, changes={k: v for k, v in changes.items() if k == "stance"})
    return response


@service
def response_confirm_email(*, response: Response) -> Response:
    if response.email and response.email_confirmed_at is None:
        response.email_confirmed_at = timezone.now()
        response.save(update_fields=["email_confirmed_at"])
        _record(actor=None, obj=response, action=AuditAction.VERIFIED, changes={"email_confirmed": [None, "1"]})
    return response


@service
def response_withdraw(*, actor=None, response: Response) -> None:
    """Withdraw a response: it is deleted with everything it held. A party's representatives
    withdraw their party's while the hearing is open; a citizen or invitee withdraws their own
    through their link at any time."""
    if response.party_id:
        require(actor, RESPOND, response.party)
        _check_open(response.hearing)
    _record(
        actor=actor, obj=response, action=AuditAction.DELETED,
        party_id=response.party_id, changes={"stance": [response.stance, None]},
    )
    response.delete()


# --- Deciding, answering every response, expectations ----------------------------------------


@service
def decision_decide(
    *, actor, decision: Decision, revision: int, outcome: str, reasons: str, review_on: datetime.date | None = None
) -> Decision:
    """Write (or, before it is communicated, rewrite) the outcome and the reasons once the
    hearing has closed."""
    require(actor, MANAGE_DECISIONS, decision)
    decision = _lock(decision)
    _refuse_fixed(decision)
    if decision.status == Status.DRAFT:
        raise ValidationError(_("Send spørgsmålet i høring, før det besluttes."))
    if decision.status == Status.HEARING and decision.hearing.is_open():
        raise ValidationError(_("Høringen er stadig åben. Luk den, eller vent til fristen er udløbet."))
    _check_revision(decision, revision)
    errors: dict = {}
    _check_text(errors, "outcome", outcome, message=_("Skriv, hvad der er besluttet."))
    _check_text(errors, "reasons", reasons, message=_("Skriv begrundelsen: hvorfor blev det sådan?"))
    check_date(errors, "review_on", review_on)
    if errors:
        raise ValidationError(errors)
    before = snapshot(decision, ("status", "outcome", "reasons", "review_on"))
    decision.outcome, decision.reasons, decision.review_on = outcome.strip(), reasons.strip(), review_on
    if decision.status == Status.HEARING:
        decision.status = Status.DECIDED
        decision.decided_at, decision.decided_by = timezone.now(), actor
    changes = diff(before, snapshot(decision, ("status", "outcome", "reasons", "review_on")))
    if not changes:
        return decision
    decision.revision += 1
    decision.save()
    changes["revision"] = [str(revision), str(decision.revision)]
    _record(actor=actor, obj=decision, action=AuditAction.CHANGED, changes=changes)
    return decision


def _response_link(response: Response, base_url: str) -> str:
    if response.party_id:
        return _absolute(base_url, response.hearing.decision.get_absolute_url())
    if response.invitation_id:
        return _absolute(base_url, reverse("decisions:public_hearing", kwargs={"token": response.invitation.token}))
    return _absolute(base_url, reverse("decisions:my_response", kwargs={"token": response.manage_token}))


@service
def response_reply(*, actor, response: Response, usage: str, text: str, base_url: str) -> Response:
    """Answer one response: how it was used, or why not. The respondent is told the first time."""
    decision = response.hearing.decision
    require(actor, MANAGE_DECISIONS, decision)
    _in_status(decision, Status.DECIDED, message=_("Svarene besvares, når beslutningen er truffet og før den meddeles."))
    errors: dict = {}
    if usage not in Usage.values:
        errors["usage"] = [_("Vælg, om svaret er brugt, delvist brugt eller ikke brugt.")]
    _check_text(errors, "text", text, message=_("Skriv til den, der har svaret: hvordan er svaret brugt, eller hvorfor ikke?"))
    if len(text or "") > 5000:
        errors["text"] = [_("Et svar kan højst være 5.000 tegn.")]
    if errors:
        raise ValidationError(errors)
    first = response.replied_at is None
    before = snapshot(response, ("reply_usage", "reply_text"))
    response.reply_usage, response.reply_text = usage, text.strip()
    changes = diff(before, snapshot(response, ("reply_usage", "reply_text")))
    if not changes:
        return response
    response.replied_at, response.replied_by = timezone.now(), actor
    response.save()
    _record(actor=actor, obj=response, action=AuditAction.CHANGED, party_id=response.party_id, changes=changes)
    if first:
        with override(settings.LANGUAGE_CODE):
            subject = _("Dit høringssvar er besvaret")
            body = _(
                "Dit høringssvar om »%(question)s« er besvaret.\n\n%(usage)s: %(text)s\n\n"
                "Du får besked igen, når beslutningen meddeles.\n\n%(link)s\n"
            ) % {
                "question": decision.question, "usage": response.get_reply_usage_display(),
                "text": response.reply_text, "link": _response_link(response, base_url),
            }
        _queue_mail(recipient=response.notify_address(), subject=subject, body=body)
    return response


def _check_expectation(errors: dict, *, action, owner, due_on, done_on) -> None:
    if action is not KEEP:
        _check_text(errors, "action", action, message=_("Skriv, hvad der skal ske."))
    for field, value in (("due_on", due_on), ("done_on", done_on)):
        if value is not KEEP:
            check_date(errors, field, value)
    if done_on not in (KEEP, None) and done_on > timezone.localdate():
        errors["done_on"] = [_("En handling kan ikke være udført i fremtiden.")]


@service
def expectation_create(
    *, actor, decision: Decision, action: str, owner: str = "", due_on: datetime.date | None = None
) -> Expectation:
    require(actor, MANAGE_DECISIONS, decision)
    _in_status(
        decision, Status.DECIDED, Status.COMMUNICATED,
        message=_("Forventninger skrives, når beslutningen er truffet."),
    )
    errors: dict = {}
    _check_expectation(errors, action=action, owner=owner, due_on=due_on, done_on=KEEP)
    if errors:
        raise ValidationError(errors)
    expectation = Expectation.objects.create(decision=decision, action=action.strip(), owner=owner.strip(), due_on=due_on)
    _record(actor=actor, obj=expectation, action=AuditAction.CREATED, changes=created(snapshot(expectation, EXPECTATION_FIELDS)))
    return expectation


@service
def expectation_update(
    *, actor, expectation: Expectation, action=KEEP, owner=KEEP, due_on=KEEP, done_on=KEEP
) -> Expectation:
    """After the decision is communicated only `done_on` changes: what was promised stays as
    promised (a correction of the decision says otherwise)."""
    decision = expectation.decision
    require(actor, MANAGE_DECISIONS, decision)
    errors: dict = {}
    if decision.is_fixed and any(
        value is not KEEP and value != getattr(expectation, name)
        for name, value in (("action", action), ("owner", owner), ("due_on", due_on))
    ):
        errors["action"] = [_("Beslutningen er meddelt: handling, ansvarlig og dato ligger fast. Tilføj en ny forventning i stedet.")]
    _check_expectation(errors, action=action, owner=owner, due_on=due_on, done_on=done_on)
    if errors:
        raise ValidationError(errors)
    before = snapshot(expectation, EXPECTATION_FIELDS)
    for name, value in (("action", action), ("owner", owner), ("due_on", due_on), ("done_on", done_on)):
        if value is not KEEP:
            setattr(expectation, name, value.strip() if isinstance(value, str) else value)
    changes = diff(before, snapshot(expectation, EXPECTATION_FIELDS))
    if changes:
        expectation.save()
        _record(actor=actor, obj=expectation, action=AuditAction.CHANGED, changes=changes)
    return expectation


@service
def expectation_delete(*, actor, expectation: Expectation) -> None:
    decision = expectation.decision
    require(actor, MANAGE_DECISIONS, decision)
    _refuse_fixed(decision)
    _record(actor=actor, obj=expectation, action=AuditAction.DELETED, changes=deleted(snapshot(expectation, EXPECTATION_FIELDS)))
    expectation.delete()


def _expectations_kept(decision: Decision) -> list[dict]:
    return [
        {"action": e.action, "owner": e.owner, "due_on": e.due_on.isoformat() if e.due_on else None}
        for e in decision.expectations.all()
    ]


def _mail_respondents(decision: Decision, *, subject: str, body: str, link_line: str, base_url: str) -> int:
    """Mail everyone who responded and may be mailed: the same `body` (already filled in, so
    a "%" the decider wrote stays as it is), then `link_line` with the respondent's own link."""
    sent = 0
    responses = Response.objects.filter(hearing__decision=decision).select_related("author", "invitation", "hearing__decision")
    for response in responses:
        address = response.notify_address()
        if address:
            link = link_line % {"link": _response_link(response, base_url)}
            _queue_mail(recipient=address, subject=subject, body=body + link)
            sent += 1
    return sent


@service
def decision_communicate(*, actor, decision: Decision, base_url: str) -> Decision:
    """Tell everyone: possible only once every response is answered and at least one
    expectation says who does what by when. Everyone who responded is told, and asked
    whether they felt heard."""
    require(actor, MANAGE_DECISIONS, decision)
    decision = _lock(decision)
    _in_status(decision, Status.DECIDED, message=_("Kun en truffet beslutning kan meddeles."))
    unanswered = Response.objects.filter(hearing__decision=decision, replied_at__isnull=True).count()
    clear = [e for e in decision.expectations.all() if e.is_clear]
    problems = []
    if unanswered:
        problems.append(
            _("%(count)s høringssvar mangler et svar. Besvar hvert svar, før beslutningen meddeles.") % {"count": unanswered}
        )
    if not clear:
        problems.append(_("Tilføj mindst én forventning med en ansvarlig og en dato, før beslutningen meddeles."))
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    decision.status, decision.communicated_at = Status.COMMUNICATED, now
    decision.revision += 1
    decision.save()
    DecisionVersion.objects.create(
        decision=decision, number=1, outcome=decision.outcome, reasons=decision.reasons,
        review_on=decision.review_on, expectations=_expectations_kept(decision), created_by=actor, created_at=now,
    )
    _record(
        actor=actor, obj=decision, action=AuditAction.CHANGED,
        changes={"status": [Status.DECIDED.value, Status.COMMUNICATED.value], "revision": [str(decision.revision - 1), str(decision.revision)]},
    )
    with override(settings.LANGUAGE_CODE):
        subject = _("Beslutningen er truffet: %(question)s") % {"question": decision.question[:120]}
        body = _("Du svarede i høringen om »%(question)s«. Nu er beslutningen meddelt.\n\nBeslutningen: %(outcome)s\n\n") % {
            "question": decision.question,
            "outcome": decision.outcome,
        }
        link_line = _(
            "Se beslutningen, hvordan svarene er brugt, og hvad der sker nu. Fortæl os også gerne, om du følte dig hørt:\n%(link)s\n"
        )
    _mail_respondents(decision, subject=subject, body=body, link_line=link_line, base_url=base_url)
    return decision


@service
def decision_correct(
    *, actor, decision: Decision, revision: int, outcome: str, reasons: str, review_on: datetime.date | None, note: str, base_url: str
) -> DecisionVersion:
    """Correct a communicated decision: a new version with what was corrected and why; the
    earlier versions are kept and the respondents told."""
    require(actor, MANAGE_DECISIONS, decision)
    decision = _lock(decision)
    _in_status(decision, Status.COMMUNICATED, message=_("Kun en meddelt beslutning rettes med en ny version."))
    _check_revision(decision, revision)
    errors: dict = {}
    _check_text(errors, "outcome", outcome, message=_("Skriv, hvad der er besluttet."))
    _check_text(errors, "reasons", reasons, message=_("Skriv begrundelsen: hvorfor blev det sådan?"))
    _check_text(errors, "note", note, message=_("Skriv, hvad der er rettet og hvorfor."))
    check_date(errors, "review_on", review_on)
    if errors:
        raise ValidationError(errors)
    before = snapshot(decision, ("outcome", "reasons", "review_on"))
    decision.outcome, decision.reasons, decision.review_on = outcome.strip(), reasons.strip(), review_on
    changes = diff(before, snapshot(decision, ("outcome", "reasons", "review_on")))
    if not changes:
        raise ValidationError({"outcome": [_("Rettelsen ændrer intet: ret beslutningen, begrundelsen eller datoen.")]})
    decision.revision += 1
    decision.save()
    number = decision.versions.aggregate(last=Max("number"))["last"] + 1
    version = DecisionVersion.objects.create(
        decision=decision, number=number, outcome=decision.outcome, reasons=decision.reasons, review_on=review_on,
        expectations=_expectations_kept(decision), note=note.strip(), created_by=actor,
    )
    changes["version"] = [str(number - 1), str(number)]
    changes["revision"] = [str(revision), str(decision.revision)]
    _record(actor=actor, obj=decision, action=AuditAction.CHANGED, changes=changes)
    with override(settings.LANGUAGE_CODE):
        subject = _("Beslutningen er rettet: %(question)s") % {"question": decision.question[:120]}
        body = _("Beslutningen om »%(question)s« er rettet (version %(number)s).\n\nHvad er rettet: %(note)s\n\n") % {
            "question": decision.question,
            "number": number,
            "note": version.note,
        }
        link_line = _("Se den rettede beslutning:\n%(link)s\n")
    _mail_respondents(decision, subject=subject, body=body, link_line=link_line, base_url=base_url)
    return version


@service
def felt_heard_save(*, actor=None, response: Response, value: int) -> Response:
    """"Følte du dig hørt?" (1–5), asked once the decision is communicated. A party's
    representatives answer for the party's response; a citizen or invitee through their link."""
    if response.party_id:
        require(actor, RESPOND, response.party)
    status = Decision.objects.filter(hearing__responses=response).values_list("status", flat=True).first()
    if status != Status.COMMUNICATED:
        raise ValidationError(_("Spørgsmålet stilles, når beslutningen er meddelt."))
    if value not in range(1, 6):
        raise ValidationError({"felt_heard": [_("Vælg et tal fra 1 til 5.")]})
    if response.felt_heard != value:
        old = response.felt_heard
        response.felt_heard, response.felt_heard_at = value, timezone.now()
        response.save(update_fields=["felt_heard", "felt_heard_at"])
        _record(
            actor=actor, obj=response, action=AuditAction.CHANGED, party_id=response.party_id,
            changes={"felt_heard": [str(old) if old else None, str(value)]},
        )
    return response
