from django.apps import AppConfig


class NewsreaderConfig(AppConfig):
    name = "newsreader"
    verbose_name = "newsreader"

    def ready(self):
        # Feature sections register their story-analysis sections and CSV tables on import.
        from .features import feature_modules

        feature_modules("section")
