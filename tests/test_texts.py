"""Each practice text renders as it would alone: source in, HTML out.

In the style of pymdown-extensions' tests: a table of Markdown cases and the
HTML each gives. Every case is converted with all the others (as a page's
texts are), and shown in a whole page, and must give exactly what converting
it alone gives: no block one text leaves open reaches another's HTML.
"""

from __future__ import annotations

import json
import re

import markdown
import pytest
import yaml

from lessonkit import PracticeRenderer
from lessonkit.model import PracticeSet
from lessonkit.rendering import SetSource
from lessonkit.texts import LinkContext, TextConverter, prefix_ids

EXTENSIONS = [
    "footnotes", "abbr", "def_list", "admonition", "attr_list", "md_in_html", "tables", "toc",
    "pymdownx.superfences", "pymdownx.details", "pymdownx.blocks.admonition", "pymdownx.blocks.details",
    "pymdownx.blocks.tab", "pymdownx.blocks.html",
]
CONFIGS = {"toc": {"permalink": True}}

FOOTNOTE = (
    '<p>{0} answer.<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>\n<div class="footnote">\n'
    '<hr />\n<ol>\n<li id="fn:1">\n<p>The {1} note.&#160;<a class="footnote-backref" href="#fnref:1" '
    'title="Jump back to footnote 1 in the text">&#8617;</a></p>\n</li>\n</ol>\n</div>'
)
CASES = {
    "footnotes in one answer": ("First answer.[^1]\n\n[^1]: The first note.", FOOTNOTE.format("First", "first")),
    "footnotes in another": ("Second answer.[^1]\n\n[^1]: The second note.", FOOTNOTE.format("Second", "second")),
    "abbreviation": (
        "The HTML spec.\n\n*[HTML]: Hyper Text Markup Language",
        '<p>The <abbr title="Hyper Text Markup Language">HTML</abbr> spec.</p>',
    ),
    "no abbreviation from another text": ("Plain HTML here.", "<p>Plain HTML here.</p>"),
    "reference link": ("See [the lesson][l].\n\n[l]: ../x.md", '<p>See <a href="../x.md">the lesson</a>.</p>'),
    "no reference from another text": ("Dangling [the lesson][l].", "<p>Dangling [the lesson][l].</p>"),
    "heading": (
        "## Why\n\nBecause.",
        '<h2 id="why">Why<a class="headerlink" href="#why" title="Permanent link">&para;</a></h2>\n<p>Because.</p>',
    ),
    "raw HTML": ('<div class="x" markdown>\n*open*\n</div>', '<div class="x">\n<p><em>open</em></p>\n</div>'),
    "[TOC]": (
        "[TOC]\n\n## Inside",
        '<div class="toc">\n<ul>\n<li><a href="#inside">Inside</a></li>\n</ul>\n</div>\n'
        '<h2 id="inside">Inside<a class="headerlink" href="#inside" title="Permanent link">&para;</a></h2>',
    ),
    "admonition": (
        '!!! note "Mind"\n    Body *text*.',
        '<div class="admonition note">\n<p class="admonition-title">Mind</p>\n<p>Body <em>text</em>.</p>\n</div>',
    ),
    "fenced code holding </details>": (
        "```html\n</details>\n```",
        '<div class="highlight"><pre><span></span><code><span class="p">&lt;/</span><span class="nt">details</span>'
        '<span class="p">&gt;</span>\n</code></pre></div>',
    ),
    "definition list": ("Term\n: Definition", "<dl>\n<dt>Term</dt>\n<dd>Definition</dd>\n</dl>"),
    "a text starting with ': '": (": starts like a definition", "<p>: starts like a definition</p>"),
    "unclosed fence": ("```\nnever closed", "<p>```\nnever closed</p>"),
    "plain": ("Just *text* and `code`.", "<p>Just <em>text</em> and <code>code</code>.</p>"),
    # The shared pass splits texts at thematic breaks: a text's own break stays in it.
    "thematic break": ("Above.\n\n***\n\nBelow.", "<p>Above.</p>\n<hr />\n<p>Below.</p>"),
    "spaced break in an admonition": (
        "!!! note\n    Top.\n\n    * * *\n\n    Bottom.",
        '<div class="admonition note">\n<p class="admonition-title">Note</p>\n<p>Top.</p>\n<hr />\n<p>Bottom.</p>\n</div>',
    ),
    "underscores": ("___", "<hr />"),
    "a text that is only stars in code": ("`***`", "<p><code>***</code></p>"),
    "blocks admonition": (
        "/// note | Mind\nBody\n///",
        '<div class="admonition note">\n<p class="admonition-title">Mind</p>\n<p>Body</p>\n</div>',
    ),
    "unclosed blocks admonition": (
        "/// note\nUnclosed *note*",
        '<div class="admonition note">\n<p class="admonition-title">Note</p>\n<p>Unclosed <em>note</em></p>\n</div>',
    ),
    "blocks details": ("/// details | Sum\nInside\n///", "<details>\n<summary>Sum</summary>\n<p>Inside</p>\n</details>"),
    "unclosed blocks details": (
        "/// details | Sum\nnever closed", "<details>\n<summary>Sum</summary>\n<p>never closed</p>\n</details>"
    ),
    "blocks tab": (
        "/// tab | One\nFirst\n///",
        '<div class="tabbed-set" data-tabs="1:1"><input checked="checked" id="__tabbed_1_1" name="__tabbed_1" '
        'type="radio" /><label for="__tabbed_1_1">One</label><div class="tabbed-content">\n<p>First</p>\n</div>\n</div>',
    ),
    "unclosed blocks tab": (
        "/// tab | Two\nopen tab",
        '<div class="tabbed-set" data-tabs="1:1"><input checked="checked" id="__tabbed_1_1" name="__tabbed_1" '
        'type="radio" /><label for="__tabbed_1_1">Two</label><div class="tabbed-content">\n<p>open tab</p>\n</div>\n</div>',
    ),
    "blocks html": ("/// html | div.box\nSome *text*\n///", '<div class="box">\n<p>Some <em>text</em></p>\n</div>'),
    "unclosed blocks html": ("/// html | div\nopen html", "<div>\n<p>open html</p>\n</div>"),
    "md_in_html": ("<section markdown>\n*md in html*\n</section>", "<section>\n<p><em>md in html</em></p>\n</section>"),
    "unclosed md_in_html": ("<aside markdown>\nopen *md*", "<aside>\n<p>open <em>md</em></p>\n</aside>"),
    "raw HTML left open": ("<div>\nraw left open", "<div>\nraw left open"),
    "raw details left open": ("<details><summary>S</summary>\nopen", "<details><summary>S</summary>\nopen"),
    "a closing fence of another text": ("///", "<p>///</p>"),
}


