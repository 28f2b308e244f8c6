"""The demo landscape: the examples from the articles and a few more, across welfare areas,
phases and visibilities. Municipalities and regions are the real ones from the reference
data; companies, associations and people are fictitious."""

import datetime

DEMO_PASSWORD = "demo-brobygger"

# Fictitious organisations. CVR numbers pass the mod-11 check and are made up.
ORGANISATIONS = {
    "mejeri": {"name": "Hvalsø Andelsmejeri A/S", "kind": "virksomhed", "cvr": "47165067"},
    "landmaend": {"name": "Økologiske Landmænd i Lejre", "kind": "forening", "cvr": ""},
    "foraeldre": {"name": "Forældregruppen i Kirke Hyllinge", "kind": "borgergruppe", "cvr": ""},
    "lysvaerk": {"name": "Lysværket Nord ApS", "kind": "virksomhed", "cvr": "99512709"},
    "armatur": {"name": "Nordisk Armatur A/S", "kind": "virksomhed", "cvr": "32654142"},
    "lyslab": {"name": "Universitetets Lyslaboratorium", "kind": "statslig", "cvr": ""},
    "beboere": {"name": "Beboergruppen for bedre lys i Albertslund", "kind": "borgergruppe", "cvr": ""},
    "telemed": {"name": "Medisense Telehealth ApS", "kind": "virksomhed", "cvr": "53120199"},
    "kol": {"name": "KOL-patienternes Forening, Sydsjælland", "kind": "forening", "cvr": "24050556"},
    "besoegsvenner": {"name": "Besøgsvennerne i Silkeborg", "kind": "forening", "cvr": ""},
    "kantine": {"name": "Gudenå Storkøkken ApS", "kind": "virksomhed", "cvr": "26076390"},
    "byggefirma": {"name": "Aarhus Vest Byg A/S", "kind": "virksomhed", "cvr": "88893484"},
    "lektiecafe": {"name": "Lektiehjælpen i Gellerup", "kind": "forening", "cvr": ""},
    "peer": {"name": "Peer-netværket Fyn", "kind": "forening", "cvr": "64953044"},
    "boliger": {"name": "Fynske Almene Boliger", "kind": "andet", "cvr": "27896200"},
    "skolemad": {"name": "Lejre Landkøkken ApS", "kind": "virksomhed", "cvr": "68887801"},
}

# Email domains the demo registers for its organisations (staff do this for real ones), so the
# demo's people are verified employees the same way real people are: by an address at the
# organisation's domain. The reserved .example domain never reaches anyone.
DOMAINS = {
    "Lejre Kommune": "lejre.example",
    "Næstved Kommune": "naestved.example",
    "Albertslund Kommune": "albertslund.example",
    "Silkeborg Kommune": "silkeborg.example",
    "Aarhus Kommune": "aarhus.example",
    "Region Sjælland": "regionsjaelland.example",
    "Region Syddanmark": "regionsyddanmark.example",
    "mejeri": "hvalsoe-mejeri.example",
    "landmaend": "oekolandmaend.example",
}
STAFF_EMAIL_DOMAIN = "brobygger-demo.example"

# Demo logins (printed by `make run`) and fictitious colleagues who cannot log in.
USERS = {
    "admin": {"name": "Birgitte Holm", "organisation": None, "staff": True, "login": True},
    "koordinator": {"name": "Mette Kjær", "organisation": "Lejre Kommune", "login": True},
    "topleder": {"name": "Henrik Aagaard", "organisation": "Næstved Kommune", "login": True},
    "partner": {"name": "Sofie Lund", "organisation": "mejeri", "login": True},
    "politiker": {"name": "Jens Holm Pedersen", "organisation": "Lejre Kommune", "login": True},
    "anders.bech": {"name": "Anders Bech", "organisation": "Lejre Kommune"},
    "ahmed.rahimi": {"name": "Ahmed Rahimi", "organisation": "Albertslund Kommune"},
    "louise.brandt": {"name": "Louise Brandt", "organisation": "Region Sjælland"},
    "karen.mikkelsen": {"name": "Karen Mikkelsen", "organisation": "Silkeborg Kommune"},
    "rasmus.nielsen": {"name": "Rasmus Nielsen", "organisation": "Aarhus Kommune"},
    "camilla.friis": {"name": "Camilla Friis", "organisation": "Region Syddanmark"},
}

