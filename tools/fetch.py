#!/usr/bin/env python3
"""Fetches the inputs a sources file names and writes the build manifest for them: the first step of
publishing a site that stays current (.github/workflows/publish.yml runs it on a schedule, then builds).

    python3 tools/fetch.py corpus/sources.toml corpus/fetched
    PAPERSCOPE_MANIFEST=corpus/fetched/manifest.toml cargo xtask dist

A sources file (TOML) lists sources:

    [[source]]
    name = "arxiv-ml"              # the input's file name and label
    kind = "arxiv-api"             # the newest papers in these categories, from arXiv's public API
    categories = ["cs.LG", "stat.ML"]
    max = 200                      # at most 2000

    [[source]]
    name = "neurips-2025"
    kind = "url"                   # a file as it is: a JSON/JSONL dump, or a listing page saved as text
    url = "https://example.org/neurips-2025.jsonl"
    format = "auto"                # as `paperscope build` reads it (auto, arxiv-feed, hf-search, ...)

Addresses may be `https://`, `http://` or `file://` (so the step is tested on local files). arXiv's answer
(Atom) is written as JSON Lines in the shape of arXiv's metadata snapshot, which `paperscope build` reads;
entries it cannot use are counted and reported, never dropped silently. A `feeds.toml` beside the sources
file is copied beside the manifest, so the build writes those feeds too. Only the standard library is used:
the workflow needs nothing installed for this step.
"""

import json
import re
import shutil
import sys
import tomllib
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from email.utils import format_datetime
from datetime import datetime
from pathlib import Path

ARXIV_API = "https://export.arxiv.org/api/query"
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
MOST_FROM_ARXIV = 2000
# The largest answer read from any address (a dump of a few hundred thousand papers fits).
MOST_BYTES = 1 << 30
FORMATS = {"auto", "arxiv-feed", "hf-search", "author-profile", "hf-daily"}


class SourceError(Exception):
    """A source that cannot be fetched or read: the message names it."""


def read(url, timeout=60):
    """The bytes at `url` (no more than MOST_BYTES)."""
    scheme = urllib.parse.urlparse(url).scheme
    if scheme not in ("https", "http", "file"):
        raise SourceError(f"{url}: only https, http and file addresses are fetched")
    request = urllib.request.Request(url, headers={"User-Agent": "paperscope-fetch/1 (static site build)"})
    with urllib.request.urlopen(request, timeout=timeout) as answer:
        data = answer.read(MOST_BYTES + 1)
    if len(data) > MOST_BYTES:
        raise SourceError(f"{url}: more than {MOST_BYTES} bytes")
    return data


def arxiv_url(source):
    """The API query for the newest submissions in the source's categories."""
    categories = source.get("categories") or []
    if not categories or not all(isinstance(c, str) and c.strip() for c in categories):
        raise SourceError("an arxiv-api source needs categories, e.g. [\"cs.LG\"]")
    most = source.get("max", 200)
    if not isinstance(most, int) or not 1 <= most <= MOST_FROM_ARXIV:
        raise SourceError(f"max {most!r} is not between 1 and {MOST_FROM_ARXIV}")
    query = " OR ".join(f"cat:{c.strip()}" for c in categories)
    params = {"search_query": query, "sortBy": "submittedDate", "sortOrder": "descending", "start": 0,
              "max_results": most}
    base = source.get("url", ARXIV_API)
    return f"{base}?{urllib.parse.urlencode(params)}" if base.startswith(("http:", "https:")) else base


def text(element, tag):
    found = element.find(tag)
    return " ".join((found.text or "").split()) if found is not None else ""


