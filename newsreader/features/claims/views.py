"""The claims panel and the speakers table of a story."""

from __future__ import annotations

from django import forms
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext, gettext_lazy

from newsreader.features.claims.section import RELATIONS
from newsreader.models import Story
from newsreader.services.story_analysis import columns_load, story_articles, story_section
from newsreader.web.claim_wording import METHOD, reason_text
from newsreader.web.limits import limit_notes
from newsreader.web.notes import articles_notes_context
from newsreader.web.rendering import render_marked

# relation -> (text label, icon); each relation also has its own card border style (claims.css).
LABELS = {
    "conflict": (gettext_lazy("Conflict"), "⚠"),
    "review": (gettext_lazy("Needs review"), "?"),
    "different_attribution": (gettext_lazy("Different speaker"), "⇄"),
    "altered": (gettext_lazy("Altered wording"), "≠"),
    "agree": (gettext_lazy("Agree"), "="),
    "single_source": (gettext_lazy("Single source"), "○"),
}
FILTERS = ("speaker", "label", "outlet")


class ClaimFilterForm(forms.Form):
    speaker = forms.ChoiceField(required=False)
    label = forms.ChoiceField(
        required=False,
        choices=[("", gettext_lazy("All labels")), *((r, LABELS[r][0]) for r in RELATIONS)],
    )
    outlet = forms.ChoiceField(required=False)

    def __init__(self, data, *, speakers, outlets):
        super().__init__(data, auto_id="claims-%s")
        self.fields["speaker"].choices = [
            ("", gettext("All speakers")),
            *((s, s) for s in speakers),
        ]
        self.fields["outlet"].choices = [("", gettext("All outlets")), *outlets]

    def filters(self) -> dict[str, str]:
        """The valid, non-empty filters (an unknown value is ignored, not an error page)."""
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v}


def _article_labels(articles) -> dict[int, str]:
    """`Tribunnews`, or `SINDOnews #2` when the story has several articles of one outlet."""
    per_outlet: dict[str, int] = {}
    for a in articles:
        per_outlet[a.outlet.slug] = per_outlet.get(a.outlet.slug, 0) + 1
    return {
        a.pk: a.outlet.display_name
        if per_outlet[a.outlet.slug] == 1
        else f"{a.outlet.display_name} #{a.pk}"
        for a in articles
    }


def _matches(claim: dict, filters: dict[str, str], outlet_of: dict[int, str]) -> bool:
    members = claim["members"]
    return (
        filters.get("label", claim["relation"]) == claim["relation"]
        and (
            "speaker" not in filters
            or any((m["speaker"] or {}).get("name") == filters["speaker"] for m in members)
        )
        and (
            "outlet" not in filters
            or any(outlet_of.get(m["article"]) == filters["outlet"] for m in members)
        )
    )


def _card(claim: dict, by_id: dict, labels: dict[int, str], roles: dict[str, list]) -> dict:
    members = [
        {
            **m,
            "article_obj": by_id.get(m["article"]),
            "label": labels.get(m["article"], gettext("article {id}").format(id=m["article"])),
            "anchor": f"quote-{m['article']}-{m['start']}",
        }
        for m in claim["members"]
    ]
    speakers = {}
    for m in members:
        if m["speaker"]:
            name = m["speaker"]["name"]
            speakers[name] = speakers.get(name) or m["speaker"]["role"]
    label, icon = LABELS[claim["relation"]]

    def name(article: int) -> str:
        return labels.get(article, gettext("article {id}").format(id=article))

    sides = claim.get("diff_articles") or [None, None]
    return {
        **claim,
        "label": label,
        "icon": icon,
        "members": members,
        "speakers": [  # a role the quote itself does not give comes from the story's speakers
            {"name": n, "role": r or "; ".join(roles.get(n, [])) or None}
            for n, r in speakers.items()
        ],
        "reasons": [reason_text(doc, name) for doc in _codes(claim)],  # the reader's words
        "diff_from": labels.get(sides[0]),
        "diff_to": labels.get(sides[1]),
        "anchors": " ".join(m["anchor"] for m in members),
    }


