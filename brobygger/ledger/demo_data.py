"""The demo's value ledgers, per alliance title and party (an organisation key of
brobygger/alliances/demo_data.py or an authority's name). Figures are fictitious.

A contribution: (kind, description, quantity, unit, value, start, end, who reads it[, "betaling"]);
for hours the value is the name of the alliance's kind of hours (HOUR_KINDS), whose agreed
rate values them. Who reads: True (public), False (the alliance's members) or "fortrolig".
A goal's `target_date` is a date, or days from today (negative: passed). A result:
(days ago, description, measured, value in kroner, link, note, who reads[, flags]) with flags
"betaling" (a payment for a delivery) and "naaet" (the goal is met, for goals without a
numeric target).

Between them the alliances show every case of the balance: goals met, on the way, not due
and late; met more than a year ago; less is better; a sum; volunteer hours without a rate;
payments both ways; shared goals; and parties' own answers, one of them "no".
"""

LEDGERS = {
    "Økologisk mælk i Lejres offentlige køkkener": {
        "Lejre Kommune": {
            "contributions": [
                ("penge", "Projektledelse og udviklingspulje til omlægningen", "150000", "kr", None, "2024-03-01", None, True),
                ("ekspertise", "Kostfaglig tid til nye menuer med mælk fra egnen", "320", "timer", "Offentligt ansatte", "2024-03-01", "2025-06-30", True),
                ("penge", "Køkkenernes køb af mælk hos mejeriet, inklusive merprisen for økologi", "180000", "kr", None, "2024-09-16", None, True, "betaling"),
            ],
            "goals": [
                {
                    "title": "Mere økologi på tallerkenen uden dyrere mad",
                    "indicator": "Økologiandel i køkkenernes indkøb",
                    "target": "75 % økologi i 2026 inden for samme budget",
                    "target_value": "75",
                    "target_unit": "%",
                    "target_date": "2026-12-31",
                    "public": True,
                    "results": [
                        (95, "Økologiandelen i ældrekøkkenerne nåede 68 % i andet kvartal, og budgettet holdt.", "68", "250000", "https://lejre.example/oekologi-2026", "", True),
                    ],
                },
            ],
        },
        "mejeri": {
            "contributions": [
                ("materialer", "Tapning i små enheder tilpasset storkøkkener", "42000", "liter", "63000", "2024-09-16", None, True),
                ("data", "Leveranceplaner og prognoser delt med køkkenerne hver uge", "52", "stk", None, "2025-01-01", None, False),
            ],
            "goals": [
                {
                    "title": "En stabil kunde, der gør det muligt at tappe lokalt hele året",
                    "indicator": "Liter solgt til kommunen om måneden",
                    "target": "3.500 liter om måneden",
                    "target_value": "3500",
                    "target_unit": "liter om måneden",
                    "target_date": "2026-06-30",
                    "public": True,
                    "results": [
                        (40, "Kommunen har aftaget mellem 3.400 og 3.900 liter hver måned i et halvt år.", "3650", "410000", "", "Månedsopgørelse fra mejeriets salgssystem, delt på styregruppemødet.", True, {"betaling"}),
                    ],
                },
            ],
        },
        "landmaend": {
            "contributions": [
                ("arbejdstimer", "Gårdbesøg for børn og ældre", "60", "timer", "Frivillige og borgere", "2025-04-01", None, True),
            ],
            "goals": [
                {
                    "title": "En fast afsætning til en pris, der dækker omlægningen",
                    "indicator": "Pris per liter udbetalt til landmændene",
                    "target": "Mindst 0,40 kr. over konventionel mælk",
                    "target_value": "0.40",
                    "target_unit": "kr. pr. liter",
                    "target_date": 120,
                    "public": True,
                    "results": [],
                },
            ],
        },
    },
    "Ny gadebelysning i Albertslund": {
        "Albertslund Kommune": {
            "contributions": [
                ("lokaler", "Tre kvarterer stillet til rådighed som testområder", "42000", "m2", None, "2023-01-09", "2026-12-31", True),
                ("penge", "Kommunens andel af de nye master og armaturer", "2400000", "kr", None, "2023-01-09", "2025-12-31", True),
            ],
            "goals": [
                {
                    "title": "Lavere energiforbrug til vejbelysning",
                    "indicator": "kWh om året i testområderne",
                    "target": "40 % lavere end før",
                    "target_value": "40",
                    "target_unit": "% lavere",
                    "target_date": "2026-06-30",
                    "public": True,
                    "results": [
                        (150, "Energiforbruget i testområderne faldt 46 % i forhold til 2022.", "46", "310000", "https://lyslab.example/albertslund-2026", "", True),
                    ],
                },
            ],
        },
        "lysvaerk": {
            "contributions": [
                ("ekspertise", "Lysdesign og digital styring", "1800", "timer", "Konsulenter og specialister", "2023-01-09", "2026-06-30", True),
            ],
            "goals": [
                {
                    "title": "En reference, vi kan vise andre kommuner",
                    "indicator": "Nye kunder, der har besøgt Albertslund",
                    "target": "3 nye kommunekunder",
                    "target_value": "3",
                    "target_unit": "kommuner",
                    "reading": "sum",
                    "start_date": "2024-01-01",
                    "target_date": 180,
                    "public": True,
                    "results": [
                        (60, "To kommuner har købt styringen efter besøg i testområderne.", "2", "900000", "", "Ordrebekræftelser i virksomhedens salgssystem.", False),
                    ],
                },
            ],
        },
        "armatur": {
            "contributions": [
                ("materialer", "Prototyper af armaturer til afprøvning", "120", "stk", "480000", "2023-03-01", "2024-12-31", True),
            ],
            "goals": [
                {
                    "title": "Feedback fra rigtige gader, før armaturet sendes på markedet",
                    "indicator": "Afprøvede prototyper med målinger",
                    "target": "3 generationer afprøvet",
                    "target_value": "3",
                    "target_unit": "generationer",
                    "target_date": "2025-12-31",
                    "public": True,
                    "results": [
                        (500, "Tredje generation blev afprøvet og sat i produktion.", "3", None, "", "Testrapport fra Lyslaboratoriet, bilag 4.", True),
                    ],
                },
            ],
        },
        "lyslab": {
            "contributions": [
                ("data", "Målinger af lys, energi og tryghed i testområderne", "36", "stk", None, "2023-08-14", None, True),
            ],
            "goals": [
                {
                    "title": "Forskningsdata fra et rigtigt byrum",
                    "indicator": "Publicerede artikler",
                    "target": "2 artikler",
                    "target_value": "2",
                    "target_unit": "artikler",
                    "reading": "sum",
                    "start_date": "2023-08-14",
                    "target_date": 390,
                    "public": True,
                    "results": [
                        (200, "Første artikel om oplevet tryghed er publiceret.", "1", None, "https://lyslab.example/artikel-tryghed", "", True),
                    ],
                },
            ],
        },
        "beboere": {
            "contributions": [
                ("arbejdstimer", "Aftenvandringer og beboermøder om lyset", "140", "timer", "Beboere (frivillige)", "2023-03-01", None, True),
            ],
            "goals": [],
        },
    },
    "Telemedicin til borgere med KOL i Næstved": {
        "Region Sjælland": {
            "contributions": [
                ("arbejdstimer", "Sygeplejersker i det telemedicinske center", "2600", "timer", "Sundhedspersonale", "2025-01-06", None, False),
                # A commercial figure: only the region's own people and the coordinators read it.
                ("penge", "Køb af opsætning og support hos Telemed, 400 timer til den aftalte timepris på 950 kr.", "380000", "kr", None, "2025-01-06", None, "fortrolig", "betaling"),
            ],
            "goals": [
                {
                    "title": "Færre akutte indlæggelser af borgere med KOL",
                    "indicator": "Akutte indlæggelser per 100 borgere om året",
                    "target": "Fra 30 til 24 indlæggelser per 100 borgere om året",
                    "target_value": "24",
                    "target_unit": "per 100 borgere",
                    "direction": "mindre",
                    "target_date": 27,
                    "public": False,
                    "results": [
                        (30, "Indlæggelserne blandt de tilknyttede borgere er faldet fra 30 til 26 per 100 borgere det første år.", "26", "1200000", "", "Udtræk fra regionens patientregistrering, oktober 2026.", False),
                    ],
                },
            ],
        },
        "Næstved Kommune": {
            "contributions": [
                ("arbejdstimer", "Hjemmesygeplejens opfølgning hos borgerne", "900", "timer", "Sundhedspersonale", "2025-01-06", None, False),
            ],
            "goals": [
                {
                    "title": "Færre akutte udrykninger i hjemmeplejen",
                    "indicator": "Akutte besøg om måneden",
                    "target": "15 % færre",
                    "target_value": "15",
                    "target_unit": "% færre",
                    "target_date": 27,
                    "public": False,
                    "results": [
                        (75, "De akutte besøg hos de tilknyttede borgere er faldet 11 %.", "11", "150000", "", "Opgørelse fra omsorgssystemet.", False),
                    ],
                },
            ],
        },
        "telemed": {
            "contributions": [
                ("materialer", "Måleudstyr til borgerne", "250", "stk", "375000", "2025-01-06", None, False),
                ("ekspertise", "Uddannelse af sygeplejersker i platformen, ud over det aftalte køb", "80", "timer", "Konsulenter og specialister", "2025-01-06", "2025-03-31", False),
            ],
            "goals": [
                {
                    "title": "Dokumentation, der kan bruges i udbud i andre regioner",
                    "indicator": "Færdig effektevaluering",
                    "target": "Evaluering offentliggjort",
                    "target_date": 117,
                    "public": False,
                    "results": [],
                },
            ],
        },
        "kol": {
            "contributions": [
                ("netvaerk", "Rekruttering af medlemmer til afprøvningen", "60", "personer", None, "2025-01-06", "2025-06-30", False),
            ],
            "goals": [
                {
                    "title": "Løsninger, som medlemmerne selv kan betjene",
                    "indicator": "Andel, der bruger udstyret efter tre måneder",
                    "target": "80 %",
                    "target_value": "80",
                    "target_unit": "%",
                    "target_date": "2026-06-30",
                    "public": False,
                    "results": [],
                },
            ],
        },
    },
    "Fællesspisning og besøgsvenner for ældre i Silkeborg": {
        "Silkeborg Kommune": {
            "contributions": [
                ("lokaler", "Lokaler i fire aktivitetscentre to dage om ugen", "4", "stk", "96000", "2024-09-02", None, True),
            ],
            "goals": [
                {
                    "title": "Færre ensomme ældre",
                    "indicator": "Andel, der svarer, at de ofte er uønsket alene",
                    "target": "Fra 24 % til 15 %",
                    "target_value": "15",
                    "target_unit": "%",
                    "direction": "mindre",
                    "target_date": "2026-08-31",
                    "public": True,
                    "results": [
                        (120, "Trivselsmålingen viser 17 % blandt deltagerne.", "17", None, "https://silkeborg.example/trivsel-2026", "", True),
                    ],
                },
                {
                    "title": "Ældre, der kommer ud af huset igen",
                    "indicator": "Deltagere, der selv kommer til aktiviteter uden for fællesspisningen",
                    "target": "At de fleste deltagere også kommer til andet end spisningen",
                    "target_date": 60,
                    "public": True,
                    "results": [
                        (30, "Aktivitetscentrenes opgørelse viser, at to ud af tre deltagere nu også går til gymnastik, kortspil eller ture.", None, None, "", "Opgørelse fra aktivitetscentrene, gennemgået i styregruppen.", True, {"naaet"}),
                    ],
                },
            ],
        },
        "besoegsvenner": {
            "contributions": [
                ("arbejdstimer", "Frivillige besøgsvenner", "3100", "timer", "Frivillige besøgsvenner", "2024-09-02", None, True),
            ],
            "goals": [
                {
                    "title": "Nye frivillige, der bliver",
                    "indicator": "Nye frivillige, der stadig er aktive efter et år",
                    "target": "25 frivillige",
                    "target_value": "25",
                    "target_unit": "frivillige",
                    "target_date": "2026-08-31",
                    "public": True,
                    "results": [
                        (200, "31 af de frivillige fra første hold er stadig aktive.", "31", None, "", "Foreningens medlemsliste, gennemgået med kommunen.", True),
                    ],
                },
            ],
        },
        "kantine": {
            "contributions": [
                ("materialer", "Mad til fællesspisning", "5200", "stk", "286000", "2025-01-13", None, True),
            ],
            "goals": [
                {
                    "title": "Fast afsætning i dagtimerne, hvor køkkenet har ledig kapacitet",
                    "indicator": "Kuverter om ugen",
                    "target": "100 kuverter om ugen",
                    "target_value": "100",
                    "target_unit": "kuverter om ugen",
                    "target_date": "2025-06-30",
                    "public": True,
                    "results": [
                        (430, "Køkkenet leverede i gennemsnit 104 kuverter om ugen i første halvår 2025.", "104", "190000", "", "Fakturaer til kommunen.", True, {"betaling"}),
                    ],
                },
            ],
        },
    },
}

