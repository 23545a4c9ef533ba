"""The reader's words for the framing measures' ids; the cached analysis keeps English labels,
so an id without an entry here is shown with its stored label."""

from django.utils.translation import gettext_lazy

CATEGORIES = {
    "desperation": gettext_lazy("Desperation / weakness"),
    "threat": gettext_lazy("Threat"),
    "condemnation": gettext_lazy("Condemnation"),
    "praise": gettext_lazy("Praise / legitimacy"),
    "certainty": gettext_lazy("Certainty"),
    "hedging": gettext_lazy("Hedging"),
}
FRAMES = {
    "conflict": gettext_lazy("Conflict"),
    "human_interest": gettext_lazy("Human interest"),
    "economic": gettext_lazy("Economic consequences"),
    "morality": gettext_lazy("Morality"),
    "responsibility": gettext_lazy("Attribution of responsibility"),
}
GROUPS = {
    "us_government": gettext_lazy("US government"),
    "russia": gettext_lazy("Russia"),
    "north_korea": gettext_lazy("North Korea"),
    "un": gettext_lazy("UN"),
    "ukraine": gettext_lazy("Ukraine"),
    "south_korea": gettext_lazy("South Korea"),
    "id_officials": gettext_lazy("Indonesian officials"),
    "company": gettext_lazy("Companies"),
    "ngo": gettext_lazy("NGOs and civil society"),
    "academic": gettext_lazy("Academics"),
    "retired_analysts": gettext_lazy("Retired officers and analysts"),
    "media": gettext_lazy("Media"),
    "other": gettext_lazy("Other/unknown"),
}


def categories(stored: dict[str, str]) -> dict[str, str]:
    return {c: str(CATEGORIES.get(c, label)) for c, label in stored.items()}


def frame(fid: str, label: str) -> str:
    return str(FRAMES.get(fid, label))


def group(gid: str, label: str) -> str:
    return str(GROUPS.get(gid, label))


FACT_KINDS = {
    "speaker": gettext_lazy("speaker"),
    "entity": gettext_lazy("name"),
    "media": gettext_lazy("media"),
    "number": gettext_lazy("number"),
    "date": gettext_lazy("date"),
}


def fact_kind(kind: str) -> str:
    return str(FACT_KINDS.get(kind, kind))
