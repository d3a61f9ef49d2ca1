"""Python only, never compiled: models made with other libraries, as featurizers and tfjs models.

``sklearn``: fitted scikit-learn objects (``from_sklearn``, ``export_sklearn``); ``keras``: Keras
preprocessing layers and the models that start with them (``from_keras``, ``export_keras``). What
cannot be reproduced exactly is refused with ``Unsupported``, naming the object, the parameter and
its value.
"""


class Unsupported(ValueError):
    """An object, or a parameter value of it, that featurizers cannot reproduce exactly."""

    def __init__(self, owner, param, value, why):
        shown = value if isinstance(value, str) and value.startswith("<") else repr(value)
        super().__init__(f"{owner}({param}={shown}) cannot be exported: {why}")
        self.owner = owner
        self.param = param
        self.value = value
