"""The widgets' strings in every bundled language: each file has every key,
the placeholders of the English, and the plural forms its language needs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel import Locale

from lessonkit.strings import (
    LOCALES_DIR,
    UI_STRINGS,
    StringsError,
    bundled_languages,
    check_strings_option,
    load_locale,
    plural,
    strings_for,
    theme_language,
    theme_language_problem,
    theme_languages,
)
from sitebuild import build, copy_course

# The languages the issue asks for (#13), as Material names them in theme.language.
REQUIRED = "en de fr es it pt nl pl sv cs uk tr ja ko zh hi ar he".split()
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def problems_in(path: Path) -> list[str]:
    """What a language file lacks or gets wrong, against the English table."""
    language = path.stem
    table = load_locale(path)
    found = [f"missing key '{key}'" for key in UI_STRINGS if key not in table]
    categories = set(Locale.parse(language).plural_form.tags) | {"other"}
    for key, value in table.items():
        english = set(PLACEHOLDER.findall(str(UI_STRINGS[key])))
        forms = value if isinstance(value, dict) else {"other": value}
        if isinstance(value, dict) and set(value) != categories:
            found.append(f"'{key}' has forms {sorted(value)}; {language} counts with {sorted(categories)}")
        if set(PLACEHOLDER.findall(forms["other"])) != english:
            found.append(f"'{key}' must keep the placeholders {sorted(english)}")
        for category, text in forms.items():
            if not text.strip():
                found.append(f"'{key}' ({category}) is empty")
            if not set(PLACEHOLDER.findall(text)) <= english:
                found.append(f"'{key}' ({category}) has a placeholder the English does not")
    return found


def test_every_required_language_is_bundled():
    assert set(REQUIRED) <= set(bundled_languages())


@pytest.mark.parametrize("language", [lang for lang in bundled_languages() if lang != "en"])
def test_every_bundled_language_has_every_key(language: str):
    assert problems_in(LOCALES_DIR / f"{language}.yml") == []


def test_a_missing_key_or_a_wrong_plural_is_found(tmp_path: Path):
    german = (LOCALES_DIR / "de.yml").read_text(encoding="utf-8")
    broken = tmp_path / "de.yml"
    broken.write_text(german.replace("reset:", "# reset:"), encoding="utf-8")
    assert problems_in(broken) == ["missing key 'reset'"]
    polish = (LOCALES_DIR / "pl.yml").read_text(encoding="utf-8")
    broken = tmp_path / "pl.yml"
    broken.write_text(re.sub(r"\n  few: .*", "", polish), encoding="utf-8")
    assert problems_in(broken) == ["'score' has forms ['many', 'one', 'other']; pl counts with ['few', 'many', 'one', 'other']"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("check: [Prüfen]\n", "'check' must be a text (put it in quotes)"),
        ("chek: Prüfen\n", "unknown key 'chek'"),
        ("score:\n  one: eins\n", "'score' by count takes texts under zero, one, two, few, many, other (and always 'other')"),
        ("- check\n", "expected 'key: text' lines"),
        ("check: 'Prüfen\n", "not valid YAML"),
    ],
)
def test_a_broken_language_file_names_file_key_and_fix(tmp_path: Path, text: str, message: str):
    path = tmp_path / "xx.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StringsError) as error:
        load_locale(path)
    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)


def test_a_wrong_override_names_the_key_and_the_fix():
    with pytest.raises(StringsError) as error:
        strings_for("de", {"check": ["Prüfen"]})
    assert str(error.value) == "'check' must be a text (put it in quotes)"


KNOWN = ", ".join(UI_STRINGS)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"show_anser": "x"}, f"unknown key(s) 'show_anser' (did you mean 'show_answer'?); known: {KNOWN}"),
        ({"show_anser": "x", "zzz": "y"}, f"unknown key(s) 'show_anser' (did you mean 'show_answer'?), 'zzz'; known: {KNOWN}"),
        ({"check": 3}, "'check' must be a text (put it in quotes)"),
        ({"score": {"one": "x"}}, "'score' by count takes texts under zero, one, two, few, many, other (and always 'other'); found one"),
        (["check"], "expected 'key: text' lines, e.g. {show_answer: \"Antwort zeigen\"}"),
    ],
)
def test_the_strings_option_is_checked_by_one_function(value: object, message: str):
    with pytest.raises(StringsError) as error:
        check_strings_option(value)
    assert str(error.value) == message
    check_strings_option({"check": "Prüfen", "score": {"one": "a", "other": "b"}})  # a good one passes


MATERIAL = {"en", "es", "pt", "pt-BR", "zh", "zh-Hant", "zh-TW"}


@pytest.mark.parametrize(
    ("language", "expected", "note"),
    [
        ("es", "es", None),
        ("pt-BR", "pt-BR", None),
        ("es-MX", "es", "lessonkit: theme.language 'es-MX': the theme has no 'es-MX'; the site is in 'es'"),
        ("pt_br", "pt-BR", "lessonkit: theme.language 'pt_br': the theme has no 'pt_br'; the site is in 'pt-BR'"),
        ("zh-HK", "zh-Hant", "lessonkit: theme.language 'zh-HK': the theme has no 'zh-HK'; the site is in 'zh-Hant'"),
        (None, None, None),
    ],
)
def test_a_regional_language_the_theme_lacks_falls_back_with_one_line(language, expected, note):
    assert theme_language(language, MATERIAL) == (expected, note)


def test_an_unknown_theme_language_names_the_known_ones():
    with pytest.raises(StringsError) as error:
        theme_language("xx", MATERIAL)
    assert str(error.value) == (
        "theme.language 'xx' is not a language of the theme; known: en, es, pt, pt-BR, zh, zh-Hant, zh-TW "
        "(or add partials/languages/xx.html to the site's custom_dir)"
    )
    assert theme_language("xx", set()) == ("xx", None)  # a theme without language partials: not checked


def test_where_the_language_cannot_be_changed_a_fallback_names_the_one_to_write():
    """The Markdown extension (Zensical): the same rule, a problem for each language the theme lacks."""
    assert theme_language_problem("pt-BR", MATERIAL) is None and theme_language_problem(None, MATERIAL) is None
    assert theme_language_problem("zh-HK", MATERIAL) == (
        "theme.language 'zh-HK': the theme has no 'zh-HK' (write theme.language: zh-Hant)"
    )
    with pytest.raises(StringsError) as error:
        theme_language("xx", MATERIAL)
    assert theme_language_problem("xx", MATERIAL) == str(error.value)
    assert theme_language_problem("xx", set()) is None


def test_the_themes_languages_are_its_partials(tmp_path: Path):
    import material

    languages = theme_languages([Path(material.__file__).parent / "templates"])
    assert {"en", "es", "de", "pt-BR", "zh-Hant"} <= languages and "es-MX" not in languages
    (tmp_path / "partials" / "languages").mkdir(parents=True)
    (tmp_path / "partials" / "languages" / "xx.html").write_text("", encoding="utf-8")
    assert theme_languages([tmp_path]) == {"xx"}


def test_the_language_picks_the_table_and_overrides_win():
    german, note = strings_for("de")
    assert (german["check"], german["show_answer"], note) == ("Antworten prüfen", "Antwort anzeigen", None)
    assert strings_for("de", {"check": "Prüfen!"})[0]["check"] == "Prüfen!"
    assert strings_for("pt-BR")[0]["check"] == "Verificar respostas"  # falls back to pt
    assert strings_for("en") == (UI_STRINGS, None)


def test_a_language_without_a_table_builds_in_english_and_says_how_to_add_one():
    strings, note = strings_for("eo")
    assert strings == UI_STRINGS
    assert note is not None and "'eo'" in note and "src/lessonkit/locales/eo.yml" in note and "'strings'" in note
    # Traditional Chinese is not the simplified zh table.
    assert strings_for("zh-Hant")[0]["check"] == "Check answers"
    # A course that translates every string itself needs no note.
    assert strings_for("eo", {key: f"[{key}]" for key in UI_STRINGS})[1] is None


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("en", 1, "{correct} of {total} correct"),
        ("pl", 1, "{correct} poprawna odpowiedź z {total}"),
        ("pl", 3, "{correct} poprawne odpowiedzi z {total}"),
        ("pl", 5, "{correct} poprawnych odpowiedzi z {total}"),
        ("pl", 22, "{correct} poprawne odpowiedzi z {total}"),
        ("ar", 0, "لا إجابات صحيحة من أصل {total}"),
        ("ar", 2, "إجابتان صحيحتان من أصل {total}"),
        ("ar", 11, "{correct} إجابة صحيحة من أصل {total}"),
        ("fr", 0, "{correct} bonne réponse sur {total}"),
        ("xx-nonsense", 1, "{correct} bonnes réponses sur {total}"),  # unknown: 'other'
    ],
)
def test_plural_forms_follow_the_language(language: str, count: int, expected: str):
    table = strings_for(language.replace("xx-nonsense", "fr"))[0]["score"]
    assert plural(table, count, language) == expected


def _build_in(tmp_path: Path, language: str):
    project = copy_course(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("\n  language: en\n", f"\n  language: {language}\n"),
        encoding="utf-8",
    )
    return build(project)


def test_a_build_in_a_language_without_a_table_logs_one_line(tmp_path: Path):
    result = _build_in(tmp_path, "eo")
    assert result.returncode == 0, result.output
    lines = [line for line in result.output.splitlines() if "no bundled widget strings" in line]
    assert len(lines) == 1 and lines[0].startswith("INFO") and "locales/eo.yml" in lines[0]
    assert "Show answer" in result.page("practice/video-generation.md")


def test_a_german_build_says_german_without_javascript(tmp_path: Path):
    result = _build_in(tmp_path, "de")
    assert result.returncode == 0, result.output
    html = result.page("practice/video-generation.md")
    assert "<summary data-search-exclude>Antwort anzeigen</summary>" in html
    assert "Zurück zur Lektion" in html
    assert "Show answer" not in html
    assert "no bundled widget strings" not in result.output
