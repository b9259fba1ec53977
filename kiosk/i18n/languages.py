"""The languages the kiosk serves, read from ``translations/<code>/language.toml``."""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

VOICE = re.compile(r"^(?:[a-z]{2,3}(?:-[a-z0-9-]+)?(?:\+[a-z0-9]+)?)?$")


@dataclass(frozen=True)
class Language:
    """One served language as its translators describe it."""

    code: str
    name: str
    english_name: str
    direction: str
    fallbacks: tuple[str, ...]
    order: int = 100
    voice: str = ""  # the eSpeak NG voice that reads it aloud; "" where none exists

    @property
    def is_rtl(self) -> bool:
        """Tell whether the language is written right to left."""
        return self.direction == "rtl"


class LanguageFileError(ValueError):
    """A ``language.toml`` that cannot be used, with the file it came from."""


def read_language(path: Path) -> Language:
    """Read one ``language.toml``; raise LanguageFileError if it is unusable."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise LanguageFileError(f"{path}:1: {error}") from error
    direction = data.get("direction", "ltr")
    if direction not in ("ltr", "rtl"):
        raise LanguageFileError(f"{path}:1: direction must be ltr or rtl")
    if "review" in data:
        raise LanguageFileError(
            f"{path}:1: review is recorded per page now, in review.toml "
            f"(kiosk i18n mark-reviewed); remove the review line"
        )
    if not data.get("name"):
        raise LanguageFileError(f"{path}:1: name is missing")
    if not VOICE.match(str(data.get("voice", ""))):
        raise LanguageFileError(f"{path}:1: voice must be an eSpeak NG voice name")
    return Language(
        code=path.parent.name,
        name=data["name"],
        english_name=data.get("english_name", path.parent.name),
        direction=direction,
        fallbacks=tuple(data.get("fallbacks", ["en"])),
        order=int(data.get("order", 100)),
        voice=str(data.get("voice", "")),
    )


def load_languages(translations_dir: Path) -> tuple[dict[str, Language], list[str]]:
    """Return the usable languages by code, in file order, and the problems found."""
    languages: dict[str, Language] = {}
    problems: list[str] = []
    for path in sorted(translations_dir.glob("*/language.toml")):
        try:
            language = read_language(path)
        except LanguageFileError as error:
            problems.append(str(error))
            continue
        languages[language.code] = language
    ordered = sorted(languages.values(), key=lambda lang: (lang.order, lang.code))
    return {language.code: language for language in ordered}, problems
