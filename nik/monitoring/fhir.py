"""The surveys as FHIR R4: each instrument as a `Questionnaire` (both languages, the Dutch text with
the English as a translation extension), its answers as `QuestionnaireResponse` resources in a
Bundle. Built with `fhirclient`'s R4 models; answers carry no person (no subject, no author).
"""

from __future__ import annotations

from typing import Any

from fhirclient.models import (
    bundle,
    coding,
    extension,
    fhirdatetime,
    questionnaire,
    questionnaireresponse,
)

from .instruments import LIKERT, LIKERT5, MULTIPLE, SCALE10, SINGLE, TEXT, Instrument

BASE = "https://nik.example/fhir/Questionnaire/"
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
TYPES = {SCALE10: "choice", LIKERT5: "choice", SINGLE: "choice", MULTIPLE: "choice", TEXT: "text"}


def _english(text: str) -> list[extension.Extension]:
    lang, content = extension.Extension(), extension.Extension()
    lang.url, lang.valueCode = "lang", "en"
    content.url, content.valueString = "content", text
    outer = extension.Extension()
    outer.url, outer.extension = TRANSLATION, [lang, content]
    return [outer]


def questionnaire_of(instrument: Instrument) -> questionnaire.Questionnaire:
    q = questionnaire.Questionnaire()
    q.id = f"{instrument.key}-{instrument.version}"
    q.url = f"{BASE}{instrument.key}"
    q.version = str(instrument.version)
    q.name = instrument.key.capitalize()
    q.title = instrument.nl
    q.status = "active"
    q.language = "nl"
    q.item = []
    for source in instrument.items:
        item = questionnaire.QuestionnaireItem()
        item.linkId, item.type, item.text = source.key, TYPES[source.kind], source.nl
        item.required = source.required
        item.repeats = source.kind == MULTIPLE
        item.extension = _english(source.en)
        if source.kind != TEXT:
            options = (
                [(str(n), str(n), str(n)) for n in range(11)]
                if source.kind == SCALE10
                else (LIKERT if source.kind == LIKERT5 else source.options)
            )
            item.answerOption = []
            for key, nl, en in options:
                option = questionnaire.QuestionnaireItemAnswerOption()
                option.valueCoding = coding.Coding()
                option.valueCoding.code, option.valueCoding.display = key, nl
                option.valueCoding.extension = _english(en)
                item.answerOption.append(option)
        if source.show_if:
            when = questionnaire.QuestionnaireItemEnableWhen()
            when.question, when.operator = source.show_if[0], "="
            when.answerCoding = coding.Coding()
            when.answerCoding.code = source.show_if[1]
            item.enableWhen = [when]
        q.item.append(item)
    return q


def responses_bundle(
    instrument: Instrument, answers: list[tuple[Any, dict[str, Any]]]
) -> bundle.Bundle:
    """The answers (day, answers) as a collection Bundle of QuestionnaireResponses."""
    result = bundle.Bundle()
    result.type = "collection"
    result.entry = []
    for day, given in answers:
        response = questionnaireresponse.QuestionnaireResponse()
        response.questionnaire = f"{BASE}{instrument.key}|{instrument.version}"
        response.status = "completed"
        response.authored = fhirdatetime.FHIRDateTime(day.isoformat())  # a day, never a moment
        response.item = []
        for source in instrument.items:
            if source.key not in given:
                continue
            item = questionnaireresponse.QuestionnaireResponseItem()
            item.linkId = source.key
            values = (
                given[source.key] if isinstance(given[source.key], list) else [given[source.key]]
            )
            item.answer = []
            for value in values:
                answer = questionnaireresponse.QuestionnaireResponseItemAnswer()
                if source.kind == TEXT:
                    answer.valueString = str(value)
                else:
                    answer.valueCoding = coding.Coding()
                    answer.valueCoding.code = str(value)
                item.answer.append(answer)
            response.item.append(item)
        entry = bundle.BundleEntry()
        entry.resource = response
        result.entry.append(entry)
    return result
