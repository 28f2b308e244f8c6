"""One shared cache and one client address: the cache backend and its table, the migrate
command that creates it, the rate limit helper kept in the cache, and client_ip, which
believes X-Forwarded-For only from the trusted proxies."""

import datetime
import uuid

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command, get_commands
from django.db import connection

from brobygger.core import ratelimit
from brobygger.core.net import client_ip

CLIENT = "198.51.100.7"
NOON = datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC)

database_cache_only = pytest.mark.skipif(
    bool(django_settings.REDIS_URL), reason="REDIS_URL is set: the cache is Redis"
)


def request(rf, remote_addr: str, forwarded_for: str | None = None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return rf.get("/", **extra)


# --- client_ip --------------------------------------------------------------------------------


def test_without_trusted_proxies_the_address_is_remote_addr(rf, settings):
    """With no trusted proxies configured, X-Forwarded-For is ignored."""
    settings.BROBYGGER_TRUSTED_PROXIES = []
    assert client_ip(request(rf, "203.0.113.9", CLIENT)) == "203.0.113.9"


def test_header_from_an_untrusted_peer_is_ignored(rf, settings):
    """A peer that is not a trusted proxy cannot choose its address with X-Forwarded-For."""
    settings.BROBYGGER_TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_ip(request(rf, "203.0.113.9", CLIENT)) == "203.0.113.9"


def test_header_from_a_trusted_proxy_names_the_client(rf, settings):
    """From a trusted proxy (a single address), the header's last entry is the client."""
    settings.BROBYGGER_TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_ip(request(rf, "10.0.0.1", CLIENT)) == CLIENT


def test_entries_the_client_sent_itself_are_not_believed(rf, settings):
    """Addresses left of the first untrusted hop (which the client may have sent) are ignored."""
    settings.BROBYGGER_TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_ip(request(rf, "10.0.0.1", f"1.2.3.4, {CLIENT}")) == CLIENT


def test_chained_trusted_proxies_in_a_network_are_skipped(rf, settings):
    """Proxies inside a trusted CIDR network are skipped from the right up to the client."""
    settings.BROBYGGER_TRUSTED_PROXIES = ["192.0.2.1", "10.0.0.0/8"]
    forwarded = f"1.2.3.4, {CLIENT}, 10.20.30.40, 192.0.2.1"
    assert client_ip(request(rf, "10.0.0.2", forwarded)) == CLIENT


def test_several_forwarded_headers_are_read_as_one_chain(rf, settings):
    """Spaces and empty parts around commas do not matter; the walk still ends at the client."""
    settings.BROBYGGER_TRUSTED_PROXIES = "10.0.0.0/8, 192.0.2.1"
    assert client_ip(request(rf, "10.0.0.2", f"  {CLIENT} ,10.9.9.9")) == CLIENT


def test_garbage_in_the_header_ends_the_walk(rf, settings):
    """An entry that is not an address ends the walk, and the answer is the trusted peer."""
    settings.BROBYGGER_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request(rf, "10.0.0.2", f"{CLIENT}, not-an-address")) == "10.0.0.2"
    assert client_ip(request(rf, "10.0.0.2", f"{CLIENT}, {CLIENT}:443")) == "10.0.0.2"
    assert client_ip(request(rf, "10.0.0.2", "<script>")) == "10.0.0.2"
    assert client_ip(request(rf, "10.0.0.2", f"garbage, {CLIENT}")) == CLIENT


def test_a_missing_header_or_only_proxies_gives_the_peer(rf, settings):
    """A trusted proxy without the header, or with only trusted hops in it, is the address."""
    settings.BROBYGGER_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request(rf, "10.0.0.2")) == "10.0.0.2"
    assert client_ip(request(rf, "10.0.0.2", "")) == "10.0.0.2"
    assert client_ip(request(rf, "10.0.0.2", "10.1.1.1, 10.2.2.2")) == "10.0.0.2"


def test_ipv6_proxies_and_clients(rf, settings):
    """IPv6 proxies and networks are trusted like IPv4 ones, and the client comes back normalised."""
    settings.BROBYGGER_TRUSTED_PROXIES = ["2001:db8:ffff::/48"]
    forwarded = "2001:DB8:0:0::ABCD, 2001:db8:ffff::9"
    assert client_ip(request(rf, "2001:db8:ffff::1", forwarded)) == "2001:db8::abcd"
    assert client_ip(request(rf, "2001:db8:1::1", forwarded)) == "2001:db8:1::1"


