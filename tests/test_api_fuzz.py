"""The API fuzzed against its own live schema with schemathesis: for every operation,
requests built from the schema (and requests that break it) must never end in a server
error, every answer must match what the schema says (status, content type, body), and an
anonymous caller must never receive anything an anonymous visitor may not see.

Bounded: a fixed number of examples per operation and no deadline per example, so the run
takes well under a minute on CI (where the examples are the same each run; a developer's run
draws new ones). The path's alliance slug is swapped for the landscape's own
alliances now and then, so the fuzzer reaches real objects, not only 404s."""

import itertools
import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from brobygger.alliances.models import Visibility
from brobygger.api.services import token_create
from brobygger.ledger import services as ledger
from brobygger.ledger.models import EntryVisibility

EXAMPLES = 15
# No server error, and every answer as the schema says (status, content type, headers, body).
# Whether the API accepts every value the schema allows is not asked: a municipality code of
# the right shape that names no municipality is refused with a 400 naming the field.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# What an anonymous caller must never receive: the titles of alliances only members see, and
# the texts of ledger entries only members or the party's own people read.
SECRETS = ("Intern mælk", "Hemmelig mælk", "Medlemmernes bidrag 7731", "Fortroligt bidrag 7732")


@pytest.fixture
def fuzz_world(landscape):
    party = landscape.public.parties.get(organisation=landscape.company)
    for description, visibility in (
        ("Offentligt bidrag 7730", EntryVisibility.PUBLIC),
        (SECRETS[2], EntryVisibility.MEMBERS),
        (SECRETS[3], EntryVisibility.CONFIDENTIAL),
    ):
        ledger.contribution_create(
            actor=landscape.partner,
            party=party,
            kind="penge",
            description=description,
            quantity=1000,
            unit="kr",
            period_start=landscape.public.created_at.date(),
            visibility=visibility,
        )
    assert landscape.private.visibility == Visibility.PRIVATE
    # The WSGI app runs inside the test's transaction, as Django's test client does: the
    # request signals must not close the connection that holds it.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield landscape
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _operations():
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
    return [result.ok() for result in schema.get_all_operations()]


def _fuzz(operation, mode: GenerationMode, landscape, headers: dict, *, check_secrets: bool) -> None:
    turns = itertools.cycle(["public", None, "internal", "private", None])

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        # On CI the same examples each run, so a red run is reproducible; elsewhere new ones.
        derandomize=bool(os.environ.get("CI")),
    )
    def run(case):
        if "slug" in (case.path_parameters or {}):
            choice = next(turns)
            if choice is not None:
                case.path_parameters["slug"] = getattr(landscape, choice).slug
        response = case.call_and_validate(headers={"Host": "localhost", **headers}, checks=CHECKS)
        if check_secrets:
            for secret in SECRETS:
                assert secret not in response.text, f"{case.method} {case.formatted_path} gave {secret!r} away"

    try:
        run()
    except Unsatisfiable:
        # Nothing in this operation can be made invalid (its only parameter is the slug, say).
        if mode != GenerationMode.NEGATIVE:
            raise


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_anonymous_callers_get_valid_answers_and_nothing_hidden(fuzz_world, mode):
    for operation in _operations():
        _fuzz(operation, mode, fuzz_world, {}, check_secrets=True)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_a_coordinators_token_gets_valid_answers(fuzz_world, mode):
    _token, clear = token_create(actor=fuzz_world.coordinator, name="fuzz", read_only=False)
    for operation in _operations():
        _fuzz(operation, mode, fuzz_world, {"Authorization": f"Bearer {clear}"}, check_secrets=False)
