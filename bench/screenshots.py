"""Screenshots of the main pages in Bahasa Indonesia and English, for docs/screenshots/.

.venv/bin/python bench/screenshots.py [--out docs/screenshots]

Builds a throw-away SQLite database with the five sample articles in one story (as `make run`
does), serves it with Django's
development server on 127.0.0.1 (a free port), opens each page in Debian's Chromium at
1366x768 in both languages and saves `<page>-<lang>.png`; pngquant, when installed, makes
the files smaller. The server and the database are removed at the end.
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        env = os.environ | {"DATABASE_URL": f"sqlite:///{tmp}/shots.sqlite3", "DEBUG": "true"}
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "import_articles", "newsreader/samples", "--json", "--story-title", STORY)
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
                        page.wait_for_load_state("networkidle")
                        if name == "compare-passage":
                            page.locator("#columns mark.passage").nth(2).click()
                            page.locator("#passage-panel .passage-detail").wait_for()
                            page.wait_for_timeout(300)
                        target = out / f"{name}-{lang}.png"
                        page.screenshot(path=str(target))
                        if shutil.which("pngquant"):
                            subprocess.run(
                                [
                                    "pngquant",
                                    "--force",
                                    "--skip-if-larger",
                                    "--output",
                                    str(target),
                                    "64",
                                    str(target),
                                ],
                                check=False,
                            )
                        print(target.relative_to(ROOT), target.stat().st_size)
                    context.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
