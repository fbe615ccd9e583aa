"""Text tools for SMS: segment counting and transliteration.

Pure Python, no ORM: the gateways, the template form and the tests share them.
"""

# GSM 03.38 basic character set (one septet each) and its extension table
# (escape + character: two septets each).
GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = set("^{}\\[~]|€\f")

GSM7_SINGLE, GSM7_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67

# Passport-style (ICAO Doc 9303 / order of the Russian MVD 2017) transliteration,
# extended with the signs so that nothing Cyrillic survives.
_TRANSLIT = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "ie",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}
_PUNCTUATION = {
    "«": '"',
    "»": '"',
    "—": "-",
    "–": "-",
    "№": "N",
    "…": "...",
    "„": '"',
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "\u00a0": " ",
}


def transliterate(text):
    """Russian text in Latin letters (GSM-7), keeping the capitalisation."""
    out = []
    for char in text or "":
        lower = char.lower()
        if lower in _TRANSLIT:
            latin = _TRANSLIT[lower]
            if char != lower and latin:
                latin = latin[0].upper() + latin[1:]
            out.append(latin)
        else:
            out.append(_PUNCTUATION.get(char, char))
    return "".join(out)


def is_gsm7(text):
    return all(c in GSM7_BASIC or c in GSM7_EXTENDED for c in text or "")


def sms_length_info(text):
    """(encoding, length in characters as the network counts them, segments).

    GSM-7 extension characters count twice; any other character (Cyrillic,
    «», №, emoji...) turns the whole message into UCS-2."""
    text = text or ""
    if is_gsm7(text):
        length = sum(2 if c in GSM7_EXTENDED else 1 for c in text)
        single, part = GSM7_SINGLE, GSM7_PART
        encoding = "gsm7"
    else:
        # characters outside the Basic Multilingual Plane take two UCS-2 units
        length = sum(2 if ord(c) > 0xFFFF else 1 for c in text)
        single, part = UCS2_SINGLE, UCS2_PART
        encoding = "ucs2"
    if length == 0:
        segments = 0
    elif length <= single:
        segments = 1
    else:
        segments = -(-length // part)
    return encoding, length, segments
