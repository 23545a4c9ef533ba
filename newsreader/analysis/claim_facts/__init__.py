"""Facts two versions of a claim can disagree on: quantities, dates and places.

Every finder keeps the surface words, so a reason can quote both versions. Dates are exact
(`13 September 2023`, `Selasa (12/9/2023)`, `2006 hingga 2008`) or relative (`pekan lalu`,
`akhir bulan ini`); relative dates are compared with relative dates of the same unit only,
never resolved. Places come from a shipped gazetteer (data/places_id.json) or from a
capitalised phrase after `di`/`ke`; only places where something happens (after a locative
word) are compared, because countries are named everywhere as actors.
"""

from .dates import DateMention, date_differences, date_mentions
from .places import Place, actors, gazetteer, place_differences, places
from .quantities import Quantity, numbers, quantities

__all__ = [
    "DateMention",
    "Place",
    "Quantity",
    "actors",
    "date_differences",
    "date_mentions",
    "gazetteer",
    "numbers",
    "place_differences",
    "places",
    "quantities",
]
