"""Data versions: a token per alliance, and one for everything that belongs to no alliance,
that changes whenever an audit record says that data changed.

Every service writes one audit record for each change (`audit.record`, checked by
BROBYGGER_AUDIT_STRICT in the tests), so the records are the one place that knows when an
alliance's data changed. `audit.record` calls `changed()`; markup kept in the shared cache
(`registry.alliance_fragments`) is keyed on `of_alliances()`, so a change is seen on the next
request, in every process, without anything having to find and delete what was kept.

Markup is also kept under the version of the code (`of_code`): a new release, whose templates
or views make other markup, never shows what the one before it kept.

The tokens live in the shared cache themselves. A token that is missing (never made, culled,
or the cache emptied) is made anew, which only means that what was kept under the old one is
not found again: losing a token costs a cache miss, never a stale page.
"""

import functools
import hashlib
import secrets
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

# What makes markup: the code, the templates and the translations.
_CODE_SUFFIXES = {".py", ".html", ".txt", ".mo"}

_EVERYTHING_ELSE = "version:all"
# Long enough that a busy installation rarely makes them anew, short enough that the tokens of
# alliances nobody reads leave the cache.
VERSION_SECONDS = 7 * 24 * 3600


def _key(alliance_id: int) -> str:
    return f"version:alliance:{alliance_id}"


def _token() -> str:
    return secrets.token_hex(6)


def of_alliances(alliance_ids) -> dict[int, str]:
    """{alliance id: its data version}, each together with the version of everything else
    (organisations' names, users), in one cache read (and one write for missing tokens).

    Read the versions before the data they stand for: a change committed in between then
    leaves what is kept under a version that is already old."""
    keys = {alliance_id: _key(alliance_id) for alliance_id in alliance_ids}
    found = cache.get_many([*keys.values(), _EVERYTHING_ELSE])
    made: dict[str, str] = {}
    for key in [_EVERYTHING_ELSE, *keys.values()]:
        if key not in found:
            made[key] = found[key] = _token()
    if made:
        cache.set_many(made, VERSION_SECONDS)
    everything_else = found[_EVERYTHING_ELSE]
    return {alliance_id: f"{found[key]}.{everything_else}" for alliance_id, key in keys.items()}


def of_scope(alliance_ids) -> str:
    """One version for these alliances' data and the data of no alliance together, in one
    cache read (and one write for missing tokens): it changes when any of them changes."""
    ids = sorted(alliance_ids)
    keys = [_EVERYTHING_ELSE, *(_key(alliance_id) for alliance_id in ids)]
    found = cache.get_many(keys)
    made = {key: _token() for key in keys if key not in found}
    if made:
        cache.set_many(made, VERSION_SECONDS)
        found.update(made)
    return ".".join([found[_EVERYTHING_ELSE], *(f"{alliance_id}={found[_key(alliance_id)]}" for alliance_id in ids)])


def of_everything_else() -> str:
    """The version of the data that belongs to no alliance (organisations, users)."""
    token = cache.get(_EVERYTHING_ELSE)
    if token is None:
        token = _token()
        cache.set(_EVERYTHING_ELSE, token, VERSION_SECONDS)
    return token


def code_version(roots) -> str:
    """A short hash of every file under `roots` that makes markup (its path and content)."""
    digest = hashlib.blake2b(digest_size=6)
    for root in roots:
        for path in sorted(Path(root).rglob("*")):
            name = path.relative_to(root)
            # Static files (styles, scripts, the design system's assets) make no markup.
            if path.suffix in _CODE_SUFFIXES and "static" not in name.parts and path.is_file():
                digest.update(str(name).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


@functools.cache
def of_code() -> str:
    """The version of the code this process runs, read once (about 15 ms at start-up): the
    package and the project's translations."""
    return code_version([Path(__file__).resolve().parent.parent, *settings.LOCALE_PATHS])


def changed(alliance_id: int | None) -> None:
    """The data of this alliance (None: of no alliance) changed: a new version now, for the
    rest of the writing transaction, and again when it commits, since a reader may have kept
    what it read from the database under the first new version before the commit."""
    key = _EVERYTHING_ELSE if alliance_id is None else _key(alliance_id)

    def renew() -> None:
        cache.set(key, _token(), VERSION_SECONDS)

    renew()
    transaction.on_commit(renew)
