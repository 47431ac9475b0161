"""Converting a PETRARCH-2 verb dictionary (``CAMEO.2.0.txt``) into a tidings verb lexicon.

The PETRARCH-2 format, as its dictionaries use it::

    &CEASEFIRE                    a synonym set: "&" and a label, then "+" members
    +TRUCE                        (words joined by "_" or spaces; plurals are added)
    +CEASE_FIRE
    --- RUSH [---] ---            a verb block: its name and default code ("---": none)
    RUSH                          the verbs of the block, one a line, with irregular forms
    SPEED {SPEEDS SPED}           in {...} and an optional code of their own in [...]
    +CALL_OFF [160]               a multiword verb: "+" marks the word that is the verb
    - * AID [070]                 a pattern: "*" is the verb; words after it are the heads
    - * {ARMS SHIPMENT} [072]       of its objects ({...} a phrase whose last word is the head),
    - * (TO BORDER) [154]           (...) a prepositional phrase, &SET any member of a set,
    - &MILITARY * [154]             words before "*" its subject; "$" and "+" mark the source
    - * (FROM +) [161]              and the target; [A:B] codes A one way and B the reverse
    ~ a (a b ATTACK) SAY = a b 015  a transformation (not converted)

Each verb of a block gets the block's patterns as rows of ``verbs.tsv`` (see
``data/lexicon/verbs.tsv``): the pattern's first condition becomes the row's
``requires`` (``obj:aid``, ``to:border``, ``subj:military|troop|...``), a particle
after the verb joins it ("set off"), and ``+``/``$`` in a prepositional phrase give
``roles``. tidings rows hold one condition; the others of a pattern are kept in its
note, and the conversion counts them.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..data_files import bundled_table
from .cameo import cameo_codes

COLUMNS = ("verb", "cameo", "frame", "requires", "symmetric", "joint", "roles", "note")
# Words after a verb that the parser attaches as its particle ("carry out", "call off").
PARTICLES = frozenset(
    "up down out off away back over forward together forth behind aside along around".split()
)
# Words that follow a multiword verb's verb and may be either its particle or a preposition.
EITHER = frozenset({"in", "on", "over", "around", "along"})
# Where the actors sit when a prepositional phrase holds "+" (the target) or "$" (the source).
TARGET_ROLES = {"to": "to", "from": "from", "against": "about", "over": "about", "about": "about"}
SOURCE_PREPS = frozenset({"by", "from"})
ARTICLES = frozenset({"a", "an", "the"})
CODE = re.compile(r"\[([^\]]*)\]\s*$")


@dataclass
class _Block:
    name: str
    code: str | None
    verbs: list[tuple[str, str | None, str]] = field(default_factory=list)  # lemma, code, condition
    patterns: list[tuple[str, int]] = field(default_factory=list)  # text, line number


@dataclass
class Conversion:
    """What a conversion wrote and what it could not carry over."""

    rows: int = 0
    verbs: int = 0
    patterns: int = 0
    reduced: int = 0
    warnings: list[str] = field(default_factory=list)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4 and not word.endswith("series"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _forms(phrase: str) -> list[str]:
    """The lemma keys a PETRARCH noun or phrase matches: "ARMS_SHIPMENTS" -> "arms shipment", ..."""
    words = phrase.replace("_", " ").lower().split()
    if not words:
        return []
    head = words[-1]
    forms = [" ".join([*words[:-1], _singular(head)]), " ".join(words)]
    forms.append(" ".join([*(_singular(w) for w in words[:-1]), _singular(head)]))
    return list(dict.fromkeys(forms))


def _code(text: str, origin: str, known: dict, warnings: list[str]) -> tuple[str | None, str | None] | None:
    """A PETRARCH code as (one way, the reverse): "042:043", ":173", "---" ("-": no event)."""
    first, _, second = text.partition(":")
    codes = []
    for part in (first.strip(), second.strip()):
        if not part:
            codes.append(None)
        elif part == "---":
            codes.append("-")
        elif part in known:
            codes.append(part)
        else:
            warnings.append(f"{origin}: {part!r} is no CAMEO code; the line is left out")
            return None
    return codes[0], codes[1]


def _read(path: Path, warnings: list[str]) -> tuple[dict[str, list[str]], list[_Block]]:
    synsets: dict[str, list[str]] = {}
    blocks: list[_Block] = []
    label: str | None = None
    transformations = 0
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, 1):
            line = re.sub(r"<!--.*?-->", "", raw)
            line = line.split("#", 1)[0].split(";", 1)[0].rstrip()
            if not line.strip():
                continue
            text = line.strip()
            if text.startswith("---"):
                parts = text.strip("-").split()
                found = CODE.search(" ".join(parts))
                code = found.group(1).strip() if found else "---"
                name = " ".join(p for p in parts if not p.startswith("["))
                blocks.append(_Block(name=name, code=None if code == "---" else code))
                label = None
            elif text.startswith("&"):
                label = text.split()[0]
                synsets[label] = []
            elif text.startswith("~"):
                transformations += 1
            elif text.startswith("-"):
                if not blocks:
                    warnings.append(f"{path}:{number}: a pattern before any verb block is left out")
                    continue
                blocks[-1].patterns.append((text[1:].strip(), number))
            elif text.startswith("+") and label is not None:
                synsets[label].append(text[1:].strip())
            elif blocks:
                label = None
                _verb_line(text, blocks[-1], f"{path}:{number}", warnings)
            else:
                warnings.append(f"{path}:{number}: not understood: {text!r}")
    if transformations:
        warnings.append(f"{path}: {transformations} transformations (~ lines) have no tidings form; left out")
    return synsets, blocks


def _verb_line(text: str, block: _Block, origin: str, warnings: list[str]) -> None:
    """One verb of a block: "SPEED {SPEEDS SPED}", "ASK [020]", "+CALL_OFF [160]", "RE_+ARREST"."""
    found = CODE.search(text)
    code = found.group(1).strip() if found else None
    head = re.sub(r"\{[^}]*\}", "", text[: found.start()] if found else text).split()
    if not head:
        warnings.append(f"{origin}: a verb line without a verb is left out")
        return
    word = head[0]
    condition = ""
    if "_" in word:
        before, plus, after = word.partition("+")
        if not plus:
            before, after = "", word
        parts = [p for p in after.split("_") if p]
        front = [p for p in before.split("_") if p]
        verb = "".join(front + parts[:1]).lower()
        rest = [p.lower() for p in parts[1:]]
        if rest:
            condition = rest[0]
    else:
        verb = word.lstrip("+").lower()
    block.verbs.append((verb, code, condition))


def _tokens(section: str) -> list[str]:
    return section.replace("(", " ( ").replace(")", " ) ").replace("{", " { ").replace("}", " } ").split()


def _phrases(tokens: list[str], synsets: dict[str, list[str]]) -> list[tuple[str, list[str], str | None]]:
    """The conditions of one side of a pattern: (slot, lemma alternatives, actor marker).

    slot is "noun" for a head noun, or the preposition of a prepositional phrase.
    """
    conditions: list[tuple[str, list[str], str | None]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token == "(":
            end = tokens.index(")", index) if ")" in tokens[index:] else len(tokens)
            inner = tokens[index + 1 : end]
            index = end + 1
            if not inner:
                continue
            prep, nouns = inner[0].lower(), inner[1:]
            marker = next((n for n in nouns if n in ("$", "+")), None)
            # The object of the preposition is the phrase's last head ("(TO A VOTE)": vote).
            heads = _phrases([n for n in nouns if n not in ("$", "+")], synsets)
            conditions.append((prep, heads[-1][1] if heads else [], marker))
            continue
        if token == "{":
            end = tokens.index("}", index) if "}" in tokens[index:] else len(tokens)
            words = tokens[index + 1 : end]
            index = end + 1
            conditions.append(("noun", _expand(words, synsets), None))
            continue
        index += 1
        if token in ("$", "+"):
            conditions.append(("actor", [], token))
        elif token in ("^", "%", "}", ")") or token.lower() in ARTICLES:
            continue
        else:
            conditions.append(("noun", _expand([token], synsets), None))
    return conditions


def _expand(words: list[str], synsets: dict[str, list[str]]) -> list[str]:
    """Lemma keys for a phrase whose words may be synonym sets ("{&MILITARY AID}")."""
    phrases = [""]
    for word in words:
        members = synsets.get(word, [word]) if word.startswith("&") else [word]
        phrases = [f"{p} {m}".strip() for p in phrases for m in members]
    return list(dict.fromkeys(form for phrase in phrases for form in _forms(phrase)))


def _rows(
    block: _Block, synsets: dict[str, list[str]], known: dict, path: Path, result: Conversion
) -> list[tuple[list[str], bool]]:
    """The rows of a block's verbs and patterns, each with whether conditions were dropped."""
    rows: list[tuple[list[str], bool]] = []
    for verb, own_code, condition in block.verbs:
        code = own_code or block.code
        key, requires = _multiword(verb, condition)
        if code:
            codes = _code(code, f"{path}: {block.name} {verb}", known, result.warnings)
            if codes and codes[0]:
                rows.append(([key, codes[0], "", requires, "", "", "", f"PETRARCH {block.name}"], False))
    for pattern, number in block.patterns:
        origin = f"{path}:{number}"
        found = CODE.search(pattern)
        if not found or "*" not in pattern:
            result.warnings.append(f"{origin}: a pattern needs a verb (*) and a [code]; left out")
            continue
        codes = _code(found.group(1), origin, known, result.warnings)
        if codes is None:
            continue
        before, _, after = pattern[: found.start()].partition("*")
        undefined = [w for w in re.findall(r"&\w+", pattern) if w not in synsets]
        if undefined:
            result.warnings.append(f"{origin}: undefined synonym set {undefined[0]}; left out")
            continue
        subjects = [
            ("subj" if slot == "noun" else slot, forms, marker)
            for slot, forms, marker in _phrases(_tokens(before), synsets)
        ]
        objects = _phrases(_tokens(after), synsets)
        result.patterns += 1
        reduced = False
        for verb, _, condition in block.verbs:
            row, dropped = _pattern_row(verb, condition, codes, subjects, list(objects), pattern)
            rows.append((row, dropped))
            reduced = reduced or dropped
        result.reduced += reduced
    return rows


