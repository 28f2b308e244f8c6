"""What the leadership capability does when the foundation changes something (connected in
apps.py): the role plan is kept at every phase change, and a member who leaves an alliance
leaves its plan and its teams' counts."""

from . import services


def on_phase_changed(sender, *, alliance, change, actor, **kwargs) -> None:
    services.role_plan_snapshot_take(actor=actor, alliance=alliance, change=change)


def on_member_removing(sender, *, membership, actor, **kwargs) -> None:
    services.member_leaving(actor=actor, membership=membership)
