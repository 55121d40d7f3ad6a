"""Headline quotes ("Sanders: Clinton Email Story Has Moved") and the added English speech verbs."""

from __future__ import annotations

import pytest

from lagebild.analyze.quotes.headline import headline_quote
from lagebild.analyze.quotes.stage import find


@pytest.mark.parametrize("title, speaker, message", [
    ("Sanders: Clinton Email Story Has Moved", "Sanders", "Clinton Email Story Has Moved"),
    ("Trump: ‘I’m the Worst Thing That Ever Happened to the Establishment.’", "Trump",
     "‘I’m the Worst Thing That Ever Happened to the Establishment.’"),
    ("NY Daily News: Paris Terror Attacks Highlight Threat", "NY Daily News", "Paris Terror Attacks Highlight Threat"),
])
def test_quotes_headline_speaker_colon_words(title, speaker, message):
    text = title + "\n\nThe body of the article follows here."
    q = headline_quote(text, "en", "t")
    assert q is not None and q.speaker.text == speaker and q.text == message and q.cue.text == ":"
    assert text[q.start:q.end] == message and text[q.speaker.start:q.speaker.end] == speaker


@pytest.mark.parametrize("text, language", [
    ("Update: the polls close at eight\n\nBody.", "en"),  # a section label, not a speaker
    ("Sanders: Wins\n\nBody.", "en"),  # too short to be someone's words
    ("Merkel: Wir schaffen das schon\n\nText.", "de"),  # English titles only
    ("In 2016: Clinton Leads the Race\n\nBody.", "en"),
    ("He said it. Then: More Words Came Out\n\nBody.", "en"),
    ("Sanders: Clinton Email Story Has Moved", "en"),  # no body: not a title line
])
def test_quotes_headline_not_a_quote(text, language):
    assert headline_quote(text, language, "t") is None


def test_quotes_headline_found_by_the_stage_with_its_frame():
    text = "Sanders: Clinton Email Story Has Moved\n\nThe senator spoke in Iowa on Monday."
    quotes = find(text, [(0, 38), (40, len(text))], (), "en")
    head = [q for q in quotes if q.cue is not None and q.cue.text == ":"]
    assert len(head) == 1 and head[0].speaker.text == "Sanders"


@pytest.mark.parametrize("sentence, cue", [
    ("The senator vowed that the bill would pass next week.", "vowed"),
    ("A new poll shows that the race is tightening in Ohio.", "shows"),
    ("Smith conceded that the campaign had made mistakes.", "conceded"),
])
def test_quotes_english_speech_verbs_added(sentence, cue):
    quotes = find(sentence, [(0, len(sentence))], (), "en")
    assert any(q.cue is not None and q.cue.text == cue for q in quotes)


@pytest.mark.parametrize("sentence, message", [
    ("Sanders said he’s heading now to South Carolina.", "he’s heading now to South Carolina"),
    ("In a statement, he said bullying doesn't just happen to children.", "bullying doesn't just happen to children"),
    ("Obama said we must act now on climate.", "we must act now on climate"),
])
def test_quotes_english_said_with_a_bare_clause(sentence, message):
    quotes = find(sentence, [(0, len(sentence))], (), "en")
    assert [q.text for q in quotes] == [message]
