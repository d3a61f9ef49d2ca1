"""Python-only tooling: data, training, the JS build and the command line. Never transpiled."""
