"""Anki decks: built with the site, linked from each flashcards section, and
imported into a real Anki collection (the ``anki`` package, Anki's own
importer) with its default options, as a learner's Anki would."""

from __future__ import annotations

import zipfile
from pathlib import Path

from bs4 import BeautifulSoup
from sitebuild import BuildResult, build, copy_course, write_files

from lessonkit.export.anki import MODEL_ID, anki_deck
from lessonkit.export.questions import markdown_converter
from lessonkit.loading import load_practice_file, parse_practice_text

# A test extra (pip install -e '.[test]'); its wheels cover Linux (glibc 2.35+), macOS and
# Windows, Python 3.10+. Imported, not skipped when missing: these tests must not vanish.
from anki.collection import Collection, ImportAnkiPackageRequest  # noqa: E402

EPOCH = 1700000000
COURSE = "Generative video, in practice"  # site_name of the course's mkdocs.yml

# A second set with cards that need the site's Markdown: code, escaping, an admonition.
CARDS = """\
title: "Practice: Cards with code"
sections:
  - type: self-check
    title: No cards here
    questions: [{question: Q?, answer: A.}]
  - type: flashcards
    title: Code cards
    cards:
      - id: compare
        front: What does `a < b` give when a is 1 and b is 2?
        back: |
          `True`, as in:

          ```python
          print(1 < 2)  # True & done
          ```
      - front: An admonition?
        back: |
          !!! note "Remember"
              Notes **stay** notes.
  - type: flashcards
    title: More cards
    cards:
      - {front: "Third <b>card</b>", back: "Back & forth"}
"""


def built(tmp_path: Path, name: str, epoch: int, cards: str = CARDS) -> BuildResult:
    project = copy_course(tmp_path / name)
    write_files(project, {"quizzes/cards.yml": cards})
    result = build(project, extra_env={"SOURCE_DATE_EPOCH": str(epoch)})
    assert result.returncode == 0, result.output
    return result


def new_collection(tmp_path: Path):
    """A learner's empty Anki collection."""
    folder = tmp_path / "learner"
    folder.mkdir()
    return Collection(str(folder / "collection.anki2"))


def import_deck(collection, path: Path):
    """Import as Anki's import screen does: with the options it starts with."""
    options = collection._backend.get_import_anki_package_presets()
    return collection.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=options)).log


def notes_by_guid(collection) -> dict[str, object]:
    return {note.guid: note for note in (collection.get_note(nid) for nid in collection.find_notes(""))}


def card_html(page: BeautifulSoup, card_id: str) -> tuple[str, str]:
    """A card's front and back HTML as the page shows them, without the page's own controls."""
    card = page.find("li", attrs={"data-lk-id": card_id})
    front = card.find(class_="lk-card__front")
    front.find(class_="lk-card__label").decompose()
    back = card.find("details")
    back.find("summary").decompose()
    return front.decode_contents().strip(), back.decode_contents().strip()


def same_html(one: str, two: str) -> bool:
    return str(BeautifulSoup(one, "html.parser")) == str(BeautifulSoup(two, "html.parser"))


def test_each_flashcards_section_links_to_its_sets_deck(tmp_path):
    result = built(tmp_path, "course", EPOCH)
    for docs_path, deck, sections in (
        ("practice/video-generation.md", "practice/video-generation.apkg", 1),
        ("practice/cards.md", "practice/cards.apkg", 2),
    ):
        page = BeautifulSoup(result.page(docs_path), "html.parser")
        links = page.find_all("a", string="Download for Anki")
        assert len(links) == sections == len(page.select("ol.lk-flashcards"))
        for link in links:
            # A plain link (works without JavaScript), right after its section's cards.
            assert link.find_parent("p").find_previous_sibling("ol")["data-lk-widget"] == "flashcards"
            page_url = docs_path.removesuffix(".md") + "/"
            target = (result.site / page_url / link["href"]).resolve()
            assert target == (result.site / deck).resolve() and target.is_file()
            assert zipfile.ZipFile(target).namelist() == ["collection.anki2", "media"]
    # A flashcards section embedded in another page links to its set's deck too.
    embedding = BeautifulSoup(result.page("instructors.md"), "html.parser")
    links = embedding.find_all("a", string="Download for Anki")
    assert links and all(
        (result.site / "instructors" / link["href"]).resolve() == (result.site / "practice/video-generation.apkg").resolve()
        for link in links
    )
    # A set without flashcards has no deck and no link.
    assert not list(result.site.rglob("index.apkg"))
    assert len(list(result.site.rglob("*.apkg"))) == 2


