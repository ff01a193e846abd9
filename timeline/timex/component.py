"""The tagger as a spaCy component: `nlp.add_pipe("timeline_timex")`.

spaCy finds the factory by name through the `spacy_factories` entry point, so an installed
`timeline` is enough; no import is needed. The component needs the parse and the entities
(tense, sentences and look-alikes come from them), so it goes at the end of a trained
pipeline such as `en_core_web_sm`. It writes `doc.spans["timex"]`: one span per time
expression, labelled with its TIMEX3 type, with `span._.timex_value`, `span._.timex_mod` and
the whole record as `span._.timex`. The publication date comes from `doc._.dct`, else from
the component's `dct` setting, else there is none and relative expressions stay unresolved.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from timeline.errors import ConfigError
from timeline.timex import tag

for _name in ("timex", "timex_value", "timex_mod"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
if not Doc.has_extension("dct"):
    Doc.set_extension("dct", default=None)


@Language.factory(
    "timeline_timex",
    default_config={"dct": None, "spans_key": "timex"},
    requires=["token.dep", "token.pos", "token.lemma", "doc.ents", "doc.sents"],
    assigns=["doc.spans"],
)
def make_timex(nlp: Language, name: str, dct: str | None, spans_key: str) -> TimexComponent:
    """Build the component; `dct` is a YYYY-MM-DD publication date used when a Doc has none."""
    return TimexComponent(_date(dct, f"[components.{name}] dct"), spans_key)


class TimexComponent:
    """Find and resolve the time expressions of a parsed Doc."""

    def __init__(self, dct: date | None, spans_key: str = "timex") -> None:
        self.dct = dct
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        dct = _date(doc._.dct, "doc._.dct") if doc._.dct is not None else self.dct
        spans = []
        for expression in tag(doc, dct):
            span = doc.char_span(
                expression.start, expression.end, label=expression.type, alignment_mode="expand"
            )
            if span is None:
                continue
            span._.timex = expression
            span._.timex_value = expression.value
            span._.timex_mod = expression.mod
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


def _date(value: date | str | None, where: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{where} is {value!r}: expected a date as YYYY-MM-DD") from None
