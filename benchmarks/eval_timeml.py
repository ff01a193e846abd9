"""Tag TimeML gold documents with the temporal tagger and score them with the TempEval-3 scorer.

    python benchmarks/eval_timeml.py ../shared/corpora/timeml/timebank_tbaq.jsonl \
        [more.jsonl ...] [--out PRED.jsonl] [--errors 20] [--scorer PATH]

Each document is tagged with its own creation date (`dct`); the predictions of all files
are written together and scored against all the gold files together.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.nlp import load_model  # noqa: E402
from timeline.timex import tag_texts  # noqa: E402

log = logging.getLogger(__name__)
SCORER = ROOT.parent / "shared" / "tools" / "score_timex.py"


def read_gold(paths: list[Path]) -> list[dict]:
    """Every document of the gold files, in file order."""
    docs = []
    for path in paths:
        with path.open(encoding="utf-8") as f:
            docs.extend(json.loads(line) for line in f if line.strip())
    return docs


def predict(docs: list[dict]) -> list[dict]:
    """The tagger's expressions for each gold document, in the scorer's JSON Lines shape."""
    nlp = load_model()
    items = ((d["text"], date.fromisoformat(d["dct"]) if d.get("dct") else None, d) for d in docs)
    out = []
    for expressions, doc in tag_texts(nlp, items):
        out.append(
            {
                "doc_id": doc["doc_id"],
                "timexes": [
                    {
                        "start": e.start,
                        "end": e.end,
                        "text": e.text,
                        "type": e.type,
                        "value": e.value,
                        "mod": e.mod,
                        "rule": e.rule,
                    }
                    for e in expressions
                ],
            }
        )
    return out


def main(argv: list[str] | None = None) -> int:
    """Tag, write predictions, and print the scorer's report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, help="where to write the predictions (JSON Lines)")
    parser.add_argument("--errors", type=int, default=0, help="list this many errors")
    parser.add_argument("--scorer", type=Path, default=SCORER)
    args = parser.parse_args(argv)
    docs = read_gold(args.gold)
    predictions = predict(docs)
    with tempfile.TemporaryDirectory() as tmp:
        gold_path = Path(tmp) / "gold.jsonl"
        gold_path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        out = args.out or Path(tmp) / "pred.jsonl"
        out.write_text("".join(json.dumps(p) + "\n" for p in predictions), encoding="utf-8")
        command = [sys.executable, str(args.scorer), str(gold_path), str(out)]
        if args.errors:
            command += ["--errors", str(args.errors)]
        return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
