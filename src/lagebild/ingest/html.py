"""HTML: the main text and metadata of a web page via trafilatura (never the network), and a
small HTML-fragment-to-text helper for feed entries."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from lagebild.errors import InputError
from lagebild.ingest.decode import UndecodableError, decode
from lagebild.ingest.draft import Draft
from lagebild.ingest.limits import Limits, too_deep

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)""", re.I)

#: elements that end a line when an HTML fragment is flattened to text
_BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tr ul".split()
)
_LINE_BREAKS = re.compile(r"[ \t]*\n\s*")
_DROP = frozenset({"script", "style", "noscript", "template"})


def read_html(data: bytes, source: str, max_depth: int = Limits.max_depth, charset: str | None = None) -> Draft | InputError:
    """One draft from an HTML page: trafilatura's main text, title, date, site name and URL (a
    page over :data:`STREAM_BYTES`: :func:`_read_large`); a page whose elements nest deeper than
    ``max_depth`` is refused before extraction.
    ``charset``: the one the HTTP answer names, which wins over the page's <meta charset>."""
    html = decode_page(data, source, charset)
    if isinstance(html, InputError):
        return html
    return read_page(html, source, max_depth, size=len(data))


def decode_page(data: bytes, source: str, charset: str | None = None) -> str | InputError:
    """An HTML page's text: decoded with ``charset`` (an HTTP answer's), else the one its
    <meta charset> names, else the one detected."""
    declared = _META_CHARSET.search(data[:4096])
    try:
        return decode(data, charset or (declared.group(1).decode("ascii") if declared else None))
    except UndecodableError as exc:
        return InputError(source, str(exc))


def read_page(html: str, source: str, max_depth: int = Limits.max_depth, size: int | None = None) -> Draft | InputError:
    """:func:`read_html` of a page already decoded (``size``: its bytes, else its characters),
    so that a reader can let go of the bytes first."""
    size = len(html) if size is None else size
    if size > STREAM_BYTES:
        return _read_large(html, source, max_depth)
    depth = html_depth(html)
    if depth > max_depth:
        return InputError(source, too_deep(depth, max_depth, "HTML elements"))
    try:
        doc = _extract(html, fast=size > LEAN_BYTES)
    except Exception as exc:  # trafilatura and lxml raise many kinds on hostile input
        return InputError(source, f"HTML could not be parsed: {type(exc).__name__}: {exc}")
    return _draft(doc, html, source)


def _draft(doc: dict[str, Any] | None, html: str, source: str) -> Draft | InputError:
    text = (doc or {}).get("text") or ""
    if not text.strip():
        return InputError(source, "HTML without any main text")
    lang = _HTML_LANG.search(html[:4096])
    return Draft(
        source=source,
        text=text,
        title=doc.get("title"),
        outlet=doc.get("sitename"),
        url=doc.get("url"),
        published=doc.get("date"),
        language=lang.group(1) if lang else None,
    )


class _Depth:
    """An lxml parser target that only counts how deep elements nest (no tree is built)."""

    def __init__(self) -> None:
        self.depth = self.deepest = 0

    def start(self, tag: str, attrib: dict) -> None:
        self.depth += 1
        if self.depth > self.deepest:
            self.deepest = self.depth

    def end(self, tag: str) -> None:
        self.depth -= 1

    def close(self) -> int:
        return self.deepest


def html_depth(html: str) -> int:
    """How deep the page's elements nest as an HTML parser reads them (``<html>`` is 1)."""
    import lxml.etree  # lazy: only for HTML pages

    parser = lxml.etree.HTMLParser(target=_Depth(), huge_tree=True, no_network=True)
    try:
        parser.feed(html)
        return parser.close()
    except Exception:  # lxml refuses some input outright; the extractor reports it below
        return 0


#: elements whose text is no part of a page's main text (read by :class:`_MainText`)
_BOILERPLATE = frozenset("script style noscript template nav header footer aside form button select option "
                         "svg iframe object canvas".split())
_MAIN = frozenset({"article", "main"})


