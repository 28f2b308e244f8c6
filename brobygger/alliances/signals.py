"""What the foundation tells capabilities without importing them. Both are sent inside the
service's transaction, so a receiver's writes (and their audit records) stand or fall with
the change; a receiver writes through its own services."""

from django.dispatch import Signal

# After an alliance moved to another phase: sender=Alliance, change (the PhaseChange), actor.
phase_changed = Signal()

# Before a member is removed from an alliance: sender=Membership, membership, actor.
member_removing = Signal()
