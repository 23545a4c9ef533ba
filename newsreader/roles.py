"""The two roles, as auth groups: Editors change the corpus and the lexicon, Students read."""

EDITORS, STUDENTS = "Editors", "Students"
ROLE_GROUPS = {"editor": EDITORS, "student": STUDENTS}
LEXICON_ACTIONS = ("add", "change", "delete", "view")
VIEW_MODELS = ("outlet", "story", "article", "storyanalysis", "shingle")
EDITOR_CODENAMES = (
    "edit_corpus",
    *(f"{action}_lexiconentry" for action in LEXICON_ACTIONS),
    *(f"view_{model}" for model in VIEW_MODELS),
)


def groups_create(Group, Permission) -> None:
    """Create whichever group is missing; an existing group keeps the permissions it was given.
    Takes the models so that a migration can pass its historical ones."""
    editors, created = Group.objects.get_or_create(name=EDITORS)
    if created:
        editors.permissions.set(
            Permission.objects.filter(
                content_type__app_label="newsreader", codename__in=EDITOR_CODENAMES
            )
        )
    Group.objects.get_or_create(name=STUDENTS)
