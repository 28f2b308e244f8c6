"""A page never offers an action the rules refuse (issue 12): every link and every form on
the alliance page and on an organisation's page, followed by every kind of user who is
offered it, is not answered with 403. The observer (a politician) speaks for Lejre Kommune,
as politicians often do; the public alliance has a second coordinator, so "Fjern" is offered
on coordinators there."""

import re

import pytest
from django.db import transaction

from brobygger.alliances import services
from brobygger.alliances.models import MemberRole, Membership
from brobygger.testing.matrix import KINDS
from conftest import make_user

HREF = re.compile(r'<a [^>]*href="(/[^"#]*)')
FORM = re.compile(r'<form [^>]*method="post"[^>]*action="(/[^"]*)"|<form [^>]*action="(/[^"]*)"[^>]*method="post"')
# Leaving the page for another part of the site, not an action on what the page shows.
NOT_ACTIONS = ("/konto/logout/", "/i18n/setlang/")


def offered(html: str) -> tuple[set[str], set[str]]:
    main = html.split("<main", 1)[-1].split("</main>", 1)[0]
    links = {link.replace("&amp;", "&") for link in HREF.findall(main)}
    forms = {(a or b).replace("&amp;", "&") for a, b in FORM.findall(main)}
    return links, {form for form in forms if form not in NOT_ACTIONS}


@pytest.fixture
def politician_world(world):
    landscape = world.landscape
    for alliance in (landscape.public, landscape.internal, landscape.private):
        Membership.objects.filter(alliance=alliance, user=landscape.observer).update(
            party=alliance.parties.get(organisation=landscape.lejre)
        )
    services.membership_add(
        actor=landscape.coordinator,
        alliance=landscape.public,
        user=make_user("medkoordinator", landscape.lejre),
        role=MemberRole.COORDINATOR,
    )
    return world


def pages(world) -> list[str]:
    landscape = world.landscape
    alliances = [landscape.public, landscape.internal, landscape.private]
    return [alliance.get_absolute_url() for alliance in alliances] + [
        organisation.get_absolute_url() for organisation in world.organisations.values()
    ]


def test_no_offered_link_or_form_answers_403(politician_world):
    world = politician_world
    problems = []
    for kind in KINDS:
        client = world.client(kind)
        for page in pages(world):
            response = client.get(page)
            if response.status_code != 200:
                continue
            links, forms = offered(response.content.decode())
            for link in sorted(links):
                status = client.get(link).status_code
                if status == 403:
                    problems.append(f"{kind}: {page} links to {link}, which answers 403")
            for action in sorted(forms):
                # Sent empty: a refused action answers 403 before the form is read.
                with transaction.atomic():
                    status = client.post(action, {}).status_code
                    transaction.set_rollback(True)
                if status == 403:
                    problems.append(f"{kind}: {page} has a form to {action}, which answers 403")
    assert not problems, "\n".join(problems)