def test_a_deck_made_without_its_page_is_the_same(tmp_path, monkeypatch):
    """A deck whose page was not rendered (``mkdocs serve --dirty``) is made
    with a converter of its own: the same bytes as one made with its page."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from lessonkit.course import load_course
    from lessonkit.mkdocs_plugin.anki_decks import AnkiDecks
    from lessonkit.rendering import PracticeRenderer

    result = built(tmp_path, "course", EPOCH)
    project = result.site.parent
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    config = load_config(config_file=str(project / "mkdocs.yml"))
    config.plugins._current_plugin = "lessonkit"  # as while MkDocs runs a plugin's hook
    decks = AnkiDecks(config, load_course(project / "quizzes"), PracticeRenderer(str))
    files = Files([])
    decks.add_to(files)
    decks.finish()
    made = {file.src_uri: file.content_bytes for file in files}
    assert sorted(made) == ["practice/cards.apkg", "practice/video-generation.apkg"]
    for src_uri, data in made.items():
        assert data == (result.site / src_uri).read_bytes(), src_uri


def test_a_deck_imports_into_anki_with_the_cards_as_the_page_shows_them(tmp_path):
    result = built(tmp_path, "course", EPOCH)
    collection = new_collection(tmp_path)
    try:
        log = import_deck(collection, result.site / "practice/cards.apkg")
        assert len(log.new) == 3 and not log.updated and not log.duplicate
        assert collection.note_count() == 3
        assert collection.decks.id_for_name(f"{COURSE}::Practice: Cards with code") is not None
        page = BeautifulSoup(result.page("practice/cards.md"), "html.parser")
        cards = page.find_all("li", class_="lk-card")
        notes = notes_by_guid(collection)
        assert len(notes) == len(cards) == 3
        from lessonkit.export.anki import note_guid

        for card in cards:
            note = notes[note_guid(COURSE, card["data-lk-id"])]
            front, back = card_html(page, card["data-lk-id"])
            assert same_html(note["Front"], front), (note["Front"], front)
            assert same_html(note["Back"], back), (note["Back"], back)
        compare = notes[note_guid(COURSE, "cards/compare")]
        assert compare["Front"] == "What does <code>a &lt; b</code> give when a is 1 and b is 2?"
        assert '<div class="highlight">' in compare["Back"] and "&amp; done" in compare["Back"]
        third = notes[note_guid(COURSE, next(c["data-lk-id"] for c in cards if "Third" in c.get_text()))]
        assert third["Front"] == "Third <b>card</b>"  # raw HTML passes through, as on the page
        note_type = compare.note_type()
        assert note_type["id"] == MODEL_ID and [f["name"] for f in note_type["flds"]] == ["Front", "Back"]
        # Nothing refers to the site's stylesheet or to another host.
        everything = " ".join([*(f for n in notes.values() for f in n.fields), note_type["css"],
                               *(t["qfmt"] + t["afmt"] for t in note_type["tmpls"])])
        for reference in ("<link", "stylesheet", "lessonkit.css", "@import", "url(", "http://", "https://", "src="):
            assert reference not in everything
    finally:
        collection.close()


def test_a_later_build_updates_the_edited_card_and_keeps_reviews(tmp_path):
    first = built(tmp_path, "first", EPOCH)
    later = built(tmp_path, "later", EPOCH + 3600, CARDS.replace("Back & forth", "Back & forth, edited"))
    collection = new_collection(tmp_path)
    try:
        assert len(import_deck(collection, first.site / "practice/cards.apkg").new) == 3
        before = {guid: (note.id, list(note.fields)) for guid, note in notes_by_guid(collection).items()}
        # The learner reviews a card.
        collection.decks.select(collection.decks.id_for_name(f"{COURSE}::Practice: Cards with code"))
        card = collection.sched.getCard()
        collection.sched.answerCard(card, 3)
        reviews = collection.db.scalar("select count() from revlog where cid = ?", card.id)
        assert reviews == 1

        log = import_deck(collection, later.site / "practice/cards.apkg")
        assert not log.new, "a later build added notes instead of updating them"
        after = {guid: (note.id, list(note.fields)) for guid, note in notes_by_guid(collection).items()}
        assert after.keys() == before.keys() and collection.note_count() == 3
        changed = [guid for guid in after if after[guid] != before[guid]]
        assert len(changed) == 1
        note_id, fields = after[changed[0]]
        assert note_id == before[changed[0]][0] and fields[1] == "<p>Back &amp; forth, edited</p>"
        assert collection.db.scalar("select count() from revlog where cid = ?", card.id) == reviews
        assert collection.get_card(card.id).reps == 1
    finally:
        collection.close()


def test_the_deck_is_the_same_bytes_for_the_same_sources_and_date():
    practice_set = parse_practice_text(CARDS, "cards.yml")
    to_html = markdown_converter(["pymdownx.superfences", "admonition"])
    one = anki_deck(COURSE, "cards", practice_set, to_html, EPOCH)
    two = anki_deck(COURSE, "cards", practice_set, to_html, EPOCH)
    assert one is not None and one == two
    assert anki_deck(COURSE, "cards", practice_set, to_html, EPOCH + 1) != one
    no_cards = parse_practice_text("title: t\nsections:\n  - {type: self-check, title: S, questions: [{question: Q, answer: A}]}\n", "t.yml")
    assert anki_deck(COURSE, "t", no_cards, to_html, EPOCH) is None


def test_without_source_date_epoch_notes_are_dated_by_their_files_last_commit(tmp_path):
    """Issue 21, section 9: no clock in the deck; a committed edit imports as newer."""
    import os
    import sqlite3
    import subprocess
    import sys

    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    project = copy_course(tmp_path / "course")
    write_files(project, {"quizzes/cards.yml": CARDS})
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    env = {name: value for name, value in os.environ.items() if name != "SOURCE_DATE_EPOCH"}
    env["NO_MKDOCS_2_WARNING"] = "1"

    def commit_and_build(when: str) -> bytes:
        subprocess.run([*git, "add", "-A"], cwd=project, check=True)
        subprocess.run([*git, "commit", "-q", "-m", when], cwd=project, check=True,
                       env={**env, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when})
        completed = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
                                   cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False)
        assert completed.returncode == 0, completed.stderr
        return (project / "site/practice/cards.apkg").read_bytes()

    def note_dates(deck: bytes) -> set[int]:
        (tmp_path / "deck.apkg").write_bytes(deck)
        with zipfile.ZipFile(tmp_path / "deck.apkg") as package:
            (tmp_path / "collection.anki2").write_bytes(package.read("collection.anki2"))
        connection = sqlite3.connect(tmp_path / "collection.anki2")
        try:
            return {row[0] for row in connection.execute("select mod from notes")}
        finally:
            connection.close()

    first = commit_and_build("2021-03-04T05:06:07Z")
    assert note_dates(first) == {1614834367}
    (project / "README.md").write_text("A later commit that leaves the cards alone.\n", encoding="utf-8")
    assert commit_and_build("2022-01-01T00:00:00Z") == first
    (project / "quizzes/cards.yml").write_text(CARDS.replace("Back & forth", "Back & forth, edited"), encoding="utf-8")
    later = commit_and_build("2023-05-06T07:08:09Z")
    assert note_dates(later) == {1683356889}

    (tmp_path / "first.apkg").write_bytes(first)
    (tmp_path / "later.apkg").write_bytes(later)
    collection = new_collection(tmp_path)
    try:
        assert len(import_deck(collection, tmp_path / "first.apkg").new) == 3
        log = import_deck(collection, tmp_path / "later.apkg")
        assert not log.new and len(log.updated) == 3
        fields = sorted(note.fields[1] for note in notes_by_guid(collection).values())
        assert "<p>Back &amp; forth, edited</p>" in fields
    finally:
        collection.close()
