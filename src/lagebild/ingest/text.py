"""Plain text and Markdown, each with optional YAML front matter between leading ``---`` lines.

Markdown is stripped lightly (headings, emphasis, links and images, inline code, block quotes,
rules, fences) because the stored text is what offsets refer to; the title defaults to the
first ``# `` heading.
"""

from __future__ import annotations

import re
from typing import Any

from lagebild.errors import InputError
from lagebild.ingest.draft import Draft, draft_from_mapping
from lagebild.ingest.limits import Limits, too_deep

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)??(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def split_front_matter(text: str, limits: Limits = Limits()) -> tuple[dict[str, Any], str] | str:
    """(metadata, body) for a text with or without front matter, or the reason it is unusable
    (among them: longer than ``limits.max_front_matter`` characters, or lists and maps nested
    deeper than ``limits.max_depth``)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    m = _FRONT.match(text)
    if m is None:
        return {}, text
    import yaml  # lazy: ~0.08 s, needed only for files with front matter

    size = len(m.group(1) or "")
    if size > limits.max_front_matter:
        return (f"front matter is {size:,} characters, over the limit of {limits.max_front_matter:,} "
                f"(max_front_matter)")
    try:
        data = yaml.load(m.group(1) or "", Loader=_front_matter_loader(limits.max_depth))  # noqa: S506 - safe, below
    except _TooDeep as exc:
        return too_deep(exc.depth, limits.max_depth, "front matter")
    except yaml.YAMLError as exc:
        return _yaml_reason(exc)
    except (ValueError, TypeError, RecursionError) as exc:  # a value YAML itself cannot build
        return f"invalid YAML front matter: {exc}"
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return "invalid YAML front matter: not a set of 'key: value' lines"
    return data, text[m.end():]


def read_text(text: str, source: str, *, markdown: bool = False, limits: Limits = Limits()) -> Draft | InputError:
    """One draft from a .txt or .md file's decoded text."""
    split = split_front_matter(text, limits)
    if isinstance(split, str):
        return InputError(source, split)
    data, body = split
    if markdown:
        title = first_heading(body)
        body = strip_markdown(body)
        if title and "title" not in data:
            data = {**data, "title": title}
    if not body.strip():
        return InputError(source, "no text after the front matter" if data else "empty file (only whitespace)")
    return draft_from_mapping(source, data, body)


class _TooDeep(Exception):
    def __init__(self, depth: int) -> None:
        super().__init__(depth)
        self.depth = depth


def _front_matter_loader(max_depth: int = Limits.max_depth) -> type:
    """YAML's safe loader without aliases (``*a`` may expand to gigabytes: a few hundred bytes
    of nested aliases are a bomb), with lists and maps nested at most ``max_depth`` deep (the
    composer recurses per level), and with dates kept as text, so that an impossible date is the
    date reader's to report, not a crash inside YAML."""
    import yaml  # lazy: as above

    class FrontMatterLoader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in front matter",
                                                  event.start_mark)
            if self.check_event(yaml.SequenceStartEvent, yaml.MappingStartEvent):
                if self.depth >= max_depth:
                    raise _TooDeep(self.depth + 1)
                self.depth += 1
                try:
                    return super().compose_node(parent, index)
                finally:
                    self.depth -= 1
            return super().compose_node(parent, index)

    FrontMatterLoader.yaml_constructors = {
        **yaml.SafeLoader.yaml_constructors,
        "tag:yaml.org,2002:timestamp": yaml.SafeLoader.yaml_constructors["tag:yaml.org,2002:str"],
    }
    return FrontMatterLoader


def _yaml_reason(exc: Exception) -> str:
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    mark = getattr(exc, "problem_mark", None)
    where = f" (line {mark.line + 2} of the file)" if mark is not None else ""
    return f"invalid YAML front matter: {problem}{where}"


# --- Markdown -----------------------------------------------------------------------------

_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M)
_H1 = re.compile(r"^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M)
_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+)[ \t]*$", re.M)
_FENCE = re.compile(r"^ {0,3}(?:```|~~~).*$", re.M)
_QUOTE = re.compile(r"^ {0,3}>[ \t]?", re.M)
_LINK_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.M)
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_CODE = re.compile(r"`+([^`\n]+?)`+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")


def first_heading(markdown: str) -> str | None:
    """The text of the first level-1 heading, its inline syntax stripped."""
    m = _H1.search(markdown)
    return _inline(m.group(1)).strip() or None if m else None


def strip_markdown(markdown: str) -> str:
    """Markdown → plain text, lightly: block markers and inline syntax go, the words stay."""
    text = _FENCE.sub("", markdown)
    text = _LINK_DEF.sub("", text)
    text = _RULE.sub("", text)
    text = _HEADING.sub(r"\1", text)
    text = _QUOTE.sub("", text)
    return _inline(text)


def _inline(text: str) -> str:
    text = _CODE.sub(r"\1", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _STAR.sub(r"\1", text)
    text = _UNDERSCORE.sub(r"\1", text)
    text = _STRIKE.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)
