from django import forms
from django.utils.translation import gettext_lazy as _

from newsreader.models import Article, NoteGroup, NoteTag
from newsreader.services import notes as review


class NoteForm(forms.Form):
    article = forms.ModelChoiceField(queryset=Article.objects.all(), widget=forms.HiddenInput)
    start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=review.MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    tag = forms.ModelChoiceField(
        label=_("Tag"), queryset=NoteTag.objects.all(), required=False, empty_label=_("no tag")
    )
    group = forms.ModelChoiceField(
        label=_("Share with"),
        queryset=NoteGroup.objects.none(),
        required=False,
        empty_label=_("only me (private)"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = review.user_groups(user)

    def clean(self):
        data = super().clean()
        if "start" in data and "end" in data and data["end"] <= data["start"]:
            raise forms.ValidationError(_("Select some text first."))
        return data


class NoteFilterForm(forms.Form):
    author = forms.CharField(label=_("Author"), required=False, max_length=150)
    tag = forms.ModelChoiceField(
        label=_("Tag"), queryset=NoteTag.objects.all(), required=False, to_field_name="slug"
    )
    outlet = forms.CharField(label=_("Outlet"), required=False, max_length=100)


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Class name"), max_length=200)


class MemberForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)


class JoinForm(forms.Form):
    code = forms.CharField(label=_("Class code"), max_length=20)
