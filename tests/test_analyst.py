"""What analysts take away from the site: feeds, downloads, schemas, the map, timelines and filters.

Each output is read by the consumer a reader would use: feedparser for the feeds, Shapely for the
GeoJSON, jsonschema for the schemas, the csv module for the table.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import shutil
from pathlib import Path

import feedparser
import jsonschema
import pytest
import yaml
from hypothesis import given, settings, strategies as st
from shapely.geometry import Point, Polygon
from shapely.ops import unary_union

from builder.pipeline.build import check, render_site
from builder.writing.schemas import schemas
from builder.indexing.changes import Published
from builder.planning.feeds import SITE_FEED_SIZE, entry_id
from builder.planning.views import Views
from builder.reading.geography import syria
from builder.planning.graphics import Graphics
from builder.arabic.printing import Style
from builder.pipeline.settings import Settings

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
BUILT = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def checked():
    return check(CONTENT)


@pytest.fixture(scope="module")
def site(checked) -> dict[str, bytes]:
    return render_site(checked, Settings(pdf=False, search=False, built=BUILT)).files


def html(site, path: str) -> str:
    return site[path].decode("utf-8")


# Feeds


def test_site_feed_parses_cleanly_with_the_newest_events_first(site, checked):
    feed = feedparser.parse(site["feed.xml"])
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == Settings().site_name
    entries = feed.entries
    assert len(entries) == min(SITE_FEED_SIZE, len(checked.corpus.events))
    newest = sorted(checked.index.events, key=lambda e: e.sort_key, reverse=True)[0]
    assert entries[0].title == newest.title
    assert entries[0].link == f"events/{newest.id}/"
    assert all(e.id.startswith("urn:uuid:") for e in entries)
    assert len({e.id for e in entries}) == len(entries)


def test_each_place_has_a_feed_with_all_its_events_and_a_link_to_it(site, checked):
    for base_id, touches in checked.index.by_base.items():
        feed = feedparser.parse(site[f"bases/{base_id}/feed.xml"])
        assert not feed.bozo, (base_id, feed.get("bozo_exception"))
        assert {e.link for e in feed.entries} == {f"../../events/{e.id}/" for e, _ in touches}
        page = html(site, f"bases/{base_id}/index.html")
        assert 'type="application/atom+xml" href="../../bases/%s/feed.xml"' % base_id in page


def test_entry_ids_depend_only_on_the_event_so_readers_never_see_duplicates(checked):
    plain = render_site(checked, Settings(pdf=False, search=False, built=BUILT)).files
    moved = render_site(checked, Settings(pdf=False, search=False, site_url="https://example.org/b",
                                          built=BUILT + dt.timedelta(days=30))).files
    ids = lambda files: [e.id for e in feedparser.parse(files["feed.xml"]).entries]
    assert ids(plain) == ids(moved)
    absolute = feedparser.parse(moved["feed.xml"]).entries[0].link
    assert absolute.startswith("https://example.org/b/events/")


def _entries(feed: bytes) -> list[tuple[str, str, str]]:
    parsed = feedparser.parse(feed)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return [(e.title, e.published, e.updated) for e in parsed.entries], parsed.feed.updated


def test_feed_entries_are_dated_by_the_editions_not_by_the_events(checked, tmp_path):
    """First edition: every entry appeared then. Second, a month later: an old event corrected and a new
    event about 2014 lead the feed; the others keep the first edition's dates."""
    first = render_site(checked, Settings(pdf=False, search=False, built=BUILT)).files
    entries, feed_updated = _entries(first["feed.xml"])
    assert {(p, u) for _, p, u in entries} == {("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")} == {(feed_updated, feed_updated)}
    # The event's own date is in the text, not in <updated>: a month-precision event gets no invented day.
    newest = checked.index.events[-1]
    assert Views(checked.index, Style()).date(newest) in feedparser.parse(first["feed.xml"]).entries[0].content[0].value

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    old = content / "events/2015/2015-10-sdf-formed.yaml"
    old.write_text(old.read_text(encoding="utf-8").replace("credibility: 2", "credibility: 1"), encoding="utf-8")
    (content / "events/2014/2014-10-late-addition.yaml").write_text((content / "events/2014/2014-09-coalition-founded.yaml")
        .read_text(encoding="utf-8").replace("id: 2014-09-coalition-founded", "id: 2014-10-late-addition"), encoding="utf-8")
    later = BUILT + dt.timedelta(days=30)
    second = render_site(check(content), Settings(pdf=False, search=False, built=later),
                         previous=Published.from_files("first", first)).files
    entries, feed_updated = _entries(second["feed.xml"])
    ids = [e.id for e in feedparser.parse(second["feed.xml"]).entries]
    assert set(ids[:2]) == {entry_id("2015-10-sdf-formed"), entry_id("2014-10-late-addition")}
    stamps = dict(zip(ids, [(p, u) for _, p, u in entries]))
    assert stamps[entry_id("2015-10-sdf-formed")] == ("2026-01-01T00:00:00Z", "2026-01-31T00:00:00Z")
    assert stamps[entry_id("2014-10-late-addition")] == ("2026-01-31T00:00:00Z", "2026-01-31T00:00:00Z")
    assert all(p <= u == "2026-01-01T00:00:00Z" for i, (p, u) in stamps.items() if i not in ids[:2])
    updated = [u for _, _, u in entries]
    assert updated == sorted(updated, reverse=True) and max(updated) <= feed_updated
    for base_id in checked.index.by_base:
        place = [u for _, _, u in _entries(second[f"bases/{base_id}/feed.xml"])[0]]
        assert place == sorted(place, reverse=True) and max(place) <= feed_updated


