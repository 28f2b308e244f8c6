"""The decisions' share of a generated data set (registered as `registry.GeneratedData`):
about 5,000 decisions with 200,000 hearing responses at national scale (a tenth at `small`),
spread over the generated alliances, some of which have many decisions and most a few.

Statuses are mixed (most communicated, some decided, in hearing or drafts; a few hearings
closed without a decision yet). Each hearing invites the decision's affected parties; about
two thirds of the parties with a representative answer, and public hearings take citizens'
responses, heavily skewed (a few hearings draw hundreds). A decided decision has answered
most of its responses, a communicated one all of them (as the service insists), with how
each was used; expectations with an owner and a date, some done, some overdue; "did you feel
heard?" on part of the communicated responses, lower where a response was not used and among
those who disagreed; a second version for a few. About a third of the alliances keep an
involvement plan, with a gap here and there, and their hearings are placed in it.

Bulk-inserted (responses and audit records, the two big tables, by plain multi-row INSERTs),
with the audit records the services would have left (one per decision step, plan, plan cell,
response, reply, "felt heard" and expectation change). Deterministic from the
seeded random, except the secret link tokens, which are drawn as the services draw them so
a generated installation never has guessable hearing or response addresses.
"""

import datetime
import itertools
from collections import Counter, defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from brobygger.accounts.models import User
from brobygger.alliances.models import Alliance
from brobygger.core.models import AuditAction, AuditRecord
from brobygger.core.registry import scaled

