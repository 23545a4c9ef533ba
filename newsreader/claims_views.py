"""The claims panel and the speakers table of a story."""

urlpatterns = []
