"""Reading figures, days and durations out of text: "$50.5 billion" → (50.5e9, "$"), "five-day" → (5, "day")."""
from __future__ import annotations

import datetime
import re

__all__ = ["same_date", "parse_number", "find_figures", "find_days", "find_durations", "find_day_spans",
           "find_times", "find_ordinals", "Figure",
           "WEEKDAYS", "MONTHS"]

_SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
           "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
           "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7}
_WORDS = {**_SMALL, **_TENS, "dozen": 12, "half": 0.5, "a": 1, "an": 1, "single": 1, "once": 1, "twice": 2,
          "thrice": 3, "first": 1, "second": 2, "third": 3}
_CURRENCY = {"$": "$", "us$": "$", "usd": "$", "dollar": "$", "dollars": "$", "€": "€", "eur": "€", "euro": "€",
             "euros": "€", "£": "£", "gbp": "£", "pound": "£", "pounds": "£", "₹": "₹", "rs": "₹", "inr": "₹",
             "rupee": "₹", "rupees": "₹", "%": "%", "percent": "%", "per cent": "%", "yen": "¥", "¥": "¥"}
#: a change stated in points of a percentage, not a percentage of it: "up 0.3 percentage points" is not "up
#: 0.3%" (a rate of 5% that rises 0.3% is 5.015%); a basis point is a hundredth of one ("25 basis points" is
#: "0.25 percentage point"), so both are read in percentage points
_POINTS = {"percentage point": "pp", "basis point": "bp", "bp": "bp"}
_PER_POINT = {"pp": 1.0, "bp": 0.01}
#: a share of a point in words, as the markets write a rate move: "a quarter of a percentage point",
#: "half a percentage point", "a quarter-point cut" (not "half a point", which may be a game's)
_SHARES = {"a quarter": 0.25, "quarter": 0.25, "a half": 0.5, "half": 0.5, "three quarters": 0.75,
           "three-quarters": 0.75, "a tenth": 0.1, "a third": 1 / 3, "two thirds": 2 / 3}
_POINT_SHARE = re.compile(
    r"\b(?P<share>" + "|".join(sorted(map(re.escape, _SHARES), key=len, reverse=True)) + r")"
    r"(?:(?:\s+of)?\s+a\s+percentage[\s-]point|-point)\b", re.I)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_UNIT_WORDS = r"(?:second|minute|hour|day|night|week|month|year|decade|century|km|kilometre|kilometer|mile|metre|meter|kg|tonne|ton)s?"
#: one spelling per unit, so that "10,000 meters" and "10000 metres" agree
_UNIT_SPELLING = {"meter": "metre", "kilometer": "kilometre", "km": "kilometre", "ton": "tonne"}
_NUMWORD = r"(?:\d[\d,]*(?:\.\d+)?|(?:" + "|".join(_TENS) + r")[- ](?:" + "|".join(list(_SMALL)[1:10]) + r")\b|" + "|".join(sorted(list(_SMALL) + list(_TENS) + ["dozen", "a", "an", "half"], key=len, reverse=True)) + r")"

_FIGURE = re.compile(
    r"(?P<cur>(?<![A-Za-z])US\$|\$|€|£|₹|¥|(?<![A-Za-z])Rs\.?\s?)?\s?(?P<num>\d(?:[\d,]*\d)?(?:\.\d+)?|(?:" + "|".join(sorted(list(_SMALL) + list(_TENS), key=len, reverse=True)) + r")(?:[- ](?:" + "|".join(_SMALL) + r"))?)"
    r"(?:[\s-]?(?P<scale>hundred|thousand|million|billion|trillion|lakhs?|crores?)\b|\s?(?P<abbr>bn|bln|mn|mln|tn|trn|k)\b"
    r"|(?P<letter>[mb])\b)?"      # "£4.5m", "$3b": a one-letter scale counts only after a currency sign
    r"(?:\s?(?P<post>%|percent\b|per cent\b|percentage[\s-]points?\b|basis[\s-]points?\b|bps\b|dollars\b|euros?\b"
    r"|pounds\b|rupees\b|yen\b))?", re.I)
