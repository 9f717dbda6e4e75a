"""The main text of a web page (trafilatura drops menus, teasers and footers) and its title."""

from __future__ import annotations

import html as entities
import re

from app.generation.residue import strip_residue

# Words the balanced reading must find to be taken: fewer are a menu's links, not an article.
FALLBACK_WORDS = 40
_SITE_SUFFIX_RE = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")


def html_text(html: bytes | str) -> tuple[str, str | None]:
    """The page's prose, without markup residue, and its own title (og:title, <title>, h1)."""
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
        )
        if document is not None and len((document.text or "").split()) >= least_words:
            break
    else:
        return "", None
    lines = strip_residue(entities.unescape(document.text or "")).split("\n")
    # One paragraph per block, as every other kind of file gives.
    text = "\n\n".join(" ".join(line.split()) for line in lines if line.strip())
    title = (document.title or "").strip()
    site = (document.sitename or "").strip()
    # "Headline | Site name": the site's name is not the text's title.
    if site and title.endswith(site):
        title = _SITE_SUFFIX_RE.sub("", title)
    return text, title or None
