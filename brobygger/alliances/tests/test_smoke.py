from brobygger.alliances.models import Alliance


def test_landscape_has_one_alliance_per_visibility(landscape):
    """The shared fixture builds a public, an internal and a private alliance."""
    assert set(Alliance.objects.values_list("visibility", flat=True)) == {"offentlig", "intern", "privat"}
