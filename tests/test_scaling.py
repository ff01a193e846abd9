"""Cost linear in the text whatever its shape, and articles of any length read whole."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

from tests.conftest import SEEDS, article
from timeline.ingest.pagetext import separate_chrome
from timeline.ingest.prose import markdown_text
from timeline.nlp import BATCH_CHARS, PART, _groups, line_breaks, parse, parseable
from timeline.pipeline import analyse
from timeline.timex.patterns import find


def _seconds(work: Callable[[], object]) -> float:
    """The fastest of three runs, without garbage collection: the least disturbed timing."""
    best = float("inf")
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(3):
            start = time.process_time()
            work()
            best = min(best, time.process_time() - start)
    finally:
        if enabled:
            gc.enable()
    return best


def _grows_linearly(make: Callable[[int], Callable[[], object]], n: int) -> float:
    """How much longer the work takes on input twice the size (2 when linear, 4 when square)."""
    return _seconds(make(2 * n)) / max(_seconds(make(n)), 1e-6)


def _prose() -> str:
    return "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))


def test_time_word_windows_are_linear_on_a_digit_run():
    # A pasted base64 image: every digit is a time word, and each window used to walk to the
    # end of the run on its own.
    def make(n: int) -> Callable[[], object]:
        text = "Talks on 15 September 2022. " + "a1b2c3d4" * n + " Then on Friday."
        return lambda: find(text)

    # Runs of a tenth of a second and more: at a hundredth, one scheduler hiccup on a shared
    # machine read as a ratio of 3.3.
    assert _grows_linearly(make, 8_000) < 3


def test_run_in_dates_are_found_in_time_linear_on_a_run_of_letters():
    # A word run of letters: a date pattern tried from every letter of it was quadratic.
    def make(n: int) -> Callable[[], object]:
        text = "x" * n + " 1 November 2011 Jurors find"
        return lambda: separate_chrome(text)

    assert _grows_linearly(make, 200_000) < 3


def test_line_breaks_are_linear_in_the_number_of_lines(nlp):
    def make(n: int) -> Callable[[], object]:
        text = "\n".join(f"Line {i} of a list" for i in range(n))
        return lambda: line_breaks(nlp.make_doc(text))

    assert _grows_linearly(make, 3_000) < 3


def test_line_breaks_still_start_a_sentence_at_each_heading(nlp):
    doc = nlp("MOSCOW\nPutin met Xi on Thursday.\nTalks\nThey talked for hours.")
    starts = [sentence.text.strip() for sentence in doc.sents]
    assert starts == ["MOSCOW", "Putin met Xi on Thursday.", "Talks", "They talked for hours."]


def test_a_date_opening_a_line_stays_with_the_item_it_heads(nlp):
    # A timeline page's items: the parser alone makes "7 November 2011" a sentence of its own.
    doc = nlp("Timeline\n7 November 2011 Jurors find the doctor guilty.\nOctober 3, 2022\n\nTalks.")
    starts = [sentence.text.strip() for sentence in doc.sents]
    assert starts == [
        "Timeline",
        "7 November 2011 Jurors find the doctor guilty.",
        "October 3, 2022",
        "Talks.",
    ]


def test_a_run_without_full_stops_is_cut_into_bounded_sentences(nlp):
    text = "The index stood at " + " ".join(["2022"] * 2_000) + " in the end."
    doc = next(parse(nlp, [text]))
    assert max(len(sentence) for sentence in doc.sents) <= 300


def test_symbol_runs_are_blanked_for_the_model_keeping_offsets(nlp):
    run = "[(" * 5_000
    text = f"Putin met Xi on Thursday.\n\n{run}\n\nThey talked on Friday."
    assert len(parseable(text)) == len(text)
    doc = next(parse(nlp, [text]))
    assert len(doc.text) == len(text)
    assert len(doc) < 40, "the run is one blank, not ten thousand tokens"
    friday = text.index("Friday")
    assert doc.char_span(friday, friday + 6).text == "Friday"


def test_a_bracket_run_costs_about_what_prose_of_its_size_costs(nlp):
    prose = _prose()[:20_000]
    runs = prose[:10_000] + "\n\n" + ("[(" * 5_000) + "\n\n"
    assert _seconds(lambda: list(parse(nlp, [runs]))) < 3 * _seconds(
        lambda: list(parse(nlp, [prose]))
    )


def test_markdown_of_image_runs_is_linear_and_kept_as_text():
    def make(n: int) -> Callable[[], object]:
        source = "Talks on Thursday.\n\n" + "![" * n
        return lambda: markdown_text(source)

    assert _grows_linearly(make, 1_500) < 3
    assert markdown_text("Talks.\n\n" + "![" * 40).endswith("![" * 40)


def test_markdown_links_and_emphasis_still_render():
    assert markdown_text("*Talks* in [Samarkand](https://example.org/x).") == "Talks in Samarkand."


@pytest.mark.slow
def test_an_article_over_the_model_limit_is_read_whole_with_true_offsets(nlp):
    # spaCy refuses texts over max_length (E088); the article is parsed in parts cut at
    # paragraph breaks and joined, so every offset still points into the whole text.
    prose = _prose()
    text = "\n\n".join([prose] * (nlp.max_length // len(prose) + 2))
    assert len(text) > nlp.max_length > PART
    document = article(text)
    doc = next(parse(nlp, [text]))
    assert doc.text == text
    result = analyse(document, doc)
    last = result.expressions[-1]
    assert last.start > nlp.max_length
    for expression in result.expressions:
        assert text[expression.start : expression.end] == expression.text
    for event in result.events:
        assert text[event.time.start : event.time.end] == event.time.text
        assert text.startswith(event.sentence.strip()[:20], event.sentence_start)
    # The same expressions as each copy of the prose parsed alone, at every copy's offset.
    alone = analyse(article(prose), next(parse(nlp, [prose])))
    assert len(result.expressions) == len(alone.expressions) * text.count(prose[:200])


def test_the_model_takes_a_long_article_a_few_parts_at_a_time():
    # nlp.pipe batches by count: the 14 parts of a 690k-character article went through the
    # model at once, and its arrays outgrew the processor's caches (1.5x the CPU).
    texts = ["a" * PART] * 14 + ["b" * 10] * 3 + ["c" * (3 * BATCH_CHARS)]
    groups = list(_groups(texts))
    assert [text for group in groups for text in group] == texts
    assert all(sum(map(len, group)) <= BATCH_CHARS for group in groups if len(group) > 1)
    assert len(groups) == 9  # 7 pairs of parts, the three short texts, the giant alone
