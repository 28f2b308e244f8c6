"""The 98 municipalities and the regions, loaded from the reference files in data/.

Called from a data migration with the historical models, and idempotent, so a later
migration can call it again when the files change (e.g. when Region Østdanmark gets its code).
"""

import csv
import datetime
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
# The files hold the short names; the official names are "<name> Kommune" but for these two.
OFFICIAL_NAME_EXCEPTIONS = {"0101": "Københavns Kommune", "0400": "Bornholms Regionskommune"}


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def load_reference_data(Organisation, MunicipalityRegion) -> None:
    regions_by_name = {}
    with open(DATA_DIR / "regioner.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            region, _created = Organisation.objects.update_or_create(
                kind="region",
                name=row["navn"],
                defaults={
                    "official_code": row["regionskode"],
                    "valid_from": _date(row["gyldig_fra"]),
                    "valid_to": _date(row["gyldig_til"]),
                },
            )
            regions_by_name[row["navn"]] = region

    with open(DATA_DIR / "kommuner.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            municipality, _created = Organisation.objects.update_or_create(
                kind="kommune",
                official_code=row["kommunekode"],
                defaults={
                    "name": OFFICIAL_NAME_EXCEPTIONS.get(
                        row["kommunekode"], f"{row['navn']} Kommune"
                    )
                },
            )
            before = regions_by_name[row["region_til_2026"]]
            after = regions_by_name[row["region_fra_2027"]]
            if before == after:
                periods = [(before, None, None)]
            else:
                periods = [
                    (before, None, before.valid_to),
                    (after, after.valid_from, None),
                ]
            MunicipalityRegion.objects.filter(municipality=municipality).exclude(
                region__in=[region for region, _f, _t in periods]
            ).delete()
            for region, valid_from, valid_to in periods:
                MunicipalityRegion.objects.update_or_create(
                    municipality=municipality,
                    region=region,
                    defaults={"valid_from": valid_from, "valid_to": valid_to},
                )
