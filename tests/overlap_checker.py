"""A small real checker for the pluggable-checker tests: support = share of the hypothesis's
words (four letters or more) that the premise contains. Crude, but a genuine judgement of its own."""
import re


class OverlapChecker:
    name = "word-overlap"

    def __init__(self):
        self.calls = 0

    def support(self, pairs):
        self.calls += 1
        out = []
        for premise, hypothesis in pairs:
            words = set(re.findall(r"[a-z]{4,}", hypothesis.lower()))
            have = set(re.findall(r"[a-z]{4,}", premise.lower()))
            out.append(len(words & have) / len(words) if words else 1.0)
        return out


def make():
    return OverlapChecker()


class NotAChecker:
    pass
