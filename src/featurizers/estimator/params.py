"""scikit-learn's estimator protocol and repr for featurizers: parameters, clones, tags.

A featurizer's parameters are its ``__init__`` arguments, stored under the same names (as
scikit-learn's contract asks). The featurizers a featurizer holds (a ``Pipeline``'s steps,
``Columns``' fields, or one in a parameter) are its children: ``get_params(deep=True)`` names
them as scikit-learn does and adds their parameters as ``child__param``:

- a list of featurizers (``Pipeline.steps``): each by its class name in lower case, numbered
  from 1 where a name repeats (``make_pipeline``'s ``tokenizer-1``, ``tokenizer-2``);
- a list of ``[name, featurizer]`` pairs (``Columns.columns``): each by its name, numbered the
  same way (a name holding ``__`` becomes ``column-K``, K its position from 1);
- a featurizer as a parameter's value: by the parameter's name.
"""

import copy
import inspect

_PARAMS = {}  # class -> its parameter names, in __init__'s order


def param_names(cls):
    """The ``__init__`` arguments of ``cls`` (not ``*args`` or ``**kwargs``)."""
    names = _PARAMS.get(cls)
    if names is None:
        signature = inspect.signature(cls.__init__)
        kinds = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
        names = [p.name for p in list(signature.parameters.values())[1:] if p.kind in kinds]
        _PARAMS[cls] = names
    return names


def _defaults(cls):
    signature = inspect.signature(cls.__init__)
    return {name: p.default for name, p in signature.parameters.items() if p.default is not inspect.Parameter.empty}


def _is_featurizer(value):
    from featurizers.base import Featurizer

    return isinstance(value, Featurizer)


def _numbered(names):
    """``names`` with each that repeats numbered from 1 in order (``tokenizer-1``, ``tokenizer-2``)."""
    seen = {name: 0 for name in names}
    repeated = {name for name in names if names.count(name) > 1}
    numbered = []
    for name in names:
        if name in repeated:
            seen[name] += 1
            name = f"{name}-{seen[name]}"
        numbered.append(name)
    return numbered


def children(featurizer):
    """``[(name, param, index, child)]``: the featurizers ``featurizer`` holds, named as
    ``get_params(deep=True)`` names them; ``index`` is the child's position in the parameter's
    list (None for a parameter whose value is the child)."""
    found = []
    for param in param_names(type(featurizer)):
        value = getattr(featurizer, param)
        if _is_featurizer(value):
            found.append((param, param, None, value))
        elif isinstance(value, (list, tuple)):
            held = []
            for index, item in enumerate(value):
                if _is_featurizer(item):
                    held.append((type(item).__name__.lower(), index, item))
                elif isinstance(item, (list, tuple)) and len(item) == 2 and isinstance(item[0], str) and _is_featurizer(item[1]):
                    name = item[0] if "__" not in item[0] and item[0] else f"column-{index + 1}"
                    held.append((name, index, item[1]))
            names = _numbered([name for name, _index, _item in held])
            found += [(name, param, index, item) for name, (_name, index, item) in zip(names, held)]
    return found


def get_params(self, deep=True):
    """The parameters as a dict, as scikit-learn's ``get_params``; with ``deep``, also each child
    featurizer (a step, a field's featurizer) by name and its parameters as ``name__param``."""
    params = {name: getattr(self, name) for name in param_names(type(self))}
    if deep:
        for name, _param, _index, child in children(self):
            params[name] = child
            for key, value in child.get_params(deep=True).items():
                params[f"{name}__{key}"] = value
    return params


def set_params(self, **params):
    """Set parameters, as scikit-learn's ``set_params``: ``name=value`` for one of this
    featurizer's (through ``__init__``, so a tuple ``ngram_range`` becomes a list as it would
    there), ``child=featurizer`` to replace a step or a field's featurizer, ``child__name=value``
    for a child's. Fitted state is not changed: fit again. Returns the featurizer."""
    if not params:
        return self
    own_names = param_names(type(self))
    held = {name: (param, index) for name, param, index, _child in children(self)}
    own, replaced, nested = {}, {}, {}
    for key, value in params.items():
        name, split, rest = key.partition("__")
        if split and name in held:
            nested.setdefault(name, {})[rest] = value
        elif not split and name in own_names:
            own[name] = value
        elif not split and name in held:
            replaced[name] = value
        else:
            valid = sorted(set(own_names) | set(held))
            raise ValueError(f"Invalid parameter {name!r} for featurizer {self!r}. Valid parameters are: {valid!r}.")
    if own:
        fresh = type(self)(**{**{n: getattr(self, n) for n in own_names}, **own})
        for name in own:
            setattr(self, name, getattr(fresh, name))
    for name, value in replaced.items():
        param, index = held[name]
        _replace_child(self, param, index, value)
    current = {name: child for name, _param, _index, child in children(self)}
    for name, sub in nested.items():
        current[name].set_params(**sub)
    return self