def alone(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS).convert(text)


@pytest.mark.parametrize("order", ["as listed", "reversed"])
def test_every_text_converted_with_the_others_is_as_converted_alone(order: str) -> None:
    texts = [text for text, _ in CASES.values()]
    converted = TextConverter(EXTENSIONS, CONFIGS).convert(texts if order == "as listed" else texts[::-1])
    for name, (text, html) in CASES.items():
        assert alone(text) == html, f"the table is out of date for {name!r}"
        assert converted[text] == html, name


def _page_of(texts: list[str]) -> tuple[str, list[str]]:
    """A practice page showing every text as an answer, each answer's HTML as in the page."""
    questions = "".join(f"      - question: Q{n}\n        answer: {json.dumps(text)}\n" for n, text in enumerate(texts))
    # The model, not the loader: a text that leaves HTML open is refused by the
    # loader (lessonkit.text_checks); here it shows that no other text runs into it.
    practice_set = PracticeSet.model_validate(
        yaml.safe_load(f"title: T\nsections:\n  - type: self-check\n    title: S\n    questions:\n{questions}")
    )
    renderer = PracticeRenderer(TextConverter(EXTENSIONS, CONFIGS))
    slots = renderer.start_page()
    page = renderer.render_page(SetSource("table", "practice/table.md", practice_set), slots)
    html = slots.fill(markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS).convert(page))
    # Each answer sits between its "Show answer" and the next question (or the list's end).
    answers = re.findall(r"Show answer</summary>(.*?)</details></li>\n(?=<li class=\"lk-question\"|</ol>)", html, re.S)
    return html, answers


