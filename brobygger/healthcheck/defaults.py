"""The first version of the health check's instrument, written for Brobygger in Danish and
English. Migration 0002 loads it as version 1; from then on staff edit the instrument on
/personale/sundhedstjek/ and publish new versions (the wording here is not read again)."""

from django.utils import timezone

# (key, criterion, dimension, Danish, English). Each statement is about the alliance as the
# answering party sees it; 1–5 from "helt uenig" to "helt enig".
STATEMENTS = [
    ("results-concrete", "results_home", "mutuality",
     "Vores organisation kan pege på konkrete resultater, den har fået ud af alliancen.",
     "Our organisation can point to concrete results it has gained from the alliance."),
    ("results-every-party", "results_home", "mutuality",
     "Alle parter – ikke kun de største – får noget ud af samarbejdet, som de kan mærke.",
     "Every party, not only the largest, gets something out of the work that it can feel."),
    ("own-half-resources", "own_half", "autonomy",
     "Vi stiller ressourcer til rådighed, også når de ikke først og fremmest gavner vores egen organisation.",
     "We put in resources even when they do not mainly benefit our own organisation."),
    ("own-half-goals", "own_half", "autonomy",
     "Parterne sætter de fælles mål først, når de fælles mål og deres egne trækker i hver sin retning.",
     "The parties put the shared goals first when the shared goals and their own pull apart."),
    ("own-half-identity", "own_half", "autonomy",
     "Vi kan bidrage fuldt ud uden at miste det, der kendetegner vores egen organisation.",
     "We can contribute fully without losing what marks out our own organisation."),
    ("top-visible", "top_backing", "governance",
     "Topledelsen i vores organisation viser tydeligt, at alliancen er vigtig.",
     "Top management in our organisation shows clearly that the alliance matters."),
    ("top-opens", "top_backing", "administration",
     "Vores organisation åbner sine systemer, data og medarbejdere for alliancens arbejde.",
     "Our organisation opens its systems, data and staff to the alliance's work."),
    ("facilitating-voice", "facilitating", "governance",
     "Alliancens møder bliver ledet, så alle parter kommer til orde – ikke kun den, der sidder for bordenden.",
     "The alliance's meetings are led so that every party is heard, not only whoever sits at the head of the table."),
    ("facilitating-together", "facilitating", "governance",
     "Beslutninger i alliancen bliver truffet i fællesskab og ikke af én part alene.",
     "Decisions in the alliance are made together, not by one party alone."),
    ("room-rules", "room", "autonomy",
     "Hvor det var nødvendigt, har vi fået lov til at arbejde anderledes, end vores egne regler plejer at tillade.",
     "Where it was needed, we have been allowed to work differently from what our own rules usually allow."),
    ("room-legal-basis", "room", "norms",
     "De private parter respekterer de grænser, som det offentliges lovgrundlag sætter.",
     "The private parties respect the limits set by the public sector's legal basis."),
    ("room-market", "room", "norms",
     "De offentlige parter accepterer, at virksomhederne skal kunne tjene penge på samarbejdet.",
     "The public parties accept that the companies must be able to earn money from the work."),
    ("pace-faster", "pace", "administration",
     "Når alliancen har brug for en beslutning, kommer den hurtigere, end organisationernes sædvanlige gang ville give.",
     "When the alliance needs a decision, it comes faster than the organisations' usual course would allow."),
    ("pace-mandate", "pace", "administration",
     "Parternes folk i alliancen har mandat til at beslutte uden at skulle hjem og spørge hver gang.",
     "The parties' people in the alliance have a mandate to decide without going back to ask every time."),
    ("political-dialogue", "political", "governance",
     "Politikerne er med i en dialog om alliancen og bliver ikke blot orienteret bagefter.",
     "Politicians take part in a dialogue about the alliance rather than only being informed afterwards."),
    ("political-ownership", "political", "norms",
     "Alliancen har ejere mange steder: hos politikere, medarbejdere, partnere og borgere.",
     "The alliance has owners in many places: politicians, staff, partners and citizens."),
    ("why-own-words", "why", "mutuality",
     "Alle parter kan med egne ord forklare, hvorfor alliancen findes.",
     "Every party can explain in its own words why the alliance exists."),
    ("why-citizens", "why", "mutuality",
     "Vi er enige om, hvilken forskel alliancen skal gøre for borgerne.",
     "We agree on the difference the alliance should make for citizens."),
    ("relations-trust", "relations", "norms",
     "Vi stoler på, at de andre parter gør det, de har sagt, de vil gøre.",
     "We trust the other parties to do what they have said they will do."),
    ("relations-professions", "relations", "norms",
     "Medarbejdere fra forskellige organisationer og fag arbejder godt sammen i hverdagen.",
     "Staff from different organisations and professions work well together day to day."),
    ("relations-reciprocity", "relations", "mutuality",
     "Når vi hjælper en anden part, kan vi regne med at få hjælp igen.",
     "When we help another party, we can count on help in return."),
    ("development-ideas", "development", "administration",
     "Gode idéer fra alliancen bliver til en bedre indsats for borgerne.",
     "Good ideas from the alliance become better services for citizens."),
    ("development-decisions", "development", "administration",
     "Politiske beslutninger om alliancen bliver fulgt af konkrete ændringer i praksis.",
     "Political decisions about the alliance are followed by concrete changes in practice."),
    ("fair-heard", "fair_process", "governance",
     "Vores organisation bliver hørt, før der træffes beslutninger, der berører os.",
     "Our organisation is heard before decisions that affect us are made."),
    ("fair-explained", "fair_process", "norms",
     "Vi får at vide, hvorfor en beslutning blev, som den blev – også når vi var uenige.",
     "We are told why a decision turned out as it did, even when we disagreed."),
    ("fair-expectations", "fair_process", "administration",
     "Efter en beslutning står det klart, hvem der gør hvad og hvornår.",
     "After a decision it is clear who does what, and by when."),
]

