"""Data versions (core/versions.py) and the database cache's set_many (core/cache.py), on which
the kept cards rest."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from brobygger.core import audit, versions
from brobygger.core.cache import DatabaseCache
from brobygger.core.models import AuditAction

pytestmark = pytest.mark.django_db


def _record(alliance_id):
    # Any row will do as what the record is about; the core knows no domain model.
    thing = ContentType.objects.get_for_model(ContentType)
    audit.record(actor=None, obj=thing, action=AuditAction.CHANGED, alliance_id=alliance_id)


def test_a_record_renews_its_alliances_version_and_no_other():
    before = versions.of_alliances([1, 2])
    assert versions.of_alliances([1, 2]) == before  # read again: the same
    _record(alliance_id=1)
    after = versions.of_alliances([1, 2])
    assert after[1] != before[1]
    assert after[2] == before[2]


def test_a_record_of_no_alliance_renews_every_version():
    before = versions.of_alliances([1, 2])
    everything = versions.of_everything_else()
    _record(alliance_id=None)
    after = versions.of_alliances([1, 2])
    assert after[1] != before[1] and after[2] != before[2]
    assert versions.of_everything_else() != everything


def test_the_version_is_renewed_again_when_the_writing_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _record(alliance_id=7)
        during = versions.of_alliances([7])
    assert len(callbacks) == 1
    # A reader during the transaction may have kept what it read under `during`.
    callbacks[0]()
    assert versions.of_alliances([7]) != during


def test_a_lost_version_is_made_anew_never_reused():
    first = versions.of_alliances([3])
    cache.delete("version:alliance:3")
    assert versions.of_alliances([3]) != first


@pytest.mark.skipif(not isinstance(caches["default"], DatabaseCache), reason="the cache is Redis")
def test_set_many_writes_any_number_of_entries_in_a_fixed_number_of_queries():
    cache.set("kept:0", "old", 60)
    counts = []
    for size in (2, 200):
        with CaptureQueriesContext(connection) as queries:
            assert cache.set_many({f"kept:{n}": f"value {n}" for n in range(size)}, 60) == []
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert cache.get("kept:0") == "value 0"  # overwritten
    assert cache.get_many([f"kept:{n}" for n in range(200)]) == {f"kept:{n}": f"value {n}" for n in range(200)}


@pytest.mark.skipif(not isinstance(caches["default"], DatabaseCache), reason="the cache is Redis")
def test_set_many_keeps_the_timeout():
    cache.set_many({"gone": 1, "kept": 2}, 60)
    cache.set_many({"gone": 1}, 0)  # no time: as good as deleted
    assert cache.get_many(["gone", "kept"]) == {"kept": 2}


def test_a_new_release_of_a_template_or_its_code_is_a_new_code_version(tmp_path):
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "card.html"
    template.write_text("<p>{{ title }}</p>")
    (tmp_path / "views.py").write_text("def view(): pass\n")
    first = versions.code_version([tmp_path])
    assert versions.code_version([tmp_path]) == first
    template.write_text("<p><strong>{{ title }}</strong></p>")
    second = versions.code_version([tmp_path])
    assert second != first
    (tmp_path / "views.py").write_text("def view(): return 1\n")
    third = versions.code_version([tmp_path])
    assert third not in {first, second}
    # Styles, scripts and the design system's assets make no markup.
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "demo.html").write_text("<p>demo</p>")
    (tmp_path / "site.css").write_text("p { color: red }")
    assert versions.code_version([tmp_path]) == third


def test_markup_is_kept_under_the_running_codes_version():
    from brobygger.core import registry

    kept = registry.kept_alliance_markup("version_test", None, None, "includes/icon.html", lambda: {"name": "menu"})
    prefix = registry._fragment_prefix("version_test")
    assert versions.of_code() in prefix
    assert cache.get(f"{prefix}:-:{versions.of_everything_else()}") == kept
