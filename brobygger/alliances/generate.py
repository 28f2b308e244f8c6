"""The foundation's share of a generated data set (registered as `registry.GeneratedData`):
organisations, users verified for them, alliances with their parties, members and first
phase, at the national proportions (3,000 alliances of which 300 led by Aarhus, about
15,000 parties and 6,000 users; `small` is a tenth). Bulk-inserted, with one password hash
for every generated user, and one audit record per alliance, party and membership.

It also creates the demo logins (`demo_data.USERS` with `login`, password
`demo_data.DEMO_PASSWORD`, one hash): the top leader works for Aarhus Kommune, which leads
300 alliances, and each of them is a member of some alliances, so the benchmark and a visitor
trying the national set log in as the same people as in the demo.

It leaves for the capabilities' generators, in `context.shared`: `parties` (a list of
(party id, alliance id, writer user id or None)), `coordinators` ({alliance id: user id})
and `now`.
"""

import itertools

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from stdnum.dk import cvr as stdnum_cvr

from brobygger.accounts.models import User
from brobygger.core.models import AuditAction, AuditRecord
from brobygger.core.registry import scaled

from . import demo_data
from .models import (
    Affiliation,
    AffiliationMethod,
    AffiliationStatus,
    Alliance,
    MemberRole,
    Membership,
    Organisation,
    OrganisationKind,
    Party,
    PartyConsent,
    Phase,
    PhaseChange,
    Visibility,
    WelfareArea,
)

# At scale "national"; the other scales take their share of it (registry.GENERATED_SCALES).
ALLIANCES = 3000
LED_BY_AARHUS = 300
USERS = 6000
COMPANIES = 3000
ASSOCIATIONS = 2500
GENERATED_PASSWORD = "generer-brobygger"
BATCH = 2000

_PLACES = ["Nord", "Syd", "Øst", "Vest", "Midt", "By", "Land", "Kyst", "Dal", "Ås"]
_TOPICS = {
    "aeldre": ["Fællesspisning", "Besøgsvenner", "Aktive ældre", "Tryg hjemkomst"],
    "sundhed": ["Telemedicin", "Sundhedshus", "Motion på recept", "Forebyggelse"],
    "folkeskole": ["Lektiecafé", "Naturfag i praksis", "Skolemad", "Trivsel i klassen"],
    "dagtilbud": ["Naturbørnehave", "Sprogleg", "Forældrenetværk", "Udeliv"],
    "uddannelse": ["Praktikpladser", "Mentorordning", "Fra skole til job", "Brobygning"],
    "socialomraade": ["Bostøtte", "Fællesskaber", "Job med støtte", "Netværk"],
    "psykiatri": ["Peer-støtte", "Recovery-skole", "Åbent hus", "Pårørendenetværk"],
    "beskaeftigelse": ["Virksomhedspraktik", "Job i lokalområdet", "Opkvalificering", "Jobbank"],
    "klima": ["Grønne tage", "Regnvand", "Delebiler", "Affald som ressource"],
    "by": ["Ny belysning", "Tryg by", "Byhaver", "Stier og broer"],
    "kultur": ["Kulturhus", "Foreningsliv", "Musik for alle", "Bibliotek i byen"],
    "andet": ["Lokalt samarbejde", "Frivillighed", "Nye fællesskaber", "Sammen om velfærd"],
}
_PHASES = [Phase.IDEA, Phase.CLARIFICATION, Phase.ESTABLISHMENT, Phase.OPERATION, Phase.OPERATION, Phase.EVALUATION]
_VISIBILITIES = [Visibility.PUBLIC, Visibility.PUBLIC, Visibility.INTERNAL, Visibility.INTERNAL, Visibility.PRIVATE]



def cvr_numbers(rng):
    """Made-up CVR numbers that pass the mod-11 check, never the same twice."""
    seen = set(Organisation.objects.exclude(cvr="").values_list("cvr", flat=True))
    while True:
        candidate = str(rng.randint(10_000_000, 99_999_999))
        if candidate not in seen and stdnum_cvr.is_valid(candidate):
            seen.add(candidate)
            yield candidate


def _audit(rows, model, now) -> list[AuditRecord]:
    content_type = ContentType.objects.get_for_model(model)
    return [
        AuditRecord(
            at=now,
            actor_id=actor_id,
            actor_name="",
            alliance_id=alliance_id,
            party_id=party_id,
            content_type=content_type,
            object_id=object_id,
            object_label=label[:300],
            action=AuditAction.CREATED,
        )
        for object_id, label, alliance_id, party_id, actor_id in rows
    ]