from .models import (
    PLAN_PHASES,
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
from .services import DEFAULT_ALLIANCE_GROUPS, MOST_RESPONSES, REMIND_BEFORE
from .taxonomy import (
    FELT_HEARD_HIGHEST,
    FELT_HEARD_LOWEST,
    HearingLevel,
    Means,
    Participation,
    Stance,
    Status,
    Usage,
)

# At scale "national"; "small" is a tenth.
DECISIONS = 5_000
RESPONSES = 200_000
BATCH = 2000
# Rows inserted per round trip of `_bulk` (the instances of one chunk at a time in memory).
CHUNK = 20_000
# Values in one plain INSERT (well under SQLite's and PostgreSQL's limits).
PARAMETERS_PER_STATEMENT = 6000

STATUS_WEIGHTS = {Status.DRAFT: 8, Status.HEARING: 14, Status.DECIDED: 18, Status.COMMUNICATED: 60}
# Of the decisions in hearing, this share has a hearing that closed without a decision yet.
CLOSED_WAITING_SHARE = 0.2
PUBLIC_SHARE = 0.4
PLAN_SHARE = 0.35
# Of the invited parties with a representative, this share answers a closed hearing.
PARTY_ANSWER_SHARE = 0.65
# Of a decided decision's responses, this share is answered already.
DECIDED_ANSWERED_SHARE = 0.8
FELT_HEARD_SHARE = 0.35
CORRECTION_SHARE = 0.03
REVIEW_SHARE = 0.3
LEVEL_WEIGHTS = {
    HearingLevel.INFORMATION: 15,
    HearingLevel.CONSULTATION: 55,
    HearingLevel.CO_CREATION: 20,
    HearingLevel.CO_DECISION: 10,
}
# How a response is used, by its stance (used, partly, not used).
USAGE_WEIGHTS = {
    Stance.AGREE: (70, 25, 5),
    Stance.PARTLY: (40, 45, 15),
    Stance.DISAGREE: (15, 40, 45),
    Stance.DONT_KNOW: (50, 30, 20),
}
# "Did you feel heard?" leans on how the response was used, a little lower for those who disagreed.
FELT_BASE = {Usage.USED: 4.3, Usage.PARTLY_USED: 3.7, Usage.NOT_USED: 2.9}
DISAGREE_PENALTY = 0.5

_QUESTIONS = [
    "Skal alliancen udvide forsøget til flere områder i kommunen?",
    "Skal styregruppens møder holdes på skift hos parterne?",
    "Hvordan fordeler vi udgifterne til det fælles sekretariat?",
    "Skal borgerne have en fast plads i styregruppen?",
    "Skal alliancen søge en pulje, så arbejdet kan fortsætte efter forsøget?",
    "Hvilke resultater skal alliancen måle på i det kommende år?",
    "Skal en ny virksomhed optages som part i alliancen?",
    "Skal tilbuddet have åbent om aftenen, så flere kan bruge det?",
    "Hvordan deler parterne tal om, hvor mange der bruger tilbuddet?",
    "Skal de frivillige have en fast kontaktperson hos kommunen?",
    "Skal aktiviteterne flytte til et nyt sted i lokalområdet?",
    "Hvordan fortæller vi offentligheden om alliancens resultater?",
]
_BACKGROUNDS = [
    "Spørgsmålet er kommet op på de seneste møder, og parterne ser forskelligt på det.",
    "Forsøget har kørt et stykke tid, og der skal tages stilling til, hvordan det fortsætter.",
    "Flere borgere og frivillige har spurgt til det, og det berører alle parter.",
    "Et forslag fra en af parterne kræver, at alliancen tager stilling i fællesskab.",
]
_LEVEL_REASONS = {
    HearingLevel.INFORMATION: "Rammerne er givet af kommunalbestyrelsen. Vi vil fortælle, hvad der sker, og svare på spørgsmål.",
    HearingLevel.CONSULTATION: "Styregruppen beslutter, men vil kende parternes og borgernes synspunkter først.",
    HearingLevel.CO_CREATION: "Løsningen skal formes af dem, der skal leve med den. Styregruppen godkender det, vi når frem til.",
    HearingLevel.CO_DECISION: "Parterne beslutter i fællesskab. Det, de inviterede bliver enige om, bliver gennemført.",
}
_PARTY_TEXTS = {
    Stance.AGREE: [
        "Vi støtter forslaget og kan bidrage med det, der skal til.",
        "Det passer godt med det, vi selv arbejder hen imod.",
    ],
    Stance.PARTLY: [
        "Vi er med på retningen, men tidsplanen er for stram for os.",
        "Forslaget giver mening, hvis udgifterne deles mere ligeligt.",
    ],
    Stance.DISAGREE: [
        "Vi kan ikke støtte forslaget, fordi det lægger for meget arbejde hos os.",
        "Forslaget flytter fokus væk fra det, alliancen blev skabt for.",
    ],
    Stance.DONT_KNOW: ["Vi mangler at kende udgifterne, før vi kan tage stilling."],
}
_CITIZEN_TEXTS = {
    Stance.AGREE: [
        "Det er en god idé, som vil gøre en forskel for mange i området.",
        "Jeg har selv brugt tilbuddet og håber, det bliver til mere.",
        "Endelig sker der noget. Bare gå i gang.",
    ],
    Stance.PARTLY: [
        "Fint forslag, men husk dem, der ikke kan komme selv.",
        "Jeg er enig i tanken, men det skal ikke koste på andre tilbud.",
        "Godt, hvis I også spørger dem, der bor tættest på.",
    ],
    Stance.DISAGREE: [
        "Pengene bør bruges på flere hænder i stedet.",
        "Jeg kan ikke se, at det her er kommunens opgave.",
        "Det har ikke været drøftet med dem, det handler om.",
    ],
    Stance.DONT_KNOW: [
        "Hvad kommer det til at betyde for dem, der bruger tilbuddet i dag?",
        "Jeg har brug for at vide mere, før jeg kan sige noget.",
    ],
}
_REPLIES = {
    Usage.USED: [
        "Tak. Jeres forslag er skrevet ind i beslutningen.",
        "Svaret er fulgt: det er en del af planen for det næste halve år.",
    ],
    Usage.PARTLY_USED: [
        "Vi har taget en del af forslaget med, men ikke det hele, fordi budgettet ikke rækker.",
        "Forslaget er brugt i første omgang, og resten ser vi på ved næste evaluering.",
    ],
    Usage.NOT_USED: [
        "Vi har valgt en anden løsning, fordi flertallet af svarene pegede den anden vej.",
        "Det ligger uden for det, alliancen kan beslutte. Vi har givet det videre til kommunen.",
    ],
}
_OUTCOMES = [
    ("Forslaget gennemføres med de ændringer, høringen pegede på.", "De fleste svar støttede forslaget, og indvendingerne er imødekommet, hvor det var muligt."),
    ("Forslaget gennemføres som et forsøg i et halvt år.", "Svarene var delte, så vi prøver det af og vurderer det sammen med parterne."),
    ("Forslaget gennemføres ikke nu.", "Høringen viste, at udgifterne er for store i forhold til det, parterne får ud af det."),
    ("Forslaget gennemføres i en mindre udgave.", "Parterne var enige om retningen, men ikke om omfanget."),
]
_ACTIONS = [
    "Aftal tidsplanen med parterne",
    "Send en orientering til alle, der har svaret",
    "Indkald til opstartsmøde",
    "Beskriv den nye arbejdsgang",
    "Afklar økonomien med forvaltningen",
    "Evaluér forsøget med parterne",
    "Opdatér aftalen mellem parterne",
    "Fortæl om beslutningen på kommunens hjemmeside",
]
# (what was corrected and why, the sentence the corrected outcome gains)
_CORRECTIONS = [
    ("Datoen for opstart var skrevet forkert.", "Arbejdet begynder en måned senere end først skrevet."),
    ("Beløbet var regnet forkert og er rettet.", "Udgiften er rettet, så den svarer til det, parterne aftalte."),
    ("En part var udeladt ved en fejl.", "Alle alliancens parter er med, når beslutningen føres ud i livet."),
]
_NAMES = ["Anne", "Mette", "Lars", "Jens", "Hanne", "Peter", "Sara", "Ali", "Maja", "Søren", "Fatima", "Ole"]
_PHASES = [value for value, _label in PLAN_PHASES]
# The choices' values, read once (each `.values` builds its list anew).
_STANCES = Stance.values
_USAGES = Usage.values
_LEVELS = Participation.values
_MEANS = Means.values



def _between(rng, start: datetime.datetime, end: datetime.datetime) -> datetime.datetime:
    if end <= start:
        return start
    return start + datetime.timedelta(seconds=rng.uniform(0, (end - start).total_seconds()))


def _days(rng, low: float, high: float) -> datetime.timedelta:
    return datetime.timedelta(days=rng.uniform(low, high))


def _weighted(rng, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _clamp(value: float) -> int:
    return min(FELT_HEARD_HIGHEST, max(FELT_HEARD_LOWEST, round(value)))


class _Country:
    """What is planned before anything is inserted: rows as dicts keyed by index, so the
    inserts can follow in bulk once the keys they point at exist."""

    def __init__(self, rng, now: datetime.datetime):
        self.rng = rng
        # Everything is dated back from the start of today (Danish time), not from the moment
        # of the run. Which random numbers are drawn next depends on dates compared with today
        # (is an expectation overdue? how far has an open hearing run?), so from the moment of
        # the run the same seed gave another data set depending on the hour: two builds a few
        # hours apart (on SQLite and on PostgreSQL, say) differed in their expectations.
        self.now = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
        self.today = self.now.date()
        self.groups: list[dict] = []
        self.cells: list[dict] = []
        self.decisions: list[dict] = []
        self.hearings: list[dict] = []  # each names its decision's index
        self.responses: list[dict] = []
        self.expectations: list[dict] = []

    # --- Involvement plans -------------------------------------------------------------------

    def plan(self, alliance_id: int, coordinator: int, phase: str) -> list[int]:
        """Five groups and their cells up to the phase after the alliance's own; returns the
        groups' indexes."""
        rng = self.rng
        last = min(len(_PHASES) - 1, (_PHASES.index(phase) if phase in _PHASES else 3) + 1)
        at = self.now - _days(rng, 60, 800)
        indexes = []
        for order, name in enumerate(DEFAULT_ALLIANCE_GROUPS, start=1):
            indexes.append(len(self.groups))
            self.groups.append({"alliance": alliance_id, "coordinator": coordinator, "name": name, "order": order, "at": at})
            for plan_phase in _PHASES[: last + 1]:
                draw = rng.random()
                if draw < 0.08:
                    level, affected = "", True  # a gap
                elif draw < 0.16:
                    level, affected = "", False
                else:
                    level, affected = rng.choice(_LEVELS), True
                means = sorted(rng.sample(_MEANS, rng.randint(1, 2))) if level else []
                self.cells.append(
                    {"group": indexes[-1], "phase": plan_phase, "affected": affected, "level": level, "means": means, "at": at}
                )
        return indexes

    # --- Decisions ---------------------------------------------------------------------------

    def decision(self, alliance_id: int, coordinator: int, phase: str, parties: list[tuple[int, int | None]], groups: list[int]):
        rng, now = self.rng, self.now
        status = _weighted(rng, STATUS_WEIGHTS)
        position = _PHASES.index(phase) if phase in _PHASES else 3
        decision = {
            "alliance": alliance_id,
            "coordinator": coordinator,
            "status": status,
            "question": rng.choice(_QUESTIONS),
            "background": rng.choice(_BACKGROUNDS),
            "phase": _PHASES[max(0, position - rng.choice([0, 0, 0, 1]))],
            "hearing": None,
            "decided_at": None,
            "communicated_at": None,
            "review_on": None,
            "outcome": "",
            "reasons": "",
            "correction": None,
            "revision": 1,
        }
        lead, *others = parties
        affected = [lead, *(party for party in others if rng.random() < 0.85)]
        decision["affected"] = [party_id for party_id, _writer in affected]
        if status == Status.DRAFT:
            decision["created_at"] = now - _days(rng, 0.5, 45)
            decision["affects_public"] = rng.random() < 0.2
            self.decisions.append(decision)
            return
        # Dates back from the latest step: communicated, decided, or the hearing itself.
        if status == Status.COMMUNICATED:
            communicated_at = now - _days(rng, 2, 720)
            decided_at = communicated_at - _days(rng, 0.2, 14)
        elif status == Status.DECIDED:
            communicated_at, decided_at = None, now - _days(rng, 0.5, 60)
        else:
            communicated_at = decided_at = None
        if decided_at is not None:
            last_day = timezone.localdate(decided_at) - datetime.timedelta(days=rng.randint(1, 20))
            closes_at = closing_moment(last_day)
        elif rng.random() < CLOSED_WAITING_SHARE:
            closes_at = closing_moment(self.today - datetime.timedelta(days=rng.randint(1, 10)))
        else:
            closes_at = closing_moment(self.today + datetime.timedelta(days=rng.randint(1, 30)))
        opened_at = min(closes_at - _days(rng, 14, 42), now - _days(rng, 0.5, 2))
        created_at = opened_at - _days(rng, 1, 60)
        is_public = rng.random() < PUBLIC_SHARE
        decision.update(
            created_at=created_at,
            decided_at=decided_at,
            communicated_at=communicated_at,
            affects_public=is_public or rng.random() < 0.1,
            revision=2,
        )
        level = _weighted(rng, LEVEL_WEIGHTS)
        answered_until = min(closes_at, now)
        hearing = {
            "decision": len(self.decisions),
            "level": level,
            "is_public": is_public,
            "opened_at": opened_at,
            "closes_at": closes_at,
            "reminded_at": max(opened_at, closes_at - REMIND_BEFORE) if closes_at - REMIND_BEFORE <= now else None,
            "groups": sorted(rng.sample(groups, min(len(groups), rng.randint(1, 2)))) if groups else [],
            "answered_until": answered_until,
            "responses": [],
            # The parties lean together: some decisions are welcome, some contested.
            "lean": (rng.uniform(1, 5), rng.uniform(1, 4), rng.uniform(0.5, 4), rng.uniform(0.3, 1.5)),
        }
        decision["hearing"] = len(self.hearings)
        self.hearings.append(hearing)
        # An open hearing has its answers so far, in proportion to the time it has run.
        elapsed = (answered_until - opened_at) / (closes_at - opened_at)
        for party_id, writer in affected:
            if writer is not None and rng.random() < PARTY_ANSWER_SHARE * min(1.0, elapsed * 1.3):
                self.response(hearing, party=party_id, author=writer)
        if decided_at is not None:
            outcome, reasons = rng.choice(_OUTCOMES)
            decision.update(outcome=outcome, reasons=reasons, revision=3)
            if rng.random() < REVIEW_SHARE:
                decision["review_on"] = timezone.localdate(decided_at) + datetime.timedelta(days=rng.randint(90, 365))
            self.plan_expectations(decision, decided_at)
        if communicated_at is not None:
            decision["revision"] = 4
            corrected_at = communicated_at + _days(rng, 5, 90)
            if rng.random() < CORRECTION_SHARE and corrected_at < now:
                note, addition = rng.choice(_CORRECTIONS)
                decision["correction"] = (corrected_at, note, f"{decision['outcome']} {addition}")
                decision["revision"] = 5
        self.decisions.append(decision)

    def response(self, hearing: dict, *, party: int | None = None, author: int | None = None) -> None:
        rng = self.rng
        stance = rng.choices(_STANCES, weights=hearing["lean"])[0]
        created_at = _between(rng, hearing["opened_at"], hearing["answered_until"])
        row = {
            "hearing": hearing,
            "party": party,
            "author": author,
            "stance": stance,
            "created_at": created_at,
            "name": "",
            "email": "",
            "confirmed_at": None,
        }
        if party is None:
            row["text"] = rng.choice(_CITIZEN_TEXTS[stance])
            if rng.random() < 0.25:
                row["name"] = rng.choice(_NAMES)
            if rng.random() < 0.1:
                row["email"] = f"borger{len(self.responses) + 1:06d}@generated.example"
                if rng.random() < 0.7:
                    row["confirmed_at"] = created_at + datetime.timedelta(minutes=rng.randint(1, 600))
        else:
            row["text"] = rng.choice(_PARTY_TEXTS[stance])
        hearing["responses"].append(row)
        self.responses.append(row)

    def plan_expectations(self, decision: dict, decided_at: datetime.datetime) -> None:
        rng = self.rng
        decided_on = timezone.localdate(decided_at)
        if decision["status"] == Status.COMMUNICATED:
            count = rng.randint(1, 3)
        else:
            count = rng.choice([0, 1, 1, 2])
        for number in range(count):
            # A communicated decision has at least one clear expectation (the service insists).
            clear = (number == 0 and decision["status"] == Status.COMMUNICATED) or rng.random() < 0.8
            due_on = decided_on + datetime.timedelta(days=rng.randint(7, 180)) if clear or rng.random() < 0.5 else None
            done_on = None
            if due_on is not None and due_on < self.today:
                if rng.random() < 0.75:
                    done_on = min(self.today, max(decided_on, due_on - datetime.timedelta(days=rng.randint(0, 10))))
            elif rng.random() < 0.2:
                done_on = decided_on + datetime.timedelta(days=rng.randint(0, max(0, (self.today - decided_on).days)))
            self.expectations.append(
                {
                    "decision": len(self.decisions),
                    "action": rng.choice(_ACTIONS),
                    "owner": "" if not clear and due_on is not None else rng.choice(["Koordinatoren", "Styregruppen", "Kommunen"]),
                    "due_on": due_on,
                    "done_on": done_on,
                    # Written after the decision and before it was communicated.
                    "created_at": _between(
                        rng, decided_at, min(decided_at + datetime.timedelta(hours=10), decision["communicated_at"] or self.now)
                    ),
                }
            )

    # --- Citizens, numbers, replies and "felt heard" ------------------------------------------

    def citizens(self, total: int) -> None:
        """Share the citizens' responses out over the public hearings, most to a few."""
        public = [hearing for hearing in self.hearings if hearing["is_public"]]
        if not public or total <= 0:
            return
        weights = [self.rng.lognormvariate(0, 1.0) for _hearing in public]
        counts = Counter(self.rng.choices(range(len(public)), weights=weights, k=total))
        for index, hearing in enumerate(public):
            room = MOST_RESPONSES - len(hearing["responses"])
            for _number in range(min(counts.get(index, 0), room)):
                self.response(hearing)

    def settle(self) -> None:
        """Number each hearing's responses in the order they came, and answer them as far as
        their decision has come."""
        rng = self.rng
        for decision in self.decisions:
            if decision["hearing"] is None:
                continue
            hearing = self.hearings[decision["hearing"]]
            hearing["responses"].sort(key=lambda row: row["created_at"])
            for number, row in enumerate(hearing["responses"], start=1):
                row["number"] = number
                row["reply"] = None
                row["felt"] = None
                decided_at = decision["decided_at"]
                if decided_at is None:
                    continue
                if decision["status"] == Status.DECIDED and rng.random() >= DECIDED_ANSWERED_SHARE:
                    continue
                usage = rng.choices(_USAGES, weights=USAGE_WEIGHTS[row["stance"]])[0]
                until = decision["communicated_at"] or self.now
                row["reply"] = (usage, rng.choice(_REPLIES[usage]), _between(rng, decided_at, until))
                if decision["communicated_at"] is not None and rng.random() < FELT_HEARD_SHARE:
                    seen = FELT_BASE[usage] - (DISAGREE_PENALTY if row["stance"] == Stance.DISAGREE else 0)
                    at = _between(rng, decision["communicated_at"], min(self.now, decision["communicated_at"] + datetime.timedelta(days=30)))
                    row["felt"] = (_clamp(rng.gauss(seen, 0.8)), at)


def generate(context) -> None:
    rng = context.shared["random"]
    now = context.shared["now"]
    scale = context.options["scale"]
    coordinators = context.shared["coordinators"]  # {alliance id: coordinator's user id}
    parties: dict[int, list[tuple[int, int | None]]] = defaultdict(list)  # the lead party first
    for party_id, alliance_id, writer in context.shared["parties"]:
        parties[alliance_id].append((party_id, writer))
    alliance_ids = sorted(alliance_id for alliance_id in coordinators if parties.get(alliance_id))
    phases = dict(Alliance.objects.filter(pk__in=alliance_ids).values_list("pk", "phase"))

    country = _Country(rng, now)
    plans = {
        alliance_id: country.plan(alliance_id, coordinators[alliance_id], phases[alliance_id])
        for alliance_id in alliance_ids
        if rng.random() < PLAN_SHARE
    }
    # Some alliances decide much, most a little, some nothing.
    activity = [rng.expovariate(1.0) for _alliance in alliance_ids]
    for alliance_id in rng.choices(alliance_ids, weights=activity, k=scaled(DECISIONS, scale)):
        country.decision(
            alliance_id, coordinators[alliance_id], phases[alliance_id], parties[alliance_id], plans.get(alliance_id, [])
        )
    country.citizens(scaled(RESPONSES, scale) - len(country.responses))
    country.settle()
    _insert(country)
    _insert_plain(AuditRecord, AUDIT_FIELDS, _records(country))
    context.shared.setdefault("counts", {}).update(
        decisions=len(country.decisions),
        hearing_responses=len(country.responses),
        expectations=len(country.expectations),
    )


def _bulk(model, objects, rows: list[dict] | None = None) -> int:
    """Insert in chunks, keeping only each row's new key (`row["pk"]`), so a national data
    set never holds all its model instances at once. Returns how many were inserted."""
    chunk: list = []
    position = 0

    def flush() -> None:
        nonlocal position
        for made in model.objects.bulk_create(chunk, batch_size=BATCH):
            if rows is not None:
                rows[position]["pk"] = made.pk
            position += 1
        chunk.clear()

    for obj in objects:
        chunk.append(obj)
        if len(chunk) == CHUNK:
            flush()
    flush()
    return position


def _insert_plain(model, fields: tuple[str, ...], values, rows: list[dict] | None = None) -> int:
    """A plain multi-row INSERT for the two big tables (responses and audit records): at half
    a million rows, building model instances and preparing each value through the field costs
    several times the insert itself. `values` yields tuples already adapted to the database
    (`_Adapt`); with `rows`, each row gets its new key (`row["pk"]`), read back in the order the
    rows went in, as Django's own bulk_create does."""
    quote = connection.ops.quote_name
    meta = model._meta
    # Names from the model's own metadata, values only as parameters.
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
    head = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "  # noqa: S608
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    returning = f" RETURNING {quote(meta.pk.column)}" if rows is not None else ""
    per_statement = max(1, PARAMETERS_PER_STATEMENT // len(fields))
    values = iter(values)
    position = 0
    with connection.cursor() as cursor:
        while chunk := list(itertools.islice(values, per_statement)):
            cursor.execute(head + ", ".join([one] * len(chunk)) + returning, [value for row in chunk for value in row])
            if rows is not None:
                for (pk,) in cursor.fetchall():
                    rows[position]["pk"] = pk
                    position += 1
            else:
                position += len(chunk)
    return position


class _Adapt:
    """Values as the database takes them, the way the fields would prepare them."""

    def __init__(self):
        self.moment = connection.ops.adapt_datetimefield_value
        self._json = connection.ops.adapt_json_value
        self._encoder = AuditRecord._meta.get_field("changes").encoder

    def json(self, value):
        return self._json(value, self._encoder)


def _insert(country: _Country) -> None:
    decisions, hearings, groups = country.decisions, country.hearings, country.groups
    _bulk(
        InvolvementGroup,
        (InvolvementGroup(alliance_id=row["alliance"], name=row["name"], order=row["order"]) for row in groups),
        groups,
    )
    _bulk(
        PlanCell,
        (
            PlanCell(group_id=groups[row["group"]]["pk"], phase=row["phase"], affected=row["affected"], level=row["level"], means=row["means"])
            for row in country.cells
        ),
        country.cells,
    )
    _bulk(
        Decision,
        (
            Decision(
                alliance_id=row["alliance"],
                question=row["question"],
                background=row["background"],
                phase=row["phase"],
                status=row["status"],
                affects_public=row["affects_public"],
                outcome=row["correction"][2] if row["correction"] else row["outcome"],
                reasons=row["reasons"],
                review_on=row["review_on"],
                decided_at=row["decided_at"],
                decided_by_id=row["coordinator"] if row["decided_at"] else None,
                communicated_at=row["communicated_at"],
                revision=row["revision"],
                created_by_id=row["coordinator"],
                created_at=row["created_at"],
            )
            for row in decisions
        ),
        decisions,
    )
    Decision.affected_parties.through.objects.bulk_create(
        (
            Decision.affected_parties.through(decision_id=row["pk"], party_id=party_id)
            for row in decisions
            for party_id in row["affected"]
        ),
        batch_size=BATCH,
    )
    _bulk(
        Hearing,
        (
            Hearing(
                decision_id=decisions[row["decision"]]["pk"],
                level=row["level"],
                level_reason=_LEVEL_REASONS[row["level"]],
                is_public=row["is_public"],
                token=new_token(),
                opened_by_id=decisions[row["decision"]]["coordinator"],
                opened_at=row["opened_at"],
                closes_at=row["closes_at"],
                reminded_at=row["reminded_at"],
            )
            for row in hearings
        ),
        hearings,
    )
    Hearing.groups.through.objects.bulk_create(
        (
            Hearing.groups.through(hearing_id=row["pk"], involvementgroup_id=groups[index]["pk"])
            for row in hearings
            for index in row["groups"]
        ),
        batch_size=BATCH,
    )
    Invitation.objects.bulk_create(
        (
            Invitation(hearing_id=row["pk"], party_id=party_id, token=new_token(), created_at=row["opened_at"])
            for row in hearings
            for party_id in decisions[row["decision"]]["affected"]
        ),
        batch_size=BATCH,
    )
    adapt = _Adapt()
    _insert_plain(
        Response,
        RESPONSE_FIELDS,
        (_response(row, decisions[row["hearing"]["decision"]], adapt) for row in country.responses),
        country.responses,
    )
    _bulk(
        Expectation,
        (
            Expectation(
                decision_id=decisions[row["decision"]]["pk"],
                action=row["action"],
                owner=row["owner"],
                due_on=row["due_on"],
                done_on=row["done_on"],
                created_at=row["created_at"],
            )
            for row in country.expectations
        ),
        country.expectations,
    )
    DecisionVersion.objects.bulk_create(_versions(country), batch_size=BATCH)


RESPONSE_FIELDS = (
    "hearing", "number", "party", "author", "name", "email", "email_confirmed_at", "manage_token", "consent_at",
    "stance", "text", "created_at", "updated_at", "reply_usage", "reply_text", "replied_at", "replied_by",
    "felt_heard", "felt_heard_at",
)  # fmt: skip


def _response(row: dict, decision: dict, adapt: _Adapt) -> tuple:
    reply, felt = row["reply"], row["felt"]
    public = row["party"] is None
    created_at = adapt.moment(row["created_at"])
    return (
        row["hearing"]["pk"],
        row["number"],
        row["party"],
        row["author"],
        row["name"],
        row["email"],
        adapt.moment(row["confirmed_at"]),
        new_token() if public else None,
        created_at if public else None,
        row["stance"],
        row["text"],
        created_at,
        created_at,
        reply[0] if reply else "",
        reply[1] if reply else "",
        adapt.moment(reply[2]) if reply else None,
        decision["coordinator"] if reply else None,
        felt[0] if felt else None,
        adapt.moment(felt[1]) if felt else None,
    )


def _kept(row: dict) -> dict:
    """An expectation as a version keeps it."""
    return {"action": row["action"], "owner": row["owner"], "due_on": row["due_on"].isoformat() if row["due_on"] else None}


def _versions(country: _Country):
    kept: dict[int, list[dict]] = defaultdict(list)
    for row in country.expectations:
        kept[row["decision"]].append(_kept(row))
    for index, row in enumerate(country.decisions):
        if row["communicated_at"] is None:
            continue
        common = {
            "decision_id": row["pk"],
            "reasons": row["reasons"],
            "review_on": row["review_on"],
            "expectations": kept[index],
            "created_by_id": row["coordinator"],
        }
        yield DecisionVersion(number=1, outcome=row["outcome"], created_at=row["communicated_at"], **common)
        if row["correction"]:
            corrected_at, note, outcome = row["correction"]
            yield DecisionVersion(number=2, outcome=outcome, note=note, created_at=corrected_at, **common)


def _flag(value: bool) -> str:
    return "1" if value else "0"


AUDIT_FIELDS = (
    "at", "actor", "actor_name", "on_behalf", "alliance_id", "party_id", "content_type", "object_id", "object_label",
    "restricted", "action", "changes",
)  # fmt: skip


def _records(country: _Country):
    """The records the services would have left, dated when each step happened (a generator:
    a national data set has about half a million)."""
    types = ContentType.objects.get_for_models(InvolvementGroup, PlanCell, Decision, Response, Expectation)
    actor_ids = {row["coordinator"] for row in country.decisions} | {row["author"] for row in country.responses if row["author"]}
    names = {
        pk: f"{first} {last}".strip() or username
        for pk, first, last, username in User.objects.filter(pk__in=actor_ids).values_list(
            "pk", "first_name", "last_name", "username"
        )
    }
    phase_labels = dict(PLAN_PHASES)
    adapt = _Adapt()
    type_ids = {model: content_type.pk for model, content_type in types.items()}

    def record(*, at, actor, alliance, model, pk, label, action, changes, party=None) -> tuple:
        return (
            adapt.moment(at), actor, names.get(actor, ""), False, alliance, party, type_ids[model], pk, label[:300],
            False, action, adapt.json(changes),
        )

    groups = country.groups
    for start in range(0, len(groups), len(DEFAULT_ALLIANCE_GROUPS)):
        plan = groups[start : start + len(DEFAULT_ALLIANCE_GROUPS)]
        first = plan[0]
        yield record(
            at=first["at"], actor=first["coordinator"], alliance=first["alliance"], model=InvolvementGroup,
            pk=first["pk"], label="Inddragelsesplanen", action=AuditAction.CREATED,
            changes={"name": [None, ", ".join(row["name"] for row in plan)]},
        )
    for row in country.cells:
        group = groups[row["group"]]
        changes = {"affected": [None, _flag(row["affected"])]}
        if row["level"]:
            changes["level"] = [None, row["level"]]
            changes["means"] = [None, str(row["means"])]
        yield record(
            at=row["at"], actor=group["coordinator"], alliance=group["alliance"], model=PlanCell,
            pk=row["pk"], label=f"{group['name']} · {phase_labels[row['phase']]}", action=AuditAction.CREATED, changes=changes,
        )
    for row in country.decisions:
        yield from _decision_records(row, country, record)
    for row in country.responses:
        decision = country.decisions[row["hearing"]["decision"]]
        common = {"alliance": decision["alliance"], "model": Response, "pk": row["pk"], "label": f"Høringssvar {row['number']}", "party": row["party"]}
        if row["party"] is None:
            created = {"stance": [None, row["stance"]]}
        else:
            created = {"stance": [None, row["stance"]], "text": [None, row["text"]]}
        yield record(at=row["created_at"], actor=row["author"], action=AuditAction.CREATED, changes=created, **common)
        if row["confirmed_at"]:
            yield record(
                at=row["confirmed_at"], actor=None, action=AuditAction.VERIFIED, changes={"email_confirmed": [None, "1"]}, **common
            )
        if row["reply"]:
            usage, text, at = row["reply"]
            yield record(
                at=at, actor=decision["coordinator"], action=AuditAction.CHANGED,
                changes={"reply_usage": [None, usage], "reply_text": [None, text]}, **common,
            )
        if row["felt"]:
            value, at = row["felt"]
            yield record(
                at=at, actor=row["author"], action=AuditAction.CHANGED, changes={"felt_heard": [None, str(value)]}, **common
            )
    for row in country.expectations:
        decision = country.decisions[row["decision"]]
        common = {"alliance": decision["alliance"], "model": Expectation, "pk": row["pk"], "label": row["action"], "actor": decision["coordinator"]}
        yield record(
            at=row["created_at"], action=AuditAction.CREATED,
            changes={name: [None, value] for name, value in _kept(row).items() if value}, **common,
        )
        if row["done_on"]:
            done_at = min(country.now, timezone.make_aware(datetime.datetime.combine(row["done_on"], datetime.time(12))))
            yield record(
                at=max(done_at, row["created_at"]), action=AuditAction.CHANGED,
                changes={"done_on": [None, row["done_on"].isoformat()]}, **common,
            )


def _decision_records(row: dict, country: _Country, record):
    common = {"alliance": row["alliance"], "model": Decision, "pk": row["pk"], "label": row["question"]}
    coordinator = row["coordinator"]
    yield record(
        at=row["created_at"], actor=coordinator, action=AuditAction.CREATED,
        changes={
            "question": [None, row["question"]],
            "background": [None, row["background"]],
            "phase": [None, row["phase"]],
            "affects_public": [None, _flag(row["affects_public"])],
            "revision": [None, "1"],
        },
        **common,
    )
    if row["hearing"] is None:
        return
    hearing = country.hearings[row["hearing"]]
    last_day = timezone.localtime(hearing["closes_at"] - datetime.timedelta(microseconds=1)).date()
    yield record(
        at=hearing["opened_at"], actor=coordinator, action=AuditAction.CHANGED,
        changes={
            "status": [Status.DRAFT.value, Status.HEARING.value],
            "level": [None, str(HearingLevel(hearing["level"]).label)],
            "closes_at": [None, last_day.isoformat()],
            "is_public": [None, _flag(hearing["is_public"])],
            "invited": [None, str(len(row["affected"]))],
            "revision": ["1", "2"],
        },
        **common,
    )
    if hearing["reminded_at"]:
        yield record(
            at=hearing["reminded_at"], actor=None, action=AuditAction.CHANGED,
            # In UTC, as the daily job writes it.
            changes={"reminded_at": [None, hearing["reminded_at"].astimezone(datetime.UTC).isoformat()]}, **common,
        )
    if row["decided_at"] is None:
        return
    decided = {
        "status": [Status.HEARING.value, Status.DECIDED.value],
        "outcome": [None, row["outcome"]],
        "reasons": [None, row["reasons"]],
        "revision": ["2", "3"],
    }
    if row["review_on"]:
        decided["review_on"] = [None, row["review_on"].isoformat()]
    yield record(at=row["decided_at"], actor=coordinator, action=AuditAction.CHANGED, changes=decided, **common)
    if row["communicated_at"] is None:
        return
    yield record(
        at=row["communicated_at"], actor=coordinator, action=AuditAction.CHANGED,
        changes={"status": [Status.DECIDED.value, Status.COMMUNICATED.value], "revision": ["3", "4"]},
        **common,
    )
    if row["correction"]:
        corrected_at, _note, outcome = row["correction"]
        yield record(
            at=corrected_at, actor=coordinator, action=AuditAction.CHANGED,
            changes={"outcome": [row["outcome"], outcome], "version": ["1", "2"], "revision": ["4", "5"]},
            **common,
        )
