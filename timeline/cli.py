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
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: nothing was written", file=sys.stderr)
        return 130


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
        type=int,
        metavar="N",
        help="keep only the N most important entries, one per date",
    )
    build.add_argument(
        "--pdf",
        action="store_true",
        default=None,
        help="also write report.pdf (needs: pip install 'timeline[pdf]')",
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
        help="where per-document results are kept (default: .timeline-cache)",
    )
    build.add_argument(
        "--strict",
        action="store_true",
        default=None,
        help="fail, writing nothing, when any input has a problem",
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

    serve = commands.add_parser("serve", help="preview a built site on this machine")
    serve.add_argument(
        "site",
        nargs="?",
        type=Path,
        default=None,
        help="the built site (default: the output named in timeline.toml, or site/)",
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
    if not args.quiet:
        for problem in report.problems:
            label = "skipped" if problem.skipped else "warning"
            print(f"{label}: {problem}", file=sys.stderr)
    print(report.summary(config.output), file=sys.stderr)
    if args.timings:
        print(report.timings(), file=sys.stderr)
    return 0


def _run_tag(args: argparse.Namespace) -> int:
    from timeline.nlp import load_model

    nlp = load_model()
    out: TextIO = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
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
    from timeline.timex import tag_texts

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
                try:
                    record = json.loads(line)
                    doc_id = str(record.get("doc_id", record.get("id", number)))
                    dct = record.get("dct")
                    dct = date.fromisoformat(dct[:10]) if dct else None
                    yield record["text"], dct, doc_id
                except (ValueError, KeyError, TypeError, AttributeError) as error:
                    raise ConfigError(
                        f"{path}, line {number}: not a document ({error}); "
                        'expected {"doc_id", "text", "dct": "YYYY-MM-DD"}'
                    ) from None

    for expressions, doc_id in tag_texts(nlp, items(), n_process=processes):
        timexes = [_timex_json(e) for e in expressions]
        yield json.dumps({"doc_id": doc_id, "timexes": timexes}, ensure_ascii=False)


def _run_serve(args: argparse.Namespace) -> int:
    from timeline.serve import serve

    site = args.site
    if site is None:
        site = _project_config(None).output
    if not (site / "index.html").is_file():
        raise ConfigError(f"{site} holds no built site: run `timeline build` first")
    serve(site, port=args.port, base_path=args.base_path)
    return 0


def progress_bar(stream: Iterable[Document], total: int) -> Iterator[Document]:
    """Show a progress bar on stderr when it is a terminal."""
    from tqdm import tqdm

    disable = not sys.stderr.isatty() or total < 2
    yield from tqdm(stream, total=total, unit="doc", disable=disable, file=sys.stderr, leave=False)
