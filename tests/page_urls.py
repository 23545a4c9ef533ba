"""Every page type of a story with the five samples, for access, markup and browser checks."""

from django.urls import reverse

from newsreader.exports import story_document
from newsreader.services.story_analysis import story_analyse


def reading_urls(articles) -> dict[str, str]:
    """Name -> URL of every read-only page (and export) about the samples' story."""
    story = articles[0].story
    slug = story.slug
    tribun, unknown = articles[3], articles[4]
    passage = story_document(story)["shared_passages"][0]["id"]
    framing = story_analyse(story=story)["framing"]["framing"]
    term = framing["outlets"]["tribunnews"]["distinctive_terms"][0]["term"]
    compare = reverse("story-compare", args=[slug])
    return {
        "home": reverse("home"),
        "story": story.get_absolute_url(),
        "compare": compare,
        "compare-aligned": compare + "?view=aligned",
        "compare-passage": reverse("story-compare-passage", args=[slug, passage]),
        "diff": reverse("story-diff", args=[slug, unknown.pk, tribun.pk]),
        "claims": reverse("story-claims", args=[slug]),
        "speakers": reverse("story-speakers", args=[slug]),
        "framing": reverse("story-framing", args=[slug]),
        "framing-passages": reverse("story-framing-passages", args=[slug])
        + "?measure=evaluative:desperation",
        "framing-term": reverse("story-framing-term", args=[slug, term]),
        "article": tribun.get_absolute_url(),
        "article-raw": tribun.get_absolute_url() + "?view=raw",
        "origins": reverse("article-origins", args=[tribun.pk]),
        "outlet": tribun.outlet.get_absolute_url(),
        "outlet-framing": reverse("outlet-framing", args=[tribun.outlet.slug]),
        "outlet-reuse": reverse("outlet-reuse", args=[tribun.outlet.slug]),
        "export-json": reverse("story-export-json", args=[slug]),
        "export-csv": reverse("story-export-csv", args=[slug, "articles"]),
    }


def lexicon_restore() -> None:
    """Seed the shipped lexicon again when a transactional test's flush removed the seed rows."""
    from newsreader.analysis.framing import load_lexicon
    from newsreader.models import LexiconEntry

    if not LexiconEntry.objects.exists():
        LexiconEntry.objects.bulk_create(
            LexiconEntry(
                term=e.term,
                category=e.category,
                note=e.note,
                variants=", ".join(e.variants),
                match=e.match,
            )
            for e in load_lexicon().entries
        )
