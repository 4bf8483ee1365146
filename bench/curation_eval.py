"""Score the curation assistant (`add-source`, then `suggest`) on articles whose answers are known.

Sets:
- dev, heldout: bench/curation/{dev,heldout}.yaml, articles written for this evaluation with the
  events an editor would draw from them. Each is archived with `add_source` into a scratch corpus
  (the project's places plus bench/curation/bases), letting it read the dateline when the article has
  one, then `suggest` runs on it.
- seeds: the project's own sources (content/sources) against the events that cite them.

Measures, summed over a set:
- pairs: (article, place, start date, precision) proposed vs expected: precision and recall;
- types: of the pairs found, the share proposed with the expected type;
- new places: expected names proposed (recall), proposals that were expected (precision);
- dateline: articles whose publication date add-source read right, of those that carry one;
- corroboration: second reports of an event (`corroborates:`) for which suggest proposed a citation
  on the event written from the first report.

Usage: .venv/bin/python bench/curation_eval.py [dev heldout seeds] [--misses]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.common.diagnostics import BriefingError  # noqa: E402
from builder.curation.add_source import add_source  # noqa: E402
from builder.curation.news_dates import loose  # noqa: E402
from builder.pipeline.build import check  # noqa: E402
from builder.curation.suggest import Suggester, find_quantities  # noqa: E402

HERE = Path(__file__).resolve().parent / "curation"


@dataclass
class Tally:
    expected: set = field(default_factory=set)
    proposed: set = field(default_factory=set)
    types_right: int = 0
    places_expected: set = field(default_factory=set)
    places_proposed: set = field(default_factory=set)
    datelines: int = 0
    datelines_right: int = 0
    pairs_to_corroborate: int = 0
    corroborated: int = 0
    misses: list = field(default_factory=list)

    def row(self, name: str, articles: int) -> str:
        found = self.expected & self.proposed
        recall = len(found) / len(self.expected) if self.expected else 0.0
        precision = len(found) / len(self.proposed) if self.proposed else 0.0
        types = self.types_right / len(found) if found else 0.0
        np_found = self.places_expected & self.places_proposed
        np_recall = f"{len(np_found) / len(self.places_expected):.2f}" if self.places_expected else "–"
        np_precision = f"{len(np_found) / len(self.places_proposed):.2f}" if self.places_proposed else "–"
        dateline = f"{self.datelines_right}/{self.datelines}"
        corroboration = f"{self.corroborated}/{self.pairs_to_corroborate}" if self.pairs_to_corroborate else "–"
        return (f"| {name} | {articles} | {len(self.expected)} | {len(self.proposed)} | {recall:.2f} | {precision:.2f} "
                f"| {types:.2f} | {np_recall} | {np_precision} | {dateline} | {corroboration} |")


HEADER = ("| set | articles | expected pairs | proposed pairs | pair recall | pair precision | types "
          "| new-place recall | new-place precision | datelines | corroboration |\n"
          "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")


def _place_key(name: str) -> str:
    """A proposed or expected place name, without its place noun, as suggest compares names."""
    words = loose(name).replace("\u200c", "").split()
    nouns = {"قاعده", "حقل", "مطار", "معبر", "قريه", "منطقه", "بلده", "مدينه", "نقطه", "بلدات", "قرى"}
    while len(words) > 1 and words[0] in nouns:
        words = words[1:]
    return " ".join(words)


def _score_suggestions(tally: Tally, article_id: str, stubs, places, events, new_places) -> None:
    expected_types = {}
    for place, date, precision, type_ in events:
        key = (article_id, place, str(date), precision)
        tally.expected.add(key)
        expected_types[key] = type_
    proposed_types: dict[tuple, set] = {}
    for stub in stubs:
        for base, _effect in stub.bases:
            key = (article_id, base, stub.date.iso, stub.date.precision)
            tally.proposed.add(key)
            proposed_types.setdefault(key, set()).add(stub.type)
    for key in expected_types.keys() & proposed_types.keys():
        if expected_types[key] in proposed_types[key]:
            tally.types_right += 1
        else:
            tally.misses.append(f"{key}: type {sorted(proposed_types[key])}, expected {expected_types[key]}")
    for key in sorted(expected_types.keys() - proposed_types.keys()):
        tally.misses.append(f"{key}: missed")
    for key in sorted(proposed_types.keys() - expected_types.keys()):
        tally.misses.append(f"{key}: extra ({', '.join(sorted(proposed_types[key]))})")
    expected_places = {(article_id, _place_key(n)) for n in new_places}
    proposed_places = {(article_id, _place_key(p.name)) for p in places}
    tally.places_expected |= expected_places
    tally.places_proposed |= proposed_places
    for _, name in sorted(expected_places - proposed_places):
        tally.misses.append(f"{article_id}: new place {name} not proposed")
    for _, name in sorted(proposed_places - expected_places):
        tally.misses.append(f"{article_id}: new place {name} proposed, not expected")


def _corpus(scratch: Path) -> Path:
    content = scratch / "content"
    (content / "bases").mkdir(parents=True)
    for folder in (ROOT / "content" / "bases", HERE / "bases"):
        for path in sorted(folder.glob("*.yaml")):
            shutil.copy(path, content / "bases" / path.name)
    return content


def score_set(name: str) -> tuple[Tally, int]:
    articles = yaml.safe_load((HERE / f"{name}.yaml").read_text(encoding="utf-8"))["articles"]
    tally = Tally()
    with tempfile.TemporaryDirectory() as scratch:
        content = _corpus(Path(scratch))
        for article in articles:
            published = article["published"]
            text_file = Path(scratch) / f"{article['id']}.txt"
            text_file.write_text(article["text"], encoding="utf-8")
            given = "" if article["dateline"] else published.isoformat()
            try:
                new = add_source(text_file, content, outlet=article["style"], source_id=article["id"], published=given)
                read = new.published
            except BriefingError:
                read = None
                new = add_source(text_file, content, outlet=article["style"], source_id=article["id"],
                                 published=published.isoformat())
            if article["dateline"]:
                tally.datelines += 1
                if read is not None and read.iso == published.isoformat():
                    tally.datelines_right += 1
                else:
                    tally.misses.append(f"{article['id']}: dateline read {read.iso if read else None}, "
                                        f"expected {published.isoformat()}")
        corpus = check(content).corpus
        suggester = Suggester(corpus)
        for article in articles:
            stubs, places = suggester.suggest(corpus.sources[article["id"]])
            _score_suggestions(tally, article["id"], stubs, places, article["events"], article["new_places"])
        _score_corroboration(tally, content, articles)
    return tally, len(articles)


def _score_corroboration(tally: Tally, content: Path, articles: list[dict]) -> None:
    """Write the first report's expected events, then ask suggest about each later report."""
    from builder.curation.corroborate import corroborations
    firsts = {a["corroborates"] for a in articles if a.get("corroborates")}
    by_id = {a["id"]: a for a in articles}
    for first in sorted(firsts):
        _write_expected(content, by_id[first])
    corpus = check(content).corpus
    suggester = Suggester(corpus)
    for article in articles:
        if not article.get("corroborates"):
            continue
        stubs, _ = suggester.suggest(corpus.sources[article["id"]])
        tally.pairs_to_corroborate += 1
        proposals = corroborations(corpus, stubs)
        stance = article.get("stance", "supports")
        if any(p.event in _event_ids(article["corroborates"]) and p.stance == stance for p in proposals):
            tally.corroborated += 1
        else:
            tally.misses.append(f"{article['id']}: no {stance} citation for {article['corroborates']} proposed "
                                f"({[(p.event, p.stance) for p in proposals]})")


