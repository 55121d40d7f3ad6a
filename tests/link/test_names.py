"""Name folding and person comparison."""

from __future__ import annotations

import pytest

from lagebild.link.names import compare_persons, fold, geo_key, person_name


@pytest.mark.parametrize("a, b", [
    ("Budanow", "Budanov"), ("Selenskyj", "Zelensky"), ("Lawrow", "Lavrov"), ("Pjöngjang", "Pyongyang"),
    ("Schoigu", "Shoigu"), ("Wladimir", "Vladimir"), ("Choe Son-hui", "Choe Son Hui"),
    ("Kim Jong-un", "Kim Jong Un"), ("Kyrylo Budanow", "Kyrylo Budanov"),
])
def test_names_fold_romanizations_agree(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize("a, b, same", [
    ("Kyrylo Budanow", "Kyrylo Budanov", True),
    ("Wolodymyr Selenskyj", "Volodymyr Zelensky", True),
    ("Sergej Lawrow", "Sergei Lavrov", True),
    ("Kim Jong-un", "Kim Jong Un", True),
    ("Kim Jong Un", "Kim Yo Jong", False),
    ("John Kirby", "James Kirby", False),
    ("Choe Son-hui", "Choe Son Hui", True),
    ("Kim Jong-un", "Kim Jong-gyu", False),
    ("Kim Jong Un", "Kim Jong-gyu", False),
])
def test_names_compare_persons(a: str, b: str, same: bool) -> None:
    match = compare_persons(person_name(a), person_name(b))
    assert (match.score >= 0.9) is same, match
    assert "surname" in match.features


def test_names_korean_surname_first() -> None:
    assert person_name("Kim Jong-un").surname == fold("Kim")
    assert person_name("John Kirby").surname == fold("Kirby")


@pytest.mark.parametrize(("a", "b"), [
    ("Kaspische Meer", "Caspian Sea"), ("Arabische Meer", "Arabian Sea"), ("Japanisches Meer", "Sea of Japan"),
])
def test_names_geo_key_agrees_across_languages(a: str, b: str) -> None:
    assert geo_key(a) is not None and geo_key(a) == geo_key(b)


@pytest.mark.parametrize(("a", "b"), [("Kaspische Meer", "Schwarzes Meer"), ("Caspian Sea", "Lake Caspian")])
def test_names_geo_key_keeps_features_apart(a: str, b: str) -> None:
    assert geo_key(a) != geo_key(b)


def test_names_geo_key_needs_a_feature_word() -> None:
    assert geo_key("Kursk") is None and geo_key("Meer") is None
