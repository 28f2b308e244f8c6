"""The foundation's share of the demo (registered as `registry.DemoData`): organisations and
their domains, people verified by their addresses, alliances with their phase history,
parties, members and open invitations. Built through the same services as the pages, each
write by the person who would make it. Idempotent: what exists already is left as it is.

It leaves for the capabilities' loaders, in `context.shared`: `users` (by username),
`alliances` (by title, only those created in this run), `parties` (by title, then by the
organisation key the demo data uses) and `coordinators` (by title).
"""

import datetime

from django.utils import timezone

from brobygger.accounts.models import User
from brobygger.accounts.services import user_create

from . import demo_data as data
from . import services
from .models import Alliance, Organisation, OrganisationDomain, Party
from .rules import verified_organisation_id


def _at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(10)))


def _organisation(key: str, organisations: dict[str, Organisation]) -> Organisation:
    if key in organisations:
        return organisations[key]
    return Organisation.objects.get(name=key, kind__in=["kommune", "region"])


def demo_users_exist() -> bool:
    return User.objects.filter(username__in=[k for k, v in data.USERS.items() if v.get("login")]).exists()


def demo_logins() -> list[tuple[str, str]]:
    return [(username, spec["name"]) for username, spec in data.USERS.items() if spec.get("login")]


def _users(*, with_passwords: bool) -> dict[str, User]:
    users: dict[str, User] = {}
    for username, spec in data.USERS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            org_key = spec["organisation"]
            domain = data.DOMAINS[org_key] if org_key else data.STAFF_EMAIL_DOMAIN
            user = user_create(
                username=username,
                email=f"{username}@{domain}",
                full_name=spec["name"],
                password=data.DEMO_PASSWORD if spec.get("login") and with_passwords else None,
                is_staff=spec.get("staff", False),
                is_superuser=spec.get("staff", False),
                # The shared demo password is public by design.
                check_password_strength=False,
            )
        users[username] = user
    return users


def load(context) -> None:
    with_passwords = not context.options.get("production", False)
    users = _users(with_passwords=with_passwords)
    staff = next(user for user in users.values() if user.is_staff)

    organisations: dict[str, Organisation] = {}
    for key, spec in data.ORGANISATIONS.items():
        organisation = Organisation.objects.filter(name=spec["name"]).first()
        if organisation is None:
            organisation = services.organisation_create(
                actor=staff, name=spec["name"], kind=spec["kind"], cvr=spec["cvr"]
            )
        organisations[key] = organisation

    # Staff register the organisations' domains; the demo's people are then verified by
    # their addresses there, as if each had followed the confirmation link.
    for org_key, domain in data.DOMAINS.items():
        if not OrganisationDomain.objects.filter(domain=domain).exists():
            services.organisation_domain_add(
                actor=staff, organisation=_organisation(org_key, organisations), domain=domain
            )
    for user in users.values():
        services.affiliation_verify_by_domain(user=user)

    alliances: dict[str, Alliance] = {}
    parties: dict[str, dict[str, Party]] = {}
    coordinators: dict[str, User] = {}
    for spec in data.ALLIANCES:
        if Alliance.objects.filter(title=spec["title"]).exists():
            continue
        coordinator = users[spec["coordinator"]]
        (first_phase, first_day), *later_phases = spec["phases"]
        alliance = services.alliance_create(
            actor=coordinator,
            title=spec["title"],
            summary=spec["summary"],
            purpose=spec["purpose"],
            welfare_area=spec["welfare_area"],
            lead_organisation=_organisation(spec["lead"], organisations),
            visibility=spec["visibility"],
            phase=first_phase,
            start_date=spec["start_date"],
            end_date=spec["end_date"],
            lead_role_description=spec["parties"][0][1],
            when=_at(first_day),
        )
        for phase, day in later_phases:
            services.alliance_change_phase(actor=coordinator, alliance=alliance, to_phase=phase, when=_at(day))
        alliance_parties: dict[str, Party] = {}
        for org_key, role, contact_name, contact_email in spec["parties"]:
            organisation = _organisation(org_key, organisations)
            party = alliance.parties.filter(organisation=organisation).first()
            if party is None:
                party = services.party_add(
                    actor=coordinator, alliance=alliance, organisation=organisation, role_description=role
                )
            services.party_update(
                actor=coordinator,
                party=party,
                role_description=role,
                contact_name=contact_name,
                contact_email=contact_email,
            )
            if not party.is_confirmed and org_key not in data.AWAITING_CONSENT:
                # The organisation says yes: one of its own people where the demo has one,
                # else staff.
                employee = next(
                    (user for user in users.values() if verified_organisation_id(user) == organisation.pk), staff
                )
                party = services.party_answer(actor=employee, party=party, confirm=True)
            alliance_parties[org_key] = party
        for username, role, party_key in spec["members"]:
            services.membership_add(
                actor=coordinator,
                alliance=alliance,
                user=users[username],
                role=role,
                party=alliance_parties[party_key],
            )
        for email, name, role, party_key in spec["invitations"]:
            services.invitation_create(
                actor=coordinator,
                alliance=alliance,
                email=email,
                name=name,
                role=role,
                party=alliance_parties[party_key],
                base_url=context.options.get("base_url", "http://127.0.0.1:8000/"),
            )
        alliances[spec["title"]] = alliance
        parties[spec["title"]] = alliance_parties
        coordinators[spec["title"]] = coordinator

    context.shared.update(
        users=users,
        alliances=alliances,
        parties=parties,
        coordinators=coordinators,
        organisations=organisations,
    )
    context.shared.setdefault("counts", {}).update(
        alliances=len(alliances), users=len(users), organisations=len(organisations)
    )
