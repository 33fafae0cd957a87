"""Question banks as a QTI 1.2 package, as Canvas imports it.

Follows IMS QTI 1.2 (ASI) and IMS Content Packaging 1.1 as Canvas LMS
(classic quizzes, and New Quizzes' import of them) reads them: a zip with
``imsmanifest.xml`` naming one assessment per practice set, each in its own
folder. Items carry Canvas's ``question_type`` metadata (``essay_question``,
``matching_question``, ``multiple_answers_question``) and a response
processing that scores what a learner gives: the full set of right answers
scores 100, each right answer of a matching or labeling question its share,
a wrong label takes its share away; the score stays between 0 and 100.
An essay's answer is its general feedback: QTI 1.2 has no grader's
information, and essays are graded by hand.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence

from .questions import Essay, Matching, MultipleAnswer, Question, QuestionBank

__all__ = ["MARK", "qti_package"]

MARK = b"Written by lessonkit export"
"""The zip's comment (the archive's, which Canvas does not read): ``lessonkit export``
replaces a zip that carries it and no other."""

_QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
_CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""Every member's date: the same package for the same questions."""


def ident(stable_id: str) -> str:
    """A QTI identifier for a stable id: letters and digits only, as Canvas's own."""
    return "lk" + hashlib.blake2b(stable_id.encode("utf-8"), digest_size=10).hexdigest()