def _multiword(verb: str, condition: str) -> tuple[str, str]:
    """The lexicon key and condition of a multiword verb: "call off", "ask" + "for:"."""
    if not condition:
        return verb, ""
    if condition in PARTICLES:
        return f"{verb} {condition}", ""
    if condition in ("for", "with", "at", "to", "into", "after", "by", "from", "against", "about", "of"):
        return verb, f"{condition}:"
    if condition in EITHER:
        return f"{verb} {condition}", ""
    return verb, f"obj:{condition}"


def _pattern_row(
    verb: str,
    condition: str,
    codes: tuple[str | None, str | None],
    subjects: list[tuple[str, list[str], str | None]],
    objects: list[tuple[str, list[str], str | None]],
    pattern: str,
) -> tuple[list[str], bool]:
    """The row of one pattern for one verb of its block, and whether conditions were dropped."""
    key, verb_requires = _multiword(verb, condition)
    first = objects[0] if objects else None
    if first and first[0] == "noun" and first[1] and first[1][0] in PARTICLES and " " not in key:
        key = f"{key} {objects.pop(0)[1][0]}"
    forward, reverse = codes
    roles = ""
    for slot, _, marker in objects:
        if marker == "+" and slot in TARGET_ROLES:
            roles = TARGET_ROLES[slot]
        elif marker == "$" and slot in SOURCE_PREPS:
            roles = "converse"
    if forward is None:
        # [:173]: only the reverse event, the object of the pattern acting on its subject.
        forward, roles = reverse, "converse"
    symmetric = "yes" if reverse is not None and reverse == forward and roles != "converse" else ""
    # The object comes first: it is what most patterns are about ("* SANCTIONS", "* (TO BORDER)").
    conditions = [
        (("obj" if slot == "noun" else slot), forms)
        for slot, forms, _ in objects + subjects
        if forms or slot not in ("noun", "subj", "actor")
    ]
    if verb_requires:
        slot, _, forms = verb_requires.partition(":")
        conditions.insert(0, (slot, [forms] if forms else []))
    requires = f"{conditions[0][0]}:{'|'.join(conditions[0][1])}" if conditions else ""
    reduced = len(conditions) > 1
    note = f"PETRARCH - {' '.join(pattern.split())}" + ("; only the first condition kept" if reduced else "")
    row = [key, forward or "", "", requires, symmetric, "", roles, note]
    return row, reduced


