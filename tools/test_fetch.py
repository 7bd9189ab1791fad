"""tools/fetch.py on local files, then `paperscope build` on what it wrote: the publishing workflow's steps
as CI can run them (no internet here). Run by `cargo xtask test` (python3 -m unittest tools/test_fetch.py)."""

import json
import os
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import fetch  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"


def arxiv_answer(entries):
    """An answer as arXiv's API gives it."""
    items = "".join(f"""
  <entry>
    <id>http://arxiv.org/abs/{e['id']}</id>
    <updated>{e['date']}T10:00:00Z</updated>
    <published>{e['date']}T09:00:00Z</published>
    <title>{e['title']}</title>
    <summary>  {e['abstract']}
    </summary>
    {''.join(f'<author><name>{a}</name></author>' for a in e['authors'])}
    <arxiv:comment>12 pages</arxiv:comment>
    <link href="http://arxiv.org/abs/{e['id']}" rel="alternate" type="text/html"/>
    <arxiv:primary_category term="cs.LG"/>
    <category term="cs.LG"/><category term="stat.ML"/>
  </entry>""" for e in entries)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <title>ArXiv Query</title>{items}
</feed>"""


class FetchAndBuild(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="paperscope-fetch-"))
        self.cli = os.environ.get("PAPERSCOPE_CLI", str(ROOT / "target/debug/paperscope"))

    def write(self, name, text):
        path = self.dir / name
        path.write_text(text, encoding="utf-8")
        return path

    def test_sources_become_a_built_site_with_valid_feeds(self):
        answer = self.write("arxiv.xml", arxiv_answer([
            {"id": "2611.00001v2", "date": "2026-11-20", "title": "Diffusion Models for Protein Design",
             "abstract": "We design proteins with diffusion.", "authors": ["Ada Lovelace", "Alan Turing", "Grace Hopper"]},
            {"id": "2611.00002v1", "date": "2026-11-21", "title": "Bandits with Knapsacks",
             "abstract": "Regret bounds for bandits.", "authors": ["Emmy Noether"]},
            {"id": "", "date": "2026-11-21", "title": "No id", "abstract": "x", "authors": []},
        ]))
        dump = self.write("dump.jsonl", json.dumps({
            "id": "2610.00003", "title": "Protein Diffusion at Scale", "abstract": "Diffusion for proteins, larger.",
            "authors": "Mary Somerville", "categories": "q-bio.BM",
            "versions": [{"version": "v1", "created": "Mon, 5 Oct 2026 10:00:00 GMT"}], "update_date": "2026-10-05",
        }) + "\n")
        seed = ROOT / "corpus/seeds/000_9052d9d6ac201a62.txt"
        sources = self.write("sources.toml", f"""
[[source]]
name = "arxiv-ml"
kind = "arxiv-api"
categories = ["cs.LG", "stat.ML"]
max = 50
url = "{answer.as_uri()}"

[[source]]
name = "dump"
kind = "url"
url = "{dump.as_uri()}"

[[source]]
name = "feed-page"
kind = "url"
url = "{seed.as_uri()}"
format = "arxiv-feed"
""")
        self.write("feeds.toml", """
site = "https://example.org/papers/"

[[feed]]
name = "proteins"
title = "Diffusion models for proteins"
view = "q=diffusion+protein"
""")
        out = self.dir / "fetched"
        report = fetch.fetch(sources, out)
        self.assertIn("arxiv-ml: 2 papers from arXiv, 1 skipped", report)
        self.assertTrue(any("entry 3 (http://arxiv.org/abs/): no arXiv id or title" in line for line in report), report)
        self.assertTrue((out / "feeds.toml").exists())
        # The build reads what was fetched: every paper, and the feed.
        data = self.dir / "site/data/corpus.json"
        built = subprocess.run([self.cli, "build", str(out / "manifest.toml"), "-o", str(data)], capture_output=True, text=True)
        self.assertEqual(built.returncode, 0, built.stderr)
        papers = {p["id"]: p for p in json.loads(data.read_text())["papers"]}
        self.assertIn("arxiv:2611.00001", papers.keys(), list(papers)[:5])
        self.assertIn("arxiv:2610.00003", papers.keys(), list(papers)[:5])
        self.assertEqual(papers["arxiv:2611.00001"]["authors"], ["Ada Lovelace", "Alan Turing", "Grace Hopper"])
        self.assertEqual(papers["arxiv:2611.00001"]["published"], "2026-11-20")
        self.assertGreater(len(papers), 10)  # the feed page's papers too
        # The feed is Atom (parsed), newest first, with the required elements.
        feed = ET.parse(self.dir / "site/data/feeds/proteins.xml").getroot()
        self.assertEqual(feed.tag, f"{ATOM}feed")
        for required in ("id", "title", "updated", "author"):
            self.assertIsNotNone(feed.find(f"{ATOM}{required}"), required)
        entries = feed.findall(f"{ATOM}entry")
        self.assertEqual([e.find(f"{ATOM}title").text for e in entries],
                         ["Diffusion Models for Protein Design", "Protein Diffusion at Scale"])
        for entry in entries:
            for required in ("id", "title", "updated", "link"):
                self.assertIsNotNone(entry.find(f"{ATOM}{required}"), required)
        self.assertEqual(entries[0].find(f"{ATOM}link").get("href"), "https://arxiv.org/abs/2611.00001")

    def test_bad_sources_say_which_and_why(self):
        cases = [
            ('[[source]]\nname = "a b"\nkind = "url"\nurl = "file:///x"\n', "source 1 ('a b'): a name is"),
            ('[[source]]\nname = "x"\nkind = "ftp"\n', "kind 'ftp' is not arxiv-api or url"),
            ('[[source]]\nname = "x"\nkind = "arxiv-api"\n', "needs categories"),
            ('[[source]]\nname = "x"\nkind = "arxiv-api"\ncategories = ["cs.LG"]\nmax = 99999\n', "max 99999 is not between 1 and 2000"),
            ('[[source]]\nname = "x"\nkind = "url"\nurl = "ftp://host/x"\n', "only https, http and file addresses"),
            ('[[source]]\nname = "x"\nkind = "url"\nurl = "file:///nonexistent/paperscope"\n', "could not fetch"),
            ('[[source]]\nname = "x"\nkind = "url"\nurl = "file:///x"\nformat = "pdf"\n', "format 'pdf' is not one of"),
            ('[[source]\n', "sources.toml: "),
        ]
        for contents, expected in cases:
            with self.assertRaises(fetch.SourceError, msg=contents) as caught:
                fetch.fetch(self.write("sources.toml", contents), self.dir / "out")
            self.assertIn(expected, str(caught.exception), contents)
        broken = self.write("broken.xml", "<feed><entry>")
        with self.assertRaises(fetch.SourceError) as caught:
            fetch.fetch(self.write("sources.toml", f'[[source]]\nname = "a"\nkind = "arxiv-api"\ncategories = ["cs.LG"]\nurl = "{broken.as_uri()}"\n'), self.dir / "out")
        self.assertIn("the answer is not Atom XML", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
