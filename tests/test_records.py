"""Records: (de)serialisation round trips."""

from __future__ import annotations

import json

from lagebild.model import Quote, Span, Speaker


def test_records_quote_round_trips_split_cue_and_gaps():
    quote = Quote(0, 40, "x" * 40, "indirect", cue=Span(5, 10, "teilte"), speaker=Speaker(11, 18, "Polizei"),
                  stage="lagebild.quotes.v5", cue_extra=Span(30, 33, "mit"),
                  gaps=(Span(4, 19, ", so X,"), Span(25, 28, "laut")))
    data = json.loads(json.dumps(quote.to_dict()))
    assert data["gaps"][1] == {"start": 25, "end": 28, "text": "laut"}
    back = Quote.from_dict(data)
    assert back == quote
    assert isinstance(back.gaps, tuple) and all(isinstance(g, Span) for g in back.gaps)


def test_records_quote_stored_before_split_cues_still_loads():
    old = {"start": 0, "end": 5, "text": "Hallo", "kind": "direct", "cue": {"start": 7, "end": 12, "text": "sagte"},
           "speaker": None, "stage": "lagebild.quotes.v4"}
    quote = Quote.from_dict(old)
    assert quote.cue == Span(7, 12, "sagte") and quote.cue_extra is None and quote.gaps == ()


def test_records_quote_round_trips_frame_and_addressee():
    quote = Quote(20, 40, "x" * 20, "indirect", cue=Span(4, 9, "sagte"), frame=(Span(0, 19, "Er sagte gegenüber X,"),),
                  addressee=Span(15, 18, "X"), quoted=(Span(25, 30, "„x x“"),))
    back = Quote.from_dict(json.loads(json.dumps(quote.to_dict())))
    assert back == quote and isinstance(back.frame, tuple) and isinstance(back.addressee, Span)
    assert isinstance(back.quoted[0], Span)
