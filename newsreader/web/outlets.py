"""Outlet pages: the list of outlets, one outlet's articles, and the editors' form to add or
change an outlet (name, domains, media group)."""

from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsreader.access import editor_required
from newsreader.models import Outlet
from newsreader.services import outlets as outlet_store


class OutletForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    domains = forms.CharField(
        label=_("Domains"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line or separated by commas, e.g. kabargarut.id; subdomains match."),
    )
    media_group = forms.CharField(
        label=_("Media group"),
        required=False,
        max_length=200,
        help_text=_("The company that owns the outlet; leave empty if it is independent."),
        widget=forms.TextInput(attrs={"list": "media-groups"}),
    )

    def __init__(self, *args, outlet: Outlet | None = None, **kwargs):
        self.outlet = outlet
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("The name is empty."))
        same = Outlet.objects.filter(name__iexact=name)
        if self.outlet is not None:
            same = same.exclude(pk=self.outlet.pk)
        if same.exists():
            raise forms.ValidationError(_("Another outlet already has this name."))
        return name

    def clean_domains(self):
        domains = []
        for value in self.cleaned_data["domains"].replace(",", "\n").split():
            host = outlet_store.domain_of(value)
            if not host:
                raise forms.ValidationError(
                    _("“{value}” is not a domain such as kabargarut.id.").format(value=value[:100])
                )
            owner = outlet_store.outlet_domain_owner(host, other_than=self.outlet)
            if owner is not None:
                raise forms.ValidationError(
                    _("{domain} already belongs to {outlet}.").format(
                        domain=host, outlet=owner.name
                    )
                )
            if host not in domains:
                domains.append(host)
        if len(domains) > 20:
            raise forms.ValidationError(_("At most 20 domains."))
        return domains

    def clean_media_group(self):
        return " ".join(self.cleaned_data["media_group"].split())


def outlet_list(request):
    outlets = (
        Outlet.objects.exclude(kind=Outlet.UNKNOWN)
        .annotate(n=Count("articles"))
        .order_by("media_group", "name")
    )
    unknown = Outlet.objects.filter(kind=Outlet.UNKNOWN).aggregate(
        n=Count("articles", filter=Q(articles__isnull=False))
    )["n"]
    return render(
        request, "newsreader/outlets.html", {"outlets": outlets, "unknown_articles": unknown}
    )


def outlet_detail(request, slug):
    outlet = get_object_or_404(Outlet, slug=slug)
    articles = outlet.articles.select_related("story").defer(
        "raw_bytes", "raw_text", "clean_text", "story__grouping_profile", "grouping_features"
    )  # extraction stays: the `published` filter reads the date as the page gave it
    return render(request, "newsreader/outlet.html", {"outlet": outlet, "articles": articles})


@editor_required
def outlet_add(request):
    return _outlet_form(request, None)


@editor_required
def outlet_edit(request, slug):
    return _outlet_form(request, get_object_or_404(Outlet, slug=slug))


def _outlet_form(request, outlet: Outlet | None):
    initial = (
        {
            "name": outlet.name,
            "domains": "\n".join(outlet.domains),
            "media_group": outlet.media_group,
        }
        if outlet
        else {}
    )
    form = OutletForm(request.POST or None, initial=initial, outlet=outlet)
    if request.method == "POST" and form.is_valid():
        saved = outlet_store.outlet_save(outlet=outlet, **form.cleaned_data)
        messages.success(request, gettext("Outlet “{name}” saved.").format(name=saved.name))
        return redirect(saved)
    context = {"form": form, "outlet": outlet, "groups": outlet_store.media_groups()}
    return render(request, "newsreader/outlet_edit.html", context)