def arxiv_records(atom):
    """arXiv API Atom -> records in the metadata snapshot's shape, and how many entries were skipped (why)."""
    try:
        root = ET.fromstring(atom)
    except ET.ParseError as e:
        raise SourceError(f"the answer is not Atom XML ({e})") from None
    records, skipped = [], []
    for n, entry in enumerate(root.iter(f"{ATOM}entry"), 1):
        link = text(entry, f"{ATOM}id")
        # http://arxiv.org/abs/2401.01234v2 -> 2401.01234 and v2
        parts = re.fullmatch(r".*/abs/(.+?)(?:v(\d+))?", link)
        ident, version = (parts.group(1), parts.group(2)) if parts else ("", None)
        title = text(entry, f"{ATOM}title")
        if not ident or not title:
            skipped.append(f"entry {n} ({link or 'no id'}): no arXiv id or title")
            continue
        published = text(entry, f"{ATOM}published")
        updated = text(entry, f"{ATOM}updated") or published
        try:
            created = format_datetime(datetime.fromisoformat(published.replace("Z", "+00:00")), usegmt=True)
        except ValueError:
            skipped.append(f"entry {n} ({ident}): published date {published!r} is not a date")
            continue
        authors = [text(a, f"{ATOM}name") for a in entry.findall(f"{ATOM}author")]
        authors = [a for a in authors if a]
        categories = [c.get("term", "") for c in entry.findall(f"{ATOM}category") if c.get("term")]
        record = {
            "id": ident,
            "title": title,
            "abstract": text(entry, f"{ATOM}summary"),
            "authors": ", ".join(authors[:-1]) + (" and " if len(authors) > 1 else "") + (authors[-1] if authors else ""),
            "categories": " ".join(categories),
            "versions": [{"version": f"v{version or 1}", "created": created}],
            "update_date": updated[:10],
        }
        comment = text(entry, f"{ARXIV}comment")
        if comment:
            record["comments"] = comment
        records.append(record)
    return records, skipped


def safe_name(name):
    return isinstance(name, str) and 0 < len(name) <= 64 and all(c.isascii() and (c.isalnum() or c in "-_") for c in name)


def fetch(sources_path, out_dir):
    """Fetches every source into `out_dir` and writes `out_dir/manifest.toml`. Returns lines to report."""
    sources_path, out_dir = Path(sources_path), Path(out_dir)
    try:
        config = tomllib.loads(sources_path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise SourceError(f"{sources_path}: {e}") from None
    sources = config.get("source", [])
    if not sources:
        raise SourceError(f"{sources_path}: names no [[source]]")
    out_dir.mkdir(parents=True, exist_ok=True)
    report, inputs, seen = [], [], set()
    for k, source in enumerate(sources, 1):
        name = source.get("name")
        at = f"{sources_path}: source {k} ({name!r})"
        if not safe_name(name) or name in seen:
            raise SourceError(f"{at}: a name is 1-64 of letters, digits, - and _, used once")
        seen.add(name)
        kind = source.get("kind")
        try:
            if kind == "arxiv-api":
                records, skipped = arxiv_records(read(arxiv_url(source)))
                file = f"{name}.jsonl"
                (out_dir / file).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                            encoding="utf-8")
                inputs.append((file, "auto", name))
                report.append(f"{name}: {len(records)} papers from arXiv" + (f", {len(skipped)} skipped" if skipped else ""))
                report.extend(f"  skipped {why}" for why in skipped)
            elif kind == "url":
                url, fmt = source.get("url"), source.get("format", "auto")
                if not isinstance(url, str):
                    raise SourceError("a url source needs url = \"...\"")
                if fmt not in FORMATS:
                    raise SourceError(f"format {fmt!r} is not one of {', '.join(sorted(FORMATS))}")
                data = read(url)
                suffix = Path(urllib.parse.urlparse(url).path).suffix.lower()
                file = name + (suffix if suffix in (".json", ".jsonl", ".txt") else ".txt")
                (out_dir / file).write_bytes(data)
                inputs.append((file, fmt, name))
                report.append(f"{name}: {len(data)} bytes from {url}")
            else:
                raise SourceError(f"kind {kind!r} is not arxiv-api or url")
        except SourceError as e:
            raise SourceError(f"{at}: {e}") from None
        except OSError as e:
            raise SourceError(f"{at}: could not fetch: {e}") from None
    manifest = ["# Written by tools/fetch.py from " + sources_path.name + "; `paperscope build` reads it.", ""]
    for file, fmt, label in inputs:
        manifest += ["[[input]]", f"file = {json.dumps(file)}", f"format = {json.dumps(fmt)}",
                     f"label = {json.dumps(label)}", ""]
    (out_dir / "manifest.toml").write_text("\n".join(manifest), encoding="utf-8")
    feeds = sources_path.with_name("feeds.toml")
    if feeds.exists():
        shutil.copyfile(feeds, out_dir / "feeds.toml")
        report.append(f"feeds: {feeds} copied beside the manifest")
    return report


def main(argv):
    if len(argv) != 3:
        print("usage: fetch.py SOURCES.toml OUT_DIR", file=sys.stderr)
        return 2
    try:
        for line in fetch(argv[1], argv[2]):
            print(line)
    except SourceError as e:
        print(f"fetch: {e}", file=sys.stderr)
        return 1
    print(f"wrote {Path(argv[2]) / 'manifest.toml'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