_DURATION = re.compile(r"\b(?P<num>" + _NUMWORD + r")[- ](?P<unit>" + _UNIT_WORDS + r")\b(?:-long|-old)?", re.I)
_DAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r"|today|yesterday|tomorrow|tonight)\b", re.I)
_MONTH = re.compile(r"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?:" + "|".join(MONTHS)
                    + r"|jan|feb|aug|sept?|oct|nov|dec)\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?\b)?(?:,?\s+\d{4})?\b", re.I)
_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}s?\b")
_ORDINAL_WORDS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth".split())}
_ORDINAL_WORDS.update({w[:-1] + "ieth": v for w, v in _TENS.items()})          # "twentieth" … "ninetieth"
_ORDINAL = re.compile(
    r"\b(?P<ord>(?:(?P<tens>" + "|".join(_TENS) + r")-)?(?P<word>" + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True))
    + r")|(?P<digits>\d{1,4})(?:st|nd|rd|th))[\s-]+(?P<head>[A-Za-z]{2,})", re.I)


#: a quarter or a half of a year written short: "Q4", "4Q", "H1", "1H" (the fourth quarter, the first half)
_PERIOD = {"Q": "quarter", "H": "half"}
_PERIOD_SHORT = re.compile(r"\b(?:(?P<p>[QH])(?P<n>[1-4])|(?P<n2>[1-4])(?P<p2>[QH]))\b")


class Figure(tuple):
    """(start, end, text, value, unit) of one figure inside a text."""
    __slots__ = ()

    def __new__(cls, start, end, text, value, unit):
        return super().__new__(cls, (start, end, text, value, unit))

    start = property(lambda s: s[0])
    end = property(lambda s: s[1])
    text = property(lambda s: s[2])
    value = property(lambda s: s[3])
    unit = property(lambda s: s[4])


def parse_number(word: str) -> float | None:
    w = word.lower().replace(",", "").strip()
    try:
        return float(w)
    except ValueError:
        pass
    if w in _WORDS:
        return float(_WORDS[w])
    parts = re.split(r"[- ]", w)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _SMALL:
        return float(_TENS[parts[0]] + _SMALL[parts[1]])
    return None


def find_figures(text: str) -> list[Figure]:
    """Amounts and counts, with currency/percent unit when stated ("" otherwise). Years are excluded."""
    out: list[Figure] = []
    scales: list[float | None] = []          # each figure's own scale word, where it has one
    for m in _FIGURE.finditer(text):
        num = m.group("num")
        if not num:
            continue
        # do not read words like "one" inside other words, nor a bare "a"
        if not num[0].isdigit() and (m.start("num") > 0 and text[m.start("num") - 1].isalpha()):
            continue
        end_num = m.end("num")
        if not num[0].isdigit() and end_num < len(text) and text[end_num].isalpha():
            continue
        # nor digits glued to a word: "G20", "Covid-19", "F-16" are names, not figures; nor a quarter, "4Q"
        p = m.start("num")
        if _PERIOD_SHORT.match(text, p) and not m.group("cur"):
            continue
        if num[0].isdigit() and not m.group("cur") and p > 0 and (
                text[p - 1].isalpha() or (text[p - 1] == "-" and p > 1 and text[p - 2].isalpha())):
            continue
        value = parse_number(num)
        if value is None:
            continue
        scale = (m.group("scale") or m.group("abbr") or (m.group("letter") if m.group("cur") else "") or "").lower()
        factor = (_SCALES.get(scale.rstrip("s") if scale.endswith("s") and scale.rstrip("s") in _SCALES else scale, 1)
                  if scale else None)
        if factor is not None:
            value *= factor
        cur = (m.group("cur") or "").strip().lower().rstrip(".")
        post = " ".join((m.group("post") or "").lower().replace("-", " ").split())
        unit = _CURRENCY.get(cur) or _CURRENCY.get(post) or _POINTS.get(post.rstrip("s")) or ""
        if unit in _PER_POINT:              # points of a percentage, in one measure: "25 bps" is "0.25 point"
            value, unit = value * _PER_POINT[unit], "pp"
        start = m.start("cur") if m.group("cur") else m.start("num")
        end = m.end() if not m.group("letter") or scale else end_num
        while end > start and text[end - 1].isspace():
            end -= 1
        if not unit and not scale and num[0].isdigit() and _YEAR.fullmatch(num) and "." not in num:
            continue          # a year is a date, not an amount
        out.append(Figure(start, end, text[start:end], value, unit))
        scales.append(factor)
    out = _ranges(text, out, scales)
    for m in _POINT_SHARE.finditer(text):      # "three-quarters of a percentage point" is no "three"
        out = [f for f in out if not (f.start < m.end() and m.start() < f.end)]
        out.append(Figure(m.start(), m.end(), m.group(), _SHARES[m.group("share").lower()], "pp"))
    return sorted(out)


