"""The printable report as PDF, through WeasyPrint (the optional `pdf` extra)."""

from __future__ import annotations

import logging
from pathlib import Path

from timeline.errors import BuildError

log = logging.getLogger(__name__)

_FIX = (
    # Not `pip install 'timeline[pdf]'`: the name `timeline` on PyPI is another project.
    "install it with `pip install weasyprint` (or `pip install '.[pdf]'` in a clone of timeline); "
    "on Debian or Ubuntu WeasyPrint also needs "
    "Pango: `apt-get install libpango-1.0-0 libpangoft2-1.0-0`"
)


def _weasyprint():  # noqa: ANN202 - the module is optional
    try:
        import weasyprint
    except ImportError as error:
        raise BuildError(
            f"report.pdf needs WeasyPrint, which is not installed ({error}); {_FIX}"
        ) from None
    except OSError as error:  # WeasyPrint is there but cannot load Pango or its friends
        raise BuildError(
            f"report.pdf needs the Pango library, which WeasyPrint cannot load ({error}); {_FIX}"
        ) from None
    return weasyprint


def write_pdf(report_html: Path) -> bytes:
    """Render the written report.html (with its print stylesheet) to PDF bytes."""
    weasyprint = _weasyprint()
    log.info("writing the PDF report from %s", report_html)
    document = weasyprint.HTML(filename=str(report_html), base_url=str(report_html.parent))
    # A fixed identifier keeps the PDF byte-identical across rebuilds of the same timeline.
    return document.write_pdf(pdf_identifier=b"timeline-report")
