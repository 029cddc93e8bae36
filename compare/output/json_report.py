"""The JSON report (schema ``compare.report/1``) and the record ``compare batch`` writes per pair."""
from __future__ import annotations

import json
from typing import Sequence

from ..comparison import Comparison
from ..document import Document

__all__ = ["SCHEMA", "to_dict", "derived_dict", "to_json", "batch_record"]

SCHEMA = "compare.report/1"


def _doc_dict(doc: Document) -> dict:
    return {"name": doc.name, "text": doc.text, "text_sha256": doc.sha256,
            "sentences": [{"id": s.id, "start": s.start, "end": s.end, "text": s.text, "section": s.section}
                          for s in doc.sentences]}


def derived_dict(c: Comparison, decisions: dict | None = None) -> dict:
    sents = []
    for s in c.derived.sentences:
        v, a = c.verdict(s.id), c.alignment(s.id)
        sents.append({"id": s.id, "start": s.start, "end": s.end, "text": s.text, "section": s.section,
                      "verdict": v.label, "reason": v.reason, "confidence": v.confidence,
                      "support": [{"wire_id": w, "similarity": sim} for w, sim in zip(a.wire_ids, a.similarities)],
                      "alignment": a.tag,
                      "units": [{"start": u.start, "end": u.end, "text": u.text, "kind": u.kind, "status": u.status}
                                for u in c.units_of(s.id)]})
    flags = []
    for f in c.flags:
        row = {"start": f.start, "end": f.end, "text": f.text,
               "focus": [{"start": a, "end": b, "text": w} for (a, b), w in zip(f.focus, f.words)],
               "verdict": f.verdict, "severity": f.severity,
               "reason": f.reason, "sentence_id": f.sentence_id, "wire_ids": list(f.wire_ids)}
        if decisions is not None:
            d = decisions.get((f.start, f.end))
            row["decision"] = None if d is None else {"decision": d.decision, "note": d.note, "editor": d.editor,
                                                      "decided_at": d.decided_at}
        flags.append(row)
    out = _doc_dict(c.derived)
    out.update({"sentences": sents, "flags": flags,
                "omissions": [{"wire_id": o.wire_id, "start": o.start, "end": o.end, "text": o.text, "weight": o.weight}
                              for o in c.omissions],
                "summary": c.summary})
    return out


def to_dict(comparisons: Sequence[Comparison], decisions: Sequence[dict] | None = None) -> dict:
    if not comparisons:
        raise ValueError("no comparison to report")
    return {"schema": SCHEMA, "wire": _doc_dict(comparisons[0].wire),
            "derived": [derived_dict(c, decisions[k] if decisions else None) for k, c in enumerate(comparisons)]}


def to_json(comparisons: Sequence[Comparison], decisions: Sequence[dict] | None = None) -> str:
    return json.dumps(to_dict(comparisons, decisions), ensure_ascii=False, indent=1)


def batch_record(pair_id, c: Comparison) -> dict:
    d = derived_dict(c)
    return {"id": pair_id, "sentences": d["sentences"], "flags": d["flags"], "omissions": d["omissions"],
            "summary": d["summary"]}
