"""Syndication labels of the comparison: which pairs of columns are sister outlets of one media
group, or a page and the outlet it says it first appeared on, with the reason in plain words."""

from __future__ import annotations

from django.utils.translation import gettext

from newsreader.analysis import syndication
from newsreader.models import Article
from newsreader.services.outlets import outlet_named

NOTE = "syndication note"  # the removal reason of "Artikel ini telah tayang di ..." lines


def _notes(columns: list[Article]) -> dict[int, str]:
    """The first syndication note of each column that has one, as the page printed it."""
    spans = {}
    for a in columns:
        found = [r for r in a.extraction.get("removed", []) if r.get("reason") == NOTE]
        if found:
            spans[a.pk] = found[0]
    if not spans:
        return {}
    raws = Article.objects.filter(pk__in=list(spans)).values_list("pk", "raw_text")
    return {
        pk: " ".join(raw[spans[pk]["start"] : spans[pk]["end"]].split())[:300] for pk, raw in raws
    }


def _columns(columns: list[Article]) -> tuple[list[syndication.Column], dict[int, str]]:
    """Each article as the syndication labels see it, and the site each syndication note names."""
    notes = _notes(columns)
    sites = {pk: syndication.note_site(note) for pk, note in notes.items()}
    info = [
        syndication.Column(
            a.pk,
            a.outlet.slug,
            a.outlet.media_group,
            tuple(s for s in [outlet_named(sites.get(a.pk) or "")] if s),
            notes.get(a.pk, ""),
        )
        for a in columns
    ]
    return info, sites


def pair_labels(articles: list[Article]) -> dict[frozenset[int], syndication.PairLabel]:
    """The syndication label of every labelled pair of `articles`."""
    return syndication.pair_labels(_columns(articles)[0])


def comparison_syndication(columns: list[Article], names: dict[int, str]) -> dict:
    """`labels` ({frozenset of two ids: PairLabel}), `reasons` (sentences for the reader) and
    `cells` ({(row id, column id): short label}) of the shown columns; `names` are the column
    labels."""
    info, sites = _columns(columns)
    labels = syndication.pair_labels(info)
    reasons, cells = [], {}
    for pair, label in labels.items():
        a, b = sorted(pair, key=[c.pk for c in columns].index)
        cells[a, b] = cells[b, a] = short_label(label)
        reasons.append(reason(label, names, a, b))
    for col in info:
        named = sites.get(col.article)
        if named and not any(lab.copy == col.article for lab in labels.values()):
            reasons.append(
                gettext("{copy} says it first appeared on {site} (“{note}”).").format(
                    copy=names[col.article], site=named, note=col.note
                )
            )
    return {"labels": labels, "reasons": reasons, "cells": cells}


def short_label(label: syndication.PairLabel) -> str:
    if label.kind == syndication.SYNDICATED_COPY:
        return gettext("syndicated copy")
    return gettext("same media group")


def reason(label: syndication.PairLabel, names: dict[int, str], a: int, b: int) -> str:
    if label.kind == syndication.SYNDICATED_COPY:
        return gettext(
            "{copy} says it first appeared on {origin} (“{note}”): the text they share is a "
            "syndicated copy, not copying."
        ).format(copy=names[label.copy], origin=names[label.origin], note=label.note)
    return gettext(
        "{a} and {b} belong to the same media group, {group}: the text they share is "
        "syndication within the group, not copying."
    ).format(a=names[a], b=names[b], group=label.group)
