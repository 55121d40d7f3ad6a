from lagebild.model.titles import display_title, lead


def test_title_wins():
    assert display_title("  Kim besucht Moskau ", "Text.") == "Kim besucht Moskau"


def test_lead_sentence_of_an_untitled_article():
    text = "Die EU verlängert die Sanktionen gegen Russland. Der Beschluss fiel am Montag."
    assert display_title(None, text) == "Die EU verlängert die Sanktionen gegen Russland."


def test_abbreviation_does_not_end_the_lead():
    assert lead("Laut Dr. Meier ist die Lage ruhig. Zweiter Satz.") .startswith("Laut Dr. Meier ist")


def test_long_lead_is_cut_at_a_word_with_an_ellipsis():
    text = "Wort " * 60
    shown = display_title("", text, limit=40)
    assert len(shown) <= 40 and shown.endswith("…") and not shown.endswith(" …")


def test_no_text_gives_the_source_name():
    assert display_title(None, "", "feeds/agenturen.xml") == "agenturen.xml"
    assert display_title(None, None, None) == "untitled article"
