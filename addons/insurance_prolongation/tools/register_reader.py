"""Reading the managers' Excel/CSV registers: file formats, header rows, and
the ways people write dates, amounts, percentages and phone numbers.

Plain Python, no ORM: the import wizard turns what this returns into records.
Errors are raised as RegisterError with a message id the wizard translates.
"""

import contextlib
import csv
import datetime
import io
import itertools
import re
import zipfile

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old binary .xls
HEADER_SCAN_ROWS = 30
# Cyrillic encodings that are not supported but are recognised to explain the refusal.
ALTERNATIVE_ENCODINGS = ("koi8_r", "cp866", "mac_cyrillic")
TOTAL_WORDS = ("итого", "всего", "итог", "total")

# Target field -> normalised header texts met in registers.
HEADER_SYNONYMS = {
    "date_sale": ("дата продажи", "дата оформления", "дата сделки", "дата"),
    "seller": ("менеджер", "продавец", "сотрудник"),
    "issuer": ("оформитель",),
    "client": ("фио клиента", "клиент", "страхователь", "фио", "фио страхователя"),
    "phone": ("телефон", "тел", "телефон клиента", "мобильный", "моб телефон", "номер телефона"),
    "email": ("email", "e mail", "почта", "эл почта"),
    "product": ("продукт", "вид страхования", "тип полиса", "вид полиса", "продукт вид"),
    "insurer": ("ск", "страховая компания", "страховщик", "страховая"),
    "number": ("№ полиса", "номер полиса", "полис", "серия и номер", "серия номер полиса", "№"),
    "date_start": ("начало", "дата начала", "начало действия", "действует с", "с"),
    "date_end": ("окончание", "дата окончания", "окончание действия", "действует по", "по"),
    "premium": ("премия", "премия руб", "стоимость", "стоимость полиса", "сумма", "премия ₽"),
    "commission_rate": ("кв %", "кв", "% кв", "комиссия %", "кв процент"),
    "plate": ("госномер", "гос номер", "госзнак", "гос знак", "номер авто"),
    "vin": ("vin",),
    "make": ("марка",),
    "model": ("модель",),
    "payment": ("оплата", "способ оплаты"),
    "delivery": ("доставка", "способ доставки"),
    "note": ("комментарий", "примечание", "комментарии"),
    "consent": ("согласие на смс", "согласие смс", "согласие", "смс согласие"),
}
HEADER_LOOKUP = {text: field for field, texts in HEADER_SYNONYMS.items() for text in texts}
# A header row names at least these many known columns.
HEADER_MIN_FIELDS = 3

DATE_PATTERNS = (
    (re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$"), "dmy"),
    (re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2})$"), "dmy2"),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$"), "ymd"),
)
PAYMENT_WORDS = {
    "нал": "cash",
    "наличные": "cash",
    "наличными": "cash",
    "карта": "card",
    "картой": "card",
    "безнал": "bank_transfer",
    "безналичный": "bank_transfer",
    "счет": "bank_transfer",
    "онлайн": "payment_link",
    "ссылка": "payment_link",
}
DELIVERY_WORDS = {
    "курьер": "courier",
    "офис": "office",
    "самовывоз": "office",
    "эл полис": "email",
    "электронный": "email",
    "email": "email",
    "почта": "email",
}
YES_WORDS = {"да", "yes", "1", "true", "+", "есть", "согласен", "согласна", "y", "д"}


class RegisterError(Exception):
    """A file that cannot be read as a register; ``code`` says why."""

    def __init__(self, code, detail=""):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


# ----------------------------------------------------------------------
# Files
# ----------------------------------------------------------------------


def read_sheets(content, filename=""):
    """(sheet name, iterator of row tuples) for every sheet of an XLSX file,
    or the one table of a CSV file."""
    if not content or not content.strip():
        raise RegisterError("empty")
    if content.startswith(XLSX_MAGIC):
        return _read_xlsx(content)
    if content.startswith(OLE_MAGIC):
        raise RegisterError("xls")
    return [(filename or "CSV", _read_csv(content))]


