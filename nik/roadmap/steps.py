"""The ten steps of the basismodel, in the project's own Dutch words (the facts from the seed,
not its sentences). Shown as-is: the interface of these pages is for Dutch network builders."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    what: str
    lessons: list[str]
    yields: list[str]
    questions: list[str]
    deliverables: list[tuple[str, str]] = field(
        default_factory=list
    )  # (label, url name taking the region slug)


STEPS: list[Step] = [
    Step(
        1,
        "Deel je vraagstuk en idee",
        "Bespreek met een paar ouders en professionals die je al kent welk probleem het netwerk in jullie regio moet oplossen.",
        [
            "Laat ouders vanaf het eerste gesprek meedenken.",
            "Breng het vraagstuk samen met ouders in beeld.",
        ],
        ["Een vraagstuk dat ouders, kinderen en professionals herkennen en delen."],
        [
            "Welke blik brachten ouders en kinderen in, en wat veranderde daardoor aan het vraagstuk?"
        ],
        [("Vraagstuk", "network:problem_statement")],
    ),
    Step(
        2,
        "Maak samen een foto",
        "Breng met alle betrokken partijen in kaart wie nu zorg geeft aan ernstig zieke kinderen, wat ieder kan bijdragen, en voor wie het netwerk is.",
        [
            "Begin bij de ziekenhuizen: zij zijn de eerste schakel.",
            "Vertel elkaar wat je wel en niet kunt oplossen.",
            "Ga na of iedereen hetzelfde verstaat onder de doelgroep.",
        ],
        ["Zicht op wie wat doet en wie nog mist.", "Een afgebakende doelgroep."],
        [
            "Ken je alle mensen in het netwerk en weet je wat ze kunnen bijdragen?",
            "Heb je hun namen en contactgegevens?",
            "Waar is het netwerk sterk en waar zwak?",
            "Zijn alle nodige organisaties betrokken?",
        ],
        [
            ("Register", "network:organizations"),
            ("Stakeholderanalyse", "network:stakeholders"),
            ("Witte vlekken", "network:gaps"),
            ("Doelgroep", "network:target_group"),
        ],
    ),
    Step(
        3,
        "Kijk vooruit",
        "Werk met de partners in grote lijnen het plan van aanpak uit: doel, doelgroep, gebied, partners, resultaten, mijlpalen, monitoring en begroting.",
        [
            "Neem per bijeenkomst niet te veel hooi op je vork.",
            "Spreek af hoe je omgaat met kinderen van buiten de regio.",
            "Zonder het UMC en zijn Kinder Comfort Team komt de instroom niet op gang.",
        ],
        [
            "Een gedeeld beeld van waar het netwerk naartoe werkt.",
            "Heldere verwachtingen tussen de partners.",
        ],
        [
            "Doen we de goede dingen om onze doelen te halen?",
            "Gaat het gezamenlijke belang voor het eigen belang?",
            "Is duidelijk hoeveel ruimte uitvoerenden krijgen om mee te doen?",
        ],
        [("Plan van aanpak", "roadmap:plan"), ("Indicatoren", "roadmap:indicators")],
    ),
    Step(
        4,
        "Vraag commitment en maak afspraken",
        "Vraag bestuurders om mee te doen en leg vast wie wat doet, wie wat investeert en wie de vaste contactpersoon is.",
        [
            "Leg afspraken vast in een samenwerkingsovereenkomst en toets ze halfjaarlijks.",
            "Overweeg de coördinatie bij de jeugdgezondheidszorg te beleggen.",
        ],
        [
            "Een heldere werkwijze en taakverdeling.",
            "Afspraken over financiering.",
            "Een overzicht van ambassadeurs en van de route voor gezinnen.",
        ],
        [
            "Weten uitvoerders wat bestuurlijk is afgesproken?",
            "Komen knelpunten uit de praktijk en de inbreng van ouders terug bij de bestuurders?",
            "Hebben medewerkers genoeg mandaat om uren te maken voor het netwerk?",
        ],
        [
            ("Samenwerkingsovereenkomst", "roadmap:agreement"),
        ],
    ),
    Step(
        5,
        "Concretiseer het plan van aanpak",
        "Maak met alle partners concreet wie wat doet: projectstructuur, mijlpalenplanning, randvoorwaarden (ook privacy), communicatie en samen leren.",
        [
            "Laat stuurgroep en netwerk regelmatig ervaringen uitwisselen.",
            "Laat een ouder toetsen of wat je maakt bruikbaar is.",
            "Maak een folder voor ouders en een voor professionals.",
        ],
        [
            "Een concreet plan voor de komende periode.",
            "Informatie voor ouders en professionals, en een wegwijzer.",
        ],
        [
            "Hoe vaak en in welke vorm leer je samen van complexe casussen?",
            "Welke boodschap staat centraal in de folder, en past die in een breder communicatieplan?",
        ],
        [("Mijlpalen", "roadmap:milestones"), ("Wegwijzer", "directory:regional")],
    ),
    Step(
        6,
        "Organiseer een kick-off",
        "Vier de start met alle betrokkenen, bestuurders en uitvoerders samen, in een informele sfeer.",
        [
            "Nodig bestuur en uitvoering allebei uit.",
            "Houd het klein en persoonlijk: samenwerken begint met elkaar kennen.",
        ],
        ["Enthousiasme om samen te beginnen.", "Ideeën voor de samenwerking."],
        [
            "Heeft iedereen hetzelfde beeld van doel en activiteiten, en weet ieder wat zijn bijdrage is?"
        ],
        [("Bijeenkomsten", "roadmap:events")],
    ),
    Step(
        7,
        "Besteed aandacht aan scholing",
        "Maak een scholingsplan op basis van wat netwerkleden en gezinnen nodig hebben; begin samen met de basiscursus.",
        [
            "Volg de basiscursus (drie dagen) samen bij de start.",
            "Leer de GIZ-methode om met gezinnen hun behoeften in te schatten.",
        ],
        ["Meer deskundigheid, meer commitment en betere samenwerking."],
        [
            "Hoe organiseer je tegenspraak van buiten, zodat je afstand houdt tot de dagelijkse hobbels?"
        ],
        [],
    ),
    Step(
        8,
        "Voer de activiteiten uit",
        "Doe wat het plan en de mijlpalen beschrijven, verdeel de taken en bespreek geregeld voortgang en knelpunten.",
        [
            "Het gaat niet vanzelf: het vraagt tijd en focus van iedereen.",
            "Betrek ouders bij het maken van producten.",
        ],
        ["Betere en doorlopende zorg die past bij kind en gezin."],
        [
            "Doen we samen de juiste dingen voor onze doelen?",
            "Hoeveel kinderen zijn in het netwerk, en is dat wat we verwachtten?",
        ],
        [("Aanmeldingen", "families:referrals"), ("Vragen", "families:inquiries")],
    ),
    Step(
        9,
        "Monitor, evalueer en stel bij",
        "Meet tussentijds wat de samenwerking oplevert, vanuit gezinnen én netwerkleden, en stel bij.",
        [
            "Vergelijk hoe gezinnen en professionals de zorg ervaren.",
            "Deel resultaten tussentijds en leer ervan.",
            "Spiegelgesprekken met ouders werken goed.",
        ],
        ["Zicht op wat werkt, en directe verbeteringen."],
        [
            "Komen de ervaringen van gezinnen en van zorgverleners overeen, en wat leren de verschillen?"
        ],
        [("Indicatoren", "roadmap:indicators")],
    ),
    Step(
        10,
        "Ontwikkel door",
        "Kijk terug, leer van casusbesprekingen en zet nieuwe stappen; stappen mogen opnieuw worden doorlopen, ook voor een bredere doelgroep.",
        [
            "Inzichten uit multidisciplinair overleg worden nieuw beleid, besproken met netwerk en stuurgroep."
        ],
        ["Een gedeeld toekomstbeeld en de randvoorwaarden voor nieuwe stappen."],
        [
            "Schakel je genoeg tussen uitvoering en bestuur, en komt wat je leert terug in eerdere stappen?"
        ],
        [("Lessen en voorstellen", "roadmap:proposals"), ("Bijeenkomsten", "roadmap:events")],
    ),
]
