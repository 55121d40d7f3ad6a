"""The evaluation harness: gold readers and scorers behind ``lagebild eval``.

``evaluate(task, gold)`` runs lagebild's own pipeline on a gold corpus and returns a
JSON-serialisable dict of figures; ``format_table(result)`` renders it.  Tasks: ``ner``
(GermEval 2014), ``timex`` (WikiWarsDE), ``quotes`` (SpkAtt-2023 task 2), ``events`` (packaged
JSON lines).  Each scorer's definitions are in its module's docstring.
"""

from lagebild.eval.events import score_events
from lagebild.eval.quotes import spkatt_split
from lagebild.eval.table import format_table
from lagebild.eval.tasks import TASKS, Task, evaluate

__all__ = ["evaluate", "TASKS", "Task", "format_table", "score_events", "spkatt_split"]
