"""The link stage (DESIGN §3): canonical entities, near-duplicates and stories, facts with their
origins and corroboration, discrepancies, timeline and cited summaries — incremental.

    stats = link(store)                      # only what was analysed since the last link
    link(store, full=True)                   # recompute everything
    judge(store, "Budanow", "Budanov", "same")
    export_sections(store)                   # entities, stories, facts, timeline, discrepancies, summaries
"""

from lagebild.link.export import LinkError, entity_of_mention, export_sections, find_entities, judge
from lagebild.link.runner import link

__all__ = ["LinkError", "entity_of_mention", "export_sections", "find_entities", "judge", "link"]
