"""Corpus-wide reuse: where an article's passages first appeared, and outlet reuse."""

urlpatterns = []
