"""Version 1 of the self-assessment's statements (see instrument.py). A published version is never edited: a changed statement goes into a new version (tests pin version 1's texts)."""

from django.utils.translation import gettext_lazy as _

from .dimensions import Dimension
from .instrument import Statement

VERSION_1 = (
    Statement(
        "v1-medspiller-1",
        Dimension.MEDSPILLER,
        _(
            "Jeg lægger selv konkrete idéer til løsninger på bordet, når alliancens parter arbejder med at udvikle opgaven."
        ),
    ),
    Statement(
        "v1-medspiller-2",
        Dimension.MEDSPILLER,
        _(
            "Jeg bruger min egen faglige viden i alliancen, fx om lovgivning, økonomi eller borgernes behov, når parterne skal finde en løsning."
        ),
    ),
    Statement(
        "v1-medspiller-3",
        Dimension.MEDSPILLER,
        _(
            "Jeg holder mine egne holdninger til indholdet tilbage og nøjes med at styre processen, når virksomheder og foreninger udvikler løsninger med os."
        ),
        reverse=True,
    ),
    Statement(
        "v1-medspiller-4",
        Dimension.MEDSPILLER,
        _(
            "Når alliancen står i stampe, kommer jeg selv med et bud på, hvordan vi kommer videre, frem for kun at spørge de andre."
        ),
    ),
    Statement(
        "v1-designer-1",
        Dimension.DESIGNER,
        _(
            "Jeg lader alliancens sager gå de sædvanlige tjenesteveje i hierarkiet, også når det gør samarbejdet med partnerne langsomt."
        ),
        reverse=True,
    ),
    Statement(
        "v1-designer-2",
        Dimension.DESIGNER,
        _(
            "Jeg opretter fora med egne spilleregler, hvor medarbejdere, virksomheder, foreninger og borgere træffer beslutninger om alliancen sammen."
        ),
    ),
    Statement(
        "v1-designer-3",
        Dimension.DESIGNER,
        _(
            "Jeg giver dem, der arbejder i alliancen, et klart mandat, så de kan handle uden at gå hele vejen op i hierarkiet hver gang."
        ),
    ),
    Statement(
        "v1-designer-4",
        Dimension.DESIGNER,
        _(
            "Jeg finder det albuerum, alliancen har brug for, inden for de budgetter, regler og delegationer, vi allerede har."
        ),
    ),
    Statement(
        "v1-brobygger-1",
        Dimension.BROBYGGER,
        _(
            "Jeg opsøger selv virksomheder, foreninger og borgergrupper for at forstå, hvad de vil have ud af et samarbejde med os."
        ),
    ),
    Statement(
        "v1-brobygger-2",
        Dimension.BROBYGGER,
        _(
            "Jeg taler et sprog, som partnerne kan genkende, og undgår forvaltningens fagudtryk, når jeg er sammen med dem."
        ),
    ),
    Statement(
        "v1-brobygger-3",
        Dimension.BROBYGGER,
        _(
            "Jeg viser partnerne, at vi kan være en smidig og imødekommende samarbejdspartner – ikke kun den tunge, bureaukratiske myndighed."
        ),
    ),
    Statement(
        "v1-brobygger-4",
        Dimension.BROBYGGER,
        _(
            "Jeg er på vagt over for virksomheders og foreningers motiver, når de tilbyder at løse en opgave sammen med os."
        ),
        reverse=True,
    ),
    Statement(
        "v1-styrmand-1",
        Dimension.STYRMAND,
        _(
            "Jeg sørger for, at mine ledere og medarbejdere følger med, når alliancen ændrer den måde, vi plejer at arbejde på."
        ),
    ),
    Statement(
        "v1-styrmand-2",
        Dimension.STYRMAND,
        _(
            "Jeg opdager først modstand eller usikkerhed i min egen organisation, når den allerede bremser alliancen."
        ),
        reverse=True,
    ),
    Statement(
        "v1-styrmand-3",
        Dimension.STYRMAND,
        _(
            "Jeg holder øje med stemningen i organisationen og justerer tempoet, når alliancen presser medarbejderne for meget."
        ),
    ),
    Statement(
        "v1-styrmand-4",
        Dimension.STYRMAND,
        _(
            "Jeg går selv forrest og opmuntrer mine ledere, når alliancen møder modstand eller tilbageslag i vores egen organisation."
        ),
    ),
    Statement(
        "v1-oversaetter-1",
        Dimension.OVERSAETTER,
        _(
            "Jeg sørger for, at politikerne får et beslutningsgrundlag om alliancen, som de kan forstå uden at kende projektets detaljer."
        ),
    ),
    Statement(
        "v1-oversaetter-2",
        Dimension.OVERSAETTER,
        _(
            "Jeg gør det klart for politikerne, hvilke risici og usikkerheder der er ved alliancen, så de ved, hvad de siger ja til."
        ),
    ),
    Statement(
        "v1-oversaetter-3",
        Dimension.OVERSAETTER,
        _(
            "Jeg regner med, at politikerne selv sætter sig ind i alliancens muligheder og risici, før de træffer en beslutning."
        ),
        reverse=True,
    ),
    Statement(
        "v1-oversaetter-4",
        Dimension.OVERSAETTER,
        _(
            "Jeg inddrager politikerne undervejs, så de føler sig trygge ved at træffe beslutninger om noget, vi ikke har prøvet før."
        ),
    ),
    Statement(
        "v1-fortaeller-1",
        Dimension.FORTAELLER,
        _(
            "Jeg fastlægger detaljerne i alliancearbejdet for mine medarbejdere i stedet for at give dem en ramme, de selv kan fylde ud."
        ),
        reverse=True,
    ),
    Statement(
        "v1-fortaeller-2",
        Dimension.FORTAELLER,
        _(
            "Jeg fortæller tydeligt, hvilken hensigt vores organisation har med at indgå alliancer med virksomheder, foreninger og borgere."
        ),
    ),
    Statement(
        "v1-fortaeller-3",
        Dimension.FORTAELLER,
        _(
            "Jeg udstikker en klar retning for vores arbejde med alliancer, så medarbejderne ved, hvad de kan gå i gang med."
        ),
    ),
    Statement(
        "v1-fortaeller-4",
        Dimension.FORTAELLER,
        _(
            "Jeg formidler, hvilken værdi vi vil skabe med alliancen, og lader derefter andre finde ud af, hvordan den skal skabes."
        ),
    ),
    Statement(
        "v1-shared_meaning-1",
        Dimension.SHARED_MEANING,
        _(
            "Jeg kan i få sætninger forklare, hvad borgeren får ud af alliancen, så alle involverede kan se formålet."
        ),
    ),
    Statement(
        "v1-shared_meaning-2",
        Dimension.SHARED_MEANING,
        _(
            "Jeg arbejder for, at ledere og medarbejdere hos alle parter er enige om, hvorfor vi løser opgaven sammen."
        ),
    ),
    Statement(
        "v1-shared_meaning-3",
        Dimension.SHARED_MEANING,
        _(
            "Jeg bruger konkrete eksempler fra borgernes hverdag til at vise medarbejderne, hvorfor opgaven er værd at løse i fællesskab."
        ),
    ),
    Statement(
        "v1-shared_meaning-4",
        Dimension.SHARED_MEANING,
        _(
            "Jeg lader hver afdeling og hver partner selv finde ud af, hvad meningen med den fælles opgave er for dem."
        ),
        reverse=True,
    ),
    Statement(
        "v1-cross_relations-1",
        Dimension.CROSS_RELATIONS,
        _(
            "Jeg sørger for, at det er klart, hvem der gør hvad, når borgerens forløb går på tværs af afdelinger, fagområder og partnere."
        ),
    ),
    Statement(
        "v1-cross_relations-2",
        Dimension.CROSS_RELATIONS,
        _(
            "Jeg koncentrerer mig om mit eget ansvarsområde og overlader det til andre at få overgangene til de andre parter til at fungere."
        ),
        reverse=True,
    ),
    Statement(
        "v1-cross_relations-3",
        Dimension.CROSS_RELATIONS,
        _(
            "Jeg opbygger faste kontakter til ledere i andre forvaltninger, sektorer og organisationer, så vi kan løse problemer hurtigt på tværs."
        ),
    ),
    Statement(
        "v1-cross_relations-4",
        Dimension.CROSS_RELATIONS,
        _(
            "Jeg følger op på, om borgeren oplever et sammenhængende forløb, når flere fagligheder og organisationer er involveret."
        ),
    ),
    Statement(
        "v1-development_culture-1",
        Dimension.DEVELOPMENT_CULTURE,
        _(
            "Jeg giver medarbejderne tid og rum til at afprøve deres egne idéer til bedre løsninger sammen med partnerne."
        ),
    ),
    Statement(
        "v1-development_culture-2",
        Dimension.DEVELOPMENT_CULTURE,
        _(
            "Jeg sørger for, at nye politiske beslutninger hurtigt bliver til konkrete ændringer i den måde, vi løser opgaven på."
        ),
    ),
    Statement(
        "v1-development_culture-3",
        Dimension.DEVELOPMENT_CULTURE,
        _(
            "Jeg ser nye idéer fra andre organisationer, virksomheder eller forskning som forstyrrelser af den daglige drift."
        ),
        reverse=True,
    ),
    Statement(
        "v1-development_culture-4",
        Dimension.DEVELOPMENT_CULTURE,
        _(
            "Jeg sørger for, at vi samler op på, hvad alliancen har lært os, og bruger det til at forbedre vores måde at arbejde på."
        ),
    ),
)