_DASH = re.compile(r"\s*[-–—]\s*$")
_TO = re.compile(r"\s+to\s+$|\s+and\s+$", re.I)
_BETWEEN = re.compile(r"\b(?:between|from)\s+$", re.I)


def _ranges(text: str, figs: list[Figure], scales: list[float | None]) -> list[Figure]:
    """A range writes its scale and unit once, after its second figure: "$28-35 million" is $28 million to
    $35 million, "10-12 percent" 10 to 12 percent. Across a dash the first figure takes the second's scale
    (unless it is a share: "5%-2 million" is no range) and unit, and the second the first's currency; across
    "to" ("5 to 7 million") or "between … and" only a bare first figure takes them, since "rose 0.7% to
    147.85" is a move and a level."""
    out = list(figs)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        gap = text[a.end:b.start]
        dash = bool(_DASH.match(gap))
        bare = scales[k] is None and not a.unit
        worded = bare and _TO.match(gap) is not None and (gap.strip().lower() == "to" or _BETWEEN.search(text, 0, a.start))
        if not (dash or worded):
            continue
        if scales[k] is None and scales[k + 1] is not None and a.unit not in ("%", "pp"):
            a = Figure(a.start, a.end, a.text, a.value * scales[k + 1], a.unit)
        if not a.unit and b.unit:
            a = Figure(a.start, a.end, a.text, a.value, b.unit)
        if dash and not b.unit and a.unit not in ("", "%", "pp"):
            b = Figure(b.start, b.end, b.text, b.value, a.unit)
        out[k], out[k + 1] = a, b
    return out


#: spans of years said in other units: "ten years" is "a decade"
_IN_YEARS = {"decade": 10, "century": 100}
#: a decade or a century without a count: "the previous decade", "a century" (not "the century", a time)
_ONE_SPAN = re.compile(r"\b(?:a|one|(?:the\s+)?(?:previous|past|last|next|preceding|coming))\s+"
                       r"(?P<unit>decade|century)\b", re.I)
#: what makes "a year" after an amount a length of time, not a rate ("0.26 metres a year")
_SPAN_BEFORE = re.compile(r"\b(?:for|in|within|after|over|about|around|nearly|almost|than|half|past|last|next|"
                          r"barely|just|only|roughly|some|under)\s+$", re.I)
_SPAN_AFTER = re.compile(r"^[\s-]*(?:ago|later|earlier|before|after|from now|long|old|on)\b", re.I)
#: an amount before "a year": digits, or a count in words from two up ("twice", "three metres")
_AMOUNT = re.compile(r"\d|\b(?:" + "|".join(["once", "twice", "thrice", *list(_SMALL)[2:], *_TENS]) + r")\b", re.I)


def _is_rate(text: str, m) -> bool:
    """Whether "a year" (``m``, a duration of one) is a rate after an amount: "0.26 metres a year", "$5 a
    day", "twice a week"; not "for a year", "a year ago", "a year-long inquiry"."""
    if m.group("num").lower() not in ("a", "an"):
        return False
    before = text[max(0, m.start() - 40):m.start()]
    clause = re.split(r"[,;:.!?]", before)[-1]
    return bool(_AMOUNT.search(clause)) and not _SPAN_BEFORE.search(before) and not _SPAN_AFTER.match(text[m.end():])