def _unique(rows: list[tuple[list[str], bool]]) -> list[list[str]]:
    """One row per verb and condition, most specific condition first for each verb.

    "* DEMONSTRATION (IN SUPPORT) [051]" reduced to "obj:demonstration" must not hide
    "* DEMONSTRATION [141]": where a reduced row and a whole one share their condition, the
    whole one is kept; otherwise the first.
    """
    chosen: dict[tuple[str, str], tuple[list[str], bool]] = {}
    for row, reduced in rows:
        key = (row[0], row[3])
        if key not in chosen or (chosen[key][1] and not reduced):
            chosen[key] = (row, reduced)
    first = {}
    for row, _ in chosen.values():
        first.setdefault(row[0], len(first))
    # Whole patterns before reduced ones, which are a broader guess; conditions naming words
    # before a bare preposition ("to:border" before "to:"); the verb's bare row last.
    return [
        row
        for row, reduced in sorted(
            chosen.values(),
            key=lambda item: (first[item[0][0]], not item[0][3], item[1], item[0][3].endswith(":")),
        )
    ]


def convert_petrarch_verbs(source: str | Path, output: str | Path) -> Conversion:
    """Write the verbs and patterns of a PETRARCH-2 verb dictionary as a tidings verb lexicon (TSV).

    source: the PETRARCH verb dictionary (``CAMEO.2.0.txt`` or one in its format).
    output: the TSV to write, with the columns of ``data/lexicon/verbs.tsv``.
    Returns the counts and the warnings about lines that could not be carried over.
    """
    source = Path(source)
    result = Conversion()
    synsets, blocks = _read(source, result.warnings)
    known = cameo_codes()
    rows: list[tuple[list[str], bool]] = []
    for block in blocks:
        result.verbs += len(block.verbs)
        rows.extend(_rows(block, synsets, known, source, result))
    # tidings codes statements by its own rules (data/lexicon/speech.tsv): a row for "say" would make
    # every attribution an event and hide the event that was said.
    speech = {row["verb"] for row in bundled_table("lexicon", "speech.tsv")}
    spoken = {row[0] for row, _ in rows if row[0] in speech}
    rows = [(row, reduced) for row, reduced in rows if row[0] not in spoken]
    if spoken:
        result.warnings.append(
            f"{source}: the rows of {len(spoken)} verbs of saying are left out "
            f"({', '.join(sorted(spoken))}): tidings codes statements by its own rules"
        )
    unique = _unique(rows)
    with Path(output).open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            f"# converted from the PETRARCH verb dictionary {source.name} "
            "by tidings lexicon import-petrarch\n"
            "# columns as in tidings' data/lexicon/verbs.tsv; use with --lexicon FILE\n"
        )
        writer = csv.writer(
            handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\"
        )
        writer.writerow(COLUMNS)
        writer.writerows(unique)
    result.rows = len(unique)
    if result.reduced:
        result.warnings.append(
            f"{source}: {result.reduced} patterns have more than one condition; their first is kept "
            "(the whole pattern is in the row's note)"
        )
    return result