def _replace_child(featurizer, param, index, child):
    value = getattr(featurizer, param)
    if index is None:
        setattr(featurizer, param, child)
    elif _is_featurizer(value[index]):
        value[index] = child
    else:
        value[index] = [value[index][0], child]


def _clone_value(value):
    if _is_featurizer(value):
        return value.__sklearn_clone__()
    if isinstance(value, (list, tuple)):
        return type(value)(_clone_value(item) for item in value)
    if isinstance(value, dict):
        return {key: _clone_value(item) for key, item in value.items()}
    return copy.deepcopy(value)


def sklearn_clone(self):
    """A new, unfitted featurizer with the same parameters (children cloned, values copied) and
    the same ``set_output``: what ``sklearn.base.clone`` gives."""
    clone = type(self)(**{name: _clone_value(value) for name, value in self.get_params(deep=False).items()})
    config = getattr(self, "_sklearn_output_config", None)
    if config is not None:
        clone._sklearn_output_config = dict(config)
    return clone


def sklearn_is_fitted(self):
    """Whether ``transform`` can run: ``is_fitted()`` (scikit-learn's ``check_is_fitted`` asks)."""
    return self.is_fitted()


def sklearn_tags(self):
    """scikit-learn's tags: a transformer (no estimator type, no target), whose input is a batch
    of items (str, token lists, numbers, records), not a 2-D array."""
    from sklearn.utils import InputTags, Tags, TargetTags, TransformerTags

    kinds = _input_kinds(self)
    return Tags(
        estimator_type=None,
        target_tags=TargetTags(required=False),
        transformer_tags=TransformerTags(preserves_dtype=[]),
        input_tags=InputTags(
            one_d_array=True,
            two_d_array=False,
            string=bool(kinds & {"str", "list of str"}),
            dict=bool(getattr(self, "RECORDS", False)),
        ),
        requires_fit=_requires_fit(self),
    )


def _input_kinds(featurizer):
    """The ``INPUT`` kinds of the featurizer, or of its first step for a ``Pipeline``."""
    held = children(featurizer)
    if featurizer.INPUT is None and held and not getattr(featurizer, "RECORDS", False):
        return _input_kinds(held[0][3])
    return {featurizer.INPUT}


def _requires_fit(featurizer):
    return len(featurizer.STATE) > 0 or any(_requires_fit(child) for _n, _p, _i, child in children(featurizer))


# --- repr ------------------------------------------------------------------------------------

WIDTH = 79


def featurizer_repr(self):
    """``Tokenizer(ngram_range=[1, 2])``: the class and the parameters that differ from their
    defaults, as scikit-learn prints estimators; wrapped to 79 characters."""
    return _format(self, 0)


def _changed(featurizer):
    defaults = _defaults(type(featurizer))
    return [
        (name, value)
        for name, value in featurizer.get_params(deep=False).items()
        if name not in defaults or not _same(value, defaults[name])
    ]


def _same(value, default):
    if isinstance(value, (list, tuple)) and isinstance(default, (list, tuple)):
        return len(value) == len(default) and all(_same(a, b) for a, b in zip(value, default))
    return type(value) is type(default) and value == default


def _one_line(value):
    if _is_featurizer(value):
        inner = ", ".join(f"{name}={_one_line(item)}" for name, item in _changed(value))
        return f"{type(value).__name__}({inner})"
    if isinstance(value, list):
        return "[" + ", ".join(_one_line(item) for item in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(_one_line(item) for item in value) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def _format(value, column):
    """``value`` as ``_one_line`` writes it, starting at ``column``; when that passes ``WIDTH``,
    its parts (parameters, items) go as many to a line as fit, the lines after the first
    indented under the first part, and a part too long for a line is broken the same way."""
    line = _one_line(value)
    if column + len(line) <= WIDTH:
        return line
    if _is_featurizer(value):
        opening, closing = f"{type(value).__name__}(", ")"
        parts = [(f"{name}=", item) for name, item in _changed(value)]
    elif isinstance(value, (list, tuple)):
        opening, closing = ("[", "]") if isinstance(value, list) else ("(", ")")
        parts = [("", item) for item in value]
    else:
        return line
    indent = column + len(opening)
    pieces = [opening]
    at = indent  # the column where the next piece starts
    line_start = True
    for k, (prefix, item) in enumerate(parts):
        tail = "," if k < len(parts) - 1 else closing
        flat = prefix + _one_line(item) + tail
        space = "" if line_start else " "
        if at + len(space) + len(flat) <= WIDTH:
            pieces.append(space + flat)
            at += len(space) + len(flat)
        else:
            if not line_start:
                pieces.append("\n" + " " * indent)
                at = indent
            text = prefix + _format(item, at + len(prefix)) + tail
            pieces.append(text)
            at = at + len(text) if "\n" not in text else len(text.rsplit("\n", 1)[1])
        line_start = False
    if not parts:
        pieces.append(closing)
    return "".join(pieces)
