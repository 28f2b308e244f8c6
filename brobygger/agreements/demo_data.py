"""The demo's partnering agreements, per alliance title. Texts are fictitious."""

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
