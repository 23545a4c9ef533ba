"""Feature stylesheets and scripts load only on the pages that use them."""

import pytest
from django.urls import reverse

CLAIMS_CSS, CLAIMS_JS = "css/claims.css", "js/claims.js"
FRAMING_CSS, FRAMING_JS = "css/framing.css", "js/framing.js"
ALL = {CLAIMS_CSS, CLAIMS_JS, FRAMING_CSS, FRAMING_JS}


@pytest.mark.parametrize(
    ("page", "wanted"),
    [
        ("home", set()),
        ("story", set()),
        ("article", set()),
        ("outlet", set()),
        ("story-compare", ALL),
        ("story-claims", {CLAIMS_CSS, CLAIMS_JS}),
        ("story-speakers", {CLAIMS_CSS}),
        ("story-framing", {FRAMING_CSS, FRAMING_JS}),
        ("outlet-framing", {FRAMING_CSS}),
        ("story-framing-passages", {FRAMING_CSS}),
        ("outlet-framing-passages", {FRAMING_CSS}),
    ],
)
def test_feature_assets_load_where_used(client, sample_articles, page, wanted):
    article = sample_articles[3]
    args = {
        "home": [],
        "story": [article.story.slug],
        "article": [article.pk],
        "outlet": [article.outlet.slug],
        "outlet-framing-passages": ["sindonews"],
    }.get(page, [article.outlet.slug if page.startswith("outlet") else article.story.slug])
    query = "?measure=hedges" if page.endswith("passages") else ""
    response = client.get(reverse(page, args=args) + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert {asset for asset in ALL if f"/static/{asset}" in html} == wanted
