"""English named-entity gold: CoNLL/IOB token files and GUM's CoNLL-U entity layer.

Read by :func:`read_english` into the same :class:`~lagebild.eval.ner.NerSentence` as GermEval,
over the labels PER, ORG, LOC and MISC.  The layout is told from the file itself:

* ``token tag`` lines (space or tab, the tag after the last tab; wikigold, WNUT-17, Broad Twitter Corpus), ``-DOCSTART-``
  lines and blank lines between sentences;
* ``index token tag …`` lines with ``#`` comment lines (Universal NER, ``.iob2``);
* CoNLL-U with CorefUD ``Entity=`` brackets in MISC (GUM).

Tags are IOB1 or IOB2 (BIOES too); chunks are read as conlleval reads them, so an ``I-`` that does
not continue a chunk of its label opens one (IOB1's way).  Types map to the four labels:
person → PER; location, place, GPE → LOC; organization, group, corporation → ORG; MISC, product,
creative-work → MISC (WNUT-17's six types as its four-type figure counts them).  A line starting
with ``#`` is a comment unless it has a valid tag where the tag belongs (a hashtag token); an
empty token tagged ``O`` (``<TAB>O``) is passed over, an empty one inside a name is an error.

GUM annotates every mention (pronouns and common nouns too, and a pronoun carries the Wikipedia
identity of its antecedent), so its names are read off the trees: a mention of type person,
place or organization whose head (the token whose syntactic head lies outside the mention) is a
proper noun (UPOS PROPN or PTB tag NNP/NNPS: "United" in "United States" is an NNP verb) names
something; the name is the run of proper nouns around that head, with "of", "de",
"&" between two of them ("Robert Louis Stevenson", "University of Sydney"; "the city of Oslo" is
headed by a noun and gives only its inner mention "Oslo").  Overlapping names: the longest.  The
text lagebild reads is the sentence as printed (``SpaceAfter=No`` honoured).  Other files are printed with
:func:`~lagebild.eval.align.detokenize`, clitics ("'s", "n't") glued to the word before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from lagebild.errors import GoldError
from lagebild.eval.align import detokenize
from lagebild.eval.reading import numbered_lines

EN_LABELS = ("PER", "ORG", "LOC", "MISC")
#: a type as the English sets write it (lower case) → the label scored
TYPE_MAP = {
    "per": "PER", "person": "PER",
    "loc": "LOC", "location": "LOC", "place": "LOC", "gpe": "LOC",
    "org": "ORG", "organization": "ORG", "organisation": "ORG", "group": "ORG", "corporation": "ORG",
    "misc": "MISC", "product": "MISC", "creative-work": "MISC",
}
GUM_TYPES = {"person": "PER", "place": "LOC", "organization": "ORG"}
#: words that join two proper nouns into one name ("Bank of England", "Simon & Schuster")
_NAME_JOINERS = frozenset({"of", "de", "&", "du", "von", "van", "der", "la", "al"})
_TAG = re.compile(r"^(?:O|([BIES])-([A-Za-z][\w-]*))$")
_CLITICS = frozenset({"'s", "’s", "n't", "n’t", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m"})

Tag = tuple[str, str | None]


def english_tag(tag: str, path: Path, line: int) -> Tag:
    """``("B", "ORG")`` from ``B-corporation``; ``("O", None)`` for ``O``."""
    m = _TAG.match(tag)
    label = TYPE_MAP.get(m.group(2).lower()) if m and m.group(2) else None
    if m is None or (m.group(1) and label is None):
        raise GoldError(path, f"unknown NE tag {tag!r} (expected O or B/I/E/S- + person, location, "
                              f"organization, misc or a WNUT-17 type)", line)
    if m.group(1) is None:
        return "O", None
    return m.group(1), label


def _is_tag(tag: str) -> bool:
    m = _TAG.match(tag)
    return m is not None and (m.group(2) is None or m.group(2).lower() in TYPE_MAP)


def english_text(tokens: Sequence[str], space_after: Sequence[bool] | None = None
                 ) -> tuple[str, list[tuple[int, int]]]:
    """The sentence as printed and each token's span: by ``space_after`` where the file says,
    else detokenized with clitics glued to the word before."""
    if space_after is None:
        _, spans = detokenize(tokens)
        space_after = [k + 1 < len(spans) and spans[k + 1][0] > spans[k][1]
                       and tokens[k + 1].lower() not in _CLITICS for k in range(len(spans))]
    parts: list[str] = []
    out: list[tuple[int, int]] = []
    pos = 0
    for tok, space in zip(tokens, space_after):
        out.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
        if space:
            parts.append(" ")
            pos += 1
    return "".join(parts).rstrip(), out


def _layout(path: Path) -> str:
    """"conllu", "indexed" (index token tag …) or "plain" (token tag) from the first lines."""
    for _, line in numbered_lines(path):
        fields = line.rstrip("\n").split("\t")
        if not line.strip() or line.startswith("-DOCSTART-"):
            continue
        if line.startswith("#") and not (len(line.split()) == 2 and _is_tag(line.split()[1])):
            continue
        if len(fields) == 10 and fields[0].isdigit():
            return "conllu"
        if len(fields) >= 3 and fields[0].isdigit() and _is_tag(fields[2].strip()):
            return "indexed"
        return "plain"
    raise GoldError(path, "no sentences found")


def read_english(path: Path):
    """Sentences of an English NER gold file (see the module docstring)."""
    from lagebild.eval.ner import NerSentence, chunks  # cycle: eval.ner imports read_english from here

    path = Path(path)
    layout = _layout(path)
    if layout == "conllu":
        return read_gum(path)
    sentences: list[NerSentence] = []
    tokens: list[str] = []
    tags: list[Tag] = []
    first = 0

    def flush() -> None:
        nonlocal tokens, tags
        if tokens:
            sentences.append(NerSentence(tuple(tokens), tuple(chunks(tags)), None, first, str(path.name)))
        tokens, tags = [], []

    for number, line in numbered_lines(path):
        stripped = line.strip()
        if not stripped or stripped.startswith("-DOCSTART-"):
            flush()
            continue
        if layout == "indexed":
            fields = stripped.split("\t")
            if stripped.startswith("#") and not (len(fields) >= 3 and fields[0].isdigit()):
                continue
            if len(fields) < 3 or not fields[0].isdigit():
                raise GoldError(path, f"expected 'index<TAB>token<TAB>tag', got {stripped[:40]!r}", number)
            token, tag = fields[1], fields[2].strip()
        else:
            if "\t" in line:  # the tag is after the last tab; the token may hold a space ("ke s")
                before, _, after = line.rstrip("\r\n").rpartition("\t")
                fields = [f for f in (before.strip(), after.strip()) if f]
            else:
                fields = stripped.split()
            if stripped.startswith("#") and not (len(fields) == 2 and _is_tag(fields[1])):
                continue
            if len(fields) == 1 and "\t" in line and english_tag(fields[0], path, number)[0] == "O":
                continue  # an empty token outside any name (the Broad Twitter Corpus has a few): nothing to read
            if len(fields) != 2:
                raise GoldError(path, f"expected 'token tag', got {len(fields)} fields", number)
            token, tag = fields
        if not tokens:
            first = number
        tokens.append(token)
        tags.append(english_tag(tag, path, number))
    flush()
    if not sentences:
        raise GoldError(path, "no sentences found")
    return sentences


# --- GUM ---------------------------------------------------------------------------------------

def _brackets(ent: str) -> list[tuple[str, str, list[str]]]:
    """CorefUD brackets in reading order: ``("open", id, fields)``, ``("single", id, fields)``
    or ``("close", id, [])``."""
    out: list[tuple[str, str, list[str]]] = []
    i, n = 0, len(ent)
    while i < n:
        if ent[i] == "(":
            j = i + 1
            while j < n and ent[j] not in "()":
                j += 1
            ident, _, rest = ent[i + 1:j].partition("-")
            single = j < n and ent[j] == ")"
            out.append(("single" if single else "open", ident, rest.split("-", 6)))
            i = j + 1 if single else j
        else:
            m = re.match(r"(\d+)\)", ent[i:])
            if m is None:
                i += 1
                continue
            out.append(("close", m.group(1), []))
            i += m.end()
    return out


def _gum_names(rows: list[list[str]], path: Path, line: int) -> list[tuple[int, int, str]]:
    """The PER/LOC/ORG name chunks of one GUM sentence (see the module docstring)."""
    heads = [int(r[6]) if r[6].isdigit() else 0 for r in rows]
    open_: dict[str, list[tuple[int, list[str]]]] = {}
    mentions: list[tuple[int, int, list[str]]] = []
    for i, r in enumerate(rows):
        ent = next((p[len("Entity="):] for p in r[9].split("|") if p.startswith("Entity=")), "")
        if not ent:
            continue
        for kind, ident, fields in _brackets(ent):
            if kind == "single":
                mentions.append((i, i + 1, fields))
            elif kind == "open":
                open_.setdefault(ident, []).append((i, fields))
            else:
                stack = open_.get(ident)
                if not stack:
                    raise GoldError(path, f"entity {ident} closed but never opened", line + i)
                start, opened = stack.pop()
                mentions.append((start, i + 1, opened))
    proper = [r[3] == "PROPN" or r[4] in ("NNP", "NNPS") for r in rows]
    words = [r[1].lower() for r in rows]

    def name_token(k: int, a: int, b: int) -> bool:
        return a <= k < b and proper[k]

    names = []
    for a, b, fields in mentions:
        label = GUM_TYPES.get(fields[0]) if fields else None
        if label is None:
            continue
        head = next((k for k in range(a, b) if not a < heads[k] <= b), a)
        if not proper[head]:
            continue
        first, last = head, head + 1
        while True:
            if name_token(first - 1, a, b):
                first -= 1
            elif first - 2 >= a and words[first - 1] in _NAME_JOINERS and name_token(first - 2, a, b):
                first -= 2
            else:
                break
        while True:
            if name_token(last, a, b):
                last += 1
            elif words[last:last + 1] and words[last] in _NAME_JOINERS and name_token(last + 1, a, b):
                last += 2
            else:
                break
        names.append((first, last, label))
    names.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    outer: list[tuple[int, int, str]] = []
    for a, b, label in names:
        if all(b <= x or a >= y for x, y, _ in outer):
            outer.append((a, b, label))
    return sorted(outer)


def read_gum(path: Path):
    """GUM CoNLL-U: one sentence per tree, names per :func:`_gum_names`, text as printed."""
    from lagebild.eval.ner import NerSentence  # cycle: eval.ner imports read_gum from here

    sentences: list[NerSentence] = []
    rows: list[list[str]] = []
    first = 0
    doc: str | None = None

    def flush() -> None:
        nonlocal rows
        if rows:
            chunks = _gum_names(rows, path, first)
            tokens = tuple(r[1] for r in rows)
            space = tuple("SpaceAfter=No" not in r[9].split("|") for r in rows)
            sentences.append(NerSentence(tokens, tuple(chunks), None, first, doc, None, space))
        rows = []

    for number, line in numbered_lines(path):
        stripped = line.rstrip("\n")
        if stripped.startswith("# newdoc id"):
            doc = stripped.split("=", 1)[1].strip()
        if not stripped.strip():
            flush()
            continue
        if stripped.startswith("#"):
            continue
        cols = stripped.split("\t")
        if len(cols) != 10:
            raise GoldError(path, f"expected 10 CoNLL-U columns, got {len(cols)}", number)
        if "-" in cols[0] or "." in cols[0]:
            continue  # multi-word token lines and empty nodes
        if not rows:
            first = number
        rows.append(cols)
    flush()
    if not sentences:
        raise GoldError(path, "no sentences found")
    return sentences


__all__ = ["EN_LABELS", "read_english", "read_gum", "english_text", "english_tag"]