def test_a_build_without_site_url_warns_that_feed_links_are_relative(make_corpus, run):
    make_corpus()
    code, _, err = run("build", "--site-dir", "out", "--no-search")
    assert code == 0 and "warning: site_url is not set" in err and "hint: set `site_url:" in err
    (Path("mkdocs.yml")).write_text("site_name: x\nsite_url: https://example.org/b/\nplugins:\n  - briefing\n", encoding="utf-8")
    code, _, err = run("build", "--site-dir", "out", "--no-search")
    assert code == 0 and "warning" not in err


def test_every_page_describes_itself_for_search_engines_and_shared_links(checked):
    files = render_site(checked, Settings(pdf=False, search=False, built=BUILT, site_url="https://example.org/b")).files
    pages = [p for p in files if p.endswith(".html") and b'http-equiv="refresh"' not in files[p]]
    assert len(pages) > 50
    for path in pages:
        text = files[path].decode("utf-8")
        folder = path.removesuffix("index.html")
        assert f'<link rel="canonical" href="https://example.org/b/{folder}">' in text, path
        assert f'<meta property="og:url" content="https://example.org/b/{folder}">' in text, path
        description = re.search(r'<meta name="description" content="([^"]+)">', text)
        assert description and len(description.group(1)) > 40, path
        assert '<meta property="og:title" content="' in text and 'rel="icon" href="' in text, path
    event = checked.index.events[-1]
    page = files[f"events/{event.id}/index.html"].decode("utf-8")
    assert re.search(r'<meta name="description" content="[^"]*' + re.escape(Views(checked.index, Style()).date(event)), page)
    assert "assets/favicon.svg" in files


def test_feed_escapes_markup_from_content(make_corpus, run, tmp_path):
    make_corpus({"bases/conoco.yaml": """\
        id: conoco
        name: {ar: "حقل <كونيكو> & شركاه", en: Conoco}
        kind: gas-field
        governorate: {ar: دير الزور}
        """})
    assert run("build", "--site-dir", "out", "--no-search")[0] == 0
    feed = feedparser.parse((tmp_path / "out/feed.xml").read_bytes())
    assert not feed.bozo
    assert "حقل &lt;كونيكو&gt; &amp; شركاه" in feed.entries[0].content[0].value


# Downloads


def test_geojson_is_rfc7946_and_every_place_lies_in_syria(site, checked):
    data = json.loads(site["bases.geojson"])
    assert data["type"] == "FeatureCollection"
    country = unary_union([Polygon(ring) for d in syria().divisions for ring in d.rings])
    assert 180_000 < country.area * 111 * 92 < 200_000  # km², roughly Syria's 185,180
    located = 0
    for feature in data["features"]:
        base = checked.corpus.bases[feature["id"]]
        if base.location is None:
            assert feature["geometry"] is None
            continue
        lon, lat = feature["geometry"]["coordinates"]  # RFC 7946: longitude first
        assert (lon, lat) == (base.location.lon, base.location.lat)
        # Border posts sit on the line; ~5 km of slack for the simplified outline.
        assert country.buffer(0.05).contains(Point(lon, lat)), f"{feature['id']} is outside Syria"
        located += 1
    assert located == len(checked.corpus.bases)


