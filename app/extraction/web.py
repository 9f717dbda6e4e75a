"""The main text of a web page (trafilatura drops menus, teasers and footers), its title and,
where the page's markup says it for certain, the date it was published."""

from __future__ import annotations

import html as entities
import re
from datetime import date

from app.generation.residue import strip_residue

# Words the balanced reading must find to be taken: fewer are a menu's links, not an article.
FALLBACK_WORDS = 40
_SITE_SUFFIX_RE = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")
# Read from the page's markup only (meta tags, structured data, its address), never guessed
# from dates in its prose; the first date the page gives, not its last revision's.
DATE_PARAMS = {"extensive_search": False, "original_date": True}
# A page revised later than this after it was published (a wiki's article, a page kept up to
# date) says things of a time its first date is not.
REVISED_AFTER_DAYS = 31
_WIKI = re.compile(rb"<meta[^>]+content=[\"']MediaWiki", re.I)


def html_text(html: bytes | str) -> tuple[str, str | None, str | None]:
    """The page's prose, without markup residue, its own title (og:title, <title>, h1) and the
    date it was published ("2019-11-19"; `published_on`)."""
    import trafilatura

    # Precision first (it keeps teasers and captions out); a page whose layout it cannot read
    # (old table layouts) gets the balanced reading, if that finds some prose and not a menu.
    for precise, least_words in ((True, 1), (False, FALLBACK_WORDS)):
        document = trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=precise,
            with_metadata=True,
            date_extraction_params=DATE_PARAMS,
        )
        if document is not None and len((document.text or "").split()) >= least_words:
            break
    else:
        return "", None, None
    lines = strip_residue(entities.unescape(document.text or "")).split("\n")
    # One paragraph per block, as every other kind of file gives.
    text = "\n\n".join(" ".join(line.split()) for line in lines if line.strip())
    title = (document.title or "").strip()
    site = (document.sitename or "").strip()
    # "Headline | Site name": the site's name is not the text's title.
    if site and title.endswith(site):
        title = _SITE_SUFFIX_RE.sub("", title)
    return text, title or None, published_on(html, document.date)


def published_on(html: bytes | str, first: str | None) -> str | None:
    """The page's date of publication when it is certain: `first`, the date its markup gives
    (trafilatura's metadata), on a page not revised much later (Wikipedia's first date is the
    article's creation, years before the statements it holds now) and not a wiki's."""
    from htmldate import find_date

    raw = html if isinstance(html, bytes) else html.encode("utf-8", "replace")
    if not first or _WIKI.search(raw):
        return None
    last = find_date(html, extensive_search=False, original_date=False)
    if last and (date.fromisoformat(last) - date.fromisoformat(first)).days > REVISED_AFTER_DAYS:
        return None
    return first
