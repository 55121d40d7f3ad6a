"""The system under test: lagebild's own pipeline, cut down to what a task needs."""

from __future__ import annotations

from lagebild.analyze.pipeline import DEFAULT_STAGES, Pipeline, registered


def chain_for(target: str) -> tuple[str, ...]:
    """The shortest prefix-ordered chain of default stages that ``target`` needs.

    Walks :data:`DEFAULT_STAGES` backwards from ``target`` and keeps each stage that provides a
    layer still required, so that a stage gaining a requirement later is followed here without
    edits.
    """
    specs = registered()
    if target not in specs:
        raise KeyError(f"unknown stage {target!r}")
    order = list(DEFAULT_STAGES)
    if target not in order:
        order.append(target)
    needed = set(specs[target].requires)
    chain = [target]
    for name in reversed(order[:order.index(target)]):
        spec = specs[name]
        if needed & set(spec.provides):
            chain.append(name)
            needed -= set(spec.provides)
            needed |= set(spec.requires)
    return tuple(reversed(chain))


def build(target: str) -> Pipeline:
    return Pipeline.build(chain_for(target))
