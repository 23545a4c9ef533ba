import pytest

from newsreader.analysis.cleaning import extract
from newsreader.analysis.reuse import find_passages

from ..conftest import SAMPLE_FILES


@pytest.fixture(scope="session")
def docs():
    """Clean texts of the five samples, keyed by their file number (0-4)."""
    return {
        int(p.name[:3]): extract(p.read_text(encoding="utf-8")).clean_text for p in SAMPLE_FILES
    }


@pytest.fixture(scope="session")
def result(docs):
    return find_passages(docs)
