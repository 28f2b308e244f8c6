"""Builds the demo landscape through the same services as the pages. Idempotent: what
exists already is left as it is."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from brobygger.accounts.models import User
from brobygger.accounts.services import user_create
from brobygger.agreements import services as agreement_services
from brobygger.alliances import services as alliance_services
from brobygger.alliances.models import Alliance, Organisation, OrganisationDomain, Party
from brobygger.alliances.rules import verified_organisation_id
from brobygger.ledger import services as ledger_services

from . import data


def _writer(party: Party, coordinator: User) -> User:
    """Who records a party's entries: its own representative if it has one."""
    membership = party.memberships.exclude(role="observator").select_related("user").first()
    return membership.user if membership else coordinator


def _load_ledger(parties: dict[str, Party], ledger: dict, coordinator: User) -> None:
    today = timezone.localdate()
    for party_key, entries in ledger.items():
        party = parties[party_key]
        user = _writer(party, coordinator)
        for kind, description, quantity, unit, value, start, end, public in entries["contributions"]:
            ledger_services.contribution_create(
                party=party,
                user=user,
                kind=kind,
                description=description,
                quantity=Decimal(quantity),
                unit=unit,
                estimated_value=Decimal(value) if value else None,
                period_start=datetime.date.fromisoformat(start),
                period_end=datetime.date.fromisoformat(end) if end else None,
                is_public=public,
            )
        for goal_spec in entries["goals"]:
            goal = ledger_services.goal_create(
                party=party,
                user=user,
                title=goal_spec["title"],
                indicator=goal_spec["indicator"],
                target=goal_spec["target"],
                target_date=datetime.date.fromisoformat(goal_spec["target_date"]),
                is_public=goal_spec["public"],
            )
            for days_ago, description, measured, value, url, note, public in goal_spec["results"]:
                ledger_services.result_create(
                    goal=goal,
                    user=user,
                    achieved_on=today - datetime.timedelta(days=days_ago),
                    description=description,
                    measured_value=Decimal(measured) if measured else None,
                    estimated_value=Decimal(value) if value else None,
                    evidence_url=url,
                    evidence_note=note,
                    is_public=public,
                )


def _load_agreement(alliance, parties: dict[str, Party], spec: dict | None, coordinator: User, users) -> None:
    if spec is None:
        return
    agreement_services.terms_update(
        alliance=alliance,
        user=coordinator,
        revisit_on=timezone.localdate() + datetime.timedelta(days=spec["revisit_in_days"]),
        **spec["terms"],
    )
    for party_key, part in spec["parts"].items():
        party = parties[party_key]
        texts = {name: part[name] for name in agreement_services.PART_FIELDS}
        writer = users[part["signed"]] if part.get("signed") else coordinator
        version = agreement_services.part_update(party=party, user=writer, **texts)
        if part.get("signed"):
            agreement_services.part_sign(party=party, user=writer, version_number=version.number)
        if part.get("revised"):
            agreement_services.part_update(party=party, user=writer, **{**texts, **part["revised"]})


def _at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(10)))


def _organisation(key: str, organisations: dict[str, Organisation]) -> Organisation:
    if key in organisations:
        return organisations[key]
    return Organisation.objects.get(name=key, kind__in=["kommune", "region"])


def demo_users_exist() -> bool:
    return User.objects.filter(username__in=[k for k, v in data.USERS.items() if v.get("login")]).exists()


@transaction.atomic
def demo_load(*, base_url: str = "http://127.0.0.1:8000/") -> dict[str, int]:
    organisations: dict[str, Organisation] = {}
    for key, spec in data.ORGANISATIONS.items():
        organisation = Organisation.objects.filter(name=spec["name"]).first()
        if organisation is None:
            organisation = alliance_services.organisation_create(
                name=spec["name"], kind=spec["kind"], cvr=spec["cvr"]
            )
        organisations[key] = organisation

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
                password=data.DEMO_PASSWORD if spec.get("login") else None,
                is_staff=spec.get("staff", False),
                is_superuser=spec.get("staff", False),
                # The shared demo password is public by design.
                check_password_strength=False,
            )
        users[username] = user

    # Staff register the organisations' domains; the demo's people are then verified by
    # their addresses there, as if each had followed the confirmation link.
    staff = next(user for user in users.values() if user.is_staff)
    for org_key, domain in data.DOMAINS.items():
        if not OrganisationDomain.objects.filter(domain=domain).exists():
            alliance_services.organisation_domain_add(
                organisation=_organisation(org_key, organisations), domain=domain, added_by=staff
            )
    for user in users.values():
        alliance_services.affiliation_verify_by_domain(user=user)

    created = 0
    for spec in data.ALLIANCES:
        if Alliance.objects.filter(title=spec["title"]).exists():
            continue
        created += 1
        coordinator = users[spec["coordinator"]]
        (first_phase, first_day), *later_phases = spec["phases"]
        alliance = alliance_services.alliance_create(
            created_by=coordinator,
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
            alliance_services.alliance_change_phase(
                alliance=alliance, to_phase=phase, changed_by=coordinator, when=_at(day)
            )
        parties: dict[str, Party] = {}
        for org_key, role, contact_name, contact_email in spec["parties"]:
            organisation = _organisation(org_key, organisations)
            party = alliance.parties.filter(organisation=organisation).first()
            if party is None:
                party = alliance_services.party_add(
                    alliance=alliance, organisation=organisation, role_description=role
                )
            alliance_services.party_update(
                party=party,
                role_description=role,
                contact_name=contact_name,
                contact_email=contact_email,
            )
            parties[org_key] = party
        lead_party = parties[spec["parties"][0][0]]
        alliance.memberships.filter(user=coordinator).update(
            party=lead_party
            if verified_organisation_id(coordinator) == lead_party.organisation_id
            else None
        )
        for username, role, party_key in spec["members"]:
            alliance_services.membership_add(
                alliance=alliance, user=users[username], role=role, party=parties[party_key]
            )
        _load_ledger(parties, data.LEDGERS.get(spec["title"], {}), coordinator)
        _load_agreement(alliance, parties, data.AGREEMENTS.get(spec["title"]), coordinator, users)
        for email, name, role, party_key in spec["invitations"]:
            alliance_services.invitation_create(
                alliance=alliance,
                email=email,
                name=name,
                role=role,
                party=parties[party_key],
                invited_by=coordinator,
                base_url=base_url,
            )
    return {"alliances": created, "users": len(users), "organisations": len(organisations)}
