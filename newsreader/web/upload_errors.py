"""An upload Django cannot parse gets a page saying why and what to do, instead of a bare 400.

Django reads at most 1,024 bytes of the headers of each part of a multipart form, and a
browser puts the file's name there: a name of more than about 900 characters (fewer with
non-ASCII letters) makes the whole upload unreadable. The form is read here, before the CSRF
check would read it, so the editor learns which limit was hit; nothing is stored.
"""

from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext


class UploadErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type == "multipart/form-data":
            try:
                request.POST  # noqa: B018 (parsing the form is the point)
            except MultiPartParserError as error:
                if "header size" in str(error):
                    reason = gettext(
                        "a file name is too long: names of more than about 900 characters "
                        "cannot be uploaded. Rename the file and upload it again."
                    )
                else:
                    reason = gettext("the form data is malformed. Upload the files again.")
                return render(request, "400.html", {"reason": reason}, status=400)
        return self.get_response(request)
