"""The health check's demo content: rounds, answers and dilemmas in the two demo alliances
that have parties from all three sectors (the organic milk in Lejre and the telemedicine
alliance in Næstved). The people are fictitious; the Danish texts are data, not gettext.

Each alliance has three closed rounds (about eight, five and two months before the demo is
loaded) and an open one that closes in ten days, in which some parties have answered and
the others have not (among them the dairy, the "partner" login's party, so a visitor can
answer it, and Næstved Kommune, the "topleder" login's party).

The stories the answers tell:

- Milk: the municipality sees an alliance with its own rules, led by facilitation; the dairy
  and the farmers see the municipality's procedures and its chair. The three diverge on fair
  process, the pace of decisions and facilitation; results, relations and the shared why
  improve round by round. After round 3 the alliance decides to rotate the chair (a dilemma
  whose review date has passed), and the farmers' answer in the open round shows it.
- Telemedicine: the region and the municipality are content; the company finds decisions
  slow and the law heavy; the patients' association feels unheard and answers "nej" in
  round 3 (the ledger's demo has it answer "nej" again later).

Days are counted back from the day the demo is loaded, so the rounds' states stay true.
"""

MILK = "Økologisk mælk i Lejres offentlige køkkener"
TELEMEDICINE = "Telemedicin til borgere med KOL i Næstved"

# Fictitious representatives (no login) for parties the foundation's demo gives no member.
# Jonna Skov is verified through the farmers' registered domain; Medisense has no registered
# domain, so Kasper Holt is a member on the company's behalf without a verified affiliation.
USERS = {
    "jonna.skov": {"name": "Jonna Skov", "email": "jonna.skov@oekolandmaend.example"},
    "kasper.holt": {"name": "Kasper Holt", "email": "kasper.holt@medisense-telehealth.example"},
}

# How the answer strings below are read: the statements of the instrument's first version,
# grouped by success criterion in this order (a space between groups; "x" is "ved ikke").
STATEMENT_GROUPS = (
    ("results_home", ("results-concrete", "results-every-party")),
    ("own_half", ("own-half-resources", "own-half-goals", "own-half-identity")),
    ("top_backing", ("top-visible", "top-opens")),
    ("facilitating", ("facilitating-voice", "facilitating-together")),
    ("room", ("room-rules", "room-legal-basis", "room-market")),
    ("pace", ("pace-faster", "pace-mandate")),
    ("political", ("political-dialogue", "political-ownership")),
    ("why", ("why-own-words", "why-citizens")),
    ("relations", ("relations-trust", "relations-professions", "relations-reciprocity")),
    ("development", ("development-ideas", "development-decisions")),
    ("fair_process", ("fair-heard", "fair-explained", "fair-expectations")),
)
# The tension scales, in the order of an answer's positions (0–100).
SCALES = (
    "system-or-alliance",
    "frames-or-room",
    "law-or-market",
    "normal-or-fast",
    "head-or-facilitating",
    "own-or-shared",
)
# Benefits, then costs, in the order of an answer's item string (a space between the two).
ITEMS = (
    "gives-results",
    "gives-knowledge",
    "gives-network",
    "gives-reputation",
    "costs-time",
    "costs-resources",
    "costs-control",
    "costs-friction",
)


def answer(
    party: str,
    by: str,
    days_ago: int,
    statements: str,
    positions: tuple,
    items: str,
    value: tuple[str, str],
    comments: dict | None = None,
) -> dict:
    """One party's answer in a round: given by `by` (username) `days_ago` days before the
    demo is loaded; `value` is ("ja"|"delvist"|"nej", its one sentence); `comments` are the
    tension comments by scale key."""
    return {
        "party": party,
        "by": by,
        "days_ago": days_ago,
        "statements": statements,
        "positions": positions,
        "items": items,
        "value": value,
        "comments": comments or {},
    }


def dilemma(scale: str, days_ago: int, situation: str, stance: str, reason: str, review_in: int | None) -> dict:
    """A dilemma met `days_ago` days before the demo is loaded; looked at again `review_in`
    days from then (negative: the date has passed; None: no date)."""
    return {
        "scale": scale,
        "days_ago": days_ago,
        "situation": situation,
        "stance": stance,
        "reason": reason,
        "review_in": review_in,
    }


