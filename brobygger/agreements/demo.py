"""The partnering agreement's share of the demo (registered as `registry.DemoData`): shared
terms by the coordinator, and parts written (and some signed) by the parties' own people."""

import datetime

from django.utils import timezone

from . import services
from .demo_data import AGREEMENTS
from .models import PART_FIELDS


def load(context) -> None:
    users = context.shared.get("users", {})
    for title, alliance in context.shared.get("alliances", {}).items():
        spec = AGREEMENTS.get(title)
        if spec is None:
            continue
        parties = context.shared["parties"][title]
        coordinator = context.shared["coordinators"][title]
        services.terms_update(
            actor=coordinator,
            alliance=alliance,
            revisit_on=timezone.localdate() + datetime.timedelta(days=spec["revisit_in_days"]),
            **spec["terms"],
        )
        for party_key, part in spec["parts"].items():
            party = parties[party_key]
            texts = {name: part[name] for name in PART_FIELDS}
            writer = users[part["signed"]] if part.get("signed") else coordinator
            version = services.part_update(actor=writer, party=party, **texts)
            if part.get("signed"):
                services.part_sign(
                    actor=writer,
                    party=party,
                    version_number=version.number,
                    terms_number=version.agreement.terms_versions.order_by("-number").first().number,
                )
            if part.get("revised"):
                services.part_update(actor=writer, party=party, **{**texts, **part["revised"]})
