"""Screenshots of the main pages in Bahasa Indonesia and English, for docs/screenshots/.

.venv/bin/python bench/screenshots.py [--out docs/screenshots]

Builds a throw-away SQLite database with the five sample articles in one story (as `make run`
does), a class with three notes on it (bench/seed_notes.py) and a second story whose analysis
is still queued (a constructed page, no worker runs for it), serves it with Django's
development server on 127.0.0.1 (a free port), opens each page in Debian's Chromium at
1366x768 in both languages and saves `<page>-<lang>.png` (the notes, report and groups pages
signed in as the class's teacher); pngquant, when installed, makes the files smaller. The
server and the database are removed at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
sys.path.insert(0, str(ROOT / "bench"))
from load_story import free_port  # noqa: E402


def manage(env, *args):
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True)


STORY = "Putin dan Kim Jong Un bertemu"  # the sample story, as `make run` builds it
# Two constructed pages for the story whose analysis is still queued (the "analysing" page).
PENDING_PAGES = [
    """Banjir merendam tiga kecamatan di Bandung

Hujan deras sejak Senin sore membuat sungai meluap dan merendam rumah warga di tiga kecamatan.
Petugas mengevakuasi warga ke balai desa dan mendirikan dapur umum.
""",
    """Warga Bandung mengungsi karena banjir

Sungai meluap setelah hujan deras sejak Senin sore; petugas mengevakuasi warga ke balai desa.
Dapur umum didirikan di tiga kecamatan yang terendam.
""",
]
PASSWORD = "lantern mosaic harbour 42"  # noqa: S105 (a throw-away database's account)


def log_in(page, base: str, name: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def shoot(page, target: Path) -> None:
    page.screenshot(path=str(target))
    if shutil.which("pngquant"):
        subprocess.run(
            ["pngquant", "--force", "--skip-if-larger", "--output", str(target), "64", str(target)],
            check=False,
        )
    print(target.relative_to(ROOT), target.stat().st_size)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        env = os.environ | {
            "DATABASE_URL": f"sqlite:///{tmp}/shots.sqlite3",
            "DEBUG": "true",
            "TASKS_BACKEND": "database",  # the second story's analysis stays queued
            "NEWSREADER_PASSWORD": PASSWORD,
        }
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "import_articles", "newsreader/samples", "--json", "--story-title", STORY)
        manage(env, "db_worker", "--backend", "database", "--batch", "--no-startup-delay", "-v0")
        seeded = subprocess.run(
            [str(PYTHON), "bench/seed_notes.py"],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True,
        )  # fmt: skip
        notes = json.loads(seeded.stdout.strip().splitlines()[-1])["notes"]
        pending_files = []
        for n, text in enumerate(PENDING_PAGES):
            pending_files.append(Path(tmp) / f"banjir-{n}.txt")
            pending_files[-1].write_text(text, encoding="utf-8")
        manage(
            env, "import_articles", *map(str, pending_files), "--story-title", "Banjir di Bandung"
        )
        port = free_port()
        server = subprocess.Popen(
            [str(PYTHON), "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/", timeout=2).read()  # noqa: S310
                    break
                except OSError:
                    time.sleep(0.2)
            story = "/stories/putin-dan-kim-jong-un-bertemu/"
            story_page = urllib.request.urlopen(base + story).read().decode()  # noqa: S310
            article = re.search(r'href="(/articles/\d+/)"', story_page).group(1)
            outlet = "/outlets/tribunnews/"
            pending = re.search(
                r'href="(/stories/banjir[^"]*/)"',
                urllib.request.urlopen(base + "/").read().decode(),  # noqa: S310
            ).group(1)
            chosen = "&".join(f"note={n}" for n in notes)
            pages = {
                "home": "/",
                "search": "/?q=amunisi",
                "story": story,
                "compare": story + "compare/",
                "compare-passage": story + "compare/",
                "article": article,
                "framing": story + "framing/",
                "claims": story + "claims/",
                "coverage": story + "coverage/",
                "outlet": outlet,
                "outlets": "/outlets/",
                "pending": pending + "compare/",
            }
            signed_in = {  # as the class's teacher, who sees the class's notes
                "notes": story + "notes/",
                "notes-compare": story + "compare/",
                "report": story + f"report/?{chosen}",
                "groups": "/notes/groups/",
            }
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium",
                    headless=True,
                    args=["--no-sandbox", "--disable-gpu"],
                )
                for lang in ("id", "en"):
                    context = browser.new_context(viewport={"width": 1366, "height": 768})
                    context.add_cookies([{"name": "django_language", "value": lang, "url": base}])
                    page = context.new_page()
                    for name, path in pages.items():
                        page.goto(base + path)
                        if name != "pending":  # it asks every two seconds, never idle
                            page.wait_for_load_state("networkidle")
                        if name == "compare-passage":
                            page.locator("#columns mark.passage").nth(2).click()
                            page.locator("#passage-panel .passage-detail").wait_for()
                            page.wait_for_timeout(300)
                        shoot(page, out / f"{name}-{lang}.png")
                    log_in(page, base, "guru_a")
                    for name, path in signed_in.items():
                        page.goto(base + path)
                        page.wait_for_load_state("networkidle")
                        if name == "notes-compare":
                            page.locator(
                                "#columns mark.note-mark"
                            ).first.scroll_into_view_if_needed()
                        shoot(page, out / f"{name}-{lang}.png")
                    context.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