def _codes(claim: dict) -> list[dict]:
    """The reason documents of a claim (an analysis cached before codes: each text as is)."""
    return claim.get("reason_codes") or [{"code": "text", "text": r} for r in claim["reasons"]]


def _in_columns(claims: list[dict], columns: set[int]) -> list[dict]:
    """The claims with a version in the chosen columns, each with those versions only."""
    kept = []
    for c in claims:
        members = [m for m in c["members"] if m["article"] in columns]
        if members:
            kept.append({**c, "members": members})
    return kept


def _quote_html(article, member: dict, marks) -> str | None:
    """The quote as it stands in the article's clean text, with its note marks; None when the
    stored quote no longer matches the text (then the card shows the quote as stored)."""
    if article is None or article.clean_text[member["start"] : member["end"]] != member["text"]:
        return None
    return render_marked(article.clean_text, marks, start=member["start"], end=member["end"])


def story_claims(request, slug):
    story = get_object_or_404(Story, slug=slug)
    articles = story_articles(story, light=True)
    data = story_section(story=story, name="claims")
    chosen = {a.pk for a in articles if str(a.pk) in request.GET.getlist("a")}
    all_claims = data["claims"]
    if len(chosen) >= 2:  # the columns chosen on the comparison page
        all_claims = _in_columns(all_claims, chosen)
        articles = [a for a in articles if a.pk in chosen]
    articles = columns_load(articles)  # the quotes are drawn from their texts
    by_id = {a.pk: a for a in articles}
    labels = _article_labels(articles)
    outlet_of = {a.pk: a.outlet.slug for a in articles}
    outlets = sorted({(a.outlet.slug, a.outlet.display_name) for a in articles}, key=lambda o: o[1])
    speakers = sorted(
        {m["speaker"]["name"] for c in all_claims for m in c["members"] if m["speaker"]},
        key=str.casefold,
    )
    form = ClaimFilterForm(request.GET or None, speakers=speakers, outlets=outlets)
    filters = form.filters()
    order = {r: i for i, r in enumerate(LABELS)}
    claims = sorted(all_claims, key=lambda c: (order[c["relation"]], c["id"]))
    roles = {s["name"]: s["roles"] for s in data["speakers"]}
    cards = [_card(c, by_id, labels, roles) for c in claims if _matches(c, filters, outlet_of)]
    note_marks, notes = articles_notes_context(request, articles)
    for card in cards:
        for m in card["members"]:
            m["html"] = _quote_html(by_id.get(m["article"]), m, note_marks.get(m["article"], []))
    context = {
        **notes,
        "story": story,
        "form": form,
        "filters": filters,
        "cards": cards,
        "method": METHOD,
        "total": len(all_claims),
        "limits": limit_notes(data.get("limits", []), labels),
        "kept": [(k, v) for k, vs in request.GET.lists() if k not in FILTERS for v in vs],
    }
    template = (
        "newsreader/claims/claims.html#panel" if request.htmx else "newsreader/claims/claims.html"
    )
    return render(request, template, context)


def story_speakers(request, slug):
    """Who is quoted by which outlet and how often (quotes of every kind with a speaker)."""
    story = get_object_or_404(Story, slug=slug)
    articles = story_articles(story, light=True)
    data = story_section(story=story, name="claims")
    outlets = sorted({a.outlet for a in articles}, key=lambda o: o.name)
    outlet_of = {str(a.pk): a.outlet.slug for a in articles}
    in_claims = {m["speaker"]["name"] for c in data["claims"] for m in c["members"] if m["speaker"]}
    rows = []
    for s in data["speakers"]:
        per_outlet = {o.slug: 0 for o in outlets}
        for article, n in s["quotes_by_article"].items():
            per_outlet[outlet_of[article]] += n
        rows.append(
            {
                **s,
                "counts": [per_outlet[o.slug] for o in outlets],
                "total": sum(per_outlet.values()),
                "in_claims": s["name"] in in_claims,
            }
        )
    context = {"story": story, "outlets": outlets, "rows": rows}
    return render(request, "newsreader/claims/claims_speakers.html", context)
