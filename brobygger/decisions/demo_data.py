"""The decisions' demo content: fair process in the organic milk alliance in Lejre, one
decision in the telemedicine alliance in Næstved, and a change process inside Lejre Kommune.
The people are fictitious; the Danish texts are data, not gettext.

The stories:

- Milk: the alliance keeps an involvement plan with two gaps (the kitchen staff in the
  operating phase, and citizens when the alliance is evaluated). Its decisions stand at every
  step of their life:
  - the care homes join the milk deliveries (about seven months ago, decided four months after
    the question was raised): a public hearing where the parties and citizens answered, some
    agreeing and some not; every response answered; one action done, one overdue; those who
    disagreed still felt heard;
  - how the farm visits are paid for (communicated, then corrected: the amount per visit was
    wrong);
  - returnable bottles (decided, but one citizen's response, about the staff who lift the
    crates, is still unanswered: the process is weak while it can be mended);
  - school milk for every pupil (an open public hearing; the dairy, the "partner" login's
    party, has not answered yet);
  - whether the alliance continues after February 2027 (a draft).
- Telemedicine: measuring twice a week instead of daily. The patients' association disagreed
  and its answer made the offer voluntary; with only a few respondents, "did you feel heard?"
  stays below the privacy threshold.
- Lejre Kommune merges its meal service and kitchens (a change process, run by the
  "koordinator" login, who works there): its own plan, and the new rota in hearing with two
  people invited by email, one of whom has answered.

Days are counted back from the day the demo is loaded (negative: still to come), so open
hearings stay open and the overdue action stays overdue.
"""

MILK = "Økologisk mælk i Lejres offentlige køkkener"
TELEMEDICINE = "Telemedicin til borgere med KOL i Næstved"


def cell(level: str, *means: str, note: str = "") -> dict:
    """A plan cell that offers `level` to a group the phase affects."""
    return {"affected": True, "level": level, "means": list(means), "note": note}


def gap(note: str) -> dict:
    """The phase affects the group, and the plan offers it nothing (yet)."""
    return {"affected": True, "level": "", "means": [], "note": note}


def party(key: str, by: str, days_ago: int, stance: str, text: str, reply=None, felt=None) -> dict:
    """A party's response, written by `by` (username) `days_ago` days before the demo is
    loaded; `reply` is (usage, text) or None (left unanswered); `felt` is "did you feel
    heard?" (1–5) or None."""
    return {"party": key, "by": by, "days_ago": days_ago, "stance": stance, "text": text, "reply": reply, "felt": felt}


def citizen(days_ago: int, stance: str, text: str, name: str = "", reply=None, felt=None) -> dict:
    """A citizen's response on the public page (no address given, so no mail goes out)."""
    return {"party": None, "name": name, "days_ago": days_ago, "stance": stance, "text": text, "reply": reply, "felt": felt}


def expectation(action: str, owner: str, due_in: int, done_ago: int | None = None) -> dict:
    """What happens next: due `due_in` days after the demo is loaded (negative: passed), done
    `done_ago` days before it, or not yet."""
    return {"action": action, "owner": owner, "due_in": due_in, "done_ago": done_ago}


# Involvement plans, by the group names `services.plan_start` starts from (the Danish source
# strings) and phase. Written `days_ago` days before the demo is loaded.
PLANS = {
    MILK: {
        "days_ago": 240,
        "cells": {
            "Politikere": {
                "etablering": cell("informere", "nyhedsbrev", note="Udvalget får en orientering hvert kvartal."),
                "drift": cell("hoere", "moede", "hoering"),
                "evaluering": cell("inddrage", "moede", "workshop", note="Udvalget er med til at sætte evalueringens spørgsmål."),
            },
            "Topledere": {
                "etablering": cell("samarbejde", "moede"),
                "drift": cell("inddrage", "moede"),
                "evaluering": cell("samarbejde", "workshop"),
            },
            "Medarbejdere hos parterne": {
                "etablering": cell("inddrage", "workshop", note="Køkkenlederne og mejeriets chauffører var med til at planlægge leverancerne."),
                "drift": gap("Køkkenpersonalet mærker hver ændring i leverancerne, men har ikke et fast sted at sige det."),
                "evaluering": cell("inddrage", "workshop"),
            },
            "Frivillige og foreninger": {
                "etablering": cell("samarbejde", "moede"),
                "drift": cell("samarbejde", "moede", "hoering"),
                "evaluering": cell("samarbejde", "workshop"),
            },
            "Borgere og pårørende": {
                "etablering": cell("informere", "nyhedsbrev"),
                "drift": cell("inddrage", "hoering", "moede", note="Beboerråd og skolebestyrelser inviteres, når noget ændrer sig for dem."),
                "evaluering": gap("Vi har endnu ikke besluttet, hvordan beboere og forældre bliver spurgt, når forsøget skal vurderes."),
            },
        },
    },
}