def qti_package(course: str, banks: Sequence[QuestionBank]) -> bytes:
    """The zip: a manifest, and one assessment per bank that has questions."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        resources = []
        for bank in banks:
            if not bank.questions:
                continue
            name = ident(f"bank:{bank.id}")
            path = f"{name}/{name}.xml"
            resources.append((name, path))
            _write(package, path, _assessment(name, bank))
        _write(package, "imsmanifest.xml", _manifest(course, resources))
        package.comment = MARK + b" (QTI 1.2); it replaces this file when run again."
    return buffer.getvalue()


def _write(package: zipfile.ZipFile, path: str, element: ET.Element) -> None:
    ET.indent(element)
    info = zipfile.ZipInfo(path, _ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    package.writestr(info, ET.tostring(element, encoding="UTF-8", xml_declaration=True) + b"\n")


def _manifest(course: str, resources: list[tuple[str, str]]) -> ET.Element:
    manifest = ET.Element("manifest", identifier=ident(f"course:{course}"), xmlns=_CP)
    metadata = ET.SubElement(manifest, "metadata")
    ET.SubElement(metadata, "schema").text = "IMS Content"
    ET.SubElement(metadata, "schemaversion").text = "1.1.3"
    ET.SubElement(manifest, "organizations")
    listed = ET.SubElement(manifest, "resources")
    for name, path in resources:
        resource = ET.SubElement(listed, "resource", identifier=name, type="imsqti_xmlv1p2", href=path)
        ET.SubElement(resource, "file", href=path)
    return manifest


def _assessment(name: str, bank: QuestionBank) -> ET.Element:
    root = ET.Element("questestinterop", xmlns=_QTI)
    assessment = ET.SubElement(root, "assessment", ident=name, title=bank.title)
    section = ET.SubElement(assessment, "section", ident="root_section")
    for question in bank.questions:
        section.append(_item(question))
    return root


def _item(question: Question) -> ET.Element:
    kind = {Essay: "essay_question", Matching: "matching_question", MultipleAnswer: "multiple_answers_question"}
    item = ET.Element("item", ident=ident(question.id), title=question.name)
    metadata = ET.SubElement(ET.SubElement(item, "itemmetadata"), "qtimetadata")
    question_type = "multiple_choice_question" if getattr(question, "single", False) else kind[type(question)]
    for label, entry in (("question_type", question_type), ("points_possible", "1.0"), ("lessonkit_id", question.id)):
        field = ET.SubElement(metadata, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = label
        ET.SubElement(field, "fieldentry").text = entry
    presentation = ET.SubElement(item, "presentation")
    _material(presentation, question.text)
    processing = ET.SubElement(item, "resprocessing")
    outcomes = ET.SubElement(processing, "outcomes")
    ET.SubElement(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    if isinstance(question, Essay):
        ET.SubElement(presentation, "response_str", ident="response1", rcardinality="Single").append(
            _element("render_fib", _element("response_label", ident="answer1", rshuffle="No"))
        )
        # Graded by hand: no condition sets a score.
        _general_feedback(item, processing, question.grader_info)
    elif isinstance(question, Matching):
        _matching(question, presentation, processing)
        _general_feedback(item, processing, question.feedback)
    else:
        _multiple_answer(question, presentation, processing)
        _general_feedback(item, processing, question.feedback)
        _choice_feedback(item, processing, question)
    return item


def _matching(question: Matching, presentation: ET.Element, processing: ET.Element) -> None:
    options = list(dict.fromkeys([*(pair.answer for pair in question.pairs), *question.distractors]))
    option_ident = {text: f"{number}" for number, text in enumerate(options, start=1)}
    right = []
    for number, pair in enumerate(question.pairs, start=1):
        response = ET.SubElement(presentation, "response_lid", ident=f"response_{number}")
        _material(response, pair.text)
        choices = ET.SubElement(response, "render_choice")
        for text in options:
            label = ET.SubElement(choices, "response_label", ident=option_ident[text])
            _material(label, text, "text/plain")
        right.append((f"response_{number}", option_ident[pair.answer]))
    _all_right(processing, [_equal(respident, value) for respident, value in right])
    share = _share(len(right))
    for respident, value in right:
        _add(processing, _equal(respident, value), "Add", share)


def _multiple_answer(question: MultipleAnswer, presentation: ET.Element, processing: ET.Element) -> None:
    cardinality = "Single" if question.single else "Multiple"
    response = ET.SubElement(presentation, "response_lid", ident="response1", rcardinality=cardinality)
    choices = ET.SubElement(response, "render_choice")
    numbers = [str(number) for number in range(1, len(question.choices) + 1)]  # label ids may hold any text
    for number, choice in zip(numbers, question.choices):
        label = ET.SubElement(choices, "response_label", ident=number)
        _material(label, choice.text)
    _all_right(
        processing,
        [_equal("response1", number) if choice.correct else _element("not", _equal("response1", number))
         for number, choice in zip(numbers, question.choices)],
    )
    if question.single:
        return  # all or nothing: the condition above
    share = _share(question.right_count)
    for number, choice in zip(numbers, question.choices):
        _add(processing, _equal("response1", number), "Add" if choice.correct else "Subtract", share)


def _choice_feedback(item: ET.Element, processing: ET.Element, question: MultipleAnswer) -> None:
    """Each choice's own feedback, shown when the learner chose it (Canvas's answer comments)."""
    for number, choice in enumerate(question.choices, start=1):
        if not choice.feedback:
            continue
        condition = ET.Element("respcondition", {"continue": "Yes"})
        ET.SubElement(condition, "conditionvar").append(_equal("response1", str(number)))
        ET.SubElement(condition, "displayfeedback", feedbacktype="Response", linkrefid=f"{number}_fb")
        processing.insert(1, condition)
        feedback = ET.SubElement(item, "itemfeedback", ident=f"{number}_fb")
        _material(ET.SubElement(feedback, "flow_mat"), choice.feedback)


def _all_right(processing: ET.Element, conditions: list[ET.Element]) -> None:
    """Exactly the right answers: 100, and no further condition is looked at."""
    condition = ET.SubElement(processing, "respcondition", {"continue": "No"})
    ET.SubElement(condition, "conditionvar").append(_element("and", *conditions))
    ET.SubElement(condition, "setvar", action="Set", varname="SCORE").text = "100"


def _add(processing: ET.Element, test: ET.Element, action: str, share: str) -> None:
    condition = ET.SubElement(processing, "respcondition", {"continue": "Yes"})
    ET.SubElement(condition, "conditionvar").append(test)
    ET.SubElement(condition, "setvar", action=action, varname="SCORE").text = share


def _share(count: int) -> str:
    return f"{100 / count:.2f}"


def _equal(respident: str, value: str) -> ET.Element:
    element = ET.Element("varequal", respident=respident)
    element.text = value
    return element


def _element(tag: str, *children: ET.Element, **attributes: str) -> ET.Element:
    element = ET.Element(tag, attributes)
    element.extend(children)
    return element


def _material(parent: ET.Element, text: str, texttype: str = "text/html") -> None:
    ET.SubElement(ET.SubElement(parent, "material"), "mattext", texttype=texttype).text = text


def _general_feedback(item: ET.Element, processing: ET.Element, html: str) -> None:
    """Feedback shown whatever the answer (Canvas's "general comments"), first of the conditions."""
    if not html:
        return
    condition = ET.Element("respcondition", {"continue": "Yes"})
    ET.SubElement(ET.SubElement(condition, "conditionvar"), "other")
    ET.SubElement(condition, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    processing.insert(1, condition)
    feedback = ET.SubElement(item, "itemfeedback", ident="general_fb")
    _material(ET.SubElement(feedback, "flow_mat"), html)
