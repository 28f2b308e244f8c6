"""Fetching this app's objects for a request: 404 for what the user may not see, 403 with the
permission's reason for what they see but may not change (as `alliances.access` does)."""

from brobygger.alliances.access import not_found
from brobygger.core.permissions import require

from . import selectors
from .models import ChangeProcess, Decision, InvolvementGroup
from .rules import VIEW_DECISION, VIEW_DECISIONS


def decision_for_user(user, pk: int, *, perm: str | None = None) -> Decision:
    decision = selectors.decision_for_page(pk)
    if decision is None or not user.has_perm(VIEW_DECISION, decision):
        raise not_found()
    if perm is not None:
        require(user, perm, decision)
    return decision


def process_for_user(user, pk: int, *, perm: str | None = None) -> ChangeProcess:
    process = selectors.process_for_page(pk)
    if process is None or not user.has_perm(VIEW_DECISIONS, process):
        raise not_found()
    if perm is not None:
        require(user, perm, process)
    return process


def group_for_user(user, pk: int, *, perm: str | None = None) -> InvolvementGroup:
    group = InvolvementGroup.objects.select_related("alliance", "change_process__organisation").filter(pk=pk).first()
    if group is None or not user.has_perm(VIEW_DECISIONS, group):
        raise not_found()
    if perm is not None:
        require(user, perm, group)
    return group
