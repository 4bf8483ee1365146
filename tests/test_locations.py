"""A place's coordinates against Syria's outline and its governorate: warnings (fatal under --strict),
printed at the place's `lat` with a hint, and a map that never grows to show a point outside Syria."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.checking.locations import GOVERNORATE_KM
from builder.common.diagnostics import BriefingError
from builder.pipeline.build import check
from builder.preview.error_page import error_page
from builder.reading.geography import BORDER_KM, distance_km, syria
from conftest import FIXTURES, VALID

REPO = Path(__file__).resolve().parent.parent

QASRAK = "bases/qasrak.yaml"
WRITTEN = "location: {lat: 36.62, lon: 40.73, precision: approximate}"


def _place(lat: float, lon: float, governorate: str = "{ar: الحسكة, en: Hasakah}") -> dict[str, str]:
    text = VALID[QASRAK].replace(WRITTEN, f"location: {{lat: {lat}, lon: {lon}, precision: approximate}}")
    return {QASRAK: text.replace("governorate: {ar: الحسكة, en: Hasakah}", f"governorate: {governorate}")}


AT = "content/bases/qasrak.yaml:5:17: warning: "  # the value of `lat`, in the fifth line
CASES = {
    "inside its governorate": (_place(36.62, 40.73), None),
    "in Syria, named after a governorate far away": (
        _place(33.51, 36.29),
        (AT + "lat: 33.51, lon: 36.29 is 453 km outside Hasakah (الحسكة), the governorate this place names; "
              "it lies in Damascus (دمشق) [location-governorate]",
         "    hint: correct `governorate` to {ar: دمشق, en: Damascus}, or the coordinates")),
    "lat and lon swapped": (
        _place(40.73, 36.62),
        (AT + "lat: 40.73, lon: 36.62 is 434 km outside Syria [location-outside]",
         "    hint: lat and lon look swapped: lat: 36.62, lon: 40.73")),
    "just over the border, within the tolerance": (_place(37.05, 42.45), None),
    "over the border by more than the tolerance": (
        _place(37.1, 42.55),
        (AT + "lat: 37.1, lon: 42.55 is 16 km outside Syria [location-outside]",
         "    hint: Syria lies between lat 32.3 and 37.3 and lon 35.7 and 42.4: correct the coordinates "
         "(lat is north, lon is east, in decimal degrees)")),
    "far outside": (
        _place(38.5, 44.0),
        (AT + "lat: 38.5, lon: 44 is 201 km outside Syria [location-outside]",
         "    hint: Syria lies between lat 32.3 and 37.3 and lon 35.7 and 42.4: correct the coordinates "
         "(lat is north, lon is east, in decimal degrees)")),
    "a governorate that is not Syria's is not compared": (_place(36.62, 40.73, "{ar: الأنبار, en: Anbar}"), None),
    "the Arabic name alone is matched, folded": (_place(36.62, 40.73, "{ar: الحسكه, en: Al-Hasakah}"), None),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_rule_warns_at_lat_with_its_hint_and_check_passes(run, make_corpus, case):
    files, expected = CASES[case]
    make_corpus(files)
    status, out, err = run("check")
    assert status == 0, err
    if expected is None:
        assert err == "" and out.endswith("1 citation)\n"), (out, err)
    else:
        assert err.splitlines() == list(expected)
        assert out.endswith("1 citation); 1 warning\n"), out


def test_strict_fails_on_a_warning_and_names_why(run, make_corpus):
    make_corpus(CASES["lat and lon swapped"][0])
    status, out, err = run("check", "--strict")
    assert status == 1 and out == ""
    assert err.splitlines()[-1] == "0 errors, 1 warning; warnings fail under --strict; nothing was written."


def test_errors_and_warnings_are_reported_together_and_counted_apart(run, make_corpus):
    files = {**CASES["lat and lon swapped"][0],
             "bases/conoco.yaml": VALID["bases/conoco.yaml"].replace("kind: gas-field", "kind: fort")}
    make_corpus(files)
    status, _, err = run("check")
    assert status == 1
    assert re.search(r"^content/bases/conoco.yaml:\d+:\d+: error: ", err, re.M)
    assert (AT + "lat: 40.73") in err
    assert err.splitlines()[-1] == "1 error, 1 warning; nothing was written."


def test_a_build_with_warnings_writes_the_site_and_strict_writes_nothing(run, make_corpus, tmp_path):
    make_corpus(CASES["lat and lon swapped"][0])
    status, _, err = run("build", "--no-search", "--strict", "--site-dir", "strict-site")
    assert status == 1 and "[location-outside]" in err and "[site-url]" in err
    assert not (tmp_path / "strict-site").exists()
    status, out, err = run("build", "--no-search")
    assert status == 0, err
    assert out.rstrip().endswith("; 2 warnings")  # the place, and site_url unset
    assert "warning: site_url is not set" in err and "[site-url]" in err
    assert (tmp_path / "site/index.html").is_file()


def test_the_map_does_not_grow_to_show_a_point_outside_syria_and_names_it(run, make_corpus, tmp_path):
    def home(files):
        shutil.rmtree(tmp_path / "content", ignore_errors=True)
        make_corpus(files)
        status, _, err = run("build", "--no-search")
        assert status == 0, err
        return (tmp_path / "site/index.html").read_text(encoding="utf-8"), (tmp_path / "site/bases/qasrak/index.html").read_text(encoding="utf-8")

    viewbox = re.compile(r'<figure class="map"[^>]*>\s*<svg viewBox="([^"]+)"')
    right, drawn_page = home({})
    swapped, own_page = home(CASES["lat and lon swapped"][0])
    assert viewbox.search(swapped).group(1) == viewbox.search(right).group(1)
    assert 'href="../bases/qasrak/"' not in swapped.split("<figcaption")[0].split('<figure class="map"')[1]
    assert "مواقع تقع إحداثياتها خارج سوريا فلا تظهر على الخريطة" in swapped
    assert "مواقع تقع إحداثياتها خارج سوريا" in own_page
    # The place's own map says it is not on it, instead of promising it singled out.
    assert "موقع قسرك (مميَّز) بين مواقع الموجز" in drawn_page and "(مميَّز)" not in own_page
    assert "مواقع الموجز، وليس بينها قسرك" in own_page
    near, _ = home(CASES["just over the border, within the tolerance"][0])  # drawn, the map widened to it
    assert "خارج سوريا" not in near


def test_the_map_and_the_check_draw_the_same_line():
    geography = syria()
    for lon, lat in ((42.45, 37.05), (42.55, 37.1), (36.62, 40.73), (40.73, 36.62)):
        assert geography.in_country(lon, lat) == (geography.outside_km(lon, lat) <= BORDER_KM)


def test_a_swap_never_explains_a_point_in_syria_far_from_its_governorate():
    """The check offers the swapped hint only for points outside Syria: wherever a point and its swap both
    lie in Syria, the swap stays within GOVERNORATE_KM of the point's own governorate."""
    geography = syria()
    worst = 0.0
    for i in range(90):
        for j in range(90):
            lat, lon = 35.6 + i * 0.02, 35.6 + j * 0.02
            division = geography.division_at(lon, lat)
            if division is not None and geography.in_country(lat, lon):
                worst = max(worst, distance_km(division.rings, lat, lon))
    assert 0 < worst < GOVERNORATE_KM


