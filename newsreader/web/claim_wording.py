"""Claim reasons in the reader's words: the analysis stores a code with parameters per reason
(newsreader/analysis/reason.py); this renders each one at display time. A reason of an older
analysis (no code) is shown as it was stored."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy

Name = Callable[[int], str]  # article id -> the label of its column (outlet name)

_BETWEEN = {
    "numbers_differ": gettext_lazy("The numbers differ: {left} in {a}, {right} in {b}."),
    "quantity_qualifier": gettext_lazy(
        "The same number, qualified differently: “{left}” in {a}, “{right}” in {b}."
    ),
    "dates_differ": gettext_lazy("The dates differ: {left} in {a}, {right} in {b}."),
    "date_qualifier": gettext_lazy(
        "The same time, qualified differently: “{left}” in {a}, “{right}” in {b}."
    ),
    "places_differ": gettext_lazy("The places differ: {left} in {a}, {right} in {b}."),
    "places_maybe_differ": gettext_lazy(
        "The places may differ ({left} in {a}, {right} in {b}): one may lie inside the other."
    ),
}
_SAME = {
    "same_wording": gettext_lazy("{outlets} quote the same words."),
    "same_claim": gettext_lazy("{outlets} report the same claim."),
    "same_denial": gettext_lazy("{outlets} report the same denial."),
}
# The judge's features (analysis/contradiction.py) that can push a pair towards contradiction.
EVIDENCE = {
    "negation_short_only": gettext_lazy("a negation in one version only"),
    "negation_one_side": gettext_lazy("a negation in one version only"),
    "negation_flip": gettext_lazy("the same predicate negated in one version"),
    "antonyms": gettext_lazy("words of opposite meaning"),
    "numbers_differ": gettext_lazy("different numbers"),
    "dates_differ": gettext_lazy("different dates"),
    "places_differ": gettext_lazy("different places"),
    "novel_numbers": gettext_lazy("a number only one version has"),
    "quantifiers_added": gettext_lazy("a word such as “semua” or “hanya” in one version only"),
    "bukan": gettext_lazy("“bukan” in one version only"),
    "tidak_ada": gettext_lazy("“tidak ada” in one version only"),
}
METHOD = gettext_lazy(
    "Claims are grouped when they share distinctive words (an overlap of their lemmas, each "
    "word weighted by how rare it is in the story). A conflict needs evidence the rules can "
    "name: the same predicate negated in one version only, a denial against a claim, or "
    "numbers, dates or places of one kind that cannot both be true; a place that may lie "
    "inside the other is left for review. Where the rules find nothing, a logistic regression "
    "trained on the IndoNLI sentence pairs may flag a contradiction (a negation alone is left "
    "for review). Every label is a flag to read, not a verdict."
)


def _percent(value: float) -> str:
    return f"{number_format(round(100 * value))}%"


def _list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return gettext("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def reason_text(doc: dict, name: Name) -> str:
    """One reason document (`{"code": ..., params}`) as a sentence in the reader's language."""
    code, p = doc.get("code"), doc
    try:
        if code in _BETWEEN:
            a, b = p["docs"]
            return str(_BETWEEN[code]).format(
                left=p["left"], right=p["right"], a=name(a), b=name(b)
            )
        if code in _SAME:
            text = str(_SAME[code]).format(outlets=_list([name(d) for d in p["docs"]]))
            if p.get("speakers"):
                text += " " + gettext("Speaker: {speakers}.").format(speakers=_list(p["speakers"]))
            return text
        if code == "single_source":
            return gettext(
                "Only {outlet} reports this claim; the closest claim in another article is "
                "{percent} alike."
            ).format(outlet=name(p["doc"]), percent=_percent(p["similarity"]))
        if code == "speaker_differs":
            return gettext("The same words are given to different speakers: {speakers}.").format(
                speakers=_list(p["speakers"])
            )
        if code == "similarity":
            return gettext("The versions are {percent} alike in their words.").format(
                percent=_percent(p["similarity"])
            )
        if code == "review":
            items = " ".join(reason_text(item, name) for item in p["items"])
            return gettext("The rules cannot decide; read the versions. {items}").format(
                items=items
            )
        if code == "negation_flip":
            return gettext(
                "{outlet} writes “{negated}”, while {others} state “{predicate}” without a negation."
            ).format(
                outlet=name(p["doc"]),
                negated=p["negated"],
                others=_list([name(d) for d in p["docs"]]),
                predicate=p["predicate"],
            )
        if code == "denial_vs_claim":
            who = lambda xs: _list([f"{x['name']} ({name(x['doc'])})" for x in xs])  # noqa: E731
            return gettext("{deniers} deny (“{cue}”) what {claimants} state.").format(
                deniers=who(p["deniers"]), cue=p["cue"], claimants=who(p["claimants"])
            )
        if code == "judged_contradiction":
            evidence = _list([str(EVIDENCE[e]) for e in p["evidence"] if e in EVIDENCE])
            a, b = p["docs"]
            text = (
                gettext(
                    "A model trained on Indonesian sentence pairs holds {a} and {b} "
                    "contradictory ({percent} likely)."
                )
                if p.get("sure", True)
                else gettext(
                    "A model trained on Indonesian sentence pairs holds {a} and {b} possibly "
                    "contradictory ({percent} likely)."
                )
            ).format(a=name(a), b=name(b), percent=_percent(p["probability"]))
            if evidence:
                text += " " + gettext("Evidence: {evidence}.").format(evidence=evidence)
            return text
        if code == "words_added":
            words = ", ".join(f"“{w}”" for w in p["words"])
            return gettext("Words only in {outlet}: {words}.").format(
                outlet=name(p["doc"]), words=words
            )
    except (KeyError, TypeError, ValueError):
        pass
    return str(p.get("text", code))
