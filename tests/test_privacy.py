"""The built site requests nothing from another host: no web fonts, no CDN, no analytics."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from sitebuild import BuildResult, copy_course

from lessonkit.privacy import foreign_requests

# Elements and attributes through which a page loads something, and <link> rels that load.
RESOURCE_ATTRIBUTES = {
    "script": ["src"], "img": ["src", "srcset"], "source": ["src", "srcset"], "iframe": ["src"],
    "embed": ["src"], "object": ["data"], "video": ["src", "poster"], "audio": ["src"], "track": ["src"],
}
LOADING_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "icon",
                "apple-touch-icon", "mask-icon", "manifest"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def other_host(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) and parts.scheme in {"", "http", "https"}


def resources_from_other_hosts(site: Path) -> tuple[list[str], int]:
    """An independent scan with BeautifulSoup: (offending resources, number of resources seen)."""
    offending: list[str] = []
    seen = 0
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        urls: list[str] = []
        for tag, attributes in RESOURCE_ATTRIBUTES.items():
            for element in soup.find_all(tag):
                for attribute in attributes:
                    value = element.get(attribute)
                    if value:
                        urls += [part.split()[0] for part in value.split(",")] if attribute == "srcset" else [value]
        for link in soup.find_all("link", href=True):
            if LOADING_RELS & {rel.lower() for rel in link.get("rel", [])}:
                urls.append(link["href"])
        for css in [style.get_text() for style in soup.find_all("style")] + [
            element["style"] for element in soup.find_all(style=True)
        ]:
            urls += [a or b for a, b in CSS_URL.findall(css)]
        seen += len(urls)
        offending += [f"{page.relative_to(site)}: {url}" for url in urls if other_host(url)]
    for stylesheet in sorted(site.rglob("*.css")):
        urls = [a or b for a, b in CSS_URL.findall(stylesheet.read_text(encoding="utf-8"))]
        seen += len(urls)
        offending += [f"{stylesheet.relative_to(site)}: {url}" for url in urls if other_host(url)]
    return offending, seen


def test_built_course_loads_nothing_from_other_hosts(course_build: BuildResult) -> None:
    offending, seen = resources_from_other_hosts(course_build.site)
    assert seen > 10, "the scan found almost no resources: is the site built?"
    assert offending == [], "the site loads these from other hosts:\n" + "\n".join(offending)
    # The command CI runs agrees (it allows only site_url's host, 127.0.0.1).
    assert foreign_requests(course_build.site, frozenset({"127.0.0.1"})) == []


def test_links_to_other_sites_are_navigation_not_requests(course_build: BuildResult) -> None:
    """The CC licence link is in the site, and neither scan counts it."""
    home = course_build.page("index.md")
    assert 'href="https://creativecommons.org/licenses/by-sa/4.0/"' in home
    assert 'rel="canonical"' in home


def test_scanner_reports_each_kind_of_foreign_resource(tmp_path: Path) -> None:
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(
        """<!doctype html><html><head>
        <link rel="stylesheet" href="https://cdn.example.com/style.css">
        <link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>
        <link rel="icon" href="//icons.example.net/favicon.ico">
        <link rel="canonical" href="https://elsewhere.example.org/page/">
        <script src="https://analytics.example.com/a.js"></script>
        <style>@import "https://fonts.googleapis.com/css?family=Roboto"; body { background: url(data:image/png;base64,AA) }</style>
        </head><body>
        <img src="https://images.example.com/cat.png" srcset="local.png 1x, https://images.example.com/cat2.png 2x">
        <iframe src="https://www.youtube.com/embed/x"></iframe>
        <div style="background-image: url('https://bg.example.com/b.jpg')"></div>
        <a href="https://creativecommons.org/licenses/by-sa/4.0/">licence</a>
        <img src="../assets/local.png"><script src="http://127.0.0.1:8000/own.js"></script>
        </body></html>""",
        encoding="utf-8",
    )
    (tmp_path / "extra.css").write_text(
        '@font-face { src: url("https://fonts.gstatic.com/s/roboto.woff2") } .x { background: url(img/x.png) }',
        encoding="utf-8",
    )
    found = {(request.file, request.url) for request in foreign_requests(tmp_path, frozenset({"127.0.0.1"}))}
    assert found == {
        ("page/index.html", "https://cdn.example.com/style.css"),
        ("page/index.html", "https://fonts.gstatic.com"),
        ("page/index.html", "//icons.example.net/favicon.ico"),
        ("page/index.html", "https://analytics.example.com/a.js"),
        ("page/index.html", "https://fonts.googleapis.com/css?family=Roboto"),
        ("page/index.html", "https://images.example.com/cat.png"),
        ("page/index.html", "https://images.example.com/cat2.png"),
        ("page/index.html", "https://www.youtube.com/embed/x"),
        ("page/index.html", "https://bg.example.com/b.jpg"),
        ("extra.css", "https://fonts.gstatic.com/s/roboto.woff2"),
    }
    # The independent scan of the test agrees on the HTML and the stylesheet.
    offending, _ = resources_from_other_hosts(tmp_path)
    assert len(offending) == len(found) + 1  # it also counts 127.0.0.1, which only the command allows


def test_web_fonts_fail_ci_naming_the_host(tmp_path: Path) -> None:
    """Turning Material's Google Fonts on is caught: the site would contact fonts.googleapis.com."""
    project = copy_course(tmp_path / "course")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    font_off = re.search(r"^  font: false.*$", config, flags=re.MULTILINE)
    assert font_off, "mkdocs.yml no longer turns web fonts off with `font: false`"
    (project / "mkdocs.yml").write_text(
        config.replace(font_off.group(0), "  font:\n    text: Roboto"), encoding="utf-8"
    )
    completed = subprocess.run(
        [sys.executable, "-m", "lessonkit.cli", "ci"],
        cwd=project, env=dict(os.environ), capture_output=True, text=True, timeout=300, check=False,
    )
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert "request(s) to other hosts" in completed.stderr
    assert re.search(r"index\.html: <link rel=\"stylesheet\"> requests https://fonts\.googleapis\.com/", completed.stderr), (
        completed.stderr
    )
    allowed = subprocess.run(
        [sys.executable, "-m", "lessonkit.cli", "ci", "--allow-host", "fonts.googleapis.com",
         "--allow-host", "fonts.gstatic.com"],
        cwd=project, env=dict(os.environ), capture_output=True, text=True, timeout=300, check=False,
    )
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr


# What a browser requests and a regular expression missed (issue 21, section 8) -----

PLANTED = {
    # The five misses of the issue.
    "svg-image.html": '<svg viewBox="0 0 10 10"><image href="https://img.example.com/a.png" width="10"/></svg>',
    "table.html": '<table background="https://bg.example.com/t.png"><tr><td>cell</td></tr></table>',
    "srcdoc.html": '<iframe srcdoc="<p>hi</p><img src=&quot;https://framed.example.com/i.png&quot;>"></iframe>',
    "image-set.html": (
        "<div style='background-image: image-set(\"https://hd.example.com/a.png\" 1x, "
        "url(https://hd.example.com/b.png) 2x)'></div>"
        "<style>.x { background: -webkit-image-set('https://hd.example.com/c.png' 1x) }</style>"
    ),
    "ping.html": '<a href="../local/" ping="https://track.example.com/p  https://track2.example.com/q">go</a>',
    # A few more.
    "more/index.html": """<!doctype html><html><head>
        <base href="https://base.example.com/">
        <meta http-equiv="Refresh" content="30; URL='https://refresh.example.com/next'">
        <link rel="preload" as="image" imagesrcset="https://pre.example.com/a,1.png 1x, https://pre.example.com/b.png 2x">
        <link rel="search" type="application/opensearchdescription+xml" href="https://search.example.com/os.xml">
        </head><body>
        <svg><use xlink:href="https://sprites.example.com/s.svg#icon"/><rect fill="url(https://fill.example.com/p.svg#g)"/>
        <style>@import "&#x68;ttps://svgstyle.example.com/s.css";</style></svg>
        <video poster="https://poster.example.com/p.jpg"></video><object data="https://object.example.com/o.pdf"></object>
        <form action="https://forms.example.com/send"><button formaction="https://forms.example.com/other">Send</button></form>
        <div style="background: u\\72l(https://escaped.example.com/e.png)"></div>
        <img src="&#x68;ttps://entity.example.com/e.png"><img src="\\\\backslash.example.com/b.png">
        <iframe src="data:text/html,%3Cimg%20src%3D%22https%3A%2F%2Fdata.example.com%2Fd.png%22%3E"></iframe>
        <div style="--u: 'https://custom.example.com/u.png'; background-image: image-set(var(--u) 1x)"></div>
        <iframe src=" java&#x09;script:'<img src=https://js.example.com/x>'"></iframe>
        </body></html>""",
    "icons/sprite.svg": '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://svgfile.example.com/i.png"/></svg>',
    "extra.css": '@import url("https://import.example.com/a.css"); .a { background: image-set("https://css.example.com/x.png" 1x) }',
    # Requests to no other host, and text that only looks like one: none reported.
    "clean.html": """<a href="https://elsewhere.example.org/">a link</a><img src="data:image/png;base64,AA">
        <svg><use href="#local"/><rect fill="url(#gradient)"/></svg><link rel="canonical alternate" href="https://x.example.org/">
        <div style="font-family: 'https://not-a-url.example.com'; background: url(img/local.png)"></div>
        <p>https://plain.example.com/ in text</p><img src="//127.0.0.1:8000/own.png">
        <iframe srcdoc="<a href=&quot;https://nav.example.com/&quot;>nav</a>"></iframe>
        <div style="--label: 'see https://not-a-url.example.com'; --size: 2em; content: var(--label)"></div>""",
}