def test_the_corpus_and_the_fixture_have_no_warnings():
    for corpus in (REPO / "content", FIXTURES / "minimal"):
        assert check(corpus).warnings == ()


def test_the_preview_error_page_shows_warnings_as_the_terminal_does(make_corpus):
    content = make_corpus(CASES["lat and lon swapped"][0])
    with pytest.raises(BriefingError) as failed:
        check(content, strict=True)
    page = error_page(failed.value).decode("utf-8")
    assert "warning: lat: 40.73, lon: 36.62 is 434 km outside Syria [location-outside]" in page
    assert "lat and lon look swapped: lat: 36.62, lon: 40.73" in page


def test_mkdocs_logs_each_warning_and_its_strict_mode_fails_on_it(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "minimal", corpus)
    place = corpus / QASRAK
    place.write_text(place.read_text(encoding="utf-8").replace("lat: 36.62, lon: 40.73", "lat: 40.73, lon: 36.62"),
                     encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\nsite_url: https://example.org/\ndocs_dir: {corpus}\nsite_dir: {tmp_path / 'mk'}\n"
                      f"plugins:\n  - briefing:\n      content: {corpus}\n      pdf: false\n      search: false\n",
                      encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1750000000"}
    line = f"{corpus}/bases/qasrak.yaml:5:17: warning: lat: 40.73, lon: 36.62 is 434 km outside Syria [location-outside]"
    strict = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
                            capture_output=True, text=True, env=env)
    assert strict.returncode != 0 and line in strict.stderr, strict.stderr
    assert "0 errors, 1 warning; warnings fail under --strict; nothing was written." in strict.stderr
    assert not (tmp_path / "mk").exists()
    plain = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config)], capture_output=True, text=True, env=env)
    assert plain.returncode == 0 and line in plain.stderr, plain.stderr
    assert (tmp_path / "mk/index.html").is_file()


def test_each_place_is_tested_against_the_border_once_per_build_not_once_per_map(monkeypatch, tmp_path):
    """Every place's page draws the whole map; which places it may draw is decided once, since the
    border test walks Syria's whole outline (a map per page made it the build's largest cost)."""
    from builder.pipeline.build import render_site
    from builder.pipeline.settings import Settings
    from builder.reading.geography import Geography
    import datetime as dt
    calls = []
    real = Geography.in_country
    monkeypatch.setattr(Geography, "in_country", lambda self, lon, lat: calls.append((lon, lat)) or real(self, lon, lat))
    checked = check(FIXTURES / "minimal")
    located = sum(1 for b in checked.corpus.bases.values() if b.location)
    calls.clear()
    render_site(checked, Settings(pdf=False, search=False, jobs=1, built=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)))
    assert len(calls) == located