# Phase history: (phase, date it was entered). The first entry is the phase at creation.
ALLIANCES = [
    {
        "title": "Økologisk mælk i Lejres offentlige køkkener",
        "summary": "Kommunens køkkener, et lokalt mejeri og egnens økologiske landmænd lægger om til lokal, økologisk mælk.",
        "purpose": "Lejre vil servere mere økologi for ældre og børn uden at give mere for maden. Det kan kommunen ikke alene: mejeriet skal kunne levere i små partier, og landmændene skal kunne regne med aftagere.\n\nSammen bygger vi en forsyning, hvor kommunen får bedre råvarer, mejeriet får en stabil kunde, og landmændene får en lokal afsætning til en fair pris.",
        "welfare_area": "aeldre",
        "lead": "Lejre Kommune",
        "visibility": "offentlig",
        "start_date": datetime.date(2024, 3, 1),
        "end_date": datetime.date(2027, 2, 28),
        "phases": [("ide", "2023-10-02"), ("afklaring", "2023-12-11"), ("etablering", "2024-03-01"), ("drift", "2024-09-16")],
        "coordinator": "koordinator",
        "parties": [
            ("Lejre Kommune", "Køber mælken til kommunens køkkener og stiller fagfolk til rådighed for menuplanlægning.", "Mette Kjær", "mette.kjaer@lejre.example"),
            ("mejeri", "Tapper og leverer økologisk mælk i de mængder, køkkenerne har brug for, og deler data om leverancer.", "Sofie Lund", "sofie.lund@hvalsoe-mejeri.example"),
            ("landmaend", "Leverer mælken fra egnens økologiske besætninger og viser børn og ældre, hvor maden kommer fra.", "", ""),
        ],
        "members": [("partner", "partner", "mejeri"), ("politiker", "observator", "Lejre Kommune")],
        "invitations": [("peter.friis@oekolandmaend.example", "Peter Friis", "partner", "landmaend")],
    },
    {
        "title": "Naturbørnehaver med lokale landmænd",
        "summary": "Børnehaver i Lejre får faste ugedage på gårde i nærheden, med forældre som hjælpere.",
        "purpose": "Børn lærer om natur og mad ved at være med, hvor den bliver til. Landmændene åbner gårdene, forældrene hjælper med transport og følgeskab, og kommunen sørger for rammerne.",
        "welfare_area": "dagtilbud",
        "lead": "Lejre Kommune",
        "visibility": "intern",
        "start_date": datetime.date(2025, 8, 1),
        "end_date": None,
        "phases": [("ide", "2025-02-03"), ("afklaring", "2025-04-22"), ("etablering", "2025-08-01")],
        "coordinator": "anders.bech",
        "parties": [
            ("Lejre Kommune", "Driver børnehaverne og har ansvaret for børnenes trivsel og sikkerhed.", "Anders Bech", "anders.bech@lejre.example"),
            ("landmaend", "Åbner gårdene for faste besøg og tilrettelægger aktiviteter for børnene.", "", ""),
            ("foraeldre", "Hjælper med kørsel og følgeskab, så flere børn kan komme med.", "Lone Sørensen", ""),
        ],
        "members": [],
        "invitations": [],
    },
    {
        "title": "Skolemad med råvarer fra egnen",
        "summary": "Et forsøg med varm skolemad lavet af lokale råvarer på tre skoler i Lejre.",
        "purpose": "Undersøge om et lokalt køkken og kommunens skoler kan give eleverne et sundt, varmt måltid, som forældrene har råd til.",
        "welfare_area": "folkeskole",
        "lead": "Lejre Kommune",
        "visibility": "privat",
        "start_date": None,
        "end_date": None,
        "phases": [("ide", "2026-05-04"), ("afklaring", "2026-09-14")],
        "coordinator": "koordinator",
        "parties": [
            ("Lejre Kommune", "Stiller skolernes lokaler til rådighed og afklarer økonomien.", "Mette Kjær", "mette.kjaer@lejre.example"),
            ("skolemad", "Vil lave og levere maden fra sit køkken i Hvalsø.", "", ""),
        ],
        "members": [],
        "invitations": [],
    },
    {
        "title": "Ny gadebelysning i Albertslund",
        "summary": "Kommunen, lysvirksomheder, et universitetslaboratorium og beboerne udvikler og tester fremtidens gadelys.",
        "purpose": "Albertslund skal have ny belysning, der bruger mindre strøm og gør det trygt at færdes. Virksomhederne får et sted at afprøve nye armaturer i fuld skala, forskerne får målinger fra virkeligheden, og beboerne får indflydelse på, hvordan deres kvarter ser ud om aftenen.",
        "welfare_area": "by",
        "lead": "Albertslund Kommune",
        "visibility": "offentlig",
        "start_date": datetime.date(2023, 1, 9),
        "end_date": datetime.date(2026, 12, 31),
        "phases": [("ide", "2022-06-01"), ("afklaring", "2022-09-01"), ("etablering", "2023-01-09"), ("drift", "2023-08-14"), ("evaluering", "2026-06-01")],
        "coordinator": "ahmed.rahimi",
        "parties": [
            ("Albertslund Kommune", "Ejer vejene og stiller udvalgte kvarterer til rådighed som testområder.", "Ahmed Rahimi", "ahmed.rahimi@albertslund.example"),
            ("lysvaerk", "Designer og styrer belysningen og driver den digitale styring.", "Thomas Vinther", ""),
            ("armatur", "Udvikler og leverer armaturer til afprøvning.", "Nina Dahl", ""),
            ("lyslab", "Måler lys, energi og oplevet tryghed og offentliggør resultaterne.", "Jonas Krogh", ""),
            ("beboere", "Giver besked om, hvordan lyset virker i hverdagen, og er med til at vælge løsninger.", "Fatima Ali", ""),
        ],
        "members": [],
        "invitations": [],
    },
    {
        "title": "Telemedicin til borgere med KOL i Næstved",
        "summary": "Borgere med KOL måler selv hjemme, og sygeplejersker følger med på afstand.",
        "purpose": "Færre akutte indlæggelser og mere tryghed i eget hjem. Regionen og kommunen deler ansvaret for patienten, virksomheden leverer udstyr og platform, og patientforeningen sikrer, at løsningen giver mening for dem, der skal bruge den.",
        "welfare_area": "sundhed",
        "lead": "Region Sjælland",
        "visibility": "intern",
        "start_date": datetime.date(2025, 1, 6),
        "end_date": datetime.date(2027, 6, 30),
        "phases": [("ide", "2024-04-15"), ("afklaring", "2024-08-19"), ("etablering", "2025-01-06")],
        "coordinator": "louise.brandt",
        "parties": [
            ("Region Sjælland", "Har det lægefaglige ansvar og driver det telemedicinske center.", "Louise Brandt", "louise.brandt@regionsjaelland.example"),
            ("Næstved Kommune", "Hjemmesygeplejen følger borgerne og rykker ud, når målingerne kræver det.", "Henrik Aagaard", ""),
            ("telemed", "Leverer måleudstyr, platform og support til borgere og personale.", "Kasper Holt", ""),
            ("kol", "Tester løsningen med medlemmer og giver deres erfaringer videre.", "", ""),
        ],
        "members": [("topleder", "topleder", "Næstved Kommune")],
        "invitations": [],
    },
    {
        "title": "Fællesspisning og besøgsvenner for ældre i Silkeborg",
        "summary": "Ensomme ældre inviteres til fællesspisning, og frivillige følger dem hjem og bliver faste besøgsvenner.",
        "purpose": "Ensomhed gør ældre syge. Kommunen finder dem, der har brug for det, foreningen skaffer og klæder de frivillige på, og storkøkkenet laver maden til en pris, kommunen kan holde.",
        "welfare_area": "aeldre",
        "lead": "Silkeborg Kommune",
        "visibility": "offentlig",
        "start_date": datetime.date(2024, 9, 2),
        "end_date": datetime.date(2026, 8, 31),
        "phases": [("ide", "2024-02-01"), ("etablering", "2024-09-02"), ("drift", "2025-01-13")],
        "coordinator": "karen.mikkelsen",
        "parties": [
            ("Silkeborg Kommune", "Visiterer borgere og stiller lokaler i aktivitetscentrene til rådighed.", "Karen Mikkelsen", ""),
            ("besoegsvenner", "Rekrutterer og uddanner frivillige besøgsvenner.", "Bente Laursen", ""),
            ("kantine", "Laver og leverer maden til fællesspisningen.", "", ""),
        ],
        "members": [],
        "invitations": [],
    },
    {
        "title": "Lektiecafé og praktik i Aarhus Vest",
        "summary": "Skoleelever får lektiehjælp af frivillige og møder byggeriets fag gennem praktik.",
        "purpose": "Flere unge i Aarhus Vest skal gennemføre en ungdomsuddannelse. Skolen, en lokal forening og en byggevirksomhed giver eleverne hjælp og et konkret billede af, hvad de kan blive.",
        "welfare_area": "folkeskole",
        "lead": "Aarhus Kommune",
        "visibility": "offentlig",
        "start_date": None,
        "end_date": None,
        "phases": [("ide", "2026-03-02"), ("afklaring", "2026-06-08")],
        "coordinator": "rasmus.nielsen",
        "parties": [
            ("Aarhus Kommune", "Skolerne udpeger elever og stiller lærere til koordinering.", "Rasmus Nielsen", ""),
            ("lektiecafe", "Driver lektiecaféen med frivillige.", "", ""),
            ("byggefirma", "Tilbyder praktikforløb og rollemodeller fra byggepladsen.", "", ""),
        ],
        "members": [],
        "invitations": [],
    },
    {
        "title": "Recovery-fællesskab for unge med psykisk sårbarhed",
        "summary": "Et fællesskab på Fyn, hvor unge møder peers, bolig og job i samme forløb.",
        "purpose": "Unge, der har været i psykiatrisk behandling, skal hurtigere tilbage til et hverdagsliv. Regionen, kommunen, et peer-netværk og et boligselskab samler indsatsen ét sted.",
        "welfare_area": "psykiatri",
        "lead": "Region Syddanmark",
        "visibility": "privat",
        "start_date": None,
        "end_date": None,
        "phases": [("ide", "2026-09-01")],
        "coordinator": "camilla.friis",
        "parties": [
            ("Region Syddanmark", "Behandlingspsykiatrien henviser og følger de unge.", "Camilla Friis", ""),
            ("Odense Kommune", "Bidrager med bostøtte og jobcenterets indsats.", "", ""),
            ("peer", "Uddanner og leder peer-medarbejdere.", "", ""),
            ("boliger", "Stiller boliger til rådighed tæt på fællesskabet.", "", ""),
        ],
        "members": [],
        "invitations": [],
    },
]

