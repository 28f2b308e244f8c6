import datetime
from decimal import Decimal
from .helpers import *

def test_scratch(today, landscape, client):
    company = party(landscape.public, landscape.company)
    add_contribution(company, landscape.partner)
    add_contribution(company, landscape.partner, kind="arbejdstimer", unit="timer", quantity=Decimal("120"), estimated_value=Decimal("60000"), is_public=False, description="Timer")
    g = add_goal(company, landscape.partner)
    add_result(g, landscape.partner)
    add_goal(party(landscape.public, landscape.association), landscape.coordinator)
    client.force_login(landscape.coordinator)
    r = client.get(f"/alliancer/{landscape.public.slug}/vaerdi/")
    open("/tmp/balance.html","w").write(r.content.decode())
    r = client.get(f"/alliancer/{landscape.public.slug}/vaerdi/parter/{company.pk}/")
    open("/tmp/party.html","w").write(r.content.decode())
    r = client.get(f"/alliancer/")
    open("/tmp/list.html","w").write(r.content.decode())
    r = client.get(f"/")
    open("/tmp/front.html","w").write(r.content.decode())
    r = client.get(f"/api/v1/alliances/{landscape.public.slug}/value-balance/")
    open("/tmp/api.json","w").write(r.content.decode())
    r = client.get(f"/alliancer/{landscape.public.slug}/vaerdi/parter/{company.pk}/bidrag/ny/")
    open("/tmp/form.html","w").write(r.content.decode())
