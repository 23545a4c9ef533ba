"""Story-analysis section and export tables of the claims feature."""

from .exports import csv_export  # noqa: F401
from .story_analysis import section  # noqa: F401
