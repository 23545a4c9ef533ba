import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from newsreader.roles import ROLE_GROUPS, groups_create

PASSWORD_ENV = "NEWSREADER_PASSWORD"  # noqa: S105 (a variable name)


class Command(BaseCommand):
    help = (
        "Create an account with a role: editors import, correct, merge and delete articles and "
        "edit the lexicon in the admin; students only read. The password is asked for, or read "
        f"from {PASSWORD_ENV} in scripts."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=sorted(ROLE_GROUPS), required=True)
        parser.add_argument("--email", default="")

    def handle(self, *args, username, role, email, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"an account named {username!r} already exists")
        user = User(username=username, email=email, is_staff=role == "editor")
        password = os.environ.get(PASSWORD_ENV) or self._ask_password()
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("password refused: " + " ".join(error.messages)) from error
        user.set_password(password)
        with transaction.atomic():
            groups_create(Group, Permission)  # restores a group deleted by hand
            group = Group.objects.get(name=ROLE_GROUPS[role])
            user.save()
            user.groups.add(group)
        self.stdout.write(f"Created {role} account {username!r}.")

    def _ask_password(self) -> str:
        if not sys.stdin.isatty():
            raise CommandError(
                f"no terminal to ask for the password: set {PASSWORD_ENV} (for scripts) or run "
                "the command in a terminal"
            )
        try:
            password = getpass.getpass("Password: ")
            again = getpass.getpass("Password (again): ")
        except EOFError as error:
            raise CommandError(f"no password given: set {PASSWORD_ENV} or type it") from error
        if password != again:
            raise CommandError("the two passwords differ")
        if not password:
            raise CommandError("an empty password is not allowed")
        return password
