"""Who may do what: reading is public or login-only (a setting); changes need the editor permission."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext

EDIT_PERMISSION = "newsreader.edit_corpus"
_OPEN_PATHS = ("/accounts/", "/static/", "/admin/", "/favicon.ico", "/i18n/")


def can_edit(user) -> bool:
    return user.is_authenticated and user.has_perm(EDIT_PERMISSION)


def editor_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_edit(request.user):
            raise PermissionDenied(
                gettext("You need the editor permission to change articles or stories.")
            )
        return view(request, *args, **kwargs)

    return wrapper


class ReadAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.READ_REQUIRES_LOGIN
            and not request.user.is_authenticated
            and not request.path.startswith(_OPEN_PATHS)
        ):
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)


def permissions(request):
    return {"can_edit": can_edit(request.user)}