def test_events_csv_opens_as_a_table_of_every_event(site, checked):
    raw = site["events.csv"]
    assert raw.startswith("\ufeff".encode("utf-8")), "Excel needs the BOM to read UTF-8 Arabic"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["id"] for r in rows] == [e.id for e in checked.index.events]
    row = next(r for r in rows if r["id"] == "2025-05-02-convoy-leaves-omar-conoco-for-iraq")
    event = checked.corpus.events[row["id"]]
    assert row["title"] == event.title
    assert (row["start_year"], row["start_month"], row["start_day"]) == ("2025", "5", "2")
    assert row["precision"] == event.date.precision and row["date"] == "2 أيار 2025"
    assert row["bases"].split(" | ") == [f"{t.base}:{t.effect}" for t in event.bases]
    assert row["type_ar"] == "انسحاب" and row["bases_ar"] == "حقل العمر: قُلِّص | حقل كونيكو: قُلِّص"


def _sheet(raw: bytes) -> list[dict[str, str]]:
    assert raw.startswith("\ufeff".encode("utf-8"))
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


# What a spreadsheet turns into a date on its own: «2014-09», «2025-04-27», «4/27/2025», «27-Apr».
LOOKS_LIKE_A_DATE = re.compile(r"^\d{1,4}[-/]\d{1,2}([-/]\d{1,4})?$|^\d{1,2}-[A-Za-z]{3}")


@pytest.mark.parametrize("name", ["events.csv", "event-places.csv"])
def test_no_csv_cell_is_a_date_a_spreadsheet_would_invent_a_day_for(site, checked, name):
    rows = _sheet(site[name])
    assert rows
    for row in rows:
        assert not [k for k, v in row.items() if k != "url" and LOOKS_LIKE_A_DATE.match(v or "")], row
    by_id = {r.get("id") or r["event_id"]: r for r in rows}
    for event in checked.index.events:
        row, start = by_id.get(event.id), event.date.start
        if row is None:
            continue
        assert row["start_year"] == str(start.value.year)
        assert row["start_month"] == ("" if start.precision == "year" else str(start.value.month))
        assert row["start_day"] == (str(start.value.day) if start.precision in ("day", "week") else "")


def test_event_places_csv_has_one_row_per_event_and_place_with_where_it_is(site, checked):
    rows = _sheet(site["event-places.csv"])
    assert [(r["event_id"], r["place_id"]) for r in rows] == [(e.id, t.base) for e in checked.index.events for t in e.bases]
    omar = next(r for r in rows if r["place_id"] == "omar")
    base = checked.corpus.bases["omar"]
    assert (float(omar["lat"]), float(omar["lon"])) == (base.location.lat, base.location.lon)
    assert omar["governorate_ar"] == base.governorate.ar and omar["place_ar"] == base.name.ar
    assert omar["effect_ar"] and omar["kind_ar"] and omar["date"]


def test_sources_json_lets_a_reader_verify_each_archived_text(site):
    for record in json.loads(site["sources.json"]):
        text = (CONTENT / "sources" / f"{record['id']}.txt").read_text(encoding="utf-8")
        assert record["sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_data_page_links_every_download(site):
    page = html(site, "data/index.html")
    for name in ("events.json", "events.csv", "event-places.csv", "bases.geojson", "bases.json", "sources.json",
                 "schemas/event.schema.json", "schemas/base.schema.json", "schemas/source.schema.json", "feed.xml"):
        assert f'href="../{name}"' in page, name
        assert name in site


# Schemas


class Yaml12Loader(yaml.SafeLoader):
    """YAML as yaml-language-server reads it: 2025-05-03 stays a string (no YAML 1.1 timestamps)."""


Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}

KINDS = {"source": "sources/*.yaml", "base": "bases/*.yaml", "event": "events/*/*.yaml"}


def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("kind", KINDS)
def test_schemas_accept_every_file_of_the_corpus(kind):
    files = sorted(CONTENT.glob(KINDS[kind]))
    assert files
    for path in files:
        errors = [e.message for e in validator(kind).iter_errors(yaml.load(path.read_text(encoding="utf-8"), Yaml12Loader))]
        assert errors == [], f"{path}: {errors}"


def test_schemas_catch_what_an_editor_would_get_wrong():
    event = yaml.load((CONTENT / "events/2025/2025-05-02-convoy-leaves-omar-conoco-for-iraq.yaml")
                      .read_text(encoding="utf-8"), Yaml12Loader)
    assert list(validator("event").iter_errors(event)) == []
    for broken in ({**event, "type": "convoi"}, {**event, "credibility": 9}, {**event, "citations": []},
                   {**event, "date": {"start": "2 May 2025", "precision": "day"}}, {**event, "typo": 1}):
        assert list(validator("event").iter_errors(broken)), broken


def test_committed_schemas_are_current_and_published(site):
    for path, body in schemas().items():
        assert (REPO / path).read_bytes() == body, f"{path} is stale: run `python -m builder.writing.schemas schemas`"
        assert site[path] == body


