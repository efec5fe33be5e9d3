"""The built-in surveys, written in our own words, in Dutch and English; the families' one in plain
Dutch (B1). An instrument carries a version: answers keep the version they were given to, so a
changed question never mixes with the old one's answers.

Item kinds: a scale from 0 to 10, a five-point agreement (Likert), one choice, several choices,
and free text. An item may show only when an earlier answer is a given value (`show_if`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language

SCALE10, LIKERT5, SINGLE, MULTIPLE, TEXT = "scale10", "likert5", "single", "multiple", "text"
FAMILIES, PROFESSIONALS = "families", "professionals"

LIKERT = (
    ("1", "helemaal niet mee eens", "strongly disagree"),
    ("2", "niet mee eens", "disagree"),
    ("3", "neutraal", "neither agree nor disagree"),
    ("4", "mee eens", "agree"),
    ("5", "helemaal mee eens", "strongly agree"),
)


@dataclass(frozen=True)
class Item:
    key: str
    kind: str
    nl: str
    en: str
    options: tuple[tuple[str, str, str], ...] = ()
    required: bool = True
    show_if: tuple[str, str] | None = None  # (item key, value) that shows this item

    @property
    def text(self) -> str:
        return self.en if (get_language() or "nl").startswith("en") else self.nl

    def choices(self) -> list[tuple[str, str]]:
        english = (get_language() or "nl").startswith("en")
        options = LIKERT if self.kind == LIKERT5 else self.options
        if self.kind == SCALE10:
            return [(str(n), str(n)) for n in range(11)]
        return [(key, en if english else nl) for key, nl, en in options]


@dataclass(frozen=True)
class Instrument:
    key: str
    version: int
    audience: str
    nl: str
    en: str
    items: tuple[Item, ...] = field(default_factory=tuple)

    @property
    def title(self) -> str:
        return self.en if (get_language() or "nl").startswith("en") else self.nl

    def item(self, key: str) -> Item:
        return next(i for i in self.items if i.key == key)

    def shown(self, answers: dict[str, Any]) -> list[Item]:
        """The items this person sees, given their answers so far (conditional items)."""
        return [
            i
            for i in self.items
            if i.show_if is None or str(answers.get(i.show_if[0], "")) == i.show_if[1]
        ]


FAMILY_SURVEY = Instrument(
    "families",
    1,
    FAMILIES,
    "Hoe gaat het met de zorg voor jullie kind?",
    "How is the care for your child going?",
    (
        Item("overall", SCALE10, "Welk cijfer geef je de zorg voor jullie kind?",
             "What mark do you give the care for your child?"),
        Item("fit", SCALE10, "Welk cijfer geef je voor hoe goed de zorg past bij wat jullie willen?",
             "What mark do you give for how well the care fits what you want?"),
        Item("heard", LIKERT5, "De hulpverleners luisteren naar ons.",
             "The professionals listen to us."),
        Item("whom_to_call", SINGLE, "Weet je wie je kunt bellen, ook 's nachts?",
             "Do you know whom to call, also at night?",
             (("yes", "ja", "yes"), ("partly", "soms", "sometimes"), ("no", "nee", "no"))),
        Item("whom_missing", TEXT, "Wat heb je nodig om te weten wie je kunt bellen?",
             "What do you need to know whom to call?", required=False,
             show_if=("whom_to_call", "no")),
        Item("better", TEXT, "Wat kan beter?", "What could be better?", required=False),
    ),
)  # fmt: skip

PROFESSIONAL_SURVEY = Instrument(
    "professionals",
    1,
    PROFESSIONALS,
    "Samenwerken in het netwerk",
    "Working together in the network",
    (
        Item("coordinated", LIKERT5, "De zorg voor de gezinnen is goed op elkaar afgestemd.",
             "The care for the families is well coordinated."),
        Item("efficient", LIKERT5, "We werken efficiënt samen: weinig dubbel werk, weinig wachten.",
             "We work together efficiently: little double work, little waiting."),
        Item("quality", LIKERT5, "De gezinnen krijgen goede zorg.",
             "The families get good care."),
        Item("know_network", LIKERT5, "Ik weet wie ik in het netwerk kan vragen.",
             "I know whom to ask in the network."),
        Item("better", TEXT, "Wat kan beter in de samenwerking?",
             "What could be better in working together?", required=False),
    ),
)  # fmt: skip

NEEDS_SURVEY = Instrument(
    "needs",
    1,
    PROFESSIONALS,
    "Wat wil je leren?",
    "What would you like to learn?",
    (
        Item("topic", TEXT, "Wat zouden de professionals in het netwerk het komende jaar moeten leren?",
             "What should the network's professionals learn in the coming year?"),
        Item("themes", MULTIPLE, "Over welke onderwerpen wil je zelf meer weten?",
             "Which subjects would you like to know more about yourself?",
             (("talking", "gesprekken met ouders en kind", "talking with parents and child"),
              ("symptoms", "klachten en symptomen", "complaints and symptoms"),
              ("siblings", "broers en zussen", "brothers and sisters"),
              ("grief", "rouw en verlies", "grief and loss"),
              ("rules", "wet- en regelgeving en financiering", "laws, rules and financing"),
              ("network", "samenwerken in het netwerk", "working together in the network")),
             required=False),
        Item("way", SINGLE, "Hoe leer je het liefst?", "How do you like to learn best?",
             (("course", "een cursus", "a course"),
              ("case", "een casusbespreking", "a case discussion"),
              ("intervision", "intervisie", "intervision"),
              ("online", "online, in mijn eigen tijd", "online, in my own time")),
             required=False),
    ),
)  # fmt: skip

INSTRUMENTS = {i.key: i for i in (FAMILY_SURVEY, PROFESSIONAL_SURVEY, NEEDS_SURVEY)}


def from_survey(survey: Any) -> Instrument:
    """A region's own survey (one version of `models.Survey`) as an instrument."""
    return Instrument(
        survey.key,
        survey.number,
        survey.audience,
        survey.title,
        survey.title_en or survey.title,
        tuple(
            Item(
                i["key"],
                i["kind"],
                i["nl"],
                i.get("en") or i["nl"],
                tuple(tuple(o) for o in i.get("options", ())),
                bool(i.get("required", True)),
                tuple(i["show_if"]) if i.get("show_if") else None,
            )
            for i in survey.items
        ),
    )


def instrument_of(region: Any, key: str, version: int | None = None) -> Instrument | None:
    """The built-in instrument of that key, or the region's own survey in that version (the
    latest published one when none is named)."""
    if key in INSTRUMENTS:
        return INSTRUMENTS[key]
    from .models import Survey

    found = Survey.objects.filter(region=region, key=key)
    found = found.filter(number=version) if version else found.filter(published_at__isnull=False)
    survey = found.order_by("-number").first()
    return from_survey(survey) if survey else None


def instruments_of(region: Any) -> list[Instrument]:
    """The built-in instruments and the latest published version of each of the region's own."""
    from .models import Survey

    latest: dict[str, Any] = {}
    for survey in Survey.objects.filter(region=region, published_at__isnull=False).order_by(
        "key", "-number"
    ):
        latest.setdefault(survey.key, survey)
    return [*INSTRUMENTS.values(), *(from_survey(s) for s in latest.values())]
