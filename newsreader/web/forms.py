from django import forms
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from newsreader.models import Article, Story
from newsreader.services import outlet_choices, validation


class PublishedField(forms.DateTimeField):
    """A date and time within the years an article can carry (year 1 or 9999 overflow once
    converted to UTC)."""

    def to_python(self, value):
        try:
            moment = super().to_python(value)
        except OverflowError:
            raise forms.ValidationError(validation.range_error(str(value))) from None
        if moment is not None and not validation.day_in_range(moment):
            raise forms.ValidationError(validation.range_error(str(value)))
        return moment


def _outlet_field(required=False):
    return forms.ChoiceField(
        required=required,
        label=_("Outlet"),
        choices=lambda: [("", _("Detect from the page")), *outlet_choices()],
        help_text=_("Leave on “detect” unless detection got it wrong."),
    )


class PasteForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 14}), strip=False)
    url = forms.URLField(label="URL", required=False, max_length=2000, assume_scheme="https")
    title = forms.CharField(label=_("Title"), required=False, max_length=1000)
    outlet = _outlet_field()
    published = PublishedField(
        label=_("Published"), required=False, help_text=_("e.g. 2023-09-14 16:22")
    )

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError(_("The text is empty."))
        if len(text.encode("utf-8")) > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The text is larger than the limit of {limit} bytes.").format(
                    limit=number_format(settings.IMPORT_MAX_BYTES, force_grouping=True)
                )
            )
        return text


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files; each is checked on its own at import, so one bad file spoils nothing."""

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Files"),
        widget=MultipleFileInput(
            attrs={"multiple": True, "accept": ".txt,.html,.htm,.json,.jsonl"}
        ),
        help_text=_(".txt, .html, .json or .jsonl; several files at once are fine."),
        error_messages={
            "required": _("Choose at least one file; an empty file cannot be imported."),
            "empty": _("The file is empty."),
        },
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > settings.IMPORT_MAX_FILES:
            raise forms.ValidationError(
                _("At most {count} files per upload.").format(count=settings.IMPORT_MAX_FILES)
            )
        return files


class FetchForm(forms.Form):
    url = forms.URLField(label=_("Web address"), max_length=2000, assume_scheme="https")


class CorrectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=1000)
    outlet = _outlet_field(required=True)
    url = forms.URLField(label="URL", required=False, max_length=2000, assume_scheme="https")
    dateline = forms.CharField(label=_("Dateline"), required=False, max_length=200)
    published = PublishedField(label=_("Published"), required=False)
    authors = forms.CharField(
        label=_("Authors"), required=False, help_text=_("Separated by commas")
    )
    credited_sources = forms.CharField(
        label=_("Credited sources"), required=False, help_text=_("Separated by commas")
    )

    @classmethod
    def for_article(cls, article: Article, data=None):
        initial = {
            "title": article.title,
            "outlet": article.outlet.slug,
            "url": article.url,
            "dateline": article.dateline,
            "published": article.published,
            "authors": ", ".join(article.authors),
            "credited_sources": ", ".join(article.credited_sources),
        }
        form = cls(data=data, initial=initial)
        field = form.fields["outlet"]
        if article.outlet.slug not in dict(field.choices):  # e.g. an unknown outlet of its own
            field.choices = [*field.choices, (article.outlet.slug, article.outlet.display_name)]
        return form

    def changes(self) -> dict:
        """Only the fields the user actually changed become corrections."""
        changed = {}
        for name in self.changed_data:
            value = self.cleaned_data[name]
            if name in {"authors", "credited_sources"}:
                value = [part.strip() for part in value.split(",") if part.strip()]
            changed[name] = value
        return changed


class MoveForm(forms.Form):
    story = forms.ModelChoiceField(
        label=_("Story"), queryset=Story.objects.only("id", "title", "slug"), required=False
    )
    new_story_title = forms.CharField(
        label=_("Or a new story titled"), required=False, max_length=500
    )

    def clean(self):
        data = super().clean()
        if not data.get("story") and not data.get("new_story_title", "").strip():
            raise forms.ValidationError(_("Choose a story or give a title for a new one."))
        return data


class MergeForm(forms.Form):
    others = forms.ModelMultipleChoiceField(
        label=_("Stories to merge into this one"),
        queryset=Story.objects.only("id", "title", "slug"),
    )


class SplitForm(forms.Form):
    articles = forms.ModelMultipleChoiceField(
        label=_("Articles to split off"), queryset=Article.objects.none()
    )
    title = forms.CharField(label=_("Title of the new story"), max_length=500)

    def __init__(self, *args, story: Story, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["articles"].queryset = story.articles.select_related("outlet")
        self.fields["articles"].label_from_instance = lambda a: (
            f"{a.outlet.display_name}: {a.title}"
        )
