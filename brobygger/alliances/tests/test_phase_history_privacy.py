"""Who changed an alliance's phase, and the note given with it, are for its members and staff
(issue 12): others read what changed and when. The page's data for an outsider does not even
carry them, so no template can show them by mistake."""

from django.test import Client

from brobygger.alliances import selectors, services

NOTE = "Aftalt på mødet med borgmesteren."


def test_an_outsiders_phase_history_carries_no_name_and_no_note(landscape):
    services.alliance_change_phase(actor=landscape.coordinator, alliance=landscape.public, to_phase="afklaring", note=NOTE)
    outside = selectors.alliance_detail(alliance=landscape.public, with_members=False, with_invitations=False)
    assert sorted((c.from_phase, c.to_phase) for c in outside.phase_changes) == [("", "ide"), ("ide", "afklaring")]
    assert all(c.changed_by is None and c.note == "" for c in outside.phase_changes)
    inside = selectors.alliance_detail(alliance=landscape.public, with_members=True, with_invitations=False)
    assert (landscape.coordinator, NOTE) in [(c.changed_by, c.note) for c in inside.phase_changes]


def test_the_coordinator_changing_the_phase_in_place_still_sees_who_and_why(landscape):
    client = Client()
    client.force_login(landscape.coordinator)
    response = client.post(
        f"/alliancer/{landscape.public.slug}/fase/",
        {"to_phase": "afklaring", "note": NOTE},
        headers={"HX-Request": "true", "HX-Target": "phase-section"},
    )
    assert response.status_code == 200
    section = " ".join(response.content.decode().split())
    assert "Fasen er ændret til Afklaring." in section
    assert "af Koordinator Testesen" in section and NOTE in section
