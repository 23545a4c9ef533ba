"""The framing panel of a story and the outlet framing pages."""

urlpatterns = []
