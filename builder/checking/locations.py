"""Is each place where its file says? Its coordinates against Syria's outline and its governorate.

A point far outside the country, or far from the governorate the file names, is a warning, not an
error: the check cannot know every place (a post across a border may be meant). The commonest cause
is named in the hint: `lat` and `lon` written the wrong way round, which puts a place in Syria ~400 km
into Turkey or Iraq.
"""

from __future__ import annotations

from builder.common import model as m
from builder.common.diagnostics import Diagnostics
from builder.reading.geography import BORDER_KM, Geography, distance_km, syria

# How far a place may lie outside the governorate its file names. Damascus city lies wholly inside Rif
# Dimashq and places in and around it are filed under either; a place near a governorate's edge, or the
# centre of an `area`, lands a few km over the simplified boundary. A wrong governorate, or a pair of
# coordinates swapped, puts the point a governorate's width away.
GOVERNORATE_KM = 25.0


def _point(lat: float, lon: float) -> str:
    return f"lat: {lat:g}, lon: {lon:g}"


def swapped_hint(location: m.Location) -> str:
    """The hint for a point that lands in place once `lat` and `lon` change places."""
    return f"lat and lon look swapped: {_point(location.lon, location.lat)}"


def check_location(base: m.Base, diagnostics: Diagnostics, geography: Geography | None = None) -> None:
    """Warn, at the place's `lat`, when its location is over BORDER_KM outside Syria, or over
    GOVERNORATE_KM from the governorate it names (a name that is none of Syria's governorates is not
    compared). The hint says when swapping `lat` and `lon` would put it in place."""
    location = base.location
    if location is None:
        return
    geography = geography or syria()
    lat, lon = location.lat, location.lon
    outside = geography.outside_km(lon, lat)
    if outside > BORDER_KM:
        west, south, east, north = geography.bounds
        hint = (swapped_hint(location) if geography.in_country(lat, lon) else
                f"Syria lies between lat {south:.1f} and {north:.1f} and lon {west:.1f} and {east:.1f}: "
                "correct the coordinates (lat is north, lon is east, in decimal degrees)")
        diagnostics.warn(location.mark, "location-outside",
                         f"{_point(lat, lon)} is {outside:.0f} km outside Syria", hint)
        return
    division = geography.division(base.governorate.ar, base.governorate.en)
    if division is None:
        return
    away = 0.0 if division.contains(lon, lat) else distance_km(division.rings, lon, lat)
    if away <= GOVERNORATE_KM:
        return
    found = geography.division_at(lon, lat)
    where = f"; it lies in {found.en} ({found.ar})" if found else ""
    # A swap never explains this warning: a point and its swap both lie in Syria only in its north-west
    # corner (lat and lon both near 36), where the swap stays within GOVERNORATE_KM of the point's own
    # governorate (tests/test_locations.py walks that corner).
    if found:
        hint = f"correct `governorate` to {{ar: {found.ar}, en: {found.en}}}, or the coordinates"
    else:
        hint = "correct `governorate` or the coordinates"
    diagnostics.warn(location.mark, "location-governorate",
                     f"{_point(lat, lon)} is {away:.0f} km outside {division.en} ({division.ar}), "
                     f"the governorate this place names{where}", hint)


def check_locations(corpus: m.Corpus, diagnostics: Diagnostics) -> None:
    """check_location for every place of the corpus."""
    geography = syria()
    for base in corpus.bases.values():
        check_location(base, diagnostics, geography)
