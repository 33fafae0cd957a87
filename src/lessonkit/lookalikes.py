"""Letters that look like Latin ones and are not: a Cyrillic 'е' in ``mеdia``,
a Greek 'ο' in ``vidεο`` (issue 21, section 7).

An id typed on a Cyrillic or Greek keyboard, or pasted from a document that
mixed them, looks right and matches nothing; the message names the character
(its Unicode name, from :mod:`unicodedata`) and the Latin word meant. The
table holds the letters Unicode's confusables list (UTS #39) maps to one Latin
letter, for the two scripts where that happens by accident.
"""

from __future__ import annotations

import unicodedata

__all__ = ["character_name", "in_its_script", "latin_twin", "lookalike_hint", "lookalikes_in"]

_LATIN_TWINS = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "ë", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s",
    "і": "i", "ї": "ï", "ј": "j", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l",
    "А": "A", "В": "B", "Е": "E", "Ё": "Ë", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Ԛ": "Q", "Ԝ": "W", "Һ": "H",
    # Greek
    "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}


_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def _script(character: str) -> str:
    name = unicodedata.name(character, "")
    return next((script for script in _SCRIPTS if name.startswith(script + " ")), "")


_LOOKALIKE_OF = {(_script(other), latin): other for other, latin in _LATIN_TWINS.items()}
"""(script, Latin letter) -> that script's look-alike of it: what a Latin letter in a Cyrillic word should be."""


def character_name(character: str) -> str:
    """``'е'`` -> ``a Cyrillic 'е'``; a letter of no such script -> its Unicode name."""
    script = _script(character)
    if script and (script != "LATIN" or character.isascii()):
        return f"a {script.capitalize()} '{character}'"
    name = unicodedata.name(character, "")
    return f"'{character}' ({name})" if name else f"the character U+{ord(character):04X}"


def _main_script(word: str) -> str:
    """The script most of the word's letters are in (Latin when as many are)."""
    counts = {script: sum(1 for character in word if _script(character) == script) for script in _SCRIPTS}
    return max(_SCRIPTS, key=lambda script: (counts[script], script == "LATIN"))


def lookalikes_in(word: str) -> list[str]:
    """The letters of ``word`` that look like a letter of its main script and are not one, in order, once each."""
    main = _main_script(word)
    if main == "LATIN":
        return list(dict.fromkeys(character for character in word if character in _LATIN_TWINS))
    return list(dict.fromkeys(character for character in word if (main, character) in _LOOKALIKE_OF))


def in_its_script(word: str) -> str:
    """``word`` with each look-alike as the letter of its main script it looks like."""
    main = _main_script(word)
    if main == "LATIN":
        return latin_twin(word)
    return "".join(_LOOKALIKE_OF.get((main, character), character) for character in word)


def latin_twin(word: str) -> str:
    """``word`` with each look-alike as the Latin letter it looks like (full-width letters too)."""
    return unicodedata.normalize("NFKC", "".join(_LATIN_TWINS.get(character, character) for character in word))


def lookalike_hint(word: str, candidates: list[str]) -> str | None:
    """When ``word`` and one of ``candidates`` differ only by look-alikes: which letter, and the word meant.

    ``'mеdia' has a Cyrillic 'е'; did you mean 'media'?`` (the look-alike in the word), or
    ``did you mean 'mеdia'? It has a Cyrillic 'е': write it as 'media' there, and here`` (in the candidate).
    """
    twin = latin_twin(word)
    for candidate in candidates:
        if candidate == word or latin_twin(candidate) != twin:
            continue
        mine, theirs = lookalikes_in(word), lookalikes_in(candidate)
        if mine and not theirs:
            return f"'{word}' has {_names(mine)}; did you mean '{candidate}'?"
        if theirs:
            return (
                f"did you mean '{candidate}'? It has {_names(theirs)}: "
                f"write it as '{in_its_script(candidate)}' there, and here"
            )
    return None


def _names(characters: list[str]) -> str:
    names = [character_name(character) for character in characters]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
