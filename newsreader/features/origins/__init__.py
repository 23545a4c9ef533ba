"""Origins: where an article's passages first appeared in the corpus, and each outlet's reuse."""
