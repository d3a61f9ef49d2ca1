"""What a fitted config makes the bundle do at run time, checked with the source checker's rules.

The source checker (``check_files``) sees the patterns written in the source. A pattern built at
run time, read from a settings file, or held in a config that an importer wrote (scikit-learn's
``(?u)\\b\\w\\w+\\b``) reaches the bundle only through the featurizer's config, so it is checked
there, with the same rules (``scan_pattern``, TS701-TS710; TS711 for a replacement rule's pattern),
in three places:

- ``from_config`` in Python refuses such a config (``featurizers.base.from_config``, Python only),
  and so do the command lines that load one, and training before it fits anything;
- the build refuses the fitted config before it compiles anything (``compiler.build.build``);
- ``_host.compile_pattern`` refuses such a pattern in CPython, whoever builds it: a featurizer of
  your own that compiles a pattern from its parameters (or from anything else) is covered without
  declaring anything, at its first ``transform``.

Which parameters hold patterns, a featurizer declares in ``PATTERN_PARAMS`` (``Tokenizer``:
``["token_pattern"]``; ``TextCleaner``: ``["rules"]``). Such a parameter holds None, a pattern, a
list of patterns, or a list of lists whose first item is a pattern (``[pattern, replacement]``, a
replacement rule, whose pattern must also match at least one character: TS711).
The declaration is what lets ``from_config`` and the build name the parameter before anything
runs; the ``compile_pattern`` check is the net under it.

Every other value of the config is checked as the bundle embeds it: an int beyond 2**53-1 would be
rounded by JS (TS401), and NaN or Infinity are not JSON (the bundle's ``JSON.parse`` refuses them).

A refusal names the featurizer (and where it sits in the config), the parameter, the value, each
construct with its rule, and the rewrite, with the toolkit operation to use
(``featurizers.portable``): ``UnportableConfig``, a ``ValueError``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from featurizers.compiler.check.patterns import _CLASS_ESCAPE_REWRITES, scan_pattern, scan_substitution
from featurizers.compiler.check.rules import MAX_SAFE_INTEGER, RULES

# Rewrites of the word boundaries (the class escapes' are the source checker's, patterns.py).
_BOUNDARY_REWRITES = {
    "\\b": 'JS has no Unicode word boundary: match the word characters themselves, e.g. "[" + portable.WORD_CHARS + "]{2,}" for \\b\\w\\w+\\b',
    "\\B": "JS has no Unicode word boundary: match the characters themselves, with classes of portable.WORD_CHARS",
}

# Whole patterns people bring from scikit-learn and Keras: (the portable pattern that gives the same
# matches in CPython, as an expression over featurizers.portable; a note). A test evaluates each
# expression and compares its matches with the pattern's on the adversarial texts.
WHOLE_REWRITES = {
    "(?u)\\b\\w\\w+\\b": ('"[" + portable.WORD_CHARS + "]{2,}"', "scikit-learn's default token_pattern: the same tokens"),
    "\\b\\w\\w+\\b": ('"[" + portable.WORD_CHARS + "]{2,}"', "the same tokens"),
    "(?u)\\b\\w+\\b": ('"[" + portable.WORD_CHARS + "]+"', "the same tokens"),
    "\\b\\w+\\b": ('"[" + portable.WORD_CHARS + "]+"', "the same tokens"),
    "\\w+": ('"[" + portable.WORD_CHARS + "]+"', "the same tokens"),
    "\\S+": ('"[^" + portable.SPACE_CHARS + "]+"', "the same tokens; token_pattern=None is str.split(), the same again"),
    "\\d+": ('"[" + portable.DECIMAL_CHARS + "]+"', "the same matches"),
}


def whole_rewrite(pattern):
    """The rewrite of a whole pattern people bring, as text, or None."""
    if pattern not in WHOLE_REWRITES:
        return None
    expression, note = WHOLE_REWRITES[pattern]
    return f"{expression} ({note})"


def rewrite_of(rule, fragment):
    """The portable spelling for one non-portable construct of a pattern."""
    if rule == "TS701" and fragment in _CLASS_ESCAPE_REWRITES:
        return _CLASS_ESCAPE_REWRITES[fragment]
    if rule == "TS701" and fragment in _BOUNDARY_REWRITES:
        return _BOUNDARY_REWRITES[fragment]
    if rule == "TS704" and fragment == "(?u)":
        return "drop it: a str pattern is Unicode in CPython, and the bundle's RegExp has the u flag"
    return RULES[rule].rewrite


@dataclass(frozen=True)
class Construct:
    """One construct of a value that the bundle would run otherwise than CPython."""

    rule: str  # a checker rule (TS401, TS7xx), or "JSON" for NaN and Infinity
    fragment: str  # the construct as written
    offset: int | None  # where it is in a pattern (characters), None for a whole value
    rewrite: str

    def __str__(self):
        if self.rule == "JSON":
            return f"`{self.fragment}` is not JSON: the bundle embeds its config as JSON, and JSON.parse refuses NaN and Infinity; {self.rewrite}"
        rule = RULES[self.rule]
        at = f" at {self.offset}" if self.offset is not None else ""
        return f"{self.rule} {rule.construct} `{self.fragment}`{at}: {rule.diverges}; rewrite: {self.rewrite}"


@dataclass(frozen=True)
class ConfigFinding:
    """A value of a config that cannot run the same in JS: where, which parameter, and why."""

    featurizer: str  # the featurizer's type
    location: str  # where it sits in the config ("" for the top), e.g. "Pipeline.steps[1]"
    param: str  # the parameter (or state) name, with the index inside it: "rules[0][0]"
    value: object  # the value there (a pattern, a number)
    constructs: tuple  # of Construct
    whole_rewrite: str | None = None  # a rewrite of the whole pattern, where one is known

    @property
    def where(self):
        return f"{self.featurizer} (at {self.location})" if self.location else self.featurizer

    def __str__(self):
        kind = "pattern" if isinstance(self.value, str) else "value"
        lines = [f"{self.where}: {self.param} = {self.value!r}: this {kind} runs otherwise in JavaScript:"]
        lines += [f"  {construct}" for construct in self.constructs]
        if self.whole_rewrite is not None:
            lines.append(f"  the whole pattern: {self.whole_rewrite}")
        return "\n".join(lines)


class UnportableConfig(ValueError):
    """A config (or a pattern) that the JS bundle would run otherwise than CPython: refused in Python
    and at build time. ``findings`` lists each value (``ConfigFinding``)."""

    def __init__(self, findings, what="the config"):
        self.findings = list(findings)
        body = "\n".join(str(finding) for finding in self.findings)
        super().__init__(
            f"{what} cannot run the same in JavaScript ({len(self.findings)} value(s) outside the portable subset; "
            f"rules: python -m featurizers check, README 'Restricted Python'):\n{body}"
        )


def pattern_constructs(pattern, substitution=False):
    """The non-portable constructs of a pattern (``scan_pattern``, or ``scan_substitution`` for a
    replacement rule's), with rewrites, in order."""
    scan = scan_substitution if substitution else scan_pattern
    return tuple(
        Construct(rule, fragment, None if rule == "TS711" else offset, rewrite_of(rule, fragment)) for offset, rule, fragment in scan(pattern)
    )


def patterns_in(value):
    """``[(index, pattern, substitution)]`` of a pattern parameter's value: None (none), a str, a list
    of str, or a list of lists whose first item is the pattern of a replacement rule
    (``[pattern, replacement]``: ``substitution`` is True, and TS711 applies)."""
    if isinstance(value, str):
        return [("", value, False)]
    found = []
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            if isinstance(item, str):
                found.append((f"[{i}]", item, False))
            elif isinstance(item, (list, tuple)) and len(item) > 0 and isinstance(item[0], str):
                found.append((f"[{i}][0]", item[0], True))
    return found


def _registered(featurizer_type):
    from featurizers.compiler.build import registered_class

    return registered_class(featurizer_type) if isinstance(featurizer_type, str) else None


def check_config(config):
    """The ``ConfigFinding``s of a featurizer config (``get_config()`` output, fitted or not) and of
    every featurizer config inside it, in config order; [] when it runs the same in JS."""
    findings = []
    _check(config, "", findings)
    return findings


def _is_featurizer_config(value):
    return isinstance(value, dict) and isinstance(value.get("type"), str)


def _check(config, location, findings):
    featurizer_type = config["type"]
    cls = _registered(featurizer_type)
    pattern_params = list(getattr(cls, "PATTERN_PARAMS", [])) if cls is not None else []
    chain = location or featurizer_type  # what the location of a featurizer config inside starts with
    for key, value in config.items():
        if key == "type":
            continue
        if key in pattern_params:
            for index, pattern, substitution in patterns_in(value):
                constructs = pattern_constructs(pattern, substitution)
                if constructs:
                    findings.append(ConfigFinding(featurizer_type, location, key + index, pattern, constructs, whole_rewrite(pattern)))
        _check_values(value, key, chain, featurizer_type, location, findings)


def _check_values(value, path, chain, featurizer_type, location, findings):
    """Numbers the bundle would read otherwise, and the featurizer configs nested in ``value``
    (at ``path`` in the featurizer ``featurizer_type``, which sits at ``location``)."""
    if _is_featurizer_config(value):
        _check(value, f"{chain}.{path}", findings)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_values(item, f"{path}[{key!r}]", chain, featurizer_type, location, findings)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            _check_values(item, f"{path}[{i}]", chain, featurizer_type, location, findings)
    elif isinstance(value, bool):
        return
    elif isinstance(value, int) and abs(value) > MAX_SAFE_INTEGER:
        construct = Construct("TS401", str(value), None, RULES["TS401"].rewrite)
        findings.append(ConfigFinding(featurizer_type, location, path, value, (construct,)))
    elif isinstance(value, float) and not math.isfinite(value):
        construct = Construct("JSON", repr(value), None, "keep the state finite (fit on finite values)")
        findings.append(ConfigFinding(featurizer_type, location, path, value, (construct,)))


def refuse_unportable(config, what=None):
    """Raise ``UnportableConfig`` when ``check_config(config)`` finds anything."""
    findings = check_config(config) if _is_featurizer_config(config) else []
    if findings:
        raise UnportableConfig(findings, what or f"the {config['type']} config")


def refuse_unportable_featurizer(featurizer, what=None):
    """``refuse_unportable`` of a featurizer's ``get_config()`` (fitted or not)."""
    refuse_unportable(featurizer.get_config(), what or f"the featurizer {type(featurizer).__name__}")


def refuse_unportable_pattern(pattern):
    """Raise ``UnportableConfig`` for a pattern outside the portable subset (``_host.compile_pattern``
    in CPython, for any pattern, built-in, configured or built at run time)."""
    constructs = pattern_constructs(pattern)
    if constructs:
        finding = ConfigFinding("a pattern compiled at run time", "", "pattern", pattern, constructs, whole_rewrite(pattern))
        raise UnportableConfig([finding], "_host.compile_pattern: the pattern")