# Map, timelines, activity


def test_map_marks_every_place_with_its_status_and_a_link(site, checked):
    page = html(site, "index.html").split('<figure class="map inset"')[0]  # the whole map, not its inset
    markers = re.findall(r'<a href="(bases/[a-z0-9-]+/)" class="marker status-(\w+) at-(\w+)', page)
    assert len(markers) == len(checked.corpus.bases)
    statuses = {b["id"]: b["status"] for b in json.loads(site["bases.json"])}
    classes = {"established": "present", "reinforced": "present", "active": "present", "reduced": "reduced",
               "withdrawn": "gone", "handed-over": "gone", "closed": "gone", None: "unknown"}
    for href, css, precision in markers:
        base_id = href.split("/")[1]
        assert css == classes[statuses[base_id]], base_id
        assert precision == checked.corpus.bases[base_id].location.precision
        assert f"{href}index.html" in site
    assert page.count('class="halo"') >= sum(1 for _, _, p in markers if p == "approximate")


def test_a_place_page_highlights_its_own_marker(site):
    page = html(site, "bases/conoco/index.html").split('<figure class="map inset"')[0]
    assert re.search(r'href="../../bases/conoco/" class="marker [^"]* current"', page)
    assert page.count(" current\"") == 1


def _boxes(view):
    from builder.planning.placing import text_box
    return [(mk.link.text, text_box(mk.label.x, mk.label.y, mk.label.anchor, mk.label.text, view.name_size))
            for mk in view.markers if mk.label]


@pytest.mark.parametrize("current", ["", "rmeilan", "kharab-al-jir", "manbij", "walid-crossing"])
def test_map_names_places_without_overlap_and_draws_crowded_ones_again_larger(checked, current):
    """Every located place is named on the map or, where names crowd, on an inset that names them; no two
    names overlap and none leaves the drawing; the current place is always named."""
    from builder.planning.placing import overlaps
    graphics = Graphics(checked.index, Style(), dt.date(2026, 1, 1))
    view = graphics.map(current)
    named = {mk.link.href for mk in view.markers if mk.label}
    if view.inset:
        named |= {mk.link.href for mk in view.inset.markers if mk.label}
        assert len(view.inset.markers) < len(view.markers)
    assert named == {mk.link.href for mk in view.markers}
    for drawing in filter(None, (view, view.inset)):
        boxes = _boxes(drawing)
        for i, (name, box) in enumerate(boxes):
            assert 0 <= box[0] and box[2] <= drawing.width and 0 <= box[1] and box[3] <= drawing.height, name
            assert not [other for other, b in boxes[i + 1:] if overlaps(box, b)], name
    if current:
        mine = [mk for mk in view.markers if mk.current]
        assert len(mine) == 1 and mine[0].label is not None and view.markers[-1].current  # named, drawn on top


def test_timeline_draws_a_month_as_a_month_and_a_day_as_a_day(checked):
    graphics = Graphics(checked.index, Style(), dt.date(2040, 1, 1))
    conoco = graphics.timeline(checked.corpus.bases["conoco"])
    events = {s.link.href: s for s in conoco.events}
    month = events["events/2025-05-green-village-conoco-closed/"]  # closed during May 2025
    day = events["events/2025-05-02-convoy-leaves-omar-conoco-for-iraq/"]
    assert month.css == "precision-month" and day.css == "precision-day"
    # The axis covers 2025 on 592 px: a month is ~50 px, a day the 3 px minimum.
    assert 45 < month.width < 55 and day.width == 3.0
    # Right to left: May 2 starts to the right of the end of May.
    assert day.x + day.width > month.x
    assert [p.css for p in conoco.periods][-1] == "gone"


def test_a_corpus_without_events_is_drawn_over_the_builds_year_not_the_clocks(make_corpus, run, tmp_path,
                                                                              monkeypatch):
    """Places before their first event: the timelines and the chart span SOURCE_DATE_EPOCH's year, so
    rebuilding the same corpus next year (or on a machine with another clock) gives the same site."""
    make_corpus({"events/2025/2025-05-02-convoy.yaml": None})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2208988800")  # 1 January 2040
    assert run("build", "--site-dir", "out", "--no-search")[0] == 0
    page = (tmp_path / "out/bases/conoco/index.html").read_text(encoding="utf-8")
    assert "حالاته وأحداثه من 2040 إلى 2040" in page