class _MainText(_Depth):
    """An lxml parser target that reads a page's text without building a tree: block elements
    end lines, boilerplate elements (:data:`_BOILERPLATE`) are left out, and the lines inside
    ``<article>``/``<main>`` are kept apart from the rest of ``<body>``.  Counts nesting as
    :class:`_Depth` does."""

    def __init__(self) -> None:
        super().__init__()
        self.skipping = 0  # how deep inside boilerplate
        self.main = 0  # how deep inside <article>/<main>
        self.body = False
        self.lines: tuple[list[str], list[str]] = ([], [])  # outside, inside <article>/<main>
        self.words: list[str] = []

    def start(self, tag: str, attrib: dict) -> None:
        super().start(tag, attrib)
        name = tag.lower() if isinstance(tag, str) else ""
        if self.skipping or name in _BOILERPLATE:
            self.skipping += 1
            return
        if name == "body":
            self.body = True
        if name in _BLOCKS or name in _MAIN:
            self._line()
        if name in _MAIN:
            self.main += 1

    def end(self, tag: str) -> None:
        super().end(tag)
        if self.skipping:
            self.skipping -= 1
            return
        name = tag.lower() if isinstance(tag, str) else ""
        if name in _BLOCKS or name in _MAIN:
            self._line()
        if name in _MAIN and self.main:
            self.main -= 1

    def data(self, text: str) -> None:
        if self.body and not self.skipping:
            self.words.append(text)

    def _line(self) -> None:
        if self.words:
            line = " ".join("".join(self.words).split())
            self.words.clear()
            if line:
                self.lines[self.main > 0].append(line)

    def close(self) -> int:
        self._line()
        return self.deepest

    def text(self) -> str:
        """The lines inside ``<article>``/``<main>`` where the page has some, else those of its body."""
        return "\n".join(self.lines[True] or self.lines[False])


def _read_large(html: str, source: str, max_depth: int) -> Draft | InputError:
    """A page over :data:`STREAM_BYTES`: its text read in one streaming pass (:class:`_MainText`,
    no tree; trafilatura would hold the parsed page and a copy of its main part, about 15 times
    the page's size), its title, site name, address and date by trafilatura from the page's
    first :data:`META_CHARS` characters, where a page's head is."""
    import lxml.etree  # lazy: only for HTML pages

    reader = _MainText()
    parser = lxml.etree.HTMLParser(target=reader, huge_tree=True, no_network=True)
    try:
        for start in range(0, len(html), 1 << 20):  # fed in parts: lxml never holds a whole copy
            parser.feed(html[start:start + (1 << 20)])
        depth = parser.close()
    except Exception as exc:  # lxml refuses some input outright
        return InputError(source, f"HTML could not be parsed: {type(exc).__name__}: {exc}")
    if depth > max_depth:
        return InputError(source, too_deep(depth, max_depth, "HTML elements"))
    text = reader.text()
    del reader
    try:
        meta = _metadata(html[:META_CHARS])
    except Exception:  # trafilatura and lxml raise many kinds on hostile input; the text stands alone
        meta = {}
    return _draft({**meta, "text": text}, html, source)


def _metadata(head: str) -> dict[str, Any]:
    from trafilatura.metadata import extract_metadata  # lazy: as trafilatura in _extract

    found = extract_metadata(head, extensive=False).as_dict()
    return {k: found.get(k) for k in ("title", "sitename", "url", "date")}


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's summary): block elements end lines,
    scripts and styles are dropped, entities are resolved.  Never raises."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    try:
        import lxml.html  # lazy: only for fragments that hold markup or entities

        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml refuses some fragments outright; fall back to removing tags
        return re.sub(r"<[^>]*>", " ", fragment)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):  # comments, processing instructions
            element.text = ""
        elif element.tag in _DROP:
            element.text = ""
            for child in list(element):
                element.remove(child)
        elif element.tag in _BLOCKS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    return _LINE_BREAKS.sub("\n", root.text_content()).strip()


#: pages larger than this are extracted without trafilatura's fallback extractors, which keep a
#: second copy of the parsed page: half the memory (benchmarks/ingest_memory.py), and on a page
#: this long the main extractor has text enough to go on
LEAN_BYTES = 1_000_000
#: pages larger than this are read by a streaming pass of our own (:func:`_read_large`): a page
#: this long is no ordinary article, and trafilatura would hold about 15 times its size
STREAM_BYTES = 5_000_000
#: how much of a large page trafilatura reads for its title, site name, address and date
META_CHARS = 262_144


def _extract(html: str, fast: bool = False) -> dict[str, Any] | None:
    import trafilatura  # lazy: ~0.6 s and ~130 modules, needed only for HTML pages

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        deduplicate=False,
        config=_config(),
        fast=fast,
    )
    if doc is None:
        return None
    return doc if isinstance(doc, dict) else doc.as_dict()


@cache
def _config() -> Any:
    """trafilatura's defaults, but dates only from the page's markup and metadata: dates found
    in the running text are inferred by lagebild itself and flagged as such."""
    from trafilatura.settings import use_config  # lazy: as trafilatura in _extract

    config = use_config()
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    return config
