"""Notes for the screenshots: a teacher, two students in one class, and notes on the sample
story (the note texts are written here; the spans are found in the imported articles).

DJANGO_SETTINGS_MODULE=newsreader.settings .venv/bin/python bench/seed_notes.py
prints the JSON {"notes": [ids], "code": "<join code>"}.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsreader.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from newsreader.models import Article, NoteTag  # noqa: E402
from newsreader.services import notes as review  # noqa: E402

# (words to find in an article, the note, its tag, its author)
NOTES = [
    (
        "Ini menunjukkan bahwa Putin",
        "Kalimat yang sama dimuat dua media: cek siapa yang lebih dulu.",
        "press-release",
        "siswa_a",
    ),
    ("putus asa", "Kata sifat ini tidak ada di kutipan aslinya.", "altered-quote", "siswa_a2"),
    (
        "Kyrylo Budanov",
        "Klaim intelijen Ukraina; Moskow dan Pyongyang membantahnya.",
        "missing-context",
        "guru_a",
    ),
]


def main() -> None:
    os.environ.setdefault("NEWSREADER_PASSWORD", "lantern mosaic harbour 42")
    call_command("create_account", "guru_a", "--role", "editor", stdout=open(os.devnull, "w"))
    for name in ("siswa_a", "siswa_a2"):
        call_command("create_account", name, "--role", "student", stdout=open(os.devnull, "w"))
    users = {u.username: u for u in get_user_model().objects.all()}
    review.note_tags_restore()
    group = review.group_create(users["guru_a"], name="Kelas Jurnalistik A")
    for name in ("siswa_a", "siswa_a2"):
        review.group_join(users[name], group.join_code)
    ids = []
    for words, text, tag, author in NOTES:
        article = next(a for a in Article.objects.order_by("pk") if words in a.clean_text)
        start = article.clean_text.index(words)
        note = review.note_create(
            users[author],
            article=article,
            start=start,
            end=start + len(words),
            text=text,
            tag=NoteTag.objects.get(slug=tag),
            group=group,
        )
        ids.append(note.pk)
    print(json.dumps({"notes": ids, "code": group.join_code}))


if __name__ == "__main__":
    main()
