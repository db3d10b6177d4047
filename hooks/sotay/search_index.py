"""The offline search index: pages in, small ``.js`` shards out (no MkDocs, no network).

The browser client (``overrides/assets/javascripts/sotay-search.js``) loads these files with
``<script>`` tags only, so the site searches from ``file://`` with the network off:

- ``search/manifest.js``  the shard keys, how many documents and metadata blocks exist, and the
                           engine's parameters (``PARAMS``: written here once, read by the client);
- ``search/vocab.js``      every folded letters-only term, for the one-edit typo lookup;
- ``search/t-<key>.js``    postings of every folded term whose longest shard key is ``<key>``;
- ``search/m-<n>.js``      url, title, kind, snippet and section headings of documents
                           ``n*BLOCK … n*BLOCK+BLOCK-1``.

A term is a run of letters and digits, lower-cased and NFC with the tone mark placed one way
(``hoà`` → ``hòa``, ``uỷ`` → ``ủy``: the *variant*); it is looked up by its folded form (no
diacritics, đ → d, leading zeros of a number dropped: ``06`` → ``6``), and each variant keeps its
own postings so the client can rank exact-diacritic matches first. A posting is ``doc id delta, pos * 4 + cls`` where ``cls`` is 3 for
the title (``pos`` = word position in it), 2 for a section heading, 1 for body text met at least
three times and 0 for body text (``pos`` = section index).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from .model import Record
from .schema import TYPES_BY_NAME
from .vi import fold as _fold_text
from .vi import nfc

BLOCK = 25  # documents per metadata file: a result list loads only the few it shows
SHARD_LIMIT = 48_000  # bytes; a bigger shard is split by one more character of its key
MAX_KEY = 5  # longest shard key, in characters
SNIPPET = 160  # characters of a result's snippet
TITLE, HEADING, BODY_OFTEN, BODY = 3, 2, 1, 0
ALIAS_STRIDE = 64  # alias k's words sit at positions 64*(k+1)+i: never "next to" the title's
# Lists of other records, the citation, and a source's archived article (whose every word
# would match a query beside the records that state its facts).
SKIPPED_SECTIONS = frozenset({"duoc-nhac-den", "tai-dia-ban", "trich-dan", "nguyen-van"})

# Letters and digits only: the JS client uses /[\p{L}\p{N}]+/gu, the same class.
_WORD = re.compile(r"[^\W_]+")
# Pieces of a document number joined without spaces: 865-TB/TU, 06-ĐA/TU, 1.234.
_JOINERS = frozenset("-/.")
_SPACE = re.compile(r"\s+")
_LEADING_ZEROS = re.compile(r"(?<![0-9])0+(?=[0-9])")
_TONE = "[\u0300\u0301\u0303\u0309\u0323]"
# Old and new tone placement (hòa/hoà, khỏe/khoẻ, ủy/uỷ, thủy/thuỷ) differ only in a word-final
# oa, oe or uy (not qu-y: quý is quý either way); both are stored as the old one.
_NEW_OA_OE = re.compile(f"o([ae])({_TONE})$")
_NEW_UY = re.compile(f"(?<!q)uy({_TONE})$")

# The engine's parameters, in the manifest: the client reads them there, never restates them.
PARAMS: dict[str, object] = {
    "max_key": MAX_KEY,
    "weights": [1, 1.5, 4, 10],  # by class: body, body (often), heading, title
    "title_position": 4,  # bonus 4 / (1 + position) for a title word: earlier words weigh more
    "exact_factor": 2,  # the variant typed with its diacritics
    "prefix_factor": 0.7,  # the word being typed, completed
    "typo_factor": 0.5,  # a word found with one edit counts half: exact matches rank above
    "typo_min": 5,  # letters for any one edit (substitution, insertion, deletion, swap)
    "typo_short_min": 3,  # letters for one left-out letter only (tau → thau, keo → kheo),
    "typo_short_letters": "ghr",  # one of these: the second letter of ch gh kh nh ph th, ng, tr
    "typo_below": 10,  # typos are tried only while fewer results than this are found
    "page": 10,  # results shown at once
}


@dataclass(frozen=True)
class Section:
    """A part of a page under one heading; the first one (``anchor == ""``) has no heading."""

    anchor: str
    heading: str
    text: str


@dataclass(frozen=True)
class Document:
    """One page as the search sees it; ``url`` is relative to the site root."""

    url: str
    title: str
    kind: str
    sections: tuple[Section, ...] = ()
    snippet: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Token:
    """One searchable word: its position, folded key and lower-case NFC form."""

    pos: int
    folded: str
    variant: str
    joined: bool = False  # a document number's parts run together


# -- words ------------------------------------------------------------------------------------
@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """``vi.fold`` of one word without a number's leading zeros (``06`` → ``6``), cached: the
    same few thousand syllables recur everywhere."""
    return _LEADING_ZEROS.sub("", _fold_text(word))


@lru_cache(maxsize=65536)
def variant(word: str) -> str:
    """A lower-case NFC word with its tone mark placed the old way: ``hoà`` → ``hòa``."""
    decomposed = unicodedata.normalize("NFD", word)
    moved = _NEW_UY.sub(r"u\1y", _NEW_OA_OE.sub(r"o\2\1", decomposed))
    return word if moved == decomposed else nfc(moved)


def words(text: str) -> list[str]:
    """The lower-case NFC words of ``text``: punctuation and quotes only ever separate."""
    return [variant(w) for w in _WORD.findall(nfc(text).lower())]


def tokens(text: str) -> list[Token]:
    """Words of ``text`` with positions, plus one joined token per document number.

    ``865-TB/TU`` gives ``865``, ``tb``, ``tu`` and ``865tbtu`` (at the position of ``865``), so
    a reader finds it typing it with dashes, spaces or nothing between the parts.
    """
    lowered = nfc(text).lower()
    found: list[Token] = []
    run: list[tuple[int, str]] = []
    last_end = -2

    def close_run() -> None:
        if len(run) > 1 and any(ch.isdigit() for _, word in run for ch in word):
            variant = "".join(word for _, word in run)
            if len(variant) <= 32:
                found.append(Token(run[0][0], fold(variant), variant, joined=True))

    for pos, match in enumerate(_WORD.finditer(lowered)):
        word = variant(match.group())
        folded = fold(word)
        if not folded:
            continue
        joined = match.start() == last_end + 1 and lowered[last_end] in _JOINERS
        if not joined:
            close_run()
            run = []
        run.append((pos, word))
        last_end = match.end()
        found.append(Token(pos, folded, word))
    close_run()
    return found


# -- abbreviations ----------------------------------------------------------------------------
@dataclass(frozen=True)
class _Expansion:
    """When the folded words ``match`` occur, the words ``adds`` are indexed there too."""

    match: tuple[str, ...]
    adds: tuple[tuple[str, str], ...]


def _expansions(pairs: Iterable[tuple[str, str]]) -> dict[str, list[_Expansion]]:
    """Both directions of every abbreviation pair, keyed by the first folded word to match."""
    table: dict[str, list[_Expansion]] = defaultdict(list)
    seen: set[tuple[tuple[str, ...], tuple[tuple[str, str], ...]]] = set()
    for short, full in sorted(pairs):
        short_words = [(fold(w), w) for w in words(short) if fold(w)]
        full_words = [(fold(w), w) for w in words(full) if fold(w)]
        if not short_words or not full_words or short_words == full_words:
            continue
        for match, adds in ((short_words, full_words), (full_words, short_words)):
            key = (tuple(f for f, _ in match), tuple(adds))
            if key not in seen:
                seen.add(key)
                table[key[0][0]].append(_Expansion(key[0], key[1]))
    return table


def _expand(found: list[Token], table: Mapping[str, list[_Expansion]]) -> list[Token]:
    """``found`` plus the other form of every abbreviation or expansion it contains."""
    if not table:
        return found
    plain = [t for t in found if not t.joined]
    by_pos = {t.pos: t.folded for t in plain}
    extra: list[Token] = []
    for token in plain:
        for expansion in table.get(token.folded, ()):
            span = expansion.match
            if all(by_pos.get(token.pos + i) == span[i] for i in range(len(span))):
                extra.extend(Token(token.pos, f, v) for f, v in expansion.adds)
    return found + extra


# -- documents from HTML ----------------------------------------------------------------------
class _PageText(HTMLParser):
    """Collects a rendered page's text per heading section, skipping scripts and permalinks."""

    _HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
    # Tags inside a line of text: no space at their edges ("06-ĐA/<abbr>TU</abbr>" stays one).
    _INLINE = frozenset({"a", "abbr", "b", "cite", "code", "data", "del", "dfn", "em", "i",
                         "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong",
                         "sub", "sup", "time", "u", "var"})

    def __init__(self, skip_anchors: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_anchors = skip_anchors
        self.sections: list[list[str]] = [["", "", ""]]  # anchor, heading, text
        self.parts: list[str] = []
        self.heading: list[str] | None = None
        self.heading_tag = ""
        self.hidden = 0  # depth inside script, style, h1 or a permalink
        self.hidden_stack: list[str] = []
        self.skipping = False  # inside a section left out of the index
        self.paragraph: list[str] | None = None
        self.snippet = ""
        self.kind_line = ""  # the "Mô hình · Lai Châu" line: a snippet when nothing better
        self.in_kind = False
        self.table = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if self.hidden:
            if tag == self.hidden_stack[-1]:
                self.hidden += 1
            return
        classes = (attr.get("class") or "").split()
        if tag in ("script", "style", "h1") or (tag == "a" and "headerlink" in classes):
            self.hidden, self.hidden_stack = 1, [tag]
            return
        if tag in self._HEADINGS:
            self._close_section()
            anchor = attr.get("id") or ""
            self.skipping = anchor in self.skip_anchors
            self.heading, self.heading_tag = [], tag
            self.sections.append([anchor, "", ""])
            return
        if tag == "table":
            self.table += 1
        if tag == "p" and not self.snippet and not self.table and not self.skipping:
            self.paragraph = []
            self.in_kind = "sotay-kind" in classes
        if tag not in self._INLINE:
            self._space()

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            if tag == self.hidden_stack[-1]:
                self.hidden -= 1
            return
        if self.heading is not None and tag == self.heading_tag:
            self.sections[-1][1] = _clean("".join(self.heading))
            self.heading = None
            return
        if tag == "table":
            self.table = max(0, self.table - 1)
        if tag == "p" and self.paragraph is not None:
            text = _clean("".join(self.paragraph))
            if self.in_kind:
                self.kind_line = self.kind_line or text
            else:
                self.snippet = text
            self.paragraph = None
        if tag not in self._INLINE:
            self._space()

    def handle_data(self, data: str) -> None:
        if self.hidden or self.skipping:
            return
        if self.heading is not None:
            self.heading.append(data)
            return
        self.parts.append(data)
        if self.paragraph is not None:
            self.paragraph.append(data)

    def _space(self) -> None:
        if self.heading is not None:
            self.heading.append(" ")
        elif not self.skipping:
            self.parts.append(" ")
            if self.paragraph is not None:
                self.paragraph.append(" ")

    def _close_section(self) -> None:
        self.sections[-1][2] = _clean("".join(self.parts))
        self.parts = []

    def result(self) -> tuple[tuple[Section, ...], str]:
        self._close_section()
        kept = [Section(a, h, t) for a, h, t in self.sections if a not in self.skip_anchors]
        fallback = " ".join(s.text for s in kept if s.text)
        return tuple(kept), _shorten(self.snippet or self.kind_line or fallback)


def _clean(text: str) -> str:
    return _SPACE.sub(" ", nfc(text)).strip()


def _shorten(text: str) -> str:
    if len(text) <= SNIPPET:
        return text
    cut = text[:SNIPPET].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


_HEADING_ID = re.compile(r'<h[2-6][^>]*?\sid="([^"]*)"')
# A listing's items (the core writes each on one line) and its intro paragraph, before them.
_LIST_ITEM = re.compile(r"<li\b[^\n]*?</li>")
_INTRO = re.compile(r"\A(?:(?!<ul)[\s\S])*?<p\b")


def _without_skipped_tail(html: str, skipped: frozenset[str]) -> str:
    """``html`` cut before its trailing run of skipped sections (a record page's backlinks
    and citation), which the parser would only read to throw away."""
    cut = len(html)
    for match in reversed(list(_HEADING_ID.finditer(html))):
        if match.group(1) not in skipped:
            break
        cut = match.start()
    return html[:cut]


def html_text(fragment: str) -> str:
    """The text an HTML fragment shows: tags dropped, entities decoded, spaces collapsed."""
    parser = _FragmentText()
    parser.feed(fragment)
    parser.close()
    return _clean("".join(parser.parts))


class _FragmentText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def page_sections(html: str, skip_anchors: Iterable[str] = SKIPPED_SECTIONS
                  ) -> tuple[tuple[Section, ...], str]:
    """Sections of rendered page HTML (the ``h1`` left out) and a snippet: its first paragraph."""
    skipped = frozenset(skip_anchors)
    parser = _PageText(skipped)
    parser.feed(_without_skipped_tail(html, skipped))
    parser.close()
    return parser.result()


def page_document(html: str, url: str, title: str, record: Record | None = None,
                  listing: bool = False) -> Document:
    """The search document of one rendered page.

    ``title`` is the page title as MkDocs gives it: HTML, entities escaped (``A &amp; B``), as
    the theme prints it. The document keeps plain text, which the client shows with
    ``textContent`` — escaped exactly once, by the browser. A record page's title is the
    record's own, exactly as typed.

    ``record`` is the record a record page shows (its kind and other names come from it);
    a ``listing`` page (generated index, year page) is found by its title and headings only,
    so it doesn't match every word of every record it lists.
    """
    title = record.title if record is not None else html_text(title)
    if listing and _INTRO.search(html):
        # Its items are not indexed: only its headings and intro are read (a type's index
        # lists every record of the type, so reading the items would cost most of the work).
        html = _LIST_ITEM.sub("", html)
    sections, snippet = page_sections(html)
    if listing:
        sections = tuple(Section(s.anchor, s.heading, "") for s in sections)
    if record is not None:
        kind = TYPES_BY_NAME[record.type].label if record.type in TYPES_BY_NAME else record.type
        aliases = tuple(str(a) for a in record.get("ten_khac") or ())
    else:
        kind = "Danh mục" if listing else ("Hướng dẫn" if url.startswith("huong-dan/") else "Trang")
        aliases = ()
    return Document(url, nfc(title), kind, sections, snippet, aliases)


# -- the index --------------------------------------------------------------------------------
def _doc_postings(doc: Document, table: Mapping[str, list[_Expansion]]
                  ) -> dict[tuple[str, str], int]:
    """``(folded, variant) → pos * 4 + cls`` for one document, the strongest occurrence kept."""
    best: dict[tuple[str, str], tuple[int, int]] = {}
    counts: dict[tuple[str, str], int] = defaultdict(int)

    def add(found: list[Token], cls: int, pos_of: int | None, offset: int = 0) -> None:
        for token in _expand(found, table):
            key = (token.folded, token.variant)
            pos = token.pos + offset if pos_of is None else pos_of
            if cls == BODY:
                counts[key] += 1
            old = best.get(key)
            if old is None or (cls, -pos) > (old[0], -old[1]):
                best[key] = (cls, pos)

    add(tokens(doc.title), TITLE, None)
    for k, alias in enumerate(doc.aliases):
        add(tokens(alias), TITLE, None, ALIAS_STRIDE * (k + 1))
    for index, section in enumerate(doc.sections):
        add(tokens(section.heading), HEADING, index)
        add(tokens(section.text), BODY, index)
    result = {}
    for key, (cls, pos) in best.items():
        if cls == BODY and counts[key] >= 3:
            cls = BODY_OFTEN
        result[key] = pos * 4 + cls
    return result


def _doc_order(doc: Document) -> tuple[int, str, str, str]:
    # Ids follow this order and break ties in ranking: shorter titles first.
    return len(words(doc.title)), fold(doc.title), doc.title, doc.url


def _shard_key_file(key: str) -> str:
    """A shard's file name; keys outside a–z, 0–9 are spelt in UTF-8 hex (same rule in JS)."""
    if re.fullmatch(r"[a-z0-9]+", key):
        return f"t-{key}.js"
    return "t-_" + key.encode("utf-8").hex() + ".js"


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _split(key: str, terms: dict[str, dict[str, list[int]]],
           out: dict[str, dict[str, dict[str, list[int]]]]) -> None:
    """Place ``terms`` (all starting with ``key``) under ``key``, or under longer keys if big."""
    longer = {t: v for t, v in terms.items() if len(t) > len(key)}
    if len(key) >= MAX_KEY or not longer or len(_dumps(terms)) <= SHARD_LIMIT:
        out[key] = terms
        return
    exact = {t: v for t, v in terms.items() if len(t) <= len(key)}
    if exact:
        out[key] = exact
    groups: dict[str, dict[str, dict[str, list[int]]]] = defaultdict(dict)
    for term, value in longer.items():
        groups[term[: len(key) + 1]][term] = value
    for sub, group in groups.items():
        _split(sub, group, out)


def build_search_files(documents: Iterable[Document],
                       abbreviations: Iterable[tuple[str, str]] = ()) -> dict[str, bytes]:
    """Every search file to write under ``site/``, by relative path; byte-identical per input."""
    docs = sorted({d.url: d for d in documents}.values(), key=_doc_order)
    table = _expansions(abbreviations)
    postings: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    last: dict[tuple[str, str], int] = {}
    for doc_id, doc in enumerate(docs):
        for key, value in sorted(_doc_postings(doc, table).items()):
            folded, variant = key
            postings[folded][variant] += [doc_id - last.get(key, 0), value]
            last[key] = doc_id

    groups: dict[str, dict[str, dict[str, list[int]]]] = defaultdict(dict)
    for term in postings:
        groups[term[:2]][term] = {v: p for v, p in postings[term].items()}
    shards: dict[str, dict[str, dict[str, list[int]]]] = {}
    for prefix, group in groups.items():
        _split(prefix, group, shards)

    files: dict[str, bytes] = {}
    for shard in sorted(shards):
        body = f"__sotaySearch(\"t\",{_dumps(shard)},{_dumps(shards[shard])});\n"
        files["search/" + _shard_key_file(shard)] = body.encode()
    blocks = (len(docs) + BLOCK - 1) // BLOCK
    for block in range(blocks):
        rows = [_meta_row(d) for d in docs[block * BLOCK:(block + 1) * BLOCK]]
        files[f"search/m-{block}.js"] = (
            f"__sotaySearch(\"m\",{block},{_dumps(rows)});\n".encode())
    # Letters only (a typo in a number is another number) and long enough to be a candidate:
    # one letter more than the shortest word corrected, one less than the longest kept.
    shortest = min(int(str(PARAMS["typo_short_min"])) + 1, int(str(PARAMS["typo_min"])) - 1)
    vocab = sorted(t for t in postings if len(t) >= shortest and t.isalpha() and t.isascii())
    files["search/vocab.js"] = f"__sotaySearch(\"v\",0,{_dumps(vocab)});\n".encode()
    manifest = {"block": BLOCK, "blocks": blocks, "docs": len(docs), "keys": sorted(shards),
                "params": PARAMS, "version": 2}
    files["search/manifest.js"] = f"__sotaySearch(\"manifest\",0,{_dumps(manifest)});\n".encode()
    return dict(sorted(files.items()))


def _meta_row(doc: Document) -> list[object]:
    headings = [[s.anchor, s.heading] for s in doc.sections[1:]]
    return [doc.url, doc.title, doc.kind, doc.snippet, headings]


# The documents of the last build in this process, by URL: a dirty rebuild (mkdocs serve
# --dirty) converts only changed pages, and the index still needs the others.
_remembered: dict[str, Document] = {}


def with_remembered(documents: Iterable[Document], page_urls: frozenset[str]) -> list[Document]:
    """This build's documents, plus the last build's for pages this build did not convert."""
    for document in documents:
        _remembered[document.url] = document
    for url in [u for u in _remembered if u not in page_urls]:
        del _remembered[url]
    return list(_remembered.values())


def write_search_files(site_dir: Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` under ``site_dir`` and drop search files a previous build left behind."""
    folder = site_dir / "search"
    if folder.is_dir():
        for old in folder.glob("*.js"):
            if f"search/{old.name}" not in files:
                old.unlink()
    for path, content in files.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