def generate(context) -> None:
    rng = context.shared["random"]
    scale = context.options["scale"]
    now = timezone.now()
    context.shared["now"] = now
    # By key, not the model's default order by name: names sort by the database's collation
    # (PostgreSQL's Danish or English sorts Æ, Ø and Å elsewhere than SQLite does), and the
    # order decides which authority each random draw picks, so the same seed gave other
    # alliances, memberships and everything drawn after them on another database.
    authorities = list(
        Organisation.objects.filter(
            kind__in=[OrganisationKind.MUNICIPALITY, OrganisationKind.REGION], valid_to__isnull=True
        ).order_by("pk")
    )
    municipalities = [org for org in authorities if org.kind == OrganisationKind.MUNICIPALITY]
    aarhus = next(org for org in municipalities if org.name == "Aarhus Kommune")

    cvrs = cvr_numbers(rng)
    companies = Organisation.objects.bulk_create(
        [
            Organisation(name=f"{rng.choice(_PLACES)}{word} {number} ApS", kind=OrganisationKind.COMPANY, cvr=next(cvrs))
            for number, word in zip(
                range(1, scaled(COMPANIES, scale) + 1), itertools.cycle(["byg", "mad", "tech", "pleje", "energi"]), strict=False
            )
        ],
        batch_size=BATCH,
    )
    associations = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Foreningen {rng.choice(_PLACES)} {number}",
                kind=rng.choice([OrganisationKind.ASSOCIATION, OrganisationKind.CITIZEN_GROUP]),
            )
            for number in range(1, scaled(ASSOCIATIONS, scale) + 1)
        ],
        batch_size=BATCH,
    )

    # Users: one password hash for all, each verified for an organisation.
    password = make_password(GENERATED_PASSWORD)
    employers = municipalities + companies + associations
    users = User.objects.bulk_create(
        [
            User(
                username=f"bruger{number:05d}",
                email=f"bruger{number:05d}@generated.example",
                first_name=f"Bruger{number:05d}",
                last_name="Genereret",
                password=password,
            )
            for number in range(1, scaled(USERS, scale) + 1)
        ],
        batch_size=BATCH,
    )
    employer_of = {user.pk: rng.choice(employers) for user in users}
    Affiliation.objects.bulk_create(
        [
            Affiliation(
                user=user,
                organisation=employer_of[user.pk],
                status=AffiliationStatus.VERIFIED,
                method=AffiliationMethod.STAFF,
                requested_at=now,
                verified_at=now,
                note="Genereret",
            )
            for user in users
        ],
        batch_size=BATCH,
    )
    staff_by_org: dict[int, list[User]] = {}
    for user in users:
        staff_by_org.setdefault(employer_of[user.pk].pk, []).append(user)

    # Alliances: the first LED_BY_AARHUS are led by Aarhus, the rest by any municipality.
    alliance_count = scaled(ALLIANCES, scale)
    aarhus_count = scaled(LED_BY_AARHUS, scale)
    leads = [aarhus if number < aarhus_count else rng.choice(authorities) for number in range(alliance_count)]
    alliances = []
    for number, lead in enumerate(leads, start=1):
        area = rng.choice(WelfareArea.values)
        title = f"{rng.choice(_TOPICS[area])} i {lead.name.removesuffix(' Kommune')} {number}"
        alliances.append(
            Alliance(
                title=title,
                slug=f"genereret-{number:05d}",
                summary=f"{title}: kommunen løser opgaven sammen med virksomheder, foreninger og borgere.",
                purpose="Sammen kan parterne noget, ingen af dem kan alene.",
                welfare_area=area,
                lead_organisation=lead,
                phase=rng.choice(_PHASES),
                # The first is public, so even the tiny data set has a public alliance led by
                # the top leader's municipality.
                visibility=Visibility.PUBLIC if number == 1 else rng.choice(_VISIBILITIES),
            )
        )
    alliances = Alliance.objects.bulk_create(alliances, batch_size=BATCH)

    parties = []
    for alliance in alliances:
        chosen = {alliance.lead_organisation_id: alliance.lead_organisation}
        for organisation in rng.sample(companies, rng.randint(1, 3)) + rng.sample(associations, rng.randint(1, 3)):
            chosen[organisation.pk] = organisation
        for organisation in chosen.values():
            parties.append(
                Party(
                    alliance=alliance,
                    organisation=organisation,
                    role_description="Bidrager med det, parten er god til.",
                    consent=PartyConsent.CONFIRMED,
                    consent_at=now,
                )
            )
    parties = Party.objects.bulk_create(parties, batch_size=BATCH)

    memberships, writers, coordinators = [], [], {}
    all_users = users
    for alliance, group in itertools.groupby(parties, key=lambda party: party.alliance_id):
        group = list(group)
        taken: set[int] = set()
        coordinator = rng.choice(staff_by_org.get(group[0].organisation_id) or all_users)
        taken.add(coordinator.pk)
        coordinators[alliance] = coordinator.pk
        memberships.append(Membership(alliance_id=alliance, user=coordinator, role=MemberRole.COORDINATOR, party=group[0]))
        writers.append((group[0].pk, alliance, coordinator.pk))
        for party in group[1:]:
            candidates = [u for u in staff_by_org.get(party.organisation_id, []) if u.pk not in taken]
            partner = candidates[0] if candidates else None
            if partner is not None:
                taken.add(partner.pk)
                memberships.append(Membership(alliance_id=alliance, user=partner, role=MemberRole.PARTNER, party=party))
            writers.append((party.pk, alliance, partner.pk if partner else None))
        observer = rng.choice(all_users)
        if observer.pk not in taken:
            memberships.append(Membership(alliance_id=alliance, user=observer, role=MemberRole.OBSERVER))
    memberships += _demo_people(rng, aarhus, parties, now)
    memberships = Membership.objects.bulk_create(memberships, batch_size=BATCH)
    PhaseChange.objects.bulk_create(
        [PhaseChange(alliance=alliance, from_phase="", to_phase=alliance.phase, changed_at=now) for alliance in alliances],
        batch_size=BATCH,
    )
    AuditRecord.objects.bulk_create(
        _audit([(a.pk, a.title, a.pk, None, coordinators[a.pk]) for a in alliances], Alliance, now)
        + _audit([(p.pk, str(p.organisation), p.alliance_id, p.pk, coordinators[p.alliance_id]) for p in parties], Party, now)
        + _audit(
            [(m.pk, f"{m.user} ({m.role})", m.alliance_id, None, coordinators[m.alliance_id]) for m in memberships],
            Membership,
            now,
        ),
        batch_size=BATCH,
    )
    context.shared.update(parties=writers, coordinators=coordinators)
    counts = context.shared.setdefault("counts", {})
    counts.update(
        organisations=len(companies) + len(associations),
        users=len(users),
        alliances=len(alliances),
        parties=len(parties),
        memberships=len(memberships),
    )