# Per alliance title:
# - "members": representatives added first (username, member role, party key), `members_days_ago`,
# - "rounds": each opened `opened` days ago with its last day `last_day` days ago (negative:
#   still to come), and the answers given in it,
# - "dilemmas": the coordinator's register.
ALLIANCES = {
    MILK: {
        "members": [("jonna.skov", "partner", "landmaend")],
        "members_days_ago": 270,
        "rounds": [
            {
                "opened": 245,
                "last_day": 225,
                "answers": [
                    answer(
                        "Lejre Kommune", "koordinator", 243,
                        "33 334 44 54 343 44 43 34 333 33 444", (65, 55, 35, 55, 70, 55), "4343 3322",
                        ("ja", "Køkkenerne får bedre mælk, og prisen holder indtil videre."),
                        {
                            "system-or-alliance": "Vi har lavet vores egne aftaler om leverancer og menuer, som ikke ligner kommunens sædvanlige indkøb.",
                            "head-or-facilitating": "Koordinatoren samler trådene, men beslutningerne træffes i fællesskab.",
                        },
                    ),
                    answer(
                        "mejeri", "partner", 236,
                        "32 324 43 33 342 22 x3 33 332 33 223", (25, 40, 45, 20, 40, 45), "3243 443x",
                        ("delvist", "Aftalen giver os en ny kunde, men små leverancer er dyre at køre ud."),
                        {
                            "system-or-alliance": "Vi oplever stadig, at kommunens indkøbsregler bestemmer, hvad der kan lade sig gøre.",
                            "normal-or-fast": "Et svar om ændrede mængder tog seks uger. Det er lang tid for et mejeri.",
                        },
                    ),
                    answer(
                        "landmaend", "jonna.skov", 229,
                        "23 434 4x 22 343 33 33 34 323 32 222", (30, 45, 30, 45, 30, 50), "3x44 4422",
                        ("delvist", "Vi får afsætning på egnen, men møderne tager mange timer fra markarbejdet."),
                        {
                            "head-or-facilitating": "Møderne styres fra rådhuset, og dagsordenen ligger fast, før vi kommer.",
                            "law-or-market": "Vi vil gerne have en fair pris, men vi forstår, at kommunen er bundet af udbudsreglerne.",
                        },
                    ),
                ],
            },
            {
                "opened": 155,
                "last_day": 136,
                "answers": [
                    answer(
                        "Lejre Kommune", "koordinator", 153,
                        "43 334 44 55 443 44 43 44 434 43 544", (70, 60, 35, 60, 75, 60), "4344 3322",
                        ("ja", "Ældre og børn får lokal mælk, og køkkenerne melder om mindre spild."),
                        {"system-or-alliance": "Aftalen om små partier er alliancens egen opfindelse og har holdt i et halvt år."},
                    ),
                    answer(
                        "landmaend", "jonna.skov", 147,
                        "33 434 4x 23 343 33 33 44 334 33 223", (35, 50, 30, 45, 35, 55), "3345 4322",
                        ("delvist", "Børnenes besøg på gårdene giver mening, men vi betaler selv udgifterne."),
                        {
                            "head-or-facilitating": "Vi bliver spurgt, men ofte først når forslaget allerede er skrevet.",
                            "own-or-shared": "Gårdbesøgene er vores bidrag, og de fylder mere, end vi regnede med.",
                        },
                    ),
                    answer(
                        "mejeri", "partner", 139,
                        "43 334 44 34 343 21 x3 34 343 33 333", (30, 45, 50, 20, 45, 55), "3344 4433",
                        ("delvist", "Vi sælger mere, men vi venter stadig på en afklaring af prisen."),
                        {
                            "normal-or-fast": "Reguleringen af prisen ligger stadig hos økonomiafdelingen, og vi venter på svar.",
                            "system-or-alliance": "Hverdagen er blevet mere fleksibel, men kontrakten følger stadig den gamle skabelon.",
                        },
                    ),
                ],
            },
            {
                "opened": 65,
                "last_day": 44,
                "answers": [
                    answer(
                        "mejeri", "partner", 62,
                        "44 334 44 44 343 12 34 44 444 43 333", (30, 50, 50, 25, 45, 60), "4344 4333",
                        ("ja", "Vi kan nu planlægge tapningen et kvartal frem, og det betaler sig."),
                        {
                            "normal-or-fast": "Beslutningen om at udvide til plejecentrene tog fire måneder. Vi måtte holde kapaciteten fri imens.",
                            "law-or-market": "Vi har accepteret en lavere avance for at komme ind, men det kan ikke fortsætte i det uendelige.",
                        },
                    ),
                    answer(
                        "Lejre Kommune", "koordinator", 58,
                        "44 434 54 54 453 44 44 45 444 44 545", (75, 65, 30, 60, 80, 65), "5344 3222",
                        ("ja", "Alliancen leverer det, vi lovede politikerne, og lidt til."),
                        {
                            "head-or-facilitating": "Vi prøver at facilitere, og møderne har fået mere plads til parternes egne punkter.",
                            "normal-or-fast": "Indkøbsbeslutninger går hurtigere end før, fordi vi har et fast mandat fra udvalget.",
                        },
                    ),
                    answer(
                        "landmaend", "jonna.skov", 47,
                        "43 435 44 34 353 33 34 45 443 43 213", (35, 55, 35, 45, 40, 60), "4345 4322",
                        ("delvist", "Samarbejdet går bedre, men vi vil gerne høres tidligere."),
                        {
                            "head-or-facilitating": "Det er stadig kommunen, der sidder for bordenden, selv om tonen er blevet bedre.",
                            "system-or-alliance": "På papiret har alliancen sine egne spilleregler, men i praksis gælder kommunens procedurer.",
                        },
                    ),
                ],
            },
            {
                "opened": 11,
                "last_day": -10,
                "answers": [
                    answer(
                        "Lejre Kommune", "koordinator", 9,
                        "54 434 54 55 454 45 44 45 544 44 554", (75, 65, 30, 65, 80, 70), "5444 3222",
                        ("ja", "Plejecentrene er kommet med, og køkkenerne vil fortsætte efter forsøget."),
                        {"own-or-shared": "Alle tre parter tager nu opgaver, der ikke står i deres egen kontrakt."},
                    ),
                    answer(
                        "landmaend", "jonna.skov", 4,
                        "44 445 44 44 453 34 43 55 444 44 323", (45, 60, 35, 50, 55, 65), "4355 3322",
                        ("ja", "Nu hvor vi skiftes til at lede møderne, føler vi os som ligeværdige parter."),
                        {
                            "head-or-facilitating": "Efter at vi begyndte at skiftes til at lede møderne, føles det mere som et fælles projekt.",
                            "normal-or-fast": "Svarene kommer hurtigere, når mejeriet og vi selv sætter punkter på dagsordenen.",
                        },
                    ),
                ],
            },
        ],
        "dilemmas": [
            dilemma(
                "law-or-market", 210,
                "Mejeriet bad om at få køkkenernes forbrug pr. institution hver uge, så det kunne planlægge tapningen "
                "og bruge tallene i sin markedsføring. Forbruget på de små plejeboliger kan føres tilbage til "
                "enkelte beboeres kost.",
                "Mejeriet får det samlede forbrug pr. køkken hver uge, men intet om de enkelte afdelinger, og tallene "
                "må ikke bruges i markedsføring uden kommunens skriftlige ja.",
                "Planlægningen kræver ikke mere end køkkenernes tal, og kommunen må ikke videregive oplysninger, der "
                "kan pege på enkelte borgere. Sådan får mejeriet det, det har brug for, uden at vi bøjer "
                "databeskyttelsesreglerne.",
                120,
            ),
            dilemma(
                "own-or-shared", 170,
                "Landmændene tager imod børnehaver og skoleklasser på gårdene og bruger mange timer på det. De spurgte, "
                "om alliancen kunne betale for deres tid, selv om aftalen siger, at hver part bærer sine egne udgifter.",
                "Alliancen betaler ikke for timerne, men kommunen dækker bussen til gårdene, og besøgene står nu i "
                "regnskabet som landmændenes bidrag til alliancen.",
                "Hvis én part får betaling for sin tid, vil de andre spørge om det samme, og så bliver alliancen en "
                "almindelig leverandøraftale. At bidraget bliver synligt i regnskabet, gør det til en fælles sag.",
                None,
            ),
            dilemma(
                "normal-or-fast", 130,
                "Mejeriet skulle vide inden sommerferien, om kommunen ville købe mælk til plejecentrene også. "
                "Det normale forløb var en sag til udvalget efter ferien og måske et nyt udbud.",
                "Vi udvidede forsøget til plejecentrene inden for den nuværende aftales beløbsgrænse, og udvalget "
                "fik sagen bagefter som orientering.",
                "En beslutning efter ferien ville have kostet mejeriet en hel sæsons planlægning. Udvidelsen lå inden "
                "for rammen, så vi kunne handle hurtigt uden at springe reglerne over.",
                45,
            ),
            dilemma(
                "head-or-facilitating", 40,
                "Runde 3 af sundhedstjekket viste, at mejeriet og landmændene ser møderne som kommunens møder. Kommunen "
                "har ledet alle møder siden starten, fordi den har sekretariatet.",
                "Parterne skiftes til at lede møderne, og dagsordenen sendes ud en uge før med plads til et punkt fra "
                "hver part. Kommunen fører fortsat referat.",
                "Den, der leder mødet, bestemmer, hvad der bliver talt om. Når alle tre parter prøver det, bliver "
                "dagsordenen fælles, og kommunen kan gå fra at styre til at facilitere.",
                -10,
            ),
        ],
    },
    TELEMEDICINE: {
        "members": [("kasper.holt", "partner", "telemed")],
        "members_days_ago": 265,
        "rounds": [
            {
                "opened": 240,
                "last_day": 220,
                "answers": [
                    answer(
                        "Region Sjælland", "louise.brandt", 238,
                        "43 334 44 44 343 33 43 44 333 33 444", (55, 45, 25, 45, 70, 55), "4343 4322",
                        ("ja", "Vi ser de første borgere undgå en indlæggelse, og personalet er med."),
                        {"head-or-facilitating": "Regionen har ansvaret for patienterne, så vi leder, men vi lytter til kommunen og foreningen."},
                    ),
                    answer(
                        "Næstved Kommune", "topleder", 233,
                        "33 334 34 44 343 33 33 44 333 33 434", (50, 40, 25, 40, 65, 50), "3333 4422",
                        ("delvist", "Hjemmesygeplejen bruger tid på at lære systemet, og gevinsten kan endnu ikke ses."),
                    ),
                    answer(
                        "telemed", "kasper.holt", 230,
                        "33 324 33 34 333 21 x3 34 332 32 333", (30, 30, 60, 15, 45, 45), "3244 4533",
                        ("delvist", "Forsøget er en god reference, men vi tjener ikke penge på det endnu."),
                        {
                            "law-or-market": "Vi skal kunne sælge løsningen til andre regioner, ellers hænger forretningen ikke sammen.",
                            "normal-or-fast": "Hver ændring i platformen skal godkendes i tre fora, før vi må rulle den ud.",
                        },
                    ),
                    answer(
                        "kol", "lone.munk", 224,
                        "22 434 x3 34 343 33 33 44 433 32 222", (35, 40, 25, 35, 40, 45), "2343 4x22",
                        ("delvist", "Medlemmerne er glade for udstyret, men vi bliver sjældent spurgt til råds."),
                        {"head-or-facilitating": "Det er regionens folk, der taler mest. Patienternes stemme bliver let en fodnote."},
                    ),
                ],
            },
            {
                "opened": 150,
                "last_day": 131,
                "answers": [
                    answer(
                        "Region Sjælland", "louise.brandt", 149,
                        "43 334 44 44 443 33 43 44 434 43 444", (60, 50, 25, 50, 70, 60), "4344 3322",
                        ("ja", "Færre akutte indlæggelser i forsøgsgruppen, og lægerne stoler på målingerne."),
                    ),
                    answer(
                        "kol", "lone.munk", 145,
                        "32 434 x4 34 343 33 33 44 434 33 322", (35, 40, 20, 40, 40, 45), "2343 4322",
                        ("delvist", "Det hjælper medlemmerne, men vores erfaringer når ikke frem til beslutningerne."),
                        {"own-or-shared": "Vores frivillige hjælper medlemmerne i gang, men det står ikke i nogen plan."},
                    ),
                    answer(
                        "telemed", "kasper.holt", 141,
                        "43 334 43 34 333 22 33 34 333 33 333", (35, 35, 60, 20, 50, 50), "3344 4433",
                        ("delvist", "Vi har lært meget om brugerne, men salget til andre regioner venter."),
                        {"normal-or-fast": "Godkendelsen af den nye version af appen tog tre måneder."},
                    ),
                    answer(
                        "Næstved Kommune", "topleder", 135,
                        "43 334 44 44 343 43 33 44 343 33 444", (55, 45, 30, 45, 65, 55), "4334 4322",
                        ("delvist", "Der er færre udrykninger om natten, men vagtplanerne skal laves om."),
                        {"frames-or-room": "Hjemmesygeplejen skal kunne handle på målingerne uden at vente på en lægehenvisning."},
                    ),
                ],
            },
            {
                "opened": 62,
                "last_day": 42,
                "answers": [
                    answer(
                        "Region Sjælland", "louise.brandt", 60,
                        "44 434 54 45 443 34 44 45 444 44 544", (60, 55, 25, 55, 75, 65), "4444 3322",
                        ("ja", "Resultaterne holder, og vi vil udvide til flere borgere."),
                        {"head-or-facilitating": "Kommunen og foreningen har fået faste punkter på dagsordenen."},
                    ),
                    answer(
                        "kol", "lone.munk", 56,
                        "21 434 x4 34 343 33 33 34 434 33 212", (30, 35, 20, 35, 35, 40), "2233 4423",
                        ("nej", "Udstyret blev skiftet uden at spørge os, og nu ringer medlemmerne til os i stedet for til centret."),
                        {
                            "head-or-facilitating": "Vi blev ikke spurgt, før udstyret blev skiftet. Medlemmerne fik et brev.",
                            "system-or-alliance": "Regionens procedurer bestemmer det hele, også det, der burde være vores område.",
                        },
                    ),
                    answer(
                        "Næstved Kommune", "topleder", 52,
                        "44 334 54 44 443 34 43 44 444 43 444", (55, 50, 30, 50, 70, 60), "4344 3322",
                        ("delvist", "Udrykningerne falder, men økonomien i hjemmeplejen er ikke fulgt med."),
                    ),
                    answer(
                        "telemed", "kasper.holt", 46,
                        "43 334 44 34 343 22 33 44 344 33 333", (40, 40, 55, 25, 55, 55), "4344 4333",
                        ("ja", "To andre regioner har vist interesse, efter at de har set resultaterne."),
                        {"law-or-market": "Vi har lært, hvor grænserne for brugen af data går, og dem holder vi os inden for."},
                    ),
                ],
            },
            {
                "opened": 12,
                "last_day": -10,
                "answers": [
                    answer(
                        "Region Sjælland", "louise.brandt", 8,
                        "44 434 54 54 443 44 44 45 444 44 544", (65, 60, 25, 55, 75, 65), "5444 3222",
                        ("ja", "Vi er klar til at gøre løsningen permanent i regionen."),
                        {"frames-or-room": "Forsøget med delegation i Næstved Syd har givet erfaringer, vi kan bygge videre på."},
                    ),
                    answer(
                        "telemed", "kasper.holt", 3,
                        "44 334 44 44 343 33 43 44 444 43 443", (45, 45, 55, 30, 55, 60), "4444 3332",
                        ("ja", "Samarbejdet er blevet hurtigere, og vi kan planlægge vores udvikling efter det."),
                        {"normal-or-fast": "Beslutningerne kommer hurtigere, efter at styregruppen fik mandat til mindre ændringer."},
                    ),
                ],
            },
        ],
        "dilemmas": [
            dilemma(
                "frames-or-room", 120,
                "Hjemmesygeplejerskerne i Næstved ville selv kunne justere iltbehandlingen, når målingerne viser et "
                "fald. Efter de gældende regler skal en læge på hospitalet først ordinere det.",
                "Et forsøg i Næstved Syd: regionens lungelæger har skrevet en fælles instruks, som giver "
                "sygeplejerskerne lov til små justeringer inden for faste grænser.",
                "Borgerne skal ikke vente på en ordination, når sygeplejersken allerede står i stuen. Instruksen "
                "holder det lægefaglige ansvar hos regionen og giver kommunen det rum, opgaven kræver.",
                60,
            ),
            dilemma(
                "system-or-alliance", 45,
                "KOL-foreningen tilbød, at dens frivillige kunne ringe til medlemmer, der holder op med at måle. "
                "Regionen må ikke fortælle foreningen, hvem der er holdt op.",
                "Ved opstart spørger vi borgeren, om foreningen må kontakte dem, hvis de ikke har målt i en uge. "
                "Kun dem, der har sagt ja, kommer på foreningens liste.",
                "Tavshedspligten gælder, men borgeren kan selv give lov. Så kan de frivillige gøre det, de er gode "
                "til, uden at regionen bryder sine regler.",
                80,
            ),
        ],
    },
}
