"""The notes a page shows when a bound of the analysis (`analysis.limits`, the claims' quote
limits) cut the work for one of its articles, in the reader's language."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext


def limit_notes(cuts: list[dict], names: dict[int, str]) -> list[str]:
    """One sentence per cut ({"article", "what", "found", "kept"}); `names` label the articles."""
    notes = []
    for cut in cuts:
        values = {
            "kept": number_format(cut["kept"], force_grouping=True),
            "found": number_format(cut["found"], force_grouping=True),
            "article": names.get(cut["article"], str(cut["article"])),
        }
        if cut.get("what") == "characters":
            text = gettext(
                "Quotes were looked for only in the first {kept} of {found} characters of "
                "{article}: a limit keeps the analysis of a story bounded."
            )
        elif cut.get("what") == "framing":
            text = gettext(
                "Framing was measured only in the first {kept} of {found} characters of "
                "{article}: a limit keeps the analysis of a story bounded."
            )
        elif cut.get("what") == "sentences":
            text = gettext(
                "Reworded passages were looked for only in the first {kept} of {found} sentences "
                "of {article}: a limit keeps the analysis of a story bounded."
            )
        else:
            text = gettext(
                "Only the first {kept} of {found} quotes of {article} were compared: a limit "
                "keeps the analysis of a story bounded."
            )
        notes.append(text.format(**values))
    return notes