def _demo_people(rng, aarhus, parties, now) -> list[Membership]:
    """The demo logins, verified for their organisations, with their memberships (returned to be
    inserted with the others). The top leader, the coordinator and the politician work for
    Aarhus Kommune; the partner for the company that is a party in most alliances."""
    password = make_password(demo_data.DEMO_PASSWORD)
    parties_of: dict[int, list[Party]] = {}
    for party in parties:
        parties_of.setdefault(party.organisation_id, []).append(party)
    company = max(
        (org for org, held in parties_of.items() if held[0].organisation.kind == OrganisationKind.COMPANY),
        key=lambda org: (len(parties_of[org]), -org),
    )
    employer = {"topleder": aarhus.pk, "koordinator": aarhus.pk, "politiker": aarhus.pk, "partner": company}
    users = {
        username: User.objects.create(
            username=username,
            email=f"{username}@demo.example",
            first_name=spec["name"].split(" ")[0],
            last_name=spec["name"].split(" ", 1)[1],
            password=password,
            is_staff=spec.get("staff", False),
            is_superuser=spec.get("staff", False),
        )
        for username, spec in demo_data.USERS.items()
        if spec.get("login")
    }
    Affiliation.objects.bulk_create(
        [
            Affiliation(
                user=users[username],
                organisation_id=organisation_id,
                status=AffiliationStatus.VERIFIED,
                method=AffiliationMethod.STAFF,
                requested_at=now,
                verified_at=now,
                note="Genereret",
            )
            for username, organisation_id in employer.items()
            if username in users
        ]
    )
    led_by_aarhus = [party for party in parties_of[aarhus.pk] if party.alliance.lead_organisation_id == aarhus.pk]
    chosen = rng.sample(led_by_aarhus, min(len(led_by_aarhus), 12))
    memberships = [
        Membership(alliance_id=party.alliance_id, user=users["koordinator"], role=MemberRole.COORDINATOR, party=party)
        for party in chosen[:8]
    ]
    memberships += [
        Membership(alliance_id=party.alliance_id, user=users["politiker"], role=MemberRole.OBSERVER) for party in chosen[8:]
    ]
    # The top leader follows some of the public ones: the benchmark loads the same alliance's
    # pages as a visitor and as the top leader.
    public = [party for party in led_by_aarhus if party.alliance.visibility == Visibility.PUBLIC]
    memberships += [
        Membership(alliance_id=party.alliance_id, user=users["topleder"], role=MemberRole.OBSERVER)
        for party in rng.sample(public, min(len(public), 6))
    ]
    memberships += [
        Membership(alliance_id=party.alliance_id, user=users["partner"], role=MemberRole.PARTNER, party=party)
        for party in parties_of[company][:6]
    ]
    return memberships
