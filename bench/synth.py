"""Write a synthetic corpus of N events, N/5 sources and 100 places, valid under `briefing check`.

The prose is real Arabic, cut from the seed articles in content/sources/, and every quote is cut
from the text of the source it cites, so the quote matcher does real work. The same N and seed
always give the same files.

    python bench/synth.py OUT_DIR --events 10000 [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TYPES = ("deployment", "reinforcement", "convoy", "airlift", "exercise", "withdrawal", "handover",
         "establishment", "closure", "airstrike", "raid", "attack", "statement", "plan")
EFFECTS = ("established", "reinforced", "active", "reduced", "withdrawn", "handed-over", "closed", "mentioned")
KINDS = ("base", "airfield", "outpost", "oil-field", "gas-field", "crossing", "city", "area")
GOVERNORATES = (("الحسكة", "Hasakah"), ("دير الزور", "Deir ez-Zor"), ("الرقة", "Raqqa"), ("حلب", "Aleppo"),
                ("حمص", "Homs"), ("ريف دمشق", "Rif Dimashq"))
BASES = 100


def _sentences() -> list[str]:
    """Lines of the seed articles long enough to quote, without characters YAML quoting would need to escape."""
    out = []
    for path in sorted((REPO / "content" / "sources").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            line = line.strip().lstrip("•").strip()
            if len(line.split()) >= 12 and "'" not in line:
                out.append(line)
    return out


def _words(sentence: str, rng: random.Random, n: int) -> str:
    words = sentence.split()
    start = rng.randrange(0, max(1, len(words) - n))
    return " ".join(words[start:start + n])


def generate(out: Path, events: int, seed: int = 1) -> None:
    """Write the corpus under `out` (replacing it)."""
    rng = random.Random(seed)
    sentences = _sentences()
    shutil.rmtree(out, ignore_errors=True)
    for folder in ("sources", "bases", "events"):
        (out / folder).mkdir(parents=True)

    source_texts = {}
    for i in range(max(1, events // 5)):
        sid = f"synthetic-source-{i:06d}"
        body = rng.sample(sentences, k=min(8, len(sentences)))
        source_texts[sid] = body
        published = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(0, 4300))
        (out / "sources" / f"{sid}.txt").write_text("\n\n".join(body) + "\n", encoding="utf-8")
        (out / "sources" / f"{sid}.yaml").write_text(
            f"id: {sid}\noutlet: {{ar: منفذ اصطناعي {i % 40}, en: Synthetic outlet {i % 40}}}\n"
            f"title: '{_words(body[0], rng, 8)}'\npublished: {published.isoformat()}\nlanguage: ar\n"
            f"reliability: {'ABCDEF'[i % 6]}\n", encoding="utf-8")

    for i in range(BASES):
        gov = GOVERNORATES[i % len(GOVERNORATES)]
        (out / "bases" / f"place-{i:03d}.yaml").write_text(
            f"id: place-{i:03d}\nname: {{ar: موقع اصطناعي {i}, en: Synthetic place {i}}}\n"
            f"aliases: [نقطة اصطناعية {i}]\nkind: {KINDS[i % len(KINDS)]}\n"
            f"governorate: {{ar: {gov[0]}, en: {gov[1]}}}\n"
            f"location: {{lat: {33 + (i % 30) / 7:.3f}, lon: {36 + (i % 50) / 8:.3f}, precision: approximate}}\n",
            encoding="utf-8")

    source_ids = sorted(source_texts)
    for i in range(events):
        day = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(0, 4300))
        precision = rng.choice(("day", "day", "day", "week", "month", "year"))
        start = {"day": day.isoformat(), "week": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[precision]
        eid = f"{start}-synthetic-{i:06d}"
        cited = rng.sample(source_ids, k=min(len(source_ids), rng.choice((1, 1, 2))))
        citations = "".join(
            f"  - source: {sid}\n    quote: '{_words(rng.choice(source_texts[sid]), rng, rng.randint(5, 12))}'\n"
            for sid in cited)
        places = rng.sample(range(BASES), k=rng.choice((0, 1, 1, 2, 3)))
        bases = "".join(f"  - {{id: place-{p:03d}, effect: {rng.choice(EFFECTS)}}}\n" for p in places)
        summary = _words(rng.choice(sentences), rng, 30)
        folder = out / "events" / start[:4]
        folder.mkdir(exist_ok=True)
        (folder / f"{eid}.yaml").write_text(
            f"id: {eid}\ndate: {{start: {start}, precision: {precision}}}\ntype: {rng.choice(TYPES)}\n"
            f"title: '{_words(rng.choice(sentences), rng, 9)}'\nsummary: |\n  {summary}\n"
            + (f"bases:\n{bases}" if bases else "")
            + f"quantities:\n  - {{count: {rng.randint(2, 300)}, unit: truck}}\ncitations:\n{citations}"
            f"credibility: {rng.randint(1, 6)}\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.events, args.seed)
    print(f"wrote {args.events} events to {args.out}")


if __name__ == "__main__":
    main()
