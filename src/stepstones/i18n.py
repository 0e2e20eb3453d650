"""Which languages the interface offers: English, plus every language with a translation file."""

from __future__ import annotations

from pathlib import Path

from django.conf.locale import LANG_INFO


def translated_languages(locale_dir: Path) -> list[tuple[str, str]]:
    """Return `(code, name)` for each `<code>/LC_MESSAGES/django.po` under `locale_dir`.

    Adding a language of the region (mk, sq, sr-latn, ...) is then a translation file, not code.
    Names are the language's own (`Македонски`), as Django knows them; English is left out
    because it is always offered.
    """
    languages = []
    for path in sorted(locale_dir.glob("*/LC_MESSAGES/django.po")):
        folder = path.parent.parent.name
        code = folder.replace("_", "-").lower()
        if code != "en":
            languages.append((code, str(LANG_INFO.get(code, {}).get("name_local", folder))))
    return languages