# Per alliance title: its decisions, oldest first. The deciding coordinator is the one the
# foundation's demo made; a hearing's `opened`/`last_day`, `decided`, `replied`,
# `communicated`, `felt_heard` and `correction` are days before the demo is loaded.
DECISIONS = {
    MILK: [
        {
            "question": "Skal alliancen også levere økologisk mælk til kommunens fire plejecentre?",
            "background": (
                "Skolekøkkenerne og madservice har fået mælk fra Hvalsø Andelsmejeri i et år. Nu spørger "
                "plejecentrenes køkkener, om de kan komme med. Det kræver, at mejeriet kører flere ture, og at "
                "landmændene kan levere mere mælk om vinteren. Kommunens udgift til mælk stiger med omkring "
                "fire procent, hvis alle fire plejecentre kommer med."
            ),
            "phase": "drift",
            "affected": ["Lejre Kommune", "mejeri", "landmaend"],
            "affects_public": True,
            "created": 225,
            "hearing": {
                "opened": 135,
                "last_day": 114,
                "level": "konsultation",
                "reason": (
                    "Ældre- og sundhedsudvalget træffer beslutningen, fordi den ændrer køkkenernes budget. Før "
                    "udvalget beslutter, vil vi høre beboere, pårørende og alliancens parter, og bagefter "
                    "fortæller vi, hvordan svarene er brugt."
                ),
                "public": True,
                "groups": ["Borgere og pårørende", "Frivillige og foreninger"],
            },
            "responses": [
                citizen(
                    133, "enig",
                    "Min far bor på Solhøj og får mælk til grøden hver morgen. Han og de andre beboere vil "
                    "sætte pris på, at den kommer fra gårdene her på egnen.",
                    name="Birthe",
                    reply=("brugt", "Tak for dit svar. Solhøj bliver et af de to første plejecentre, der får mælken."),
                    felt=5,
                ),
                party(
                    "Lejre Kommune", "koordinator", 131, "enig",
                    "Køkkenlederne på plejecentrene vil gerne være med. De beder om, at mælken kommer før "
                    "klokken syv, så den kan bruges til morgenmaden.",
                    reply=("brugt", "Leveringstiden er skrevet ind i aftalen med mejeriet: senest klokken 6.30 på hverdage."),
                ),
                citizen(
                    129, "uenig",
                    "Plejecentrene mangler hænder. Pengene burde gå til mere personale frem for dyrere mælk.",
                    reply=(
                        "ikke_brugt",
                        "Vi forstår ønsket. Merudgiften er omkring 60.000 kroner om året og betales af køkkenernes "
                        "eget budget, så den tager ikke penge fra plejen. Hvor mange ansatte plejecentrene har, "
                        "besluttes i kommunens budget og ikke i denne sag.",
                    ),
                    felt=4,
                ),
                party(
                    "mejeri", "partner", 126, "delvis",
                    "Vi kan godt levere, men ikke med fire ekstra ture om ugen til den nuværende pris. Kan "
                    "plejecentrene tage imod to gange om ugen, går regnestykket op.",
                    reply=("brugt", "Plejecentrene får leveret to gange om ugen, og køkkenerne får større køleskabe, så mælken kan holde."),
                    felt=4,
                ),
                citizen(
                    124, "uenig",
                    "Økologi er en god tanke, men beboerne har aldrig selv bedt om det. Spørg dem, før I beslutter noget.",
                    name="Poul Erik",
                    reply=(
                        "delvist",
                        "Beboerrådene på to plejecentre blev spurgt efter høringen, og de fleste var positive. Vi "
                        "gør det ikke til en betingelse, men vi evaluerer sammen med beboerrådene, når mælken har "
                        "været i brug et halvt år.",
                    ),
                    felt=3,
                ),
                citizen(
                    121, "uenig",
                    "Flere lastbiler på de små veje ud til plejecentrene er hverken godt for klimaet eller for "
                    "trafiksikkerheden.",
                    reply=("delvist", "Mejeriet kører plejecentrene med på skolernes ture, så der kommer kun én ekstra tur om ugen."),
                    felt=4,
                ),
                citizen(
                    119, "uenig",
                    "Kommunen skal ikke vælge leverandør efter, hvor den ligger. Det billigste tilbud bør vinde.",
                    reply=(
                        "ikke_brugt",
                        "Aftalen er indgået efter reglerne for offentlige indkøb, og prisen ligger inden for det, "
                        "kommunen plejer at betale. Vi holder fast i lokale leverancer, fordi det er alliancens formål.",
                    ),
                ),
                party(
                    "landmaend", "jonna.skov", 118, "delvis",
                    "Om sommeren kan vi levere mere, men om vinteren giver køerne mindre. Lad plejecentrene komme "
                    "med lidt ad gangen, så vi kan nå at planlægge.",
                    reply=(
                        "delvist",
                        "Plejecentrene kommer med to ad gangen med et halvt års mellemrum. I foreslog et helt år, "
                        "men det ville gøre budgettet for usikkert, så vi har mødt jer på halvvejen.",
                    ),
                    felt=3,
                ),
                citizen(
                    117, "ved_ikke",
                    "Hvordan sikrer I, at mælken holder lige så længe som den, plejecentrene får i dag?",
                    reply=("brugt", "Mejeriets mælk holder lige så længe som den nuværende, og køkkenerne har fået en fast rutine for at tjekke datoerne."),
                ),
                citizen(
                    115, "delvis",
                    "Godt for beboerne, men husk dem, der ikke tåler mælk. Der skal også være gode alternativer.",
                    reply=("brugt", "Køkkenerne beholder laktosefri mælk og havredrik fra den nuværende leverandør."),
                    felt=4,
                ),
            ],
            "decided": 105,
            "outcome": (
                "Plejecentrene får økologisk mælk fra alliancen. Solhøj og Bøgebakken begynder, og de to andre "
                "følger et halvt år senere. Mejeriet leverer to gange om ugen, senest klokken 6.30."
            ),
            "reasons": (
                "Køkkenerne og de fleste, der svarede, ønskede det, og merudgiften kan holdes inden for "
                "køkkenernes budget. Vi begynder med to plejecentre, fordi landmændene skal have tid til at "
                "planlægge vinterens mælk, og fordi flere svar bad om, at beboerne bliver hørt undervejs."
            ),
            "review_in": 75,
            "replied": 104,
            "expectations": [
                expectation("Første levering til Solhøj og Bøgebakken", "Hvalsø Andelsmejeri A/S", -75, done_ago=77),
                expectation("Evaluering med beboerrådene på Solhøj og Bøgebakken", "Lejre Kommune, Ældre og Sundhed", -14),
                expectation("Leverancer til de to sidste plejecentre", "Hvalsø Andelsmejeri A/S", 75),
            ],
            "communicated": 101,
            "felt_heard": 99,
        },
        {
            "question": "Hvordan deler vi udgifterne til børnenes besøg på gårdene?",
            "background": (
                "Landmændene har haft 38 skoleklasser på besøg i år og har selv betalt for forplejning og ekstra "
                "hjælpere. Foreningen siger, at det ikke kan fortsætte sådan. Kommunen har en pulje til naturfag, "
                "og mejeriet har tilbudt smagsprøver."
            ),
            "phase": "drift",
            "affected": ["Lejre Kommune", "mejeri", "landmaend"],
            "affects_public": False,
            "created": 172,
            "hearing": {
                "opened": 168,
                "last_day": 154,
                "level": "samskabelse",
                "reason": (
                    "Parterne skal selv finde en fordeling, de kan stå inde for. Koordinatoren skriver et forslag "
                    "ud fra jeres svar, og styregruppen godkender det."
                ),
                "public": False,
                "groups": ["Frivillige og foreninger", "Topledere"],
            },
            "responses": [
                party(
                    "landmaend", "jonna.skov", 165, "delvis",
                    "Vi vil gerne fortsætte, men vi kan ikke selv betale bussen og de ekstra hænder. Et fast beløb "
                    "pr. besøg ville gøre det muligt.",
                    reply=("brugt", "Kommunen betaler et fast beløb pr. klassebesøg til foreningen fra næste skoleår."),
                    felt=4,
                ),
                party(
                    "mejeri", "partner", 160, "enig",
                    "Vi giver gerne mælk og ost til besøgene, hvis vi må fortælle børnene, hvordan mejeriet arbejder.",
                    reply=("brugt", "Mejeriet sørger for smagsprøver og fortæller om mejeriet ved hvert besøg."),
                    felt=5,
                ),
                party(
                    "Lejre Kommune", "koordinator", 158, "delvis",
                    "Naturfagspuljen kan dække bussen, men ikke landmændenes timer. Det kræver en politisk beslutning.",
                    reply=(
                        "delvist",
                        "Puljen dækker bussen. Beløbet til landmændenes timer er lagt ind i budgetforslaget, som "
                        "udvalget behandler i september.",
                    ),
                ),
            ],
            "decided": 150,
            "outcome": (
                "Kommunens naturfagspulje betaler bussen til gårdbesøgene og 1.200 kroner pr. klassebesøg til "
                "Økologiske Landmænd i Lejre. Mejeriet sørger for smagsprøver."
            ),
            "reasons": (
                "I dag bærer landmændene hele udgiften, og alle parter er enige om, at det ikke er rimeligt. "
                "Beløbet dækker forplejning og en ekstra voksen pr. besøg. Mejeriet får til gengæld lov at "
                "fortælle om sin produktion."
            ),
            "review_in": None,
            "replied": 149,
            "expectations": [
                expectation("Første udbetaling til foreningen for forårets besøg", "Lejre Kommune, Børn og Skole", -100, done_ago=102),
            ],
            "communicated": 147,
            "felt_heard": 145,
            "correction": {
                "days_ago": 61,
                "outcome": (
                    "Kommunens naturfagspulje betaler bussen til gårdbesøgene og 1.800 kroner pr. klassebesøg til "
                    "Økologiske Landmænd i Lejre. Mejeriet sørger for smagsprøver."
                ),
                "reasons": (
                    "I dag bærer landmændene hele udgiften, og alle parter er enige om, at det ikke er rimeligt. "
                    "Beløbet dækker forplejning og en ekstra voksen pr. besøg. Mejeriet får til gengæld lov at "
                    "fortælle om sin produktion."
                ),
                "note": "Beløbet pr. besøg var regnet uden timerne til den ekstra voksne. Det rigtige beløb er 1.800 kroner.",
            },
        },
        {
            "question": "Skal mejeriet levere mælken i returflasker i stedet for kartoner?",
            "background": (
                "Køkkenerne smider omkring 40.000 mælkekartoner ud om året. Mejeriet kan levere i glasflasker, "
                "der vaskes og bruges igen, men køkkenerne skal have plads til kasserne, og flaskerne er tungere "
                "at løfte."
            ),
            "phase": "drift",
            "affected": ["Lejre Kommune", "mejeri", "landmaend"],
            "affects_public": True,
            "created": 62,
            "hearing": {
                "opened": 58,
                "last_day": 37,
                "level": "konsultation",
                "reason": (
                    "Styregruppen beslutter. Vi vil gerne vide, hvad returflasker betyder for køkkenerne og for "
                    "jer, før vi vælger."
                ),
                "public": True,
                "groups": ["Frivillige og foreninger", "Borgere og pårørende"],
            },
            "responses": [
                party(
                    "mejeri", "partner", 55, "enig",
                    "Vi har vaskeanlægget og kan begynde med det samme. Pant på kasserne sikrer, at de kommer tilbage.",
                    reply=("brugt", "Pant på kasserne er en del af beslutningen."),
                ),
                citizen(
                    52, "enig",
                    "Endelig. Kartonerne fylder hele containeren bag skolen hver uge.",
                    name="Karin",
                    reply=("delvist", "Skolerne kommer med, når der er plads til kasserne. Vi begynder på plejecentrene."),
                ),
                party(
                    "Lejre Kommune", "koordinator", 50, "delvis",
                    "Skolekøkkenerne har ikke plads til kasserne, men det har plejecentrene.",
                    reply=("brugt", "Vi begynder på plejecentrene og ser på skolerne, når der er fundet plads."),
                ),
                party(
                    "landmaend", "jonna.skov", 45, "enig",
                    "Det passer til det, vi står for. Mindre emballage er også en god historie at fortælle børnene.",
                    reply=("brugt", "Tak. Det kommer med i fortællingen om alliancen, når vi viser børnene rundt."),
                ),
                citizen(
                    41, "uenig",
                    "Glasflasker er tunge, og personalet i køkkenerne løfter allerede for meget. Har nogen spurgt dem?",
                ),
            ],
            "decided": 30,
            "outcome": (
                "Plejecentrenes køkkener får mælken i returflasker med pant på kasserne fra næste kvartal. "
                "Skolerne bliver ved med kartoner, til der er plads til kasserne."
            ),
            "reasons": (
                "Returflasker sparer meget emballage, og mejeriet er klar. Skolekøkkenerne mangler plads, så de "
                "venter."
            ),
            "review_in": None,
            "replied": 29,
            "expectations": [
                expectation("Pladsen til flaskekasser på plejecentrene er målt op", "Lejre Kommune, Ejendomme", 20),
            ],
        },
        {
            "question": "Skal alle skoleelever i Lejre have økologisk skolemælk fra næste skoleår?",
            "background": (
                "I dag kan forældre købe skolemælk gennem en landsdækkende ordning. Kommunen overvejer i stedet at "
                "give alle elever mælk fra alliancen til frokosten. Det koster omkring 1,1 millioner kroner om "
                "året, og mejeriet skal kunne levere til 14 skoler."
            ),
            "phase": "drift",
            "affected": ["Lejre Kommune", "mejeri", "landmaend"],
            "affects_public": True,
            "created": 12,
            "hearing": {
                "opened": 10,
                "last_day": -9,
                "level": "konsultation",
                "reason": (
                    "Børne- og skoleudvalget beslutter i forbindelse med budgettet. Vi vil høre forældre, skoler "
                    "og parter, så udvalget kender fordele og ulemper, før det beslutter."
                ),
                "public": True,
                "groups": ["Borgere og pårørende", "Politikere"],
            },
            "responses": [
                citizen(
                    9, "enig",
                    "Det er en god idé. Mange forældre er holdt op med skolemælken, fordi den er blevet dyr.",
                    name="Mads, far til to",
                ),
                party(
                    "Lejre Kommune", "koordinator", 8, "enig",
                    "Skolelederne er positive, men de beder om små portioner, så der ikke bliver hældt mælk ud.",
                ),
                citizen(6, "uenig", "Min datter tåler ikke mælk. Hvad får de børn, der ikke kan drikke den?"),
                party(
                    "landmaend", "jonna.skov", 5, "delvis",
                    "Vi kan levere mælken, hvis vi får besked senest i marts, så vi kan planlægge besætningen.",
                ),
                citizen(
                    2, "delvis",
                    "Fint med mælk, men vand er det sundeste til maden. Sørg for, at der også er vand at få.",
                    name="Lærke",
                ),
            ],
        },
        {
            "question": "Skal alliancen fortsætte, når aftaleperioden slutter i februar 2027?",
            "background": (
                "Alliancens aftale løber til udgangen af februar 2027. Parterne skal vide i god tid, om der kommer "
                "en ny aftale, og hvad den i så fald skal indeholde. Kladden samler det, vi ved indtil nu."
            ),
            "phase": "evaluering",
            "affected": ["Lejre Kommune", "mejeri", "landmaend"],
            "affects_public": False,
            "created": 3,
        },
    ],
    TELEMEDICINE: [
        {
            "question": "Må borgere med stabile målinger måle to gange om ugen i stedet for hver dag?",
            "background": (
                "Mange borgere har målt hver dag i over et år, og sygeplejerskerne ser sjældent udsving hos dem, "
                "der er stabile. Færre målinger sparer tid for både borgere og personale, men en forværring kan "
                "blive opdaget senere."
            ),
            "phase": "etablering",
            "affected": ["Region Sjælland", "Næstved Kommune", "telemed", "kol"],
            "affects_public": False,
            "created": 95,
            "hearing": {
                "opened": 92,
                "last_day": 71,
                "level": "konsultation",
                "reason": (
                    "Regionen har det lægefaglige ansvar og træffer beslutningen. Vi vil høre kommunen, "
                    "leverandøren og patienterne, før vi gør det."
                ),
                "public": False,
                "groups": [],
            },
            "responses": [
                party(
                    "Næstved Kommune", "topleder", 88, "enig",
                    "Hjemmesygeplejen bruger mange timer på at følge op på målinger, der er helt i orden. Vi "
                    "støtter forslaget.",
                    reply=("brugt", "Tak. Sygeplejerskerne får tiden til de borgere, hvis målinger svinger."),
                    felt=4,
                ),
                party(
                    "telemed", "kasper.holt", 80, "delvis",
                    "Platformen kan skifte mellem daglige og ugentlige målinger, men borgerne skal have en "
                    "påmindelse, så de ikke glemmer dagene.",
                    reply=("brugt", "Platformen sender en påmindelse om morgenen på måledagene."),
                    felt=5,
                ),
                party(
                    "kol", "lone.munk", 75, "uenig",
                    "Mange af vores medlemmer er trygge ved at måle hver dag. Det må være borgerens eget valg og "
                    "ikke noget, der besluttes for dem.",
                    reply=(
                        "delvist",
                        "Borgeren bestemmer selv, om de vil blive ved med at måle hver dag. Sygeplejersken foreslår "
                        "to gange om ugen, når målingerne har været stabile i tre måneder.",
                    ),
                    felt=2,
                ),
            ],
            "decided": 65,
            "outcome": (
                "Borgere, hvis målinger har været stabile i tre måneder, får tilbudt at måle to gange om ugen. "
                "Den enkelte kan altid vælge at fortsætte hver dag."
            ),
            "reasons": (
                "Færre målinger giver tid i hjemmesygeplejen uden at øge risikoen for dem, der er stabile. "
                "Patientforeningens svar har gjort tilbuddet frivilligt, så ingen mister den tryghed, de har i dag."
            ),
            "review_in": 120,
            "replied": 64,
            "expectations": [
                expectation("Platformen sender påmindelser på måledagene", "Medisense Telehealth ApS", -35, done_ago=38),
                expectation("Sygeplejerskerne gennemgår borgere med stabile målinger", "Næstved Kommune, Hjemmesygeplejen", 30),
            ],
            "communicated": 62,
            "felt_heard": 60,
        },
    ],
}

