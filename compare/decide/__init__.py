"""From checked sentences to verdicts: the support judge (``judge``, or a newsroom's own through
``plugins``), the learned verdict model (``verdict_model``), verdicts, flags and severity
(``verdict``), and what the derived copy dropped (``omissions``)."""