@pytest.mark.parametrize("order", ["as listed", "reversed"])
def test_every_text_in_a_whole_page_is_as_converted_alone(order: str) -> None:
    cases = list(CASES.items()) if order == "as listed" else list(CASES.items())[::-1]
    html, answers = _page_of([text for _, (text, _) in cases])
    assert len(answers) == len(cases), html
    for (name, (_, alone_html)), shown in zip(cases, answers):
        # A text's ids carry the page's prefix for that use (lk-t1-...): the rest is the text alone.
        assert re.sub(r"lk-t\d+-", "", shown) == alone_html, name


def test_each_text_is_one_conversion_of_its_own() -> None:
    converter = TextConverter(EXTENSIONS, CONFIGS)
    calls: list[str] = []
    original = markdown.Markdown.convert

    def counting(self: markdown.Markdown, source: str) -> str:
        calls.append(source)
        return original(self, source)

    texts = [f"Text *{n}* with `code {n}`." for n in range(5)] + ["/// note\nopen"]
    markdown.Markdown.convert = counting  # type: ignore[method-assign]
    try:
        converted = converter.convert(texts)
    finally:
        markdown.Markdown.convert = original  # type: ignore[method-assign]
    assert calls == texts
    assert [converted[text] for text in texts] == [alone(text) for text in texts]


def test_a_one_paragraph_text_loses_its_paragraph_on_the_tree() -> None:
    converter = TextConverter(EXTENSIONS, CONFIGS)
    assert converter.convert_text("Just *this*.").inline == "Just <em>this</em>."
    assert converter.convert_text("One.\n\nTwo.").inline is None
    assert converter.convert_text("<p>raw</p>\n\nafter").inline is None
    assert converter.convert_text("!!! note\n    Body.").inline is None


def test_ids_prefixed_on_the_tree() -> None:
    converter = TextConverter(EXTENSIONS, CONFIGS)
    converted = converter.convert_text("/// tab | One\nFirst\n///\n\nAnswer.[^1]\n\n[^1]: Note.", id_prefix="P-")
    assert converted.has_ids
    ids = re.findall(r'\sid="([^"]+)"', converted.html)
    assert ids and all(found.startswith("P-") for found in ids)
    assert 'for="P-__tabbed_1_1"' in converted.html and 'href="#P-fn:1"' in converted.html
    assert not converter.convert_text("No ids here.", id_prefix="P-").has_ids
    assert converter.convert_text("Alone.[^1]\n\n[^1]: N.").html == alone("Alone.[^1]\n\n[^1]: N.")


def test_ids_made_unique_per_use_and_links_follow() -> None:
    html = CASES["footnotes in one answer"][1]
    first, second = prefix_ids(html, "lk-t1-"), prefix_ids(html, "lk-t2-")
    ids = re.findall(r'\sid="([^"]+)"', first + second)
    assert ids == ["lk-t1-fnref:1", "lk-t1-fn:1", "lk-t2-fnref:1", "lk-t2-fn:1"]
    assert 'href="#lk-t1-fn:1"' in first and 'href="#lk-t1-fnref:1"' in first
    assert prefix_ids("<p>No id, <a href=\"#elsewhere\">a link</a>.</p>", "p-") == (
        '<p>No id, <a href="#elsewhere">a link</a>.</p>'
    )


def test_links_are_rewritten_for_the_page_showing_the_text_and_reported() -> None:
    pages = {"lessons/x.md": "lessons/x/"}

    def resolve(path: str):
        return ("../" * 2 + pages[path], path) if path in pages else None

    context = LinkContext("practice/set.md", resolve)
    texts = ["See [x](../lessons/x.md#part).", "Plain.", "Broken [y](../lessons/nope.md).", "Ref [x][r].\n\n[r]: ../lessons/x.md"]
    converted = TextConverter(EXTENSIONS, CONFIGS).convert(texts, context)
    assert converted[texts[0]] == '<p>See <a href="../../lessons/x/#part">x</a>.</p>'
    assert converted[texts[3]] == '<p>Ref <a href="../../lessons/x/">x</a>.</p>'
    assert [(found.text, found.link, found.target, found.anchor) for found in context.found] == [
        (texts[0], "../lessons/x.md#part", "lessons/x.md", "part"),
        (texts[2], "../lessons/nope.md", None, ""),
        (texts[3], "../lessons/x.md", "lessons/x.md", ""),
    ]
