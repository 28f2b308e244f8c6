"""The OpenAPI schema: valid, without a warning from the generator (an endpoint it cannot
describe, a name used twice), every operation documented with its answers, and every
registered route in it."""

import io
import json
import re

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


def test_the_docs_page_lists_every_operation_and_its_links_lead_somewhere(db):
    from django.test import Client

    response = Client().get("/api/v1/docs")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    for route in registry.api_routes:
        assert f"/api/v1/{route.route.replace('<slug:slug>', '{slug}').split('<')[0]}" in page, route.key
    assert "<code>POST /api/v1/alliances/{slug}/results/</code>" in page
    anchors = set(re.findall(r'href="#([^"]+)"', page))
    ids = set(re.findall(r'id="([^"]+)"', page))
    assert anchors and anchors <= ids, sorted(anchors - ids)
    assert '<a href="#schema-entryvisibilityenum">' in page
