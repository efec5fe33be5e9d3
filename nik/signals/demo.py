"""Signals in the demo: 60 across the seven networks in every state — new, discussed, closed in
the region, passed on and waiting, taken up under national issues with actions, not taken up, and
answered (a parent of Holland Rijnland reads an answer on the family page)."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from nik.core.models import Membership, Region, Role, User

from . import actions
from .models import NationalIssue, Signal, Source

TEXTS = {
    "respite": [
        "Er is geen logeerhuis dat kinderen met sondevoeding opneemt.",
        "Ouders wachten maanden op een plek voor een weekend logeren.",
        "Het logeerhuis sluit in de zomer, juist als ouders het nodig hebben.",
    ],
    "financing": [
        "De PGB-aanvraag ligt al maanden stil bij het zorgkantoor.",
        "Ouders weten niet of zorg thuis onder de Wlz of de Jeugdwet valt.",
        "Een indicatie moet elk jaar opnieuw, ook als niets verandert.",
    ],
    "school": [
        "School wil geen medische handelingen in de klas doen.",
        "Een kind kan alleen halve dagen naar school door vervoer en zorg.",
    ],
    "transport": [
        "De aangepaste rolstoel komt pas na zes maanden.",
        "Leerlingenvervoer neemt geen kinderen met zuurstof mee.",
    ],
    "transition": [
        "Bij 18 jaar stopt de kinderarts en is er nog geen volwassenenarts.",
        "Jongeren verliezen bij 18 jaar hun vaste zorgverleners.",
    ],
    "bureaucracy": [
        "Ouders vullen voor vijf instanties hetzelfde formulier in.",
        "Elke organisatie vraagt opnieuw om de hele geschiedenis.",
    ],
    "home": [
        "Er zijn te weinig kinderverpleegkundigen voor nachtzorg thuis.",
        "Thuiszorg kan pas over drie weken starten na ontslag.",
    ],
    "grief": [
        "Na het overlijden stopt alle begeleiding van het gezin in één keer.",
        "Broers en zussen krijgen geen rouwbegeleiding in de buurt.",
    ],
    "cooperation": [
        "De warme overdracht van ziekenhuis naar huisarts werkt goed sinds het vaste overleg.",
        "Eén aanspreekpunt per gezin voorkomt dubbel werk.",
    ],
}
GOOD = {"cooperation"}
ISSUES = {
    "respite": "Logeren met medische zorg",
    "financing": "Eén loket voor de financiering van zorg thuis",
    "transition": "Overgang naar volwassenenzorg rond 18 jaar",
    "home": "Nachtzorg thuis door kinderverpleegkundigen",
}
ACTIONS = {
    "respite": [("Brief aan het ministerie van VWS", "done", 150), ("Gesprek met de zorgverzekeraars", "underway", 40)],
    "financing": [("Voorstel voor één loket aan VWS en VNG", "underway", 60)],
    "transition": [("Aanvulling op de richtlijn transitiezorg", "planned", 10)],
    "home": [("Inventarisatie van de capaciteit per regio", "done", 90)],
}  # fmt: skip
# Per region, nine signals in this order of states; the last region gets six (60 in all).
STATES = ["new", "new", "discussed", "closed", "waiting", "taken_up", "taken_up", "not_taken_up",
          "answered"]  # fmt: skip


def populate(regions: list[Region], seed: int) -> None:
    rng = random.Random(seed)
    national = User.objects.get(email="national@nik.example")
    issues: dict[str, NationalIssue] = {}
    now = timezone.now()
    made = 0
    for region in regions:
        people = {
            m.role: m.user
            for m in Membership.objects.filter(region=region).select_related("user").order_by("pk")
        }
        coordinator = people[Role.COORDINATOR]
        for n, state in enumerate(STATES):
            if made >= 60:
                return
            theme = rng.choice(list(TEXTS))
            source, by = rng.choice([
                (Source.PROFESSIONAL, people.get(Role.MEMBER)), (Source.COORDINATOR, coordinator),
                (Source.PUBLIC, None), (Source.CASE, people.get(Role.MEMBER)),
                (Source.INQUIRY, coordinator),
            ])  # fmt: skip
            if state == "answered" and Role.PARENT in people:
                source, by = Source.PARENT, people[Role.PARENT]
            signal = actions.do_raise(
                Signal(region=region, kind="good_practice" if theme in GOOD else "bottleneck",
                       theme=theme, systems=rng.sample(["wlz", "zvw", "jeugdwet", "wmo"], 2),
                       text=rng.choice(TEXTS[theme]), source=source),
                acting_user=by,
            )  # fmt: skip
            made += 1
            Signal.objects.filter(pk=signal.pk).update(
                created_at=now - timedelta(days=rng.randrange(20, 300))
            )
            signal.refresh_from_db()
            if state == "new":
                continue
            if state in ("discussed", "closed"):
                actions.do_discuss(
                    signal, seen=signal.version, close=state == "closed", acting_user=coordinator,
                    region_note="Besproken in het netwerkoverleg; we pakken het in de regio op."
                    if state == "closed" else "Speelt bij meer gezinnen; we verzamelen voorbeelden.",
                )  # fmt: skip
                continue
            passed = actions.do_pass(
                region, [signal], families=rng.choice([1, 2, 3, 6, 8, 12, 15]),
                systems=signal.systems, acting_user=coordinator,
                summary=f"{signal.text} Dit zien we bij meer gezinnen in de regio.",
            )  # fmt: skip
            passed.passed_at = signal.created_at + timedelta(days=rng.randrange(5, 20))
            passed.save(update_fields=["passed_at"])
            if state == "waiting":
                continue
            if state == "not_taken_up":
                actions.do_not_take_up(
                    passed, acting_user=national,
                    reason="Dit vraagt een regionale afspraak; het kenniscentrum helpt met een voorbeeld.",
                )  # fmt: skip
            else:
                issue = issues.get(theme)
                if issue is None:
                    issue = actions.do_take_up(
                        passed, issue=None, title=ISSUES.get(theme, f"Signalen over {passed.get_theme_display()}"),
                        acting_user=national,
                    )  # fmt: skip
                    issues[theme] = issue
                    for description, status, days in ACTIONS.get(theme, []):
                        actions.do_add_action(
                            issue, description=description, status=status,
                            on=timezone.localdate() - timedelta(days=days), acting_user=national,
                        )  # fmt: skip
                else:
                    actions.do_take_up(passed, issue=issue, acting_user=national)
            if state == "answered" or (n % 2 and state != "not_taken_up"):
                actions.do_answer(
                    passed, acting_user=national,
                    feedback="Dank voor het doorgeven. Het kenniscentrum neemt dit mee in het overleg "
                    "met het ministerie en de zorgverzekeraars; we laten weten wat daaruit komt.",
                )  # fmt: skip
