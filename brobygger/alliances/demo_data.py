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
    "kol": "kol-sydsjaelland.example",
}
STAFF_EMAIL_DOMAIN = "brobygger-demo.example"
# Named as a party but not yet confirmed by the organisation, to show how that looks.
AWAITING_CONSENT = {"foraeldre"}

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
    "lone.munk": {"name": "Lone Munk", "organisation": "kol"},
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
        "members": [("topleder", "topleder", "Næstved Kommune"), ("lone.munk", "partner", "kol")],
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
