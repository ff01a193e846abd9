"""The command line: `timeline build`, `timeline tag`, `timeline serve`.

This is the one place that catches the tool's own errors: it prints one line saying what was
wrong and what to do, and sets the exit status. Tracebacks only with --debug.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TextIO

from timeline import __version__
from timeline.config import CONFIG_FILE, Config, load_config
from timeline.distributed import check_scheduler
from timeline.errors import ConfigError, TimelineError
from timeline.records import Document


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="%(levelname)s: %(message)s",
    )
    try:
        return args.run(args)
    except TimelineError as error:
        if args.debug:
            raise
        say(f"error: {error}")
        return 1
    except KeyboardInterrupt:
        print("interrupted: nothing was written", file=sys.stderr)
        return 130


# Characters that a terminal acts on or that hide text: controls (ESC starts the sequences
# that clear the screen or retitle the window), bidirectional overrides, zero-width marks.
_HIDDEN_FORMATS = frozenset("\u061c\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u2060\ufeff")
_HIDDEN_FORMATS |= frozenset(chr(c) for c in range(0x202A, 0x202F))
_HIDDEN_FORMATS |= frozenset(chr(c) for c in range(0x2066, 0x206A))


def printable(text: str) -> str:
    """`text` with every control, bidi override and lone surrogate shown as an escape."""
    return "".join(_escape(c) if _hidden(c) else c for c in text)


def _hidden(char: str) -> bool:
    code = ord(char)
    return code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code < 0xE000 or char in _HIDDEN_FORMATS


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def say(line: str) -> None:
    """Print one line for the user on stderr, file names and values escaped."""
    print(printable(line), file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline",
        description="Turn a folder of news articles into a dated, sourced timeline.",
    )
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build the timeline site from articles")
    build.add_argument(
        "inputs",
        nargs="*",
        type=Path,
        metavar="INPUT",
        help=f"article files or folders (default: the inputs named in {CONFIG_FILE})",
    )
    build.add_argument("-o", "--output", type=Path, help="output folder (default: site/)")
    build.add_argument(
        "-c", "--config", type=Path, help=f"settings file (default: ./{CONFIG_FILE})"
    )
    build.add_argument("--title", help="title of the timeline")
    build.add_argument(
        "--max-entries",
        type=_at_least_one,
        metavar="N",
        help="keep only the N most important entries, one per date",
    )
    build.add_argument(
        "--pdf",
        action="store_true",
        default=None,
        help="also write report.pdf (needs WeasyPrint: pip install '.[pdf]' in the clone)",
    )
    build.add_argument(
        "--base-url",
        metavar="URL",
        help="the address the site is published at, for canonical links",
    )
    build.add_argument(
        "--processes",
        type=int,
        metavar="N",
        help="worker processes for the language analysis (default: one per core)",
    )
    build.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the language analysis on a Dask cluster: tcp://host:8786, or local:N "
        "for N workers on this machine (needs the `dask` extra)",
    )
    build.add_argument("--no-cache", action="store_true", help="parse every document again")
    build.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help="where per-document results are kept (default: the user's cache folder, "
        "~/.cache/timeline on Linux)",
    )
    build.add_argument(
        "--strict",
        action="store_true",
        default=None,
        help="fail, writing nothing, when any input has a problem",
    )
    build.add_argument(
        "--follow-links",
        action="store_true",
        default=None,
        help="read what links leaving the input folders point to (not followed by default)",
    )
    build.add_argument(
        "--reanchor",
        action="store_true",
        default=None,
        help="re-anchor articles whose own date (date line or metadata) contradicts the "
        "other sources on the date that reconciles them",
    )
    build.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    build.add_argument("--timings", action="store_true", help="print the time each stage took")
    build.set_defaults(run=_run_build)

    tag = commands.add_parser("tag", help="print the time expressions of a text as JSON")
    tag.add_argument("file", nargs="?", default="-", help="a text file, or - for standard input")
    tag.add_argument(
        "--dct",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the document's creation (publication) date; without it relative "
        "expressions stay unresolved",
    )
    tag.add_argument(
        "--jsonl",
        type=Path,
        metavar="IN.jsonl",
        help='tag one document per line ({"doc_id" or "id", "text", "dct"}); '
        'writes {"doc_id", "timexes"} per line',
    )
    tag.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    tag.add_argument(
        "--processes",
        type=int,
        default=1,
        metavar="N",
        help="worker processes for the language analysis",
    )
    tag.set_defaults(run=_run_tag)

    serve = commands.add_parser(
        "serve", help="preview the site on this machine, rebuilt as you edit its files"
    )
    serve.add_argument(
        "site",
        nargs="?",
        type=Path,
        default=None,
        help="a built site to serve as it is (default: with ./timeline.toml, build its "
        "project and rebuild as you edit; else site/)",
    )
    serve.add_argument(
        "-c",
        "--config",
        type=Path,
        help=f"settings file: build its project, serve it, rebuild as files change "
        f"(default: ./{CONFIG_FILE} when SITE is not named)",
    )
    serve.add_argument(
        "--no-watch", action="store_true", help="serve the built site as it is; no rebuilds"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument(
        "--base-path",
        default="/",
        metavar="PATH",
        help="serve under a sub-path, as GitHub project pages do (e.g. /repo/)",
    )
    serve.set_defaults(run=_run_serve)
    return parser


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(
            f"{text!r}: expected a whole number of 1 or more (leave it out to keep every entry)"
        )
    return value


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: expected YYYY-MM-DD") from None


def _project_config(path: Path | None) -> Config:
    if path is not None:
        if not path.is_file():
            raise ConfigError(f"{path}: no such settings file")
        return load_config(path)
    default = Path(CONFIG_FILE)
    return load_config(default) if default.is_file() else Config()


def today() -> date:
    """The date of "now" for checks such as future publication dates; SOURCE_DATE_EPOCH wins."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return datetime.now(UTC).date()