def _event_ids(article_id: str) -> set[str]:
    return {f"eval-{article_id}-{i}" for i in range(20)}


def _write_expected(content: Path, article: dict) -> None:
    """The events an editor would have written from an article, quoting its first body sentence."""
    source = (content / "sources" / f"{article['id']}.txt").read_text(encoding="utf-8")
    body = max(source.split("\n"), key=len)
    quote = body.split("،")[0].strip()
    counts = find_quantities(loose(body))
    groups: dict[tuple, list] = {}
    for place, date, precision, type_ in article["events"]:
        groups.setdefault((str(date), precision, type_), []).append(place)
    for i, ((date, precision, type_), places) in enumerate(sorted(groups.items())):
        year = date[:4]
        folder = content / "events" / year
        folder.mkdir(parents=True, exist_ok=True)
        bases = "\n".join(f"  - {{id: {p}, effect: mentioned}}" for p in places)
        quantities = "".join(f"  - {{count: {c}, unit: {u}}}\n" for c, u in counts)
        (folder / f"eval-{article['id']}-{i}.yaml").write_text(
            f"id: eval-{article['id']}-{i}\ndate: {{start: {date}, precision: {precision}}}\ntype: {type_}\n"
            f"title: حدث للتقييم\nsummary: حدث للتقييم.\nbases:\n{bases}\n"
            + (f"quantities:\n{quantities}" if quantities else "") +
            f"citations:\n  - {{source: {article['id']}, quote: \"{quote}\", stance: supports}}\n"
            "credibility: 3\n", encoding="utf-8")


def score_seeds() -> tuple[Tally, int]:
    """The project's sources against the events that cite them; datelines read from their texts."""
    checked = check(ROOT / "content")
    corpus, index = checked.corpus, checked.index
    suggester = Suggester(corpus)
    tally = Tally()
    with tempfile.TemporaryDirectory() as scratch:
        for source_id in sorted(corpus.sources):
            source = corpus.sources[source_id]
            events = []
            for event in {c.event.id: c.event for c in index.citing.get(source_id, ())}.values():
                events.extend((t.base, event.date.start.iso, event.date.start.precision, event.type) for t in event.bases)
            stubs, places = suggester.suggest(source)
            _score_suggestions(tally, source_id, stubs, [], events, [])
            if source.published.precision != "day":
                continue  # published known to the month: the text carries no dateline to read
            tally.datelines += 1
            try:
                new = add_source(ROOT / "content" / "sources" / f"{source_id}.txt", Path(scratch) / source_id,
                                 source_id=source_id)
                read = new.published.iso
            except BriefingError:
                read = None
            if read == source.published.iso:
                tally.datelines_right += 1
            else:
                tally.misses.append(f"{source_id}: dateline read {read}, expected {source.published.iso}")
    return tally, len(corpus.sources)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="*", help="dev, heldout, seeds (default: all three)")
    parser.add_argument("--misses", action="store_true", help="list every miss and extra proposal")
    args = parser.parse_args(argv)
    rows, misses = [], []
    for name in args.sets or ["dev", "heldout", "seeds"]:
        if name not in ("dev", "heldout", "seeds"):
            parser.error(f"unknown set {name!r}: choose dev, heldout or seeds")
        tally, n = score_seeds() if name == "seeds" else score_set(name)
        rows.append(tally.row(name, n))
        misses.extend(f"{name}: {m}" for m in tally.misses)
    print(HEADER)
    print("\n".join(rows))
    if args.misses:
        print()
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
