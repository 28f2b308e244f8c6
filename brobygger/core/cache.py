"""The shared cache in the database, for installations without Redis (settings: CACHES).

Django's database cache writes `set_many` one key at a time, three or more queries each (a
count for culling, a look-up, a write). The alliances' kept markup (registry.alliance_fragments)
writes a page of cards at once, so a page read cold would cost more queries the more cards it
shows. Here `set_many` writes any number of entries in a fixed number of queries: the count,
one delete of the keys and one insert, in a transaction (Redis does it in one round trip).
"""

import base64
import pickle
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import DatabaseError, connections, router, transaction
from django.utils import timezone

# Rows per INSERT: well inside SQLite's limit on parameters (three a row).
_ROWS_PER_INSERT = 500


class DatabaseCache(DjangoDatabaseCache):
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # The same fixed queries as a page of entries (Django's takes one more look-up).
        self.set_many({key: value}, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        if not data:
            return []
        entries = {self.make_and_validate_key(key, version=version): value for key, value in data.items()}
        timeout = self.get_backend_timeout(timeout)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote_name = connection.ops.quote_name
        table = quote_name(self._table)
        now = timezone.now().replace(microsecond=0)
        if timeout is None:
            expires = datetime.max
        else:
            expires = datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None)
        expires = connection.ops.adapt_datetimefield_value(expires.replace(microsecond=0))
        rows = [
            (key, base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1"), expires)
            for key, value in entries.items()
        ]
        columns = ", ".join(quote_name(name) for name in ("cache_key", "value", "expires"))
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (our table's quoted name)
                count = cursor.fetchone()[0]
                if count > self._max_entries:
                    self._cull(db, cursor, now, count)
                with transaction.atomic(using=db):
                    for start in range(0, len(rows), _ROWS_PER_INSERT):
                        chunk = rows[start : start + _ROWS_PER_INSERT]
                        keys = ", ".join(["%s"] * len(chunk))
                        cursor.execute(
                            f"DELETE FROM {table} WHERE {quote_name('cache_key')} IN ({keys})",  # noqa: S608
                            [row[0] for row in chunk],
                        )
                        values = ", ".join(["(%s, %s, %s)"] * len(chunk))
                        cursor.execute(
                            f"INSERT INTO {table} ({columns}) VALUES {values}",  # noqa: S608
                            [field for row in chunk for field in row],
                        )
        except DatabaseError:
            # Another process wrote one of the keys at the same moment: nothing is kept, as
            # Django's backends answer a failed write.
            return list(data)
        return []