def test_activity_chart_counts_each_month_by_type(checked):
    chart = Graphics(checked.index, Style(), dt.date(2040, 1, 1)).activity()
    titled = [b for b in chart.bars if b.link.href == "briefs/2025-05/"]
    total = sum(int(re.match(r"[^:]+: (\d+|حدث واحد|حدثان)", b.title).group(1).replace("حدث واحد", "1").replace("حدثان", "2"))
                for b in titled)
    assert total == len(checked.index.by_month["2025-05"])
    year_only = {link.href for link in chart.year_only}
    assert year_only == {f"briefs/{k}/" for k in checked.index.by_month if "-" not in k}


# Filters


def test_type_pages_list_exactly_the_events_of_their_type(site, checked):
    briefs = html(site, "briefs/index.html")
    types = {e.type for e in checked.corpus.events.values()}
    for type_ in types:
        assert f'href="../briefs/types/{type_}/"' in briefs
        page = html(site, f"briefs/types/{type_}/index.html")
        linked = set(re.findall(r'href="../../../events/([a-z0-9-]+)/"', page))
        assert linked == {e.id for e in checked.corpus.events.values() if e.type == type_}, type_


def test_brief_cards_carry_what_the_script_filters_on(site, checked):
    page = html(site, "briefs/2025-05/index.html")
    cards = re.findall(r'data-event="([a-z0-9-]+)" data-type="([a-z-]+)" data-places="([a-z0-9 -]*)"', page)
    assert len(cards) == len(checked.index.by_month["2025-05"])
    for event_id, type_, places in cards:
        event = checked.corpus.events[event_id]
        assert type_ == event.type and places.split() == [t.base for t in event.bases]
    assert "assets/filters.js" in page and "data-filters hidden" in page


def test_data_lines_are_made_again_for_new_records_only_wherever_they_move():
    """The downloads reuse each unchanged record's line between previews; a new, moved or removed
    record must never leave a stale line behind."""
    from builder.writing.downloads import Memo

    made = []
    memo = Memo(lambda item: (made.append(item["id"]), item["id"].encode())[1])
    a, b, c, d = ({"id": name} for name in "abcd")
    assert memo([a, b, c]) == [b"a", b"b", b"c"] and made == ["a", "b", "c"]
    assert memo([a, b, c]) == [b"a", b"b", b"c"] and made == ["a", "b", "c"]  # nothing new
    b2 = {"id": "B"}
    assert memo([a, b2, c]) == [b"a", b"B", b"c"] and made[3:] == ["B"]  # an edit, same place
    assert memo([d, a, b2]) == [b"d", b"a", b"B"] and made[4:] == ["d"]  # one added, one gone: all moved
    assert memo([b2, d, a]) == [b"B", b"d", b"a"] and made[5:] == []  # same length, every one moved
    assert memo([]) == [] and memo([a]) == [b"a"] and made[5:] == ["a"]  # forgotten once out of the list


def test_home_charts_the_last_24_months_again_wide_enough_to_read(checked):
    """The overview spans every year; the recent chart gives each of the last 24 months a readable bar."""
    graphics = Graphics(checked.index, Style(), dt.date(2026, 1, 1))
    overview, recent = graphics.activity(), graphics.recent_activity()
    assert recent is not None and recent.css == "recent"
    latest = max(k for k in checked.index.by_month if "-" in k)
    shown = {bar.link.href for bar in recent.bars}
    assert f"briefs/{latest}/" in shown
    year, month = (int(p) for p in latest.split("-"))
    first = year * 12 + month - 24
    expected = {f"briefs/{k}/" for k in checked.index.by_month if "-" in k
                and first <= int(k[:4]) * 12 + int(k[5:]) - 1 < year * 12 + month}
    assert shown == expected
    assert min(bar.width for bar in recent.bars) >= 3 * min(bar.width for bar in overview.bars)
    assert min(bar.width / recent.width for bar in recent.bars) > 0.02  # ≥ 6 px of a 300 px phone column
    assert [t.label for t in recent.ticks if t.label][:2] == ["2024", "تموز"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.floats(-200, 900), st.floats(-200, 700), st.floats(0, 300), st.floats(0, 80)), max_size=60),
       st.tuples(st.floats(-200, 900), st.floats(-200, 700), st.floats(0, 300), st.floats(0, 80)))
def test_the_label_grid_finds_exactly_the_overlaps_a_full_scan_finds(taken, query):
    """placing.Occupied compares a candidate only with boxes in the cells it covers; it must answer as
    comparing it with every box placed would (boxes of any size, negative coordinates included)."""
    from builder.planning.placing import Occupied, overlaps
    boxes = [(x, y, x + w, y + h) for x, y, w, h in taken]
    x, y, w, h = query
    box = (x, y, x + w, y + h)
    assert Occupied(boxes).hits(box) == any(overlaps(box, other) for other in boxes)
