"""Python only, never compiled: fitted objects of other libraries as featurizers (``keras``:
Keras preprocessing layers and the models that start with them)."""
