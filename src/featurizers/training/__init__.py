"""Python only, never compiled: where a pipeline's sources and products live (``artifacts``),
data sets, Keras models, and training."""