# The kinds of hours each alliance agrees, with its rate (None: counted as hours only).
HOUR_KINDS = {
    "Økologisk mælk i Lejres offentlige køkkener": [
        ("Offentligt ansatte", "450", "Kommunale medarbejderes timer, fælles sats med overhead"),
        ("Frivillige og borgere", None, "Frivillige timer tælles som timer, ikke i kroner"),
    ],
    "Ny gadebelysning i Albertslund": [
        ("Konsulenter og specialister", "750", "Fælles sats for virksomhedernes og laboratoriets specialister"),
        ("Beboere (frivillige)", None, ""),
    ],
    "Telemedicin til borgere med KOL i Næstved": [
        ("Sundhedspersonale", "400", "Sygeplejersker og terapeuter i region og kommune"),
        ("Konsulenter og specialister", "950", "Virksomhedens specialister, når de ikke er købt"),
    ],
    "Fællesspisning og besøgsvenner for ældre i Silkeborg": [
        ("Frivillige besøgsvenner", None, "Foreningens frivillige; alliancen har valgt ikke at sætte kroner på"),
    ],
}

# Goals the alliance shares for the citizens: in no party's column. Results as above.
SHARED_GOALS = {
    "Ny gadebelysning i Albertslund": [
        {
            "title": "Beboerne føler sig trygge, når det er mørkt",
            "indicator": "Andel beboere i testområderne, der føler sig trygge efter mørkets frembrud",
            "target": "80 % føler sig trygge",
            "target_value": "80",
            "target_unit": "%",
            "target_date": 200,
            "public": True,
            "results": [
                (90, "Tryghedsmålingen efter første vinter: 74 % føler sig trygge, mod 61 % før.", "74", None, "https://lyslab.example/tryghed-2026", "", True),
            ],
        },
    ],
    "Telemedicin til borgere med KOL i Næstved": [
        {
            "title": "Færre genindlæggelser af borgere med KOL",
            "indicator": "Genindlæggelser inden for 30 dage per 100 udskrivelser",
            "target": "Højst 12 per 100 udskrivelser",
            "target_value": "12",
            "target_unit": "per 100 udskrivelser",
            "direction": "mindre",
            "target_date": 208,
            "public": False,
            "results": [
                (200, "Første halvår: 15 genindlæggelser per 100 udskrivelser.", "15", None, "", "Regionens kvalitetsdatabase.", False),
                (20, "Andet halvår: 13 genindlæggelser per 100 udskrivelser.", "13", None, "", "Regionens kvalitetsdatabase.", False),
            ],
        },
    ],
    "Fællesspisning og besøgsvenner for ældre i Silkeborg": [
        {
            "title": "Flere ældre i faste fællesskaber",
            "indicator": "Nye deltagere i fællesspisning og besøgsvenskaber",
            "target": "200 nye deltagere",
            "target_value": "200",
            "target_unit": "deltagere",
            "reading": "sum",
            "start_date": "2025-01-01",
            "target_date": "2026-08-31",
            "public": True,
            "results": [
                (300, "120 nye deltagere i det første år.", "120", None, "", "Deltagerlister fra aktivitetscentrene.", True),
                (60, "95 nye deltagere siden sidst.", "95", None, "", "Deltagerlister fra aktivitetscentrene.", True),
            ],
        },
    ],
}

# Each party's own word (days ago, answer, sentence), given by its own representative.
ANSWERS = {
    "Økologisk mælk i Lejres offentlige køkkener": {
        "mejeri": [(200, "delvist", "Vi sælger, men tapningen i små enheder koster mere end planlagt."), (25, "ja", "Kommunen er blevet en stabil kunde, og vi kan planlægge tapningen.")],
    },
    "Telemedicin til borgere med KOL i Næstved": {
        "Næstved Kommune": [(40, "delvist", "Udrykningerne falder, men vagtplanerne er ikke fulgt med endnu.")],
        "kol": [(15, "nej", "Medlemmernes erfaringer med udstyret er ikke blevet brugt i et halvt år.")],
    },
}


# Partnering agreements: shared terms, each party's part, and who has signed (`signed`
# is the username who signs; `revised` adds a later, unsigned version of the part).