# A change process inside Lejre Kommune, run by the "koordinator" login (verified there).
CHANGE_PROCESS = {
    "organisation": "Lejre Kommune",
    "by": "koordinator",
    "title": "Sammenlægning af Madservice og de kommunale køkkener",
    "description": (
        "Madservice og køkkenerne på skoler og plejecentre bliver én afdeling med fælles ledelse. "
        "Medarbejderne skal være med til at forme, hvordan den nye afdeling kommer til at arbejde."
    ),
    "created": 50,
    "plan_days_ago": 48,
    # By the group names `services.plan_start` gives a change process.
    "cells": {
        "Medarbejdere": {
            "afklaring": cell("inddrage", "workshop", "moede"),
            "etablering": cell("samarbejde", "workshop", note="Vagtplan og arbejdsgange formes sammen med medarbejderne."),
        },
        "Ledere": {
            "afklaring": cell("samarbejde", "moede"),
            "etablering": cell("samarbejde", "moede"),
        },
        "Tillidsvalgte og MED": {
            "afklaring": cell("samarbejde", "moede"),
            "etablering": cell("samarbejde", "moede", "hoering"),
        },
        "Politikere": {
            "afklaring": cell("informere", "nyhedsbrev"),
            "etablering": cell("informere", "nyhedsbrev"),
        },
        "Borgere og brugere": {
            "etablering": gap("Dem, der får mad fra madservice, mærker sammenlægningen, men de er ikke blevet spurgt."),
        },
    },
    "decision": {
        "question": "Hvordan skal arbejdstiden fordeles i den nye fælles køkkenafdeling?",
        "background": (
            "I dag møder madservice klokken 6 og skolekøkkenerne klokken 7.30. Den nye afdeling skal have én "
            "vagtplan. Forslaget er to hold med forskudt mødetid, men der kan være bedre løsninger."
        ),
        "phase": "etablering",
        "groups": ["Medarbejdere", "Tillidsvalgte og MED"],
        "created": 9,
        "hearing": {
            "opened": 6,
            "last_day": -12,
            "level": "samskabelse",
            "reason": (
                "Medarbejderne kender hverdagen bedst. Vagtplanen formes sammen med dem, og ledelsen godkender "
                "den, når den holder sig inden for budgettet og overenskomsten."
            ),
            # The reserved .example domain (Lejre's in the demo) never reaches anyone.
            "emails": ["koekkenerne@lejre.example", "tillidsrepraesentant.madservice@lejre.example"],
        },
        "invitee_responses": [
            {
                "email": "tillidsrepraesentant.madservice@lejre.example",
                "name": "Tillidsrepræsentant for Madservice",
                "days_ago": 3,
                "stance": "delvis",
                "text": (
                    "To hold er en god begyndelse, men de, der har små børn, skal kunne vælge det sene hold. Kan "
                    "vi prøve planen af i en måned, før den bliver fast?"
                ),
            },
        ],
    },
}