# (key, left pole da, left pole en, right pole da, right pole en, explanation da, explanation en).
# A party places the alliance between the poles: 0 at the left pole, 100 at the right.
TENSIONS = [
    ("system-or-alliance",
     "Det hierarkiske systems regler", "The hierarchy's rules",
     "Alliancens egne spilleregler", "The alliance's own rules of the game",
     "Følger alliancen de regler og procedurer, parternes egne organisationer arbejder efter, "
     "eller har den fundet sin egen måde at gøre tingene på?",
     "Does the alliance follow the rules and procedures of the parties' own organisations, "
     "or has it found its own way of doing things?"),
    ("frames-or-room",
     "Kommunens eksisterende rammer", "The municipality's existing frames",
     "Det rum, alliancen har brug for", "The room the alliance needs",
     "Arbejder alliancen inden for de rammer, der allerede findes, eller har den fået det "
     "råderum, opgaven kræver?",
     "Does the alliance work within the frames that already exist, or has it been given the "
     "room the task calls for?"),
    ("law-or-market",
     "Offentligt lovgrundlag", "Public legal basis",
     "Markedets incitamenter", "Market incentives",
     "Hvad vejer tungest, når alliancen vælger: det, loven og forvaltningen kræver, eller det, "
     "der giver virksomhederne en forretning?",
     "What weighs most when the alliance chooses: what the law and the administration "
     "require, or what gives the companies a business?"),
    ("normal-or-fast",
     "Organisationernes normale tempo", "The organisations' normal pace",
     "Alliancens hurtigere beslutninger", "The alliance's faster decisions",
     "Bliver beslutninger truffet i den takt, organisationerne plejer, eller så hurtigt som "
     "alliancens arbejde har brug for?",
     "Are decisions made at the organisations' usual rhythm, or as fast as the alliance's "
     "work needs?"),
    ("head-or-facilitating",
     "Ledelse fra bordenden", "Leading from the head of the table",
     "Facilitering", "Facilitating",
     "Bliver alliancen ledet af den, der har mest magt, eller af nogen, der får parterne til "
     "at finde løsningen sammen?",
     "Is the alliance led by whoever holds most power, or by someone who helps the parties "
     "find the solution together?"),
    ("own-or-shared",
     "Hver parts egen banehalvdel", "Each party's own half of the pitch",
     "Den fælles opgave", "The shared task",
     "Passer hver part mest sit eget, eller arbejder parterne på tværs for den opgave, de har "
     "til fælles?",
     "Does each party mostly mind its own business, or do the parties work across lines for "
     "the task they share?"),
]

# (key, kind, Danish, English): what taking part gives and costs the party, 1–5.
PARTICIPATION_ITEMS = [
    ("gives-results", "benefit",
     "Vi når resultater, vi ikke kunne nå alene.",
     "We achieve results we could not achieve alone."),
    ("gives-knowledge", "benefit",
     "Vi får viden og kompetencer, vi bruger i resten af organisationen.",
     "We gain knowledge and skills we use across our organisation."),
    ("gives-network", "benefit",
     "Vi får kontakter, der også er værd at have uden for alliancen.",
     "We gain contacts that are worth having beyond the alliance too."),
    ("gives-reputation", "benefit",
     "Deltagelsen styrker vores omdømme og vores legitimitet.",
     "Taking part strengthens our reputation and our legitimacy."),
    ("costs-time", "cost",
     "Deltagelsen tager mere tid, end vi havde regnet med.",
     "Taking part takes more time than we had expected."),
    ("costs-resources", "cost",
     "Deltagelsen binder penge eller folk, vi mangler andre steder.",
     "Taking part ties up money or people we lack elsewhere."),
    ("costs-control", "cost",
     "Vi har måttet give slip på beslutninger, vi plejer at træffe selv.",
     "We have had to let go of decisions we usually make ourselves."),
    ("costs-friction", "cost",
     "Samarbejdet skaber gnidninger eller usikkerhed i vores egen organisation.",
     "The work causes friction or uncertainty inside our own organisation."),
]


def load_version_1(apps) -> None:
    """Version 1 from the lists above, unless a version exists: migration 0002 calls it with
    its historical models, tests that flush the tables with `django.apps.apps`."""
    version_model = apps.get_model("healthcheck", "InstrumentVersion")
    if version_model.objects.exists():
        return
    version = version_model.objects.create(number=1, published_at=timezone.now(), note="Brobyggers første version.")
    apps.get_model("healthcheck", "Statement").objects.bulk_create(
        apps.get_model("healthcheck", "Statement")(
            version=version, key=key, criterion=criterion, dimension=dimension, text_da=da, text_en=en, order=order
        )
        for order, (key, criterion, dimension, da, en) in enumerate(STATEMENTS, start=1)
    )
    apps.get_model("healthcheck", "TensionScale").objects.bulk_create(
        apps.get_model("healthcheck", "TensionScale")(
            version=version, key=key, left_da=left_da, left_en=left_en, right_da=right_da, right_en=right_en,
            explanation_da=explanation_da, explanation_en=explanation_en, order=order,
        )
        for order, (key, left_da, left_en, right_da, right_en, explanation_da, explanation_en) in enumerate(
            TENSIONS, start=1
        )
    )
    apps.get_model("healthcheck", "ParticipationItem").objects.bulk_create(
        apps.get_model("healthcheck", "ParticipationItem")(
            version=version, key=key, kind=kind, text_da=da, text_en=en, order=order
        )
        for order, (key, kind, da, en) in enumerate(PARTICIPATION_ITEMS, start=1)
    )