def _read_xlsx(content):
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise RegisterError("not_spreadsheet", str(error)) from error
    return [(sheet.title, sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets]


def decode_text(content):
    """Text of a CSV file in UTF-8 (with or without BOM), UTF-16 with BOM or
    Windows-1251, the encodings Excel saves Russian CSV in."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16")
    if b"\x00" in content[:4096]:
        raise RegisterError("not_spreadsheet")
    with contextlib.suppress(UnicodeDecodeError):
        return content.decode("utf-8-sig")
    try:
        text = content.decode("cp1251")
    except UnicodeDecodeError as error:
        raise RegisterError("encoding") from error
    if not _looks_like_text(text):
        raise RegisterError("encoding")
    return text


def _looks_like_text(text):
    """Bytes of another encoding read as Windows-1251 give many of its rare
    symbols (Ђ, ‰, ‹...); real registers are letters, digits and punctuation."""
    sample = text[:20000]
    rare = sum(
        1
        for ch in sample
        if "\u0080" <= ch <= "\u00bf"
        or "\u0400" <= ch <= "\u040f"
        or "\u0450" <= ch <= "\u045f"
        or ch in "‚„…†‡€‰‹›‘’“”•–—™"
    )
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    return not control and rare <= max(3, len(sample) // 200)


def _csv_rows(text):
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        yield tuple(cell.strip() or None for cell in row)


def _has_header(text):
    rows = itertools.islice(_csv_rows(text[:20000]), HEADER_SCAN_ROWS)
    return any(is_header_row(row) for row in rows)


def _read_csv(content):
    """Rows of a CSV file. A file whose header only appears when read in another
    Cyrillic encoding (KOI8-R, DOS) is refused with the encoding named as the cause."""
    text = decode_text(content)
    if not _has_header(text):
        for encoding in ALTERNATIVE_ENCODINGS:
            try:
                other = content[:20000].decode(encoding)
            except UnicodeDecodeError:
                continue
            if _has_header(other):
                raise RegisterError("encoding")
    return _csv_rows(text)


# ----------------------------------------------------------------------
# Headers and rows
# ----------------------------------------------------------------------


def normalize_header(value):
    text = str(value or "").lower().replace("ё", "е")
    text = re.sub(r"[^\w%№₽]+", " ", text)
    return " ".join(text.split())


def header_fields(row):
    """Column index -> target field for a candidate header row."""
    mapping = {}
    for index, cell in enumerate(row or ()):
        field = HEADER_LOOKUP.get(normalize_header(cell))
        if field and field not in mapping.values():
            mapping[index] = field
    return mapping


def is_header_row(row):
    fields = set(header_fields(row).values())
    return len(fields) >= HEADER_MIN_FIELDS and bool(fields & {"number", "client", "phone"})


def is_blank(row):
    return not any(cell not in (None, "") and str(cell).strip() for cell in row or ())


def is_total_row(row):
    for cell in row:
        if cell not in (None, "") and str(cell).strip():
            return str(cell).strip().lower().startswith(TOTAL_WORDS)
    return False


def iter_sheet_records(rows):
    """Yield ("header", row_number, row) once, then ("data", row_number, row) for
    each data row. Title rows above the header, blank rows and totals are
    skipped. Nothing is yielded for a sheet without a header."""
    header_found = False
    for number, row in enumerate(rows, start=1):
        if not header_found:
            if number > HEADER_SCAN_ROWS:
                return
            if is_header_row(row):
                header_found = True
                yield "header", number, row
            continue
        if is_blank(row) or is_total_row(row):
            continue
        yield "data", number, row


# ----------------------------------------------------------------------
# Values
# ----------------------------------------------------------------------


def text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def parse_date(value):
    """A date from a date cell or from text dd.mm.yyyy, dd.mm.yy or yyyy-mm-dd.
    None for an empty cell; ValueError for anything else."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = text(value)
    for pattern, kind in DATE_PATTERNS:
        match = pattern.match(raw)
        if not match:
            continue
        if kind == "ymd":
            year, month, day = (int(g) for g in match.groups())
        else:
            day, month, year = (int(g) for g in match.groups())
            if kind == "dmy2":
                year += 2000 if year < 70 else 1900
        return datetime.date(year, month, day)  # ValueError for 31.02
    raise ValueError(raw)


def parse_amount(value):
    """A non-negative amount from a number or text such as '12 345,50 руб'."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        amount = float(value)
    else:
        raw = str(value).lower().replace("\xa0", "").replace(" ", "")
        raw = re.sub(r"(руб\.?|р\.|₽|rub)$", "", raw).replace(",", ".")
        amount = float(raw)
    if amount < 0:
        raise ValueError(value)
    return amount


def parse_rate(value):
    """A commission in percent from 15, '15%', '15,5 %' or the fraction 0.15.
    A bare number below 1 is a fraction; with a % sign it never is."""
    if value in (None, ""):
        return None
    if isinstance(value, str) and "%" in value:
        rate = parse_amount(value.replace("%", ""))
    else:
        rate = parse_amount(value)
        if rate is not None and rate < 1:
            rate *= 100
    if rate is None or rate > 100:
        raise ValueError(value)
    return round(rate, 4)


def parse_choice(value, words):
    key = normalize_header(value)
    return words.get(key) if key else None


def parse_yes(value):
    if isinstance(value, bool):
        return value
    return normalize_header(value) in YES_WORDS


def person_keys(name):
    """Keys to match 'Иванова А.' with the user 'Анна Иванова' or
    'Иванова Анна Сергеевна': surname plus first initial, either order."""
    words = [w for w in re.findall(r"\w+", (name or "").lower().replace("ё", "е")) if w]
    if not words:
        return set()
    keys = {" ".join(words)}
    if len(words) >= 2:
        keys.add(f"{words[0]} {words[1][0]}")
        keys.add(f"{words[1]} {words[0][0]}")
        keys.add(f"{words[-1]} {words[0][0]}")
    return keys