def test_scan_reads_every_attribute_and_css_that_makes_a_request(tmp_path: Path) -> None:
    write_planted(tmp_path)
    found = {(request.file, request.element, request.url)
             for request in foreign_requests(tmp_path, frozenset({"127.0.0.1"}))}
    assert found == {
        ("svg-image.html", "<image href>", "https://img.example.com/a.png"),
        ("table.html", "<table background>", "https://bg.example.com/t.png"),
        ("srcdoc.html", "<iframe srcdoc> <img src>", "https://framed.example.com/i.png"),
        ("image-set.html", "<div style>", "https://hd.example.com/a.png"),
        ("image-set.html", "<div style>", "https://hd.example.com/b.png"),
        ("image-set.html", "<style>", "https://hd.example.com/c.png"),
        ("ping.html", "<a ping>", "https://track.example.com/p"),
        ("ping.html", "<a ping>", "https://track2.example.com/q"),
        ("more/index.html", "<base href>", "https://base.example.com/"),
        ("more/index.html", '<meta http-equiv="refresh">', "https://refresh.example.com/next"),
        ("more/index.html", "<link imagesrcset>", "https://pre.example.com/a,1.png"),
        ("more/index.html", "<link imagesrcset>", "https://pre.example.com/b.png"),
        ("more/index.html", '<link rel="search">', "https://search.example.com/os.xml"),
        ("more/index.html", "<use xlink:href>", "https://sprites.example.com/s.svg#icon"),
        ("more/index.html", "<rect fill>", "https://fill.example.com/p.svg#g"),
        ("more/index.html", "<style>", "https://svgstyle.example.com/s.css"),
        ("more/index.html", "<video poster>", "https://poster.example.com/p.jpg"),
        ("more/index.html", "<object data>", "https://object.example.com/o.pdf"),
        ("more/index.html", "<form action>", "https://forms.example.com/send"),
        ("more/index.html", "<button formaction>", "https://forms.example.com/other"),
        ("more/index.html", "<div style>", "https://escaped.example.com/e.png"),
        ("more/index.html", "<img src>", "https://entity.example.com/e.png"),
        ("more/index.html", "<img src>", "\\\\backslash.example.com/b.png"),
        ("more/index.html", "<iframe src> (data: URL) <img src>", "https://data.example.com/d.png"),
        ("more/index.html", "<div style>", "https://custom.example.com/u.png"),
        ("more/index.html", "<iframe src>", " java\tscript:'<img src=https://js.example.com/x>'"),
        ("icons/sprite.svg", "<image href>", "https://svgfile.example.com/i.png"),
        ("extra.css", "CSS", "https://import.example.com/a.css"),
        ("extra.css", "CSS", "https://css.example.com/x.png"),
    }
    assert str(foreign_requests(tmp_path / "icons")[0]) == "sprite.svg: <image href> requests https://svgfile.example.com/i.png"


def write_planted(root: Path) -> None:
    for name, text in PLANTED.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_documents_nested_past_the_limit_are_reported_not_read(tmp_path: Path) -> None:
    page = '<img src="https://deep.example.com/x.png">'
    for _ in range(12):
        page = f'<iframe srcdoc="{html.escape(page)}"></iframe>'
    (tmp_path / "deep.html").write_text(page, encoding="utf-8")
    (request,) = foreign_requests(tmp_path)
    assert request.element == " ".join(["<iframe srcdoc>"] * 9)
    assert request.url == "a document nested more than 8 deep (not read: make it a file of the site)"


def test_a_practice_text_that_pings_fails_ci(tmp_path: Path) -> None:
    """What a practice text writes reaches the built page, and `lessonkit ci` names it there."""
    project = copy_course(tmp_path / "course")
    practice = project / "quizzes" / "video-generation.yml"
    text = practice.read_text(encoding="utf-8")
    question = re.search(r"^( +- question: )(.+)$", text, flags=re.MULTILINE)
    assert question, "the course's practice file has no `- question:` line"
    planted = '<a href="./" ping="https://track.example.com/p">top</a> <svg><image href="https://img.example.com/a.png"/></svg>'
    practice.write_text(text.replace(question.group(0), f"{question.group(1)}'{planted}'", 1), encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "lessonkit.cli", "ci"],
        cwd=project, env=dict(os.environ), capture_output=True, text=True, timeout=300, check=False,
    )
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert completed.stderr.splitlines() == [
        "lessonkit ci: FAILED: the site makes 2 request(s) to other hosts (learners' browsers would contact them):",
        "  practice/video-generation/index.html: <a ping> requests https://track.example.com/p",
        "  practice/video-generation/index.html: <image href> requests https://img.example.com/a.png",
        "  serve them from the site, or allow a host on purpose with --allow-host",
    ]
