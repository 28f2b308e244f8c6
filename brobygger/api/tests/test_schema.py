"""The OpenAPI schema: valid, without a warning from the generator (an endpoint it cannot
describe, a name used twice), every operation documented with its answers, and every
registered route in it."""

import io
import json

from django.core.management import call_command

from brobygger.core import registry


def test_the_schema_is_valid_and_describes_every_route(tmp_path):
    path = tmp_path / "openapi.json"
    call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", "--file", str(path), stderr=io.StringIO())
    schema = json.loads(path.read_text())
    operations = [(method, url, operation) for url, item in schema["paths"].items() for method, operation in item.items()]
    assert len({url for _method, url, _operation in operations}) == len(registry.api_routes)
    for method, url, operation in operations:
        assert operation.get("tags"), f"{method} {url} has no tag"
        assert operation.get("description"), f"{method} {url} has no description"
        answers = operation["responses"]
        problems = {code for code, answer in answers.items() if "application/problem+json" in answer.get("content", {})}
        assert {"400", "401", "404", "429"} <= problems, f"{method} {url} does not document its problems"
        if method == "get":
            assert {} in operation["security"], f"{method} {url} does not say that anyone may read"
        else:
            assert {} not in operation["security"], f"{method} {url} lets anyone write"
