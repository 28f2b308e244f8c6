"""The foundation's way to write an audit record: it knows which alliance and party an
object belongs to, and whether the actor wrote for a party they do not represent. Every
capability's services record through this; the core's `audit.record` knows no alliance."""

from brobygger.core import audit as core_audit
from brobygger.core.models import AuditRecord

from .rules import acts_on_behalf, alliance_id_of, party_of


def record(
    *,
    actor,
    obj,
    action: str,
    changes: dict | None = None,
    label: str = "",
    for_party: bool = True,
    restricted: bool = False,
) -> AuditRecord:
    """`for_party=False` for a record that belongs to a party without being the party's own
    writing (a member added for it, an invitation to it): never "on the party's behalf"."""
    party = party_of(obj)
    return core_audit.record(
        actor=actor,
        obj=obj,
        action=action,
        changes=changes,
        alliance_id=alliance_id_of(obj),
        party_id=party.pk if party is not None else None,
        on_behalf=for_party and actor is not None and party is not None and acts_on_behalf(actor, obj),
        label=label,
        restricted=restricted,
    )
