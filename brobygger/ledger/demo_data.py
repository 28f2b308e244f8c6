"""The demo's value ledgers, per alliance title and party (an organisation key of
brobygger/alliances/demo_data.py or an authority's name). Figures are fictitious. The last
item of an entry says who reads it: True (public), False (the alliance's members) or
"fortrolig"."""

LEDGERS = {
    "Økologisk mælk i Lejres offentlige køkkener": {
        "Lejre Kommune": {
            "contributions": [
                ("penge", "Merpris for økologisk mælk i køkkenernes budget", "180000", "kr", None, "2024-09-16", None, True),
                ("ekspertise", "Kostfaglig tid til nye menuer med mælk fra egnen", "320", "timer", "208000", "2024-03-01", "2025-06-30", True),
            ],
            "goals": [
                {
                    "title": "Mere økologi på tallerkenen uden dyrere mad",
                    "indicator": "Økologiandel i køkkenernes indkøb",
                    "target": "75 % økologi i 2026 inden for samme budget",
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
                    "target_date": "2026-06-30",
                    "public": True,
                    "results": [
                        (40, "Kommunen har aftaget mellem 3.400 og 3.900 liter hver måned i et halvt år.", "3650", "410000", "", "Månedsopgørelse fra mejeriets salgssystem, delt på styregruppemødet.", True),
                    ],
                },
            ],
        },
        "landmaend": {
            "contributions": [
                ("arbejdstimer", "Gårdbesøg for børn og ældre", "60", "timer", None, "2025-04-01", None, True),
            ],
            "goals": [
                {
                    "title": "En fast afsætning til en pris, der dækker omlægningen",
                    "indicator": "Pris per liter udbetalt til landmændene",
                    "target": "Mindst 0,40 kr. over konventionel mælk",
                    "target_date": "2026-12-31",
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
                ("ekspertise", "Lysdesign og digital styring", "1800", "timer", "1350000", "2023-01-09", "2026-06-30", True),
            ],
            "goals": [
                {
                    "title": "En reference, vi kan vise andre kommuner",
                    "indicator": "Nye kunder, der har besøgt Albertslund",
                    "target": "3 nye kommunekunder",
                    "target_date": "2026-12-31",
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
                    "target_date": "2026-12-31",
                    "public": True,
                    "results": [
                        (200, "Første artikel om oplevet tryghed er publiceret.", "1", None, "https://lyslab.example/artikel-tryghed", "", True),
                    ],
                },
            ],
        },
        "beboere": {
            "contributions": [
                ("arbejdstimer", "Aftenvandringer og beboermøder om lyset", "140", "timer", None, "2023-03-01", None, True),
            ],
            "goals": [],
        },
    },
    "Telemedicin til borgere med KOL i Næstved": {
        "Region Sjælland": {
            "contributions": [
                ("arbejdstimer", "Sygeplejersker i det telemedicinske center", "2600", "timer", "1040000", "2025-01-06", None, False),
            ],
            "goals": [
                {
                    "title": "Færre akutte indlæggelser af borgere med KOL",
                    "indicator": "Akutte indlæggelser per 100 borgere om året",
                    "target": "20 % færre end i 2024",
                    "target_date": "2026-12-31",
                    "public": False,
                    "results": [
                        (30, "Indlæggelserne blandt de tilknyttede borgere er faldet 14 % det første år.", "14", "1200000", "", "Udtræk fra regionens patientregistrering, oktober 2026.", False),
                    ],
                },
            ],
        },
        "Næstved Kommune": {
            "contributions": [
                ("arbejdstimer", "Hjemmesygeplejens opfølgning hos borgerne", "900", "timer", "360000", "2025-01-06", None, False),
            ],
            "goals": [
                {
                    "title": "Færre akutte udrykninger i hjemmeplejen",
                    "indicator": "Akutte besøg om måneden",
                    "target": "15 % færre",
                    "target_date": "2026-12-31",
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
                # A commercial figure: only the company's own people and the coordinators read it.
                ("ekspertise", "Teknikere til opsætning og support, afregnet til den aftalte timepris på 950 kr.", "400", "timer", "380000", "2025-01-06", None, "fortrolig"),
            ],
            "goals": [
                {
                    "title": "Dokumentation, der kan bruges i udbud i andre regioner",
                    "indicator": "Færdig effektevaluering",
                    "target": "Evaluering offentliggjort",
                    "target_date": "2027-03-31",
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
                    "target_date": "2026-08-31",
                    "public": True,
                    "results": [
                        (120, "Trivselsmålingen viser 17 % blandt deltagerne.", "17", None, "https://silkeborg.example/trivsel-2026", "", True),
                    ],
                },
            ],
        },
        "besoegsvenner": {
            "contributions": [
                ("arbejdstimer", "Frivillige besøgsvenner", "3100", "timer", None, "2024-09-02", None, True),
            ],
            "goals": [
                {
                    "title": "Nye frivillige, der bliver",
                    "indicator": "Nye frivillige, der stadig er aktive efter et år",
                    "target": "25 frivillige",
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
                    "target_date": "2025-06-30",
                    "public": True,
                    "results": [
                        (430, "Køkkenet leverede i gennemsnit 104 kuverter om ugen i første halvår 2025.", "104", "190000", "", "Fakturaer til kommunen.", True),
                    ],
                },
            ],
        },
    },
}

# Partnering agreements: shared terms, each party's part, and who has signed (`signed`
# is the username who signs; `revised` adds a later, unsigned version of the part).
