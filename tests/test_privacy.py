"""The built site requests nothing from another host: no web fonts, no CDN, no analytics."""

from __future__ import annotations

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
    assert "resource(s) from other hosts" in completed.stderr
    assert re.search(r"index\.html: <link rel=\"stylesheet\"> loads https://fonts\.googleapis\.com/", completed.stderr), (
        completed.stderr
    )
    allowed = subprocess.run(
        [sys.executable, "-m", "lessonkit.cli", "ci", "--allow-host", "fonts.googleapis.com",
         "--allow-host", "fonts.gstatic.com"],
        cwd=project, env=dict(os.environ), capture_output=True, text=True, timeout=300, check=False,
    )
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
