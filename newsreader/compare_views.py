"""Side-by-side comparison of a story's articles: columns, passages, diffs."""

urlpatterns = []
