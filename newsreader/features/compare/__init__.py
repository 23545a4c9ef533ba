"""Side-by-side comparison: shared passages between a story's articles, word diffs, aligned view."""