def find_durations(text: str) -> list[Figure]:
    out = []
    for m in _DURATION.finditer(text):
        v = parse_number(m.group("num"))
        if v is None or _is_rate(text, m):
            continue
        unit = m.group("unit").lower().rstrip("s")
        if unit in _IN_YEARS:
            v, unit = v * _IN_YEARS[unit], "year"
        out.append(Figure(m.start(), m.end(), m.group(0), v, _UNIT_SPELLING.get(unit, unit)))
    for m in _ONE_SPAN.finditer(text):
        if not any(f.start < m.end() and m.start() < f.end for f in out):
            years = float(_IN_YEARS[m.group("unit").lower()])
            out.append(Figure(m.start("unit"), m.end(), m.group("unit"), years, "year"))
    return sorted(out)


_MONTH_NAME = r"(?:" + "|".join(MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
_DAY_NUM = r"\d{1,2}(?:st|nd|rd|th)?"
_UNTIL = r"\s*(?P<c>-|–|—|to|until|till|through|thru|and)\s*"      # "and" only after "between"
#: "June 21 to June 24", "June 21-24", "between June 21 and 24"; "21-24 June", "28 June to 2 July";
#: "from Monday to Thursday"
_SPANS = (
    re.compile(r"\b(?P<m1>" + _MONTH_NAME + r")\s+(?P<d1>" + _DAY_NUM + r")" + _UNTIL
               + r"(?:(?P<m2>" + _MONTH_NAME + r")\s+)?(?P<d2>" + _DAY_NUM + r")\b", re.I),
    re.compile(r"\b(?P<d1>" + _DAY_NUM + r")(?:\s+(?P<m1>" + _MONTH_NAME + r"))?" + _UNTIL
               + r"(?P<d2>" + _DAY_NUM + r")\s+(?P<m2>" + _MONTH_NAME + r")", re.I),
    re.compile(r"\b(?:from|between)\s+(?P<w1>" + "|".join(WEEKDAYS) + r")" + _UNTIL
               + r"(?P<w2>" + "|".join(WEEKDAYS) + r")\b", re.I),
)


def _month_number(name: str) -> int:
    low = name.lower().rstrip(".")[:3]
    return next(k for k, m in enumerate(MONTHS, 1) if m.startswith(low))


def find_day_spans(text: str) -> list[Figure]:
    """Stretches of days given by their first and last day, as durations in days: "from June 21 to June
    24" lasts four days (and three nights, also given), "Monday to Friday" five. The span is the dates."""
    out = []
    for pattern in _SPANS:
        for m in pattern.finditer(text):
            if any(f.start < m.end() and m.start() < f.end for f in out) or (
                    m.group("c").lower() == "and" and not re.search(r"\bbetween\s+$", text[:m.start()], re.I)
                    and not m.group().lower().startswith("between")):
                continue            # "on June 21 and 24": two days, not the days between
            if "w1" in pattern.groupindex:
                days = (WEEKDAYS.index(m.group("w2").lower()) - WEEKDAYS.index(m.group("w1").lower())) % 7 + 1
            else:
                first_month = m.group("m1") or m.group("m2")
                d1, d2 = (int(re.match(r"\d+", m.group(g)).group()) for g in ("d1", "d2"))
                try:
                    start = datetime.date(2001, _month_number(first_month), d1)
                    end = datetime.date(2001, _month_number(m.group("m2") or first_month), d2)
                except ValueError:
                    continue
                if end < start:
                    end = end.replace(year=2002)
                days = (end - start).days + 1
            if 1 < days <= 366:
                out += [Figure(m.start(), m.end(), m.group(), float(n), "day") for n in (days, days - 1)]
    return sorted(out)


_TIME = re.compile(r"\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<half>[ap])(?P<dot>\.)?\s?m\b(?(dot)\.)", re.I)


#: a time on the 24-hour clock with its time zone, as wire copy writes it: "1802 GMT", "18:02 UTC", "18.02 GMT",
#: "1830 local time"
_CLOCK_24 = re.compile(r"(?<![\d,.])\b(?P<h>[01]?\d|2[0-3])[:.]?(?P<m>[0-5]\d)\s?(?P<zone>GMT|UTC|ET|EST|EDT|CST|CDT|PT|PST|"
                       r"PDT|BST|CET|CEST|IST|JST|SGT|HKT|AEST|AEDT|local time)\b")


def find_times(text: str) -> list[Figure]:
    """Times of day: on the twelve-hour clock, "1:30 a.m." → 90, "4 p.m." → 960 (minutes after midnight),
    unit "time"; on the 24-hour clock with a time zone, "1802 GMT" → 1082, unit "zoned time" (a writer adds
    one to convert another: it is checked against the wire's times of day, never said to contradict one)."""
    out = []
    for m in _TIME.finditer(text):
        hour, minute = int(m.group("h")), int(m.group("m") or 0)
        if not 1 <= hour <= 12 or minute > 59:
            continue
        value = (hour % 12 + (12 if m.group("half").lower() == "p" else 0)) * 60 + minute
        out.append(Figure(m.start(), m.end(), m.group(), float(value), "time"))
    taken = [(f.start, f.end) for f in out]
    for m in _CLOCK_24.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            value = int(m.group("h")) * 60 + int(m.group("m"))
            out.append(Figure(m.start(), m.end(), m.group(), float(value), "zoned time"))
    return sorted(out)


def find_ordinals(text: str) -> list[Figure]:
    """Ordinals with the word they rank: "fourth quarter" and "4th-quarter" → (4, "quarter"), "the 17th
    title" → (17, "title"). The unit is that word in lower case, a plural's "s" removed; the span is the
    ordinal alone."""
    out = _short_periods(text)
    for m in _ORDINAL.finditer(text):
        if m.group("digits"):
            value = int(m.group("digits"))
        else:
            value = _ORDINAL_WORDS[m.group("word").lower()] + (_TENS[m.group("tens").lower()] if m.group("tens") else 0)
        head = m.group("head").lower()
        if len(head) > 3 and head.endswith("s") and not head.endswith("ss"):
            head = head[:-1]
        out.append(Figure(m.start("ord"), m.end("ord"), m.group("ord"), float(value), head))
    return out


def _short_periods(text: str) -> list[Figure]:
    """Quarters and halves written short: "Q4" and "4Q" → (4, "quarter"), "H1" → (1, "half")."""
    out = []
    for m in _PERIOD_SHORT.finditer(text):
        period, n = _PERIOD[m.group("p") or m.group("p2")], m.group("n") or m.group("n2")
        if period == "quarter" or n in "12":
            out.append(Figure(m.start(), m.end(), m.group(), float(n), period))
    return out


def find_days(text: str) -> list[Figure]:
    """Weekdays and relative days ("Monday", "yesterday"), months with optional day/year, years."""
    out = [Figure(m.start(), m.end(), m.group(0), m.group(0).lower(), "day") for m in _DAY.finditer(text)]
    for m in _MONTH.finditer(text):
        if m.group(0).lower() == "may" and not re.search(r"\d", m.group(0)):
            continue       # "may" the verb
        out.append(Figure(m.start(), m.end(), m.group(0), _month_key(m.group(0)), "month"))
    for m in _YEAR.finditer(text):
        if not any(f.start <= m.start() < f.end for f in out):
            out.append(Figure(m.start(), m.end(), m.group(0), m.group(0), "year"))
    return sorted(out)


def _month_key(s: str) -> str:
    """"February 18th, 2024" and "18 February 2024" → "february 18 2024"; missing parts left out."""
    low = s.lower()
    for mth in MONTHS:
        m = re.search(r"\b" + mth[:3], low)
        if m:
            day = re.findall(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", low)
            year = re.findall(r"\b\d{4}\b", low)
            return " ".join([mth, *day[:1], *year[:1]])
    return low


def same_date(a: str, b: str) -> bool | None:
    """Whether two month keys name the same date: True, False (a conflict), None (cannot tell)."""
    pa, pb = a.split(), b.split()
    if not pa or not pb or pa[0] != pb[0]:
        return False if pa and pb and pa[0] in MONTHS and pb[0] in MONTHS else None
    da = next((x for x in pa[1:] if len(x) <= 2), None)
    db = next((x for x in pb[1:] if len(x) <= 2), None)
    ya = next((x for x in pa[1:] if len(x) == 4), None)
    yb = next((x for x in pb[1:] if len(x) == 4), None)
    if (da and db and da != db) or (ya and yb and ya != yb):
        return False
    return True
