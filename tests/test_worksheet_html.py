"""The worksheet's answer key in the built practice page: once, after the
practice, each section's title then every answer, numbered or lettered as the
questions on the page."""

from __future__ import annotations

import re

import yaml
from bs4 import BeautifulSoup

from sitebuild import ROOT, BuildResult


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def text_of(value: object) -> str:
    return value if isinstance(value, str) else value["text"]


def test_the_key_holds_every_answer_numbered_as_the_questions(course_build: BuildResult) -> None:
    soup = BeautifulSoup(course_build.page("practice/video-generation.md"), "html.parser")
    article = soup.select_one("article")
    (key,) = article.select("section.lk-key-sheet")
    widgets = article.select(".lk-widget")
    assert widgets and all(widget.sourceline < key.sourceline for widget in widgets)  # after the practice
    assert key.find_parent(class_="lk-widget") is None and not key.select(".lk-answer")

    data = yaml.safe_load((ROOT / "quizzes" / "video-generation.yml").read_text(encoding="utf-8"))
    titles = [words(paragraph.get_text()) for paragraph in key.find_all("p", recursive=False)]
    assert titles == ["answer key"] + [words(section["title"]) for section in data["sections"]]
    lists = [[words(entry.get_text()) for entry in listing.find_all("li", recursive=False)] for listing in key.find_all("ul", recursive=False)]

    expected = []
    for section in data["sections"]:
        kind = section["type"]
        if kind == "self-check":
            expected.append([words(f"{n}. {q['answer']}") for n, q in enumerate(section["questions"], start=1)])
        elif kind == "flashcards":
            expected.append([words(f"{n}. {card['back']}") for n, card in enumerate(section["cards"], start=1)])
        elif kind == "matching":
            ids = [option if isinstance(option, str) else option["id"] for option in section["options"]]
            entries = []
            for index, item in enumerate(section["items"]):
                number = ids.index(item["answer"]) + 1
                entries.append(words(f"{chr(65 + index)}. {number}: {item.get('key') or text_of(section['options'][number - 1])}"))
            expected.append(entries)
        elif kind == "labeling":
            labels = {(label if isinstance(label, str) else label["id"]): text_of(label) for label in section["labels"]}
            entries = []
            for index, item in enumerate(section["items"]):
                right = item["answer"] if isinstance(item["answer"], list) else [item["answer"]]
                entries.append(words(f"{chr(65 + index)}. " + (item.get("key") or ", ".join(labels[label] for label in right))))
            expected.append(entries)
    assert len(expected) == len(data["sections"])  # every type of the page is checked here
    assert lists == expected