def test_an_ipv4_mapped_peer_is_trusted_by_its_ipv4_network(rf, settings):
    """A proxy seen on a dual-stack socket as ::ffff:a.b.c.d is matched against IPv4 networks."""
    settings.BROBYGGER_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request(rf, "::ffff:10.0.0.1", CLIENT)) == CLIENT


def test_a_malformed_trusted_proxy_setting_is_refused(rf, settings):
    """A TRUSTED_PROXIES entry that is neither an address nor a network is a configuration error."""
    settings.BROBYGGER_TRUSTED_PROXIES = ["10.0.0.0/8", "proxy.example.dk"]
    with pytest.raises(ImproperlyConfigured, match="proxy.example.dk"):
        client_ip(request(rf, "10.0.0.1", CLIENT))


# --- the shared cache -------------------------------------------------------------------------


@database_cache_only
def test_the_cache_is_the_database_cache():
    """Without REDIS_URL the default cache is the database cache in the brobygger_cache table."""
    default = caches["default"]
    assert isinstance(default, DatabaseCache)
    assert default._table == "brobygger_cache"


@database_cache_only
@pytest.mark.django_db
def test_the_cache_table_exists_in_the_test_database():
    """The test database has the cache table, and values round-trip through it."""
    assert "brobygger_cache" in connection.introspection.table_names()
    cache.set("probe", {"value": 42}, 60)
    assert cache.get("probe") == {"value": 42}


def test_migrate_is_the_core_override():
    """`migrate` resolves to brobygger.core's command, which creates the cache table."""
    assert get_commands()["migrate"] == "brobygger.core"


@pytest.mark.django_db
def test_migrate_creates_the_database_cache_table(settings):
    """migrate creates a missing cache table; --plan only reports and creates nothing."""
    table = "brobygger_cache_probe"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table}
    }
    call_command("migrate", plan=True, verbosity=0)
    assert table not in connection.introspection.table_names()
    call_command("migrate", database="default", interactive=False, verbosity=0)
    assert table in connection.introspection.table_names()
    cache.set("probe", "ja", 60)
    assert cache.get("probe") == "ja"


# --- rate limits ------------------------------------------------------------------------------


@pytest.fixture
def key():
    """A key no earlier run has counted (a Redis cache outlives the test)."""
    return f"test:{uuid.uuid4()}"


@pytest.mark.django_db
def test_a_limit_allows_limit_hits_then_refuses(key):
    """hit() is True for the first `limit` hits in a window and False after that."""
    with time_machine.travel(NOON, tick=False):
        results = [
            ratelimit.hit(key, limit=3, window=datetime.timedelta(minutes=1)) for _ in range(5)
        ]
    assert results == [True, True, True, False, False]


@pytest.mark.django_db
def test_a_new_window_allows_again(key):
    """Once the window has passed, the count starts again."""
    window = datetime.timedelta(minutes=1)
    with time_machine.travel(NOON, tick=False) as traveller:
        assert ratelimit.hit(key, limit=1, window=window)
        assert not ratelimit.hit(key, limit=1, window=window)
        traveller.shift(window)
        assert ratelimit.hit(key, limit=1, window=window)
        assert not ratelimit.hit(key, limit=1, window=window)


@pytest.mark.django_db
def test_a_long_window_keeps_its_count_past_the_default_expiry(key):
    """A count in an hour's window still holds after ten minutes (beyond the cache's default 300 s)."""
    window = datetime.timedelta(hours=1)
    with time_machine.travel(NOON, tick=False) as traveller:
        assert ratelimit.hit(key, limit=2, window=window)
        assert ratelimit.hit(key, limit=2, window=window)
        traveller.shift(datetime.timedelta(minutes=10))
        assert not ratelimit.hit(key, limit=2, window=window)


@pytest.mark.django_db
def test_keys_are_counted_separately(key):
    """Hits on one key do not count against another."""
    window = datetime.timedelta(minutes=1)
    with time_machine.travel(NOON, tick=False):
        assert ratelimit.hit(key, limit=1, window=window)
        assert not ratelimit.hit(key, limit=1, window=window)
        assert ratelimit.hit(key + ":other", limit=1, window=window)


def test_a_window_must_be_positive(key):
    """A zero window is a programming error, not an unlimited limit."""
    with pytest.raises(ValueError, match="window"):
        ratelimit.hit(key, limit=1, window=datetime.timedelta(0))
