from django.contrib import admin
from django.urls import include, path

from .features import feature_modules

urlpatterns = [
    path("", include("newsreader.web.urls")),
    *(path("", include(module)) for module in feature_modules("urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),  # set_language: the language switch
    path("admin/", admin.site.urls),
]