# Value ledgers, per alliance title and party key. Contributions:
# (kind, description, quantity, unit, estimated kroner or None, from, to or None, public).
# Results are dated `days_ago` before the day the demo is loaded, so statuses stay true.
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
AGREEMENTS = {
    "Økologisk mælk i Lejres offentlige køkkener": {
        "revisit_in_days": 21,
        "terms": {
            "shared_why": "Vi vil servere lokal, økologisk mælk for børn og ældre i Lejre, og vi vil gøre det på en måde, hvor alle tre parter står stærkere bagefter.",
            "governance": "En styregruppe med én fra hver part mødes hver anden måned. Koordinatoren i kommunen indkalder og skriver referat. Uenighed tages først i styregruppen og derefter hos kommunens direktion og mejeriets bestyrelse.",
            "ending": "Hver part kan træde ud med seks måneders varsel. Menuer og opskrifter, der er udviklet sammen, må alle parter bruge bagefter.",
        },
        "parts": {
            "Lejre Kommune": {
                "reason": "Vi vil have bedre råvarer i køkkenerne og styrke egnens fødevareproduktion.",
                "logic": "Kommunalfuldmagten og kommunens fødevarepolitik. Indkøbet ligger inden for kommunens indkøbsaftaler.",
                "limits": "Indkøb over tærskelværdien skal i udbud, og vi kan ikke garantere mejeriet en bestemt pris uden om udbudsreglerne.",
                "commitments": "Kostfaglig tid til menuerne og en plan for, hvor meget mælk køkkenerne aftager.",
                "signed": "koordinator",
            },
            "mejeri": {
                "reason": "Vi har brug for en stabil aftager til den lokale tapning.",
                "logic": "Mejeriet skal tjene penge på tapningen inden for to år, ellers kan vi ikke blive ved.",
                "limits": "Vi kan ikke dele vores kalkulationer med andre leverandører, og vi kan ikke levere under kostprisen.",
                "commitments": "Levering i små enheder tre gange om ugen og deling af leveranceplaner.",
                "signed": "partner",
                "revised": {
                    "commitments": "Levering i små enheder tre gange om ugen, deling af leveranceplaner og et årligt besøg for skoleklasser.",
                },
            },
            "landmaend": {
                "reason": "Vi vil have en lokal afsætning, der gør omlægningen til økologi til at leve med.",
                "logic": "Foreningens medlemmer er her, fordi de gerne vil vise, hvor maden kommer fra. Tiden går fra deres egen drift.",
                "limits": "Vi kan ikke love faste besøgsdage i høsten.",
                "commitments": "Gårdbesøg for børn og ældre og mælk fra egnens økologiske besætninger.",
            },
        },
    },
}
