"""Build the story terms' background frequencies: in how many sentences of general text each term occurs.

    python3 training/stories/term_df.py [--data ../shared/data] [--out src/lagebild/resources/stories]

The link stage weighs the terms it compares articles and stories by (``lagebild.link.stories``:
lower-cased words of four letters or more cut to seven) by their rarity in general text, so that
"kommt", "lässt" or "April" count less than "Stichwahl" or "Fairnessabkommen".  The counts come
from permissively licensed text only:

- German: the sentences of GermEval 2014 NER train (news and Wikipedia, CC BY 4.0);
- English: the sentences of GUM's permissively licensed genres, train (``gum-en``; annotations
  CC BY 4.0, texts CC BY / CC BY-SA, Wikinews news among them), and of the English Web Treebank
  train (``ud-english-ewt``, CC BY-SA 4.0).

Writes ``<out>/<lang>/term_df.tsv``: ``#`` lines (what it holds), ``<sentences><TAB>N`` (the
sentences counted), then ``term<TAB>sentences`` for every term seen in at least :data:`MIN_DF` sentences (a term not
listed counts as seen in none).  Deterministic: the same data gives the same file.
"""

from __future__ import annotations

import argparse
import lzma
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from lagebild.link.stories import STEM, _WORD

ROOT = Path(__file__).resolve().parents[2]
MIN_DF = 2

SOURCES = {
    "de": ("germeval2014-ner/NER-de-train.outer-bioes.txt.xz",
           "GermEval 2014 NER train (Benikova et al. 2014), CC BY 4.0"),
    "en": ("gum-en/gum-en.train.conllu.xz ud-english-ewt/en_ewt-ud-train.conllu.xz",
           "GUM train, permissively licensed genres (Zeldes 2017; annotations CC BY 4.0, texts CC BY /\n"
           "# CC BY-SA) and UD English EWT train (Silveira et al. 2014; CC BY-SA 4.0)"),
}
#: the data line that holds the number of sentences counted (no term has angle brackets)
SENTENCES = "<sentences>"


def germeval_sentences(path: Path) -> Iterator[str]:
    """Sentences of the two-column ``token tag`` file, blank lines between them."""
    tokens: list[str] = []
    with lzma.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.strip():
                tokens.append(line.rsplit(" ", 1)[0])
            elif tokens:
                yield " ".join(tokens)
                tokens = []
    if tokens:
        yield " ".join(tokens)


def conllu_sentences(path: Path) -> Iterator[str]:
    """The ``# text =`` line of every sentence of a CoNLL-U file."""
    with lzma.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("# text = "):
                yield line[len("# text = "):].strip()


def count(sentences: Iterator[str]) -> tuple[int, Counter[str]]:
    df: Counter[str] = Counter()
    n = 0
    for sentence in sentences:
        n += 1
        df.update({w.lower()[:STEM] for w in _WORD.findall(sentence)})
    return n, df


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "lagebild" / "resources" / "stories")
    args = ap.parse_args()
    for lang, (rel, credit) in SOURCES.items():
        read = germeval_sentences if lang == "de" else conllu_sentences
        n, df = 0, Counter()
        for name in rel.split():
            m, counts = count(read(args.data / name))
            n, df = n + m, df + counts
        kept = sorted((t, c) for t, c in df.items() if c >= MIN_DF)
        out = args.out / lang / "term_df.tsv"
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as handle:
            handle.write("# Story terms (lagebild.link.stories.terms) and the number of sentences that hold each, of\n")
            handle.write(f"# {credit}.\n")
            handle.write("# Built by training/stories/term_df.py; read by lagebild.link.stories (term weights).\n")
            handle.write(f"{SENTENCES}\t{n}\n")
            for term, c in kept:
                handle.write(f"{term}\t{c}\n")
        print(f"{lang}: {n} sentences, {len(df)} terms, {len(kept)} kept -> {out}")


if __name__ == "__main__":
    main()
