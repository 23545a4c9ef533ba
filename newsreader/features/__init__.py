"""Story features, one package each (compare, claims, framing, origins).

A feature package may hold `section.py` (it registers a story-analysis section and its CSV
tables on import) and `urls.py` (its URL patterns); adding a feature means adding a folder.
"""

from importlib import import_module
from importlib.util import find_spec
from pkgutil import iter_modules
from types import ModuleType


def feature_modules(name: str) -> list[ModuleType]:
    """Each feature's module `name` (e.g. "section", "urls"), in folder-name order."""
    modules = []
    for info in sorted(iter_modules(__path__), key=lambda info: info.name):
        qualified = f"{__name__}.{info.name}.{name}"
        if info.ispkg and find_spec(qualified) is not None:
            modules.append(import_module(qualified))
    return modules