def _run_build(args: argparse.Namespace) -> int:
    from timeline.ingest.walk import NOT_FOLLOWED
    from timeline.pipeline import build

    config = _project_config(args.config)
    config = config.with_overrides(
        inputs=tuple(args.inputs) or None,
        output=args.output,
        title=args.title,
        max_entries=args.max_entries,
        pdf=args.pdf,
        base_url=args.base_url,
        processes=args.processes,
        strict=args.strict,
        follow_links=args.follow_links,
        reanchor=args.reanchor,
        reanchor_metadata=args.reanchor,
        scheduler=check_scheduler(args.scheduler) if args.scheduler else None,
    )
    if args.cache_dir is not None:
        config = config.with_overrides(cache=args.cache_dir)
    if args.no_cache:
        config = replace(config, cache=None)
    if not config.inputs:
        raise ConfigError(
            f"no inputs: name article files or folders (timeline build ARTICLES/), "
            f"or run in a folder whose {CONFIG_FILE} sets `inputs`"
        )
    _, report = build(config, today=today(), progress=None if args.quiet else progress_bar)
    for problem in report.problems:
        # Links left alone are named even with -q: the user may expect their files published.
        if not args.quiet or NOT_FOLLOWED in problem.message:
            say(f"{'skipped' if problem.skipped else 'warning'}: {problem}")
    if not args.quiet:
        for line in report.dates:
            say(f"date: {line}")
    say(report.summary(config.output))
    if args.timings:
        say(report.timings())
    return 0


def _run_tag(args: argparse.Namespace) -> int:
    from timeline.nlp import load_model

    out: TextIO = sys.stdout
    if args.output:
        try:
            out = args.output.open("w", encoding="utf-8")
        except OSError as error:
            raise ConfigError(
                f"{args.output}: cannot be written ({error.strerror or error}); "
                "create its folder first, or give another file with -o"
            ) from None
    nlp = load_model()
    try:
        if args.jsonl:
            for line in _tag_jsonl(nlp, args.jsonl, args.processes):
                out.write(line + "\n")
        else:
            text = sys.stdin.read() if args.file == "-" else _read_text(Path(args.file))
            for expression in _tag_one(nlp, text, args.dct):
                out.write(json.dumps(expression, ensure_ascii=False) + "\n")
    finally:
        if args.output:
            out.close()
    return 0


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot be read as UTF-8 text ({error})") from None


