"""spaCy, imported without PyTorch.

spaCy's machine-learning library (thinc) imports PyTorch whenever it is installed, to offer its
PyTorch layers.  No lagebild stage uses them (the tokenizer is rule-based, the taggers run in
numpy), and on a machine where PyTorch is installed (to train the entity tagger's network, say)
that import was most of a worker's start-up: spaCy took 3.1–3.4 s to import without it and
10.4–10.7 s with it, same loaded 2-core machine, PyTorch 2.13 CPU.

The modules that use spaCy import this module first.  While spaCy loads, ``import torch`` fails
as if PyTorch were not installed, so thinc carries on without it; afterwards PyTorch imports
normally for whoever wants it.  A process that imported PyTorch (or spaCy) before lagebild's
stages is left as it is.
"""

from __future__ import annotations

import sys

if not {"spacy", "thinc", "torch"} & set(sys.modules):
    sys.modules["torch"] = None  # type: ignore[assignment]  # "import torch" raises ImportError
    try:
        import spacy  # noqa: F401
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]
