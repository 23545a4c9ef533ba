"""Outlet pages: the list of outlets, one outlet's articles and furniture (learned lines and
editors' patterns), and the editors' forms to add or change an outlet and its furniture."""

from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from newsreader.access import editor_required
from newsreader.analysis import cleaning
from newsreader.models import Outlet, OutletFurniture
from newsreader.services import furniture as furniture_store
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


class PatternForm(forms.Form):
    pattern = forms.CharField(
        label=_("Furniture pattern"),
        max_length=cleaning.learned.PATTERN_MAX_CHARS,
        help_text=_(
            "A whole line to remove from this outlet's pages, in any case; * stands for any "
            "text, e.g. Baca berita lainnya di *"
        ),
    )

    def clean_pattern(self):
        pattern = " ".join(self.cleaned_data["pattern"].split())
        if not cleaning.valid_pattern(pattern):
            raise forms.ValidationError(_("The pattern needs some words besides *."))
        return pattern


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


def outlet_detail(request, slug, pattern_form=None):
    outlet = get_object_or_404(Outlet, slug=slug)
    articles = outlet.articles.select_related("story").defer(
        "raw_bytes", "raw_text", "clean_text", "story__grouping_profile", "grouping_features"
    )  # extraction stays: the `published` filter reads the date as the page gave it
    furniture = list(outlet.furniture.all())
    context = {
        "outlet": outlet,
        "articles": articles,
        "learned": [f for f in furniture if f.kind == OutletFurniture.LEARNED],
        "patterns": [f for f in furniture if f.kind == OutletFurniture.PATTERN],
        "pattern_form": pattern_form or PatternForm(),
        "min_stories": cleaning.learned.MIN_STORIES,
    }
    return render(request, "newsreader/outlet.html", context)


@require_POST
@editor_required
def outlet_learn(request, slug):
    outlet = get_object_or_404(Outlet, slug=slug)
    furniture_store.outlet_furniture_refresh(outlet=outlet)
    return _cleaned_again(request, outlet)


@require_POST
@editor_required
def outlet_furniture_keep(request, slug, pk):
    line = _line(slug, pk, OutletFurniture.LEARNED)
    furniture_store.furniture_keep(line=line, keep=request.POST.get("keep") == "1")
    return _cleaned_again(request, line.outlet)


@require_POST
@editor_required
def outlet_pattern_add(request, slug):
    outlet = get_object_or_404(Outlet, slug=slug)
    form = PatternForm(request.POST)
    if not form.is_valid():
        return outlet_detail(request, slug, pattern_form=form)
    furniture_store.pattern_add(outlet=outlet, pattern=form.cleaned_data["pattern"])
    return _cleaned_again(request, outlet)


@require_POST
@editor_required
def outlet_pattern_remove(request, slug, pk):
    line = _line(slug, pk, OutletFurniture.PATTERN)
    outlet = line.outlet
    furniture_store.pattern_remove(line=line)
    return _cleaned_again(request, outlet)


def _line(slug: str, pk: int, kind: str) -> OutletFurniture:
    return get_object_or_404(
        OutletFurniture.objects.select_related("outlet"), pk=pk, outlet__slug=slug, kind=kind
    )


def _cleaned_again(request, outlet: Outlet):
    if furniture_store.in_background():
        text = gettext("Saved. The outlet's articles are being cleaned again in the background.")
    else:
        text = gettext("Saved. The outlet's articles were cleaned again.")
    messages.success(request, text)
    return redirect(outlet)


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
