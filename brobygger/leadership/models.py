"""The role plan (who takes which role in which phase of an alliance), self-assessments and
team profiles.

A self-assessment is its person's alone: nobody else reads its answers or its profile, and
it reaches a team or a figure only as a band over at least a threshold of people.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from brobygger.alliances.models import Alliance, Membership, Organisation, Phase, PhaseChange
from brobygger.core.choices import ChoiceLabels

from .dimensions import Dimension, Role
from .instrument import HIGHEST, LOWEST

# --- The role plan --------------------------------------------------------------------------


class RolePlanCell(ChoiceLabels, models.Model):
    """One phase × role of an alliance's plan: its leaders, and the alliance's own say on
    whether the role is needed then and why (empty: Brobygger's suggestion stands)."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="role_plan_cells")
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices)
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    # None: follow the suggestion; True/False: the alliance decided.
    needed = models.BooleanField(_("rollen er nødvendig i fasen"), null=True, blank=True)
    reason = models.CharField(_("begrundelse"), max_length=300, blank=True)
    leaders = models.ManyToManyField(
        Membership, through="RoleAssignment", related_name="+", verbose_name=_("ledere")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("felt i rolleplanen")
        verbose_name_plural = _("felter i rolleplanen")
        ordering = ["alliance", "phase", "role"]
        constraints = [
            models.UniqueConstraint(fields=["alliance", "phase", "role"], name="role_plan_cell_unique"),
            models.CheckConstraint(condition=Q(phase__in=Phase.values), name="role_plan_cell_phase_valid"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="role_plan_cell_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{Role(self.role).label} · {Phase(self.phase).label}"


class RoleAssignment(ChoiceLabels, models.Model):
    """A leader (a member of the alliance, from any party) takes a role in a phase. A member
    who leaves the alliance leaves the plan (the foundation's `member_removing` signal)."""

    cell = models.ForeignKey(RolePlanCell, on_delete=models.CASCADE, related_name="assignments")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="role_assignments")

    class Meta:
        verbose_name = _("rolle i rolleplanen")
        verbose_name_plural = _("roller i rolleplanen")
        constraints = [
            models.UniqueConstraint(fields=["cell", "membership"], name="role_assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.membership.user} · {self.cell}"


class RolePlanSnapshot(ChoiceLabels, models.Model):
    """The plan as it stood when the alliance changed phase: names, not references, so it
    reads the same after people leave."""

    phase_change = models.OneToOneField(PhaseChange, on_delete=models.CASCADE, related_name="role_plan_snapshot")
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="role_plan_snapshots")
    taken_at = models.DateTimeField(_("gemt"))
    # [{"phase", "role", "needed", "reason", "leaders": [{"name", "organisation"}]}], only
    # the cells that had leaders or the alliance's own say.
    cells = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("rolleplan ved faseskift")
        verbose_name_plural = _("rolleplaner ved faseskift")
        ordering = ["-taken_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.alliance} · {self.taken_at:%Y-%m-%d}"


# --- Self-assessments -----------------------------------------------------------------------


class Assessment(ChoiceLabels, models.Model):
    """One person's answers to one version of the instrument: a draft until completed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_assessments")
    version = models.PositiveSmallIntegerField(_("version af spørgsmålene"))
    started_at = models.DateTimeField(_("påbegyndt"))
    updated_at = models.DateTimeField(_("senest gemt"))
    completed_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)

    class Meta:
        verbose_name = _("selvevaluering")
        verbose_name_plural = _("selvevalueringer")
        ordering = ["-completed_at", "-pk"]
        constraints = [
            # One draft at a time: "continue where I left off" has one meaning.
            models.UniqueConstraint(
                fields=["user"], condition=Q(completed_at__isnull=True), name="assessment_one_draft_per_user"
            ),
        ]
        indexes = [models.Index(fields=["user", "completed_at"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.started_at:%Y-%m-%d}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class Answer(ChoiceLabels, models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    statement = models.CharField(_("udsagn"), max_length=40)
    value = models.PositiveSmallIntegerField(
        _("svar"), validators=[MinValueValidator(LOWEST), MaxValueValidator(HIGHEST)]
    )

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "statement"], name="answer_unique"),
            models.CheckConstraint(
                condition=Q(value__gte=LOWEST) & Q(value__lte=HIGHEST), name="answer_value_in_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.statement}: {self.value}"


class DimensionScore(ChoiceLabels, models.Model):
    """A completed assessment's score for one role or challenge (0–100), kept so teams and
    figures count without re-scoring."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    dimension = models.CharField(_("rolle eller udfordring"), max_length=30, choices=Dimension.choices)
    score = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(100)])

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scorer")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "dimension"], name="dimension_score_unique"),
            models.CheckConstraint(condition=Q(score__lte=100), name="dimension_score_at_most_100"),
            models.CheckConstraint(
                condition=Q(dimension__in=Dimension.values), name="dimension_score_dimension_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension}: {self.score}"


# --- Teams ------------------------------------------------------------------------------------


class TeamKind(models.TextChoices):
    ORGANISATION = "organisation", _("Topledelse i én organisation")
    ALLIANCE = "alliance", _("Ledere i én alliance")


class Team(ChoiceLabels, models.Model):
    """A top management team of one organisation, or the leaders taking part in one alliance.
    Joined by invitation and acceptance."""

    name = models.CharField(_("navn"), max_length=120)
    kind = models.CharField(_("slags hold"), max_length=20, choices=TeamKind.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="leader_teams",
        verbose_name=_("organisation"),
    )
    alliance = models.ForeignKey(
        Alliance, on_delete=models.CASCADE, null=True, blank=True, related_name="leader_teams",
        verbose_name=_("alliance"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"))

    class Meta:
        verbose_name = _("ledelseshold")
        verbose_name_plural = _("ledelseshold")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=TeamKind.ORGANISATION, organisation__isnull=False, alliance__isnull=True)
                    | Q(kind=TeamKind.ALLIANCE, alliance__isnull=False, organisation__isnull=True)
                ),
                name="team_kind_names_its_frame",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("leadership:team", kwargs={"team_id": self.pk})


class TeamMemberStatus(models.TextChoices):
    INVITED = "inviteret", _("Inviteret")
    MEMBER = "medlem", _("Medlem")


class TeamMember(ChoiceLabels, models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="leader_teams")
    status = models.CharField(_("status"), max_length=20, choices=TeamMemberStatus.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(_("inviteret"))
    joined_at = models.DateTimeField(_("tiltrådt"), null=True, blank=True)
    # The member lets their latest completed self-assessment count in the team's profile.
    shares_assessment = models.BooleanField(_("min seneste selvevaluering tæller i holdets profil"), default=False)

    class Meta:
        verbose_name = _("medlem af ledelseshold")
        verbose_name_plural = _("medlemmer af ledelseshold")
        ordering = ["team", "user__first_name", "user__last_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="team_member_unique"),
            models.CheckConstraint(
                condition=Q(status=TeamMemberStatus.MEMBER, joined_at__isnull=False)
                | Q(status=TeamMemberStatus.INVITED, joined_at__isnull=True, shares_assessment=False),
                name="team_member_joined_says_when",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.team}"


class TeamProfileShown(ChoiceLabels, models.Model):
    """What the team's profile showed last. It is recomputed only once at least two new
    assessments have come in, so that no single person's answers can be read off a change;
    empty `bands`: withdrawn (someone it counted no longer counts) until then."""

    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="profile_shown")
    computed_at = models.DateTimeField()
    # {dimension: band}
    bands = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("vist holdprofil")
        verbose_name_plural = _("viste holdprofiler")

    def __str__(self) -> str:
        return f"{self.team} · {self.computed_at:%Y-%m-%d}"


class TeamProfileSource(ChoiceLabels, models.Model):
    """One person and assessment a shown team profile was computed from. Plain numbers, not
    foreign keys: a person or an assessment deleted since must still count as "no longer
    there" (the profile is then withdrawn), not vanish from the list."""

    shown = models.ForeignKey(TeamProfileShown, on_delete=models.CASCADE, related_name="sources")
    user_ref = models.BigIntegerField(null=True)
    assessment_ref = models.BigIntegerField(null=True)

    class Meta:
        verbose_name = _("grundlag for vist holdprofil")
        verbose_name_plural = _("grundlag for viste holdprofiler")

    def __str__(self) -> str:
        return f"{self.shown} · {self.user_ref}"
