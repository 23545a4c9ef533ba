"""A page whose story analysis section failed shows that, with the reason for editors, instead
of a server error; the story's other pages and every other story are unaffected."""

from django.shortcuts import render

from newsreader.services.story_analysis import SectionFailed


class SectionFailedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, SectionFailed):
            return None
        context = {"section": exception.name, "reason": exception.reason}
        return render(request, "newsreader/section_failed.html", context)
