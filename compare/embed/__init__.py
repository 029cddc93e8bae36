"""Sentence vectors: the bundled model run in plain torch (``bert``), loaded once and cached
(``embedder``), the shared cache on disk (``disk_cache``), and the model in a child process for batch
runs (``process``)."""
