"""Rate limits kept in the shared cache (settings CACHES), for limits that may be approximate.

A limit here counts hits per fixed window in the cache: Redis, or the database cache. It
suits limits whose purpose is to slow someone down (password reset requests per address,
say): the count can be lost when the cache is cleared, and on the database cache two hits
at the same moment can be counted once. A limit that must hold exactly counts rows in the
database instead, inside the transaction that adds them.
"""

import datetime
import hashlib
import time

from django.core.cache import cache

KEY_PREFIX = "ratelimit:"


def hit(key: str, *, limit: int, window: datetime.timedelta) -> bool:
    """Count one hit on key in the current window; True while the count is within limit.

    Windows are fixed (aligned to the epoch), so a client may spend a limit at the end of
    one window and again at the start of the next. key names what is limited and for whom,
    e.g. "password-reset:203.0.113.7"; it is hashed, so it may be of any length and no
    address or email is stored in the cache in clear.
    """
    seconds = window.total_seconds()
    if seconds <= 0:
        raise ValueError("window must be positive")
    now = time.time()
    number = int(now // seconds)
    digest = hashlib.sha256(key.encode()).hexdigest()
    cache_key = f"{KEY_PREFIX}{seconds:g}:{number}:{digest}"
    # The entry lives to the end of its window (and a second longer); the window's number in
    # the key, not the expiry, is what starts a new count.
    timeout = max(1, int((number + 1) * seconds - now) + 1)
    if cache.add(cache_key, 1, timeout):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:
            # Expired between add() and incr(): this hit is the first of the window again.
            cache.add(cache_key, 1, timeout)
            count = 1
        else:
            # The database cache's incr() writes the entry again with the default expiry
            # (five minutes); put back the end of the window so a long window keeps its count.
            cache.touch(cache_key, timeout)
    return count <= limit
