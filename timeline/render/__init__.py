"""The render stage: the `Timeline` to a static site (pages, exports, report), atomically."""

from timeline.render.output import MANIFEST, check_output, is_site, write_site
from timeline.render.pages import output_path, render_site

__all__ = ["MANIFEST", "check_output", "is_site", "output_path", "render_site", "write_site"]
