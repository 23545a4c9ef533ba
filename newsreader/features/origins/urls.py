"""URLs of the origins feature (included by the root urls.py)."""

from django.urls import path

from .views import article_origins, article_process, outlet_reuse

urlpatterns = [
    path("articles/<int:pk>/process/", article_process, name="article-process"),
    path("articles/<int:pk>/origins/", article_origins, name="article-origins"),
    path("outlets/<slug:slug>/reuse/", outlet_reuse, name="outlet-reuse"),
]
