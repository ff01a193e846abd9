"""The publication date of a saved web page, from what the page says about itself.

htmldate reads the page's metadata (Open Graph, `article:published_time`, JSON-LD
`datePublished`, `<time>` elements), its own address (the canonical link or `og:url`, which
often holds the date: /2022/09/15/...) and, in its extensive mode, the dates in the page's
text. The original publication date wins over a later update (`original_date`). A wrong date
is worse than none: a guess from the page's text is only taken when the text has no date line
of its own for the reader to use.
"""

from __future__ import annotations

import logging
import re
from datetime import date

import htmldate

from timeline.ingest.pagetext import scan_page

log = logging.getLogger(__name__)

# Fixed bounds, so that the date found never depends on the day of the build (htmldate's
# default upper bound is today); a date in the future is caught later by the build. What the
# page states about itself is taken as stated; a guess from its text stays in this century.
EARLIEST = "1800-01-01"
LATEST = "9999-12-31"
EARLIEST_GUESS = "1995-01-01"
LATEST_GUESS = "2099-12-31"
_OWN_URL = re.compile(
    r"<link\b[^>]*\brel\s*=\s*[\"']?canonical[\"']?[^>]*>"
    r"|<meta\b[^>]*\bproperty\s*=\s*[\"']?og:url[\"']?[^>]*>",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"\b(?:href|content)\s*=\s*[\"']?(https?://[^\"'\s>]+)", re.IGNORECASE)


def own_url(html: str) -> str | None:
    """The page's own address: its canonical link, else its `og:url`."""
    found = {}
    for tag in _OWN_URL.finditer(html[:200_000]):
        address = _ADDRESS.search(tag.group(0))
        if address:
            kind = "canonical" if "canonical" in tag.group(0).lower() else "og"
            found.setdefault(kind, address.group(1))
    return found.get("canonical") or found.get("og")


def page_date(html: str, text: str, url: str | None = None) -> tuple[date | None, str | None]:
    """(publication date, how it was found) for a page whose article text is `text`."""
    address = url or own_url(html)
    value = _find(html, address, extensive=False)
    if value is not None:
        return value, value.isoformat()
    if scan_page(text).published is not None:
        return None, None  # the article's own date line says more than a guess from the page
    value = _find(html, address, extensive=True)
    if value is not None:
        return value, f"{value.isoformat()} (dates in the page)"
    return None, None


def _find(html: str, url: str | None, *, extensive: bool) -> date | None:
    try:
        found = htmldate.find_date(
            html,
            extensive_search=extensive,
            original_date=True,
            url=url,
            min_date=EARLIEST_GUESS if extensive else EARLIEST,
            max_date=LATEST_GUESS if extensive else LATEST,
        )
    except Exception as error:  # htmldate and lxml on arbitrary input
        log.debug("htmldate failed: %s", error)
        return None
    try:
        return date.fromisoformat(found[:10]) if found else None
    except ValueError:
        return None
