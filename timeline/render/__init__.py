"""The render stage: the `Timeline` to a static site (pages, exports, report), atomically."""

from timeline.render.output import SITE_MARKER, write_site
from timeline.render.pages import output_path, render_site

__all__ = ["SITE_MARKER", "output_path", "render_site", "write_site"]