def _timex_json(expression) -> dict:
    data = {
        "start": expression.start,
        "end": expression.end,
        "text": expression.text,
        "type": expression.type,
        "value": expression.value,
    }
    if expression.mod:
        data["mod"] = expression.mod
    if not expression.resolved:
        data["resolved"] = False
    if expression.anchor:
        data["anchor"] = expression.anchor
        data["anchor_from"] = expression.anchor_from
    return data


def _tag_one(nlp, text: str, dct: date | None) -> Iterator[dict]:
    from timeline.ingest.decode import scrub
    from timeline.timex import tag_texts

    text, _ = scrub(text)  # half characters (stdin in a C locale) would crash the tokenizer
    for expressions, _ in tag_texts(nlp, [(text, dct, None)]):
        yield from (_timex_json(e) for e in expressions)


def _tag_jsonl(nlp, path: Path, processes: int) -> Iterator[str]:
    from timeline.timex import tag_texts

    def items():
        try:
            lines = path.open(encoding="utf-8")
        except OSError as error:
            raise ConfigError(f"{path}: cannot be read ({error})") from None
        with lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                item = _tag_item(path, number, line)
                if isinstance(item, str):  # an odd line is reported; the rest are tagged
                    say(item)
                else:
                    yield item

    for expressions, doc_id in tag_texts(nlp, items(), n_process=processes):
        timexes = [_timex_json(e) for e in expressions]
        yield json.dumps({"doc_id": doc_id, "timexes": timexes}, ensure_ascii=False)


def _tag_item(path: Path, number: int, line: str) -> tuple[str, date | None, str] | str:
    """One line of `tag --jsonl` as (text, dct, id), or the line saying why it is skipped."""
    where = f"skipped: {path}, line {number}: "
    expected = 'expected {"doc_id": "...", "text": "...", "dct": "YYYY-MM-DD"}'
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        return f"{where}not valid JSON; {expected}"
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return f'{where}no "text" string; {expected}'
    from timeline.ingest.decode import scrub

    record["text"], broken = scrub(record["text"])
    if broken:
        say(f"warning: {path}, line {number}: {broken} broken characters replaced with \ufffd")
    doc_id = record.get("doc_id", record.get("id", number))
    dct = record.get("dct")
    if dct in (None, ""):
        return record["text"], None, str(doc_id)
    if not isinstance(dct, str):
        shown = json.dumps(dct)[:40]
        return f'{where}"dct" is {shown}, not text; write it as a string, "dct": "2022-09-15"'
    try:
        return record["text"], date.fromisoformat(dct[:10]), str(doc_id)
    except ValueError:
        return f'{where}"dct" is {dct[:40]!r}: expected "YYYY-MM-DD", e.g. "2022-09-15"'


def _run_serve(args: argparse.Namespace) -> int:
    from timeline.serve import serve

    settings = args.config
    if settings is None and args.site is None and Path(CONFIG_FILE).is_file():
        settings = Path(CONFIG_FILE)
    if settings is not None and not args.no_watch:
        from timeline.live import serve_live

        if not settings.is_file():
            raise ConfigError(f"{settings}: no such settings file")
        serve_live(settings, port=args.port, base_path=args.base_path, today=today())
        return 0
    site = args.site
    if site is None:
        site = _project_config(args.config).output
    if not (site / "index.html").is_file():
        raise ConfigError(f"{site} holds no built site: run `timeline build` first")
    serve(site, port=args.port, base_path=args.base_path)
    return 0


def progress_bar(stream: Iterable[Document], total: int) -> Iterator[Document]:
    """Show a progress bar on stderr when it is a terminal."""
    from tqdm import tqdm

    disable = not sys.stderr.isatty() or total < 2
    yield from tqdm(stream, total=total, unit="doc", disable=disable, file=sys.stderr, leave=False)
