from django.apps import AppConfig


class NewsreaderConfig(AppConfig):
    name = "newsreader"
    verbose_name = "newsreader"

    def ready(self):
        # Feature modules register their story-analysis sections and CSV tables on import.
        from . import claims, comparison, framing  # noqa: F401
