"""`timeline.toml`: the project's declarative settings, loaded once into a typed object."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

import platformdirs

from timeline.distributed import check_scheduler
from timeline.errors import ConfigError

CONFIG_FILE = "timeline.toml"
# Written into every site: the files the build wrote, so only those are ever replaced.
SITE_MANIFEST = ".timeline-manifest.json"
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")  # fullmatch: "$" would let "\n" through
_LANGUAGE = re.compile(r"[a-z]{2,3}")  # an ISO 639 code, as language detection gives it
_COLOUR_KEYS = ("accent", "accent_dark")


def default_cache() -> Path:
    """The user's cache folder (~/.cache/timeline, or under $XDG_CACHE_HOME), not the current
    folder: a build run anywhere leaves nothing behind there, and results are keyed by content,
    so every project can share them."""
    return platformdirs.user_cache_path("timeline")


@dataclass(frozen=True)
class Config:
    """Everything a build needs to know besides its input files."""

    title: str = "Timeline"
    inputs: tuple[Path, ...] = ()
    output: Path = Path("site")
    intro: str = ""  # Markdown, rendered and sanitised onto the timeline page
    colors: dict[str, str] = field(default_factory=dict)  # accent colours for light/dark themes
    templates: Path | None = None  # a folder of the user's own templates overriding ours
    base_url: str = ""  # only for canonical links; every link in the site stays relative
    processes: int = 0  # worker processes for the NLP pass; 0 means one per core
    scheduler: str | None = None  # a Dask scheduler (tcp://host:8786 or local:N) instead
    cache: Path | None = field(default_factory=default_cache)  # None turns the cache off
    max_bytes: int = 20_000_000  # larger input files are skipped with a message
    max_entries: int | None = None  # keep only the N most important entries
    pdf: bool = False  # also write report.pdf (needs the `pdf` extra)
    strict: bool = False  # warnings fail the build at the end
    follow_links: bool = False  # read what links leaving the input folders point to
    # Articles detected in another language are reported and kept out of events (the English
    # model would parse them into nonsense); their text is still on their source page.
    languages: tuple[str, ...] = ("en",)
    reanchor: bool = False  # re-anchor documents whose date line contradicts the collection
    reanchor_metadata: bool = False  # ...and those whose metadata date does (--reanchor only)

    def with_overrides(self, **overrides: object) -> Config:
        """Return a copy with every override that is not None applied."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return Config(**values)

    @property
    def workers(self) -> int:
        return self.processes or os.cpu_count() or 1


def load_config(path: Path) -> Config:
    """Read `timeline.toml`; every error in it is reported together in one ConfigError."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot be read ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"{path}: is not valid TOML ({error}); check quotes and brackets"
        ) from None
    base = path.parent
    errors: list[str] = []
    values: dict[str, object] = {}
    known = {f.name for f in fields(Config)} - {"reanchor_metadata"} | {"input"}
    for key in sorted(set(data) - known):
        errors.append(f"unknown setting `{key}`; expected one of {', '.join(sorted(known))}")

    def get(key: str, kind: type | tuple[type, ...], label: str) -> object:
        value = data.get(key)
        if value is not None and not isinstance(value, kind):
            errors.append(f"`{key}` is {value!r}: expected {label}")
            return None
        return value

    if (title := get("title", str, "text")) is not None:
        values["title"] = title
    if (intro := get("intro", str, "Markdown text")) is not None:
        values["intro"] = intro
    inputs = data.get("inputs", data.get("input"))
    if isinstance(inputs, str):
        inputs = [inputs]
    if inputs is not None:
        if isinstance(inputs, list) and all(isinstance(i, str) for i in inputs):
            values["inputs"] = tuple(base / i for i in inputs)
        else:
            errors.append(f"`inputs` is {inputs!r}: expected a folder or a list of paths")
    if (scheduler := get("scheduler", str, "tcp://host:8786 or local:N")) is not None:
        try:
            values["scheduler"] = check_scheduler(scheduler)
        except ConfigError as error:
            errors.append(str(error))
    for key in ("output", "templates"):
        if (value := get(key, str, "a path")) is not None:
            values[key] = base / value
    if (cache := get("cache", (str, bool), "a folder, or false")) is not None:
        values["cache"] = (
            None if cache is False else base / (".timeline-cache" if cache is True else cache)
        )
    if (base_url := get("base_url", str, "a URL such as https://user.github.io/repo/")) is not None:
        if base_url and not base_url.startswith(("https://", "http://")):
            errors.append(f"`base_url` is {base_url!r}: expected an http(s) URL")
        else:
            values["base_url"] = base_url
    for key, least in (("processes", 0), ("max_bytes", 1), ("max_entries", 1)):
        value = get(key, int, "a whole number")
        if value is not None:
            if isinstance(value, bool) or value < least:
                errors.append(f"`{key}` is {value!r}: expected a whole number of {least} or more")
            else:
                values[key] = value
    if isinstance(values.get("templates"), Path) and not values["templates"].is_dir():
        errors.append(
            f"`templates` is {data['templates']!r}, but {values['templates']} is not a folder; "
            "create it with your templates, or remove the setting to use the built-in ones"
        )
    languages = data.get("languages")
    if languages is not None:
        if isinstance(languages, list) and all(
            isinstance(code, str) and _LANGUAGE.fullmatch(code) for code in languages
        ):
            values["languages"] = tuple(dict.fromkeys(languages))  # (): any language
        else:
            errors.append(
                f"`languages` is {languages!r}: expected a list of language codes "
                'such as ["en", "fr"]'
            )
    for key in ("pdf", "strict", "follow_links", "reanchor"):
        if (value := get(key, bool, "true or false")) is not None:
            values[key] = value
    colors = get("colors", dict, 'a table such as [colors] accent = "#1f5fbf"')
    if isinstance(colors, dict):
        for name, colour in sorted(colors.items()):
            if name not in _COLOUR_KEYS:
                errors.append(
                    f"`colors.{name}` is unknown; expected one of {', '.join(_COLOUR_KEYS)}"
                )
            elif not isinstance(colour, str) or not _COLOUR.fullmatch(colour):
                errors.append(
                    f'`colors.{name}` is {colour!r}: expected a hex colour such as "#1f5fbf"'
                )
        values["colors"] = {
            k: v for k, v in colors.items() if k in _COLOUR_KEYS and isinstance(v, str)
        }
    if errors:
        raise ConfigError(f"{path}: " + "; ".join(errors))
    return Config(**values)
