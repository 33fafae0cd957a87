"""Each practice text renders as it would alone: source in, HTML out.

In the style of pymdown-extensions' tests: a table of Markdown cases and the
HTML each gives. Every case is converted together with all the others (as a
page's texts are) and must give exactly what converting it alone gives.
"""

from __future__ import annotations

import re

import markdown
import pytest

from lessonkit.texts import LinkContext, TextConverter, prefix_ids

EXTENSIONS = [
    "footnotes", "abbr", "def_list", "admonition", "attr_list", "md_in_html", "tables", "toc",
    "pymdownx.superfences", "pymdownx.details",
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


def test_plain_texts_share_one_pass_and_come_back_the_same() -> None:
    converter = TextConverter(EXTENSIONS, CONFIGS)
    calls: list[str] = []
    original = markdown.Markdown.convert

    def counting(self: markdown.Markdown, source: str) -> str:
        calls.append(source)
        return original(self, source)

    texts = [f"Text *{n}* with `code {n}`." for n in range(20)]
    breaks = ["Above.\n\n***\n\nBelow.", "- item\n\n    - - -"]  # each goes alone
    markdown.Markdown.convert = counting  # type: ignore[method-assign]
    try:
        converted = converter.convert(texts[:10] + breaks + texts[10:])
    finally:
        markdown.Markdown.convert = original  # type: ignore[method-assign]
    assert sorted(calls, key=len) == sorted([*breaks, "\n\n***\n\n".join(texts)], key=len)
    assert [converted[text] for text in texts + breaks] == [alone(text) for text in texts + breaks]


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


def test_a_failed_shared_pass_is_converted_text_by_text() -> None:
    """An extension that adds a break no check foresees (here a preprocessor
    adding one at the end of every document) costs only speed: the breaks do
    not match the texts, so each text comes back as converted alone."""
    texts = ["One.", "Two.", "Three."]
    converter = TextConverter(EXTENSIONS, CONFIGS)
    converter._markdown().preprocessors.register(_AddBreak(), "add_break", 0)
    assert converter.convert(texts) == {text: f"<p>{text}</p>\n<hr />" for text in texts}


class _AddBreak(markdown.preprocessors.Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return [*lines, "", "- - -"]
