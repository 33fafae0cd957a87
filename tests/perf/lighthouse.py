"""Lighthouse 13 over the course's pages, light and dark (issue #13).

Run from the repository root, with the project's virtual environment::

    python tests/perf/lighthouse.py              # every page, both schemes
    python tests/perf/lighthouse.py --pages practice/video-generation/

It builds a copy of the course (``mkdocs build --strict``, ``site_url`` set to
the loopback port it serves the site on, under ``/course/`` as the browser
tests do, text files gzipped as a static host serves them), then runs
``npx lighthouse@13`` (desktop preset, the four categories) against Debian's Chromium (``CHROME_PATH=/usr/bin/chromium``,
``--headless=new``), once with the light scheme and once with
``--force-dark-mode`` (Material follows ``prefers-color-scheme`` on a first
visit). Each page and scheme is run ``--runs`` times (default 3) and the run
with the median performance score is kept, as Lighthouse's docs advise: its
performance score moves with the machine's load (the table shows Lighthouse's
``benchmarkIndex`` of the CPU, for that). It prints each page's runs (performance,
cumulative layout shift, benchmarkIndex), a table of the kept scores and the
audits that failed, writes every run's report (``<page>-<scheme>-<run>.json``)
and the kept one's (``<page>-<scheme>.json``) to ``--out`` (default
``tests/perf/out/lighthouse``), and exits 1 when any score is below 100.

Not part of the test suite (npm has to be reachable once to fetch
Lighthouse, and a run takes a minute or two): ``conftest.py`` here keeps
pytest out of this folder. It needs Node.js and npx.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "browser"))

from servedsite import BASE, CHROMIUM, CHROMIUM_ARGS, SubpathHandler, served_course  # noqa: E402

_COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg")


class CompressingHandler(SubpathHandler):
    """Text files gzipped when the browser accepts it, as static hosts (GitHub
    Pages, Netlify, Read the Docs) serve them: Lighthouse's simulated
    throttling charges every byte on the wire, and Material's stylesheet is
    137 KB uncompressed, 20 KB gzipped."""

    def send_head(self):  # noqa: ANN201 - the base class's signature
        path = self.translate_path(self.path) if self.path.startswith(BASE) else ""
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if not (os.path.isfile(path) and path.endswith(_COMPRESSED) and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()  # other files, and a folder's URL without its slash (a redirect)
        body = gzip.compress(Path(path).read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


PAGES = ["", "lessons/video-generation/", "practice/video-generation/", "instructors/"]
"""Home, lesson, practice and instructors' pages, relative to the site's root."""
SCHEMES = {"light": [], "dark": ["--force-dark-mode"]}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def run_lighthouse(url: str, flags: list[str], report: Path) -> dict:
    chrome_flags = " ".join(["--headless=new", *CHROMIUM_ARGS, *flags])
    command = [
        "npx", "--yes", "lighthouse@13", url,
        "--preset=desktop",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={chrome_flags}",
        "--output=json", f"--output-path={report}", "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    completed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)
    if completed.returncode != 0 or not report.exists():
        raise SystemExit(f"lighthouse failed on {url}:\n{completed.stdout}\n{completed.stderr}")
    return json.loads(report.read_text(encoding="utf-8"))


def failures(result: dict) -> list[str]:
    """Audits of the four categories that scored below 1, with what they found."""
    found = []
    for category in result["categories"].values():
        for ref in category["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref.get("weight", 0) and audit.get("score") is not None and audit["score"] < 1:
                items = audit.get("details", {}).get("items", [])
                where = [item.get("node", {}).get("snippet", "") for item in items if isinstance(item, dict)]
                found.append(f"{category['id']}: {ref['id']} ({audit['score']}) {' | '.join(w for w in where if w)[:300]}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="*", default=PAGES, help="pages relative to the site's root")
    parser.add_argument("--schemes", nargs="*", default=list(SCHEMES), choices=list(SCHEMES))
    parser.add_argument("--runs", type=int, default=3, help="runs per page and scheme; the median is kept")
    parser.add_argument("--out", type=Path, default=Path("tests/perf/out/lighthouse"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows, problems = [], []
    with tempfile.TemporaryDirectory() as folder, served_course(Path(folder) / "course", handler_class=CompressingHandler) as site:
        for page in args.pages:
            for scheme in args.schemes:
                name = (page.strip("/").replace("/", "-") or "home") + f"-{scheme}"
                runs = []
                for run in range(args.runs):
                    report = args.out / f"{name}-{run + 1}.json"
                    runs.append((run_lighthouse(site.url(page), SCHEMES[scheme], report), report))
                runs.sort(key=lambda pair: pair[0]["categories"]["performance"]["score"] or 0)
                result, kept = runs[len(runs) // 2]
                (args.out / f"{name}.json").write_bytes(kept.read_bytes())  # every run's report stays
                scores = [round(100 * (result["categories"][c]["score"] or 0)) for c in CATEGORIES]
                cpu = round(result["environment"]["benchmarkIndex"])
                rows.append((page or "(home)", scheme, *scores, cpu))
                problems += [f"{page or '(home)'} {scheme}: {line}" for line in failures(result)]
                # every run's performance, CLS and CPU, lowest first, for the spread
                spread = ", ".join(
                    f"{round(100 * (r['categories']['performance']['score'] or 0))}"
                    f" (CLS {r['audits']['cumulative-layout-shift']['numericValue']:.3f},"
                    f" cpu {round(r['environment']['benchmarkIndex'])})"
                    for r, _ in runs
                )
                print(f"{page or '(home)':30} {scheme:5} " + " ".join(f"{s:4}" for s in scores) + f"  cpu {cpu}"
                      f"  runs: {spread}", flush=True)
    print()
    print("| Page | Scheme | " + " | ".join(CATEGORIES) + " | benchmarkIndex |")
    print("|---|---|" + "---|" * (len(CATEGORIES) + 1))
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
    for line in problems:
        print(line)
    return 0 if all(score == 100 for row in rows for score in row[2:-1]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
