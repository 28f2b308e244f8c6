"""The role plan's own rules: which roles Brobygger suggests each phase needs and why, which
phase comes next, and when a role is a gap.

The articles tie no role to a phase. These suggestions are Brobygger's, labelled as such on
the page; an alliance can say a role is (not) needed in a phase and give its own reason
(`RolePlanCell.needed`, `.reason`).
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from brobygger.alliances.models import FINAL_PHASES, Phase

from .dimensions import Role

PHASE_ORDER = tuple(Phase.values)


@dataclass(frozen=True)
class Suggestion:
    reason: Any
    # The role must be taken by a leader of the alliance's lead organisation: the one that
    # has to carry the work (e.g. a Styrmand when the alliance goes into operation).
    lead_organisation: bool = False


SUGGESTIONS: dict[str, dict[str, Suggestion]] = {
    Phase.IDEA: {
        Role.MEDSPILLER: Suggestion(_("Idéen skal have indhold: en leder, der selv byder ind med viden og forslag.")),
        Role.BROBYGGER: Suggestion(_("De andre aktører skal mødes, før idéen låses fast i kommunens sprog.")),
        Role.FORTAELLER: Suggestion(_("Nogen skal sige, hvorfor det er værd at gå i gang, og hvad rammen er.")),
    },
    Phase.CLARIFICATION: {
        Role.BROBYGGER: Suggestion(_("Parterne afklarer, hvad hver især kan og vil – det kræver, at nogen taler deres sprog.")),
        Role.DESIGNER: Suggestion(_("Alliancen skal have sine første mødefora og mandater, inden for de rammer der er.")),
        Role.OVERSAETTER: Suggestion(_("Afklaringen ender ofte i en politisk beslutning om at gå videre.")),
    },
    Phase.ESTABLISHMENT: {
        Role.DESIGNER: Suggestion(_("Styring, aftaler og beslutningsveje skal bygges, så alliancen kan handle hurtigere end normalt.")),
        Role.OVERSAETTER: Suggestion(_("Politikerne skal beslutte ressourcer og aftaler på et grundlag, de kan stå inde for.")),
        Role.STYRMAND: Suggestion(
            _("Den organisation, der skal drive indsatsen, skal gøres klar til at tage den på sig."),
            lead_organisation=True,
        ),
    },
    Phase.OPERATION: {
        Role.STYRMAND: Suggestion(
            _("Den organisation, der driver indsatsen, skal følge med i hverdagen."),
            lead_organisation=True,
        ),
        Role.MEDSPILLER: Suggestion(_("Driften får nye problemer, som kræver ledere, der selv giver et bud.")),
        Role.BROBYGGER: Suggestion(_("Relationerne til parterne skal plejes, når hverdagen tager over.")),
    },
    Phase.EVALUATION: {
        Role.OVERSAETTER: Suggestion(_("Politikerne skal tage stilling til, om indsatsen skal fortsætte, og på hvilket grundlag.")),
        Role.FORTAELLER: Suggestion(_("Værdien for hver part skal formidles, så andre kan forstå og bruge den.")),
    },
    Phase.ANCHORED: {
        Role.STYRMAND: Suggestion(
            _("Indsatsen skal leve videre i den organisation, der har overtaget den."),
            lead_organisation=True,
        ),
        Role.FORTAELLER: Suggestion(_("Historien om hvorfor holder indsatsen i live, når de første ildsjæle er gået videre.")),
    },
    Phase.CLOSED: {
        Role.FORTAELLER: Suggestion(_("Erfaringerne skal fortælles videre, så de ikke går tabt med alliancen.")),
    },
}


def next_phase(phase: str) -> str | None:
    """The phase after this one; none after the final phases (anchored, closed)."""
    if phase in FINAL_PHASES:
        return None
    index = PHASE_ORDER.index(phase)
    return PHASE_ORDER[index + 1] if index + 1 < len(PHASE_ORDER) else None


def suggestion(phase: str, role: str) -> Suggestion | None:
    return SUGGESTIONS.get(phase, {}).get(role)


def phases_where_suggested(role: str) -> list[str]:
    return [phase for phase in PHASE_ORDER if role in SUGGESTIONS.get(phase, {})]


def is_needed(phase: str, role: str, own_say: bool | None) -> bool:
    """The alliance's own say (`RolePlanCell.needed`), else whether Brobygger suggests it."""
    return own_say if own_say is not None else suggestion(phase, role) is not None


def lacks_lead_organisation(phase: str, role: str, organisation_ids, lead_organisation_id: int) -> bool:
    """The role has leaders, but it must be taken by the lead organisation and none of them
    is from it."""
    suggested = suggestion(phase, role)
    return bool(
        organisation_ids
        and suggested is not None
        and suggested.lead_organisation
        and lead_organisation_id not in organisation_ids
    )


def is_gap(phase: str, role: str, own_say: bool | None, organisation_ids, lead_organisation_id: int) -> bool:
    """Needed, and nobody takes it (or nobody from the organisation that must). Whether the
    phase is one that shows gaps (the current or the next) is the caller's."""
    return is_needed(phase, role, own_say) and (
        not organisation_ids or lacks_lead_organisation(phase, role, organisation_ids, lead_organisation_id)
    )
