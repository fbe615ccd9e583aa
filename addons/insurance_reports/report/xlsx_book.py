"""The workbook layout the broker's managers and accountant are used to: a
title, a header row frozen and filtered, dates and roubles formatted, totals at
the bottom. Written with xlsxwriter in constant-memory mode, so a sheet of any
length costs the memory of one row."""

import re
from datetime import date

import xlsxwriter

SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
DATE_FORMAT = "dd.mm.yyyy"
MONEY_FORMAT = "#,##0.00"
RATE_FORMAT = "0.00"
HEADER_ROW = 2  # zero-based: title, empty row, header, data
EXCEL_EPOCH = date(1899, 12, 30)


class XlsxBook:
    def __init__(self, fileobj):
        self.workbook = xlsxwriter.Workbook(
            fileobj,
            {"constant_memory": True, "strings_to_numbers": False, "in_memory": False},
        )
        wb = self.workbook
        self.formats = {
            "title": wb.add_format({"bold": True, "font_size": 13}),
            "header": wb.add_format(
                {
                    "bold": True,
                    "bg_color": "#D9E1F2",
                    "border": 1,
                    "text_wrap": True,
                    "valign": "vcenter",
                }
            ),
            "date": wb.add_format({"num_format": DATE_FORMAT}),
            "money": wb.add_format({"num_format": MONEY_FORMAT}),
            "rate": wb.add_format({"num_format": RATE_FORMAT}),
            "integer": wb.add_format({"num_format": "0"}),
            "text": None,
            "total_label": wb.add_format({"bold": True, "top": 1}),
            "total_money": wb.add_format({"bold": True, "top": 1, "num_format": MONEY_FORMAT}),
            "total_integer": wb.add_format({"bold": True, "top": 1, "num_format": "0"}),
        }
        self._sheet_names = set()

    def sheet_name(self, name):
        """Excel allows 31 characters, no []:*?/\\ and no duplicates."""
        base = SHEET_NAME_FORBIDDEN.sub(" ", name or "").strip()[:31] or "-"
        candidate, n = base, 1
        while candidate.lower() in self._sheet_names:
            n += 1
            suffix = f" ({n})"
            candidate = base[: 31 - len(suffix)] + suffix
        self._sheet_names.add(candidate.lower())
        return candidate

    def add_table_sheet(self, name, title, columns):
        """``columns``: list of (header, kind, width) with kind in date, money,
        rate, integer, text. Returns a TableSheet writing rows in order."""
        sheet = self.workbook.add_worksheet(self.sheet_name(name))
        return TableSheet(self, sheet, title, columns)

    def close(self):
        self.workbook.close()


class TableSheet:
    def __init__(self, book, sheet, title, columns):
        self.book = book
        self.sheet = sheet
        self.columns = columns
        self.first_data_row = self.row = HEADER_ROW + 1
        self.totals = {}
        formats = book.formats
        for col, (_header, _kind, width) in enumerate(columns):
            sheet.set_column(col, col, width)
        sheet.write_string(0, 0, title, formats["title"])
        sheet.set_row(HEADER_ROW, 30)
        for col, (header, _kind, _width) in enumerate(columns):
            sheet.write_string(HEADER_ROW, col, header, formats["header"])
        sheet.freeze_panes(HEADER_ROW + 1, 0)
        self._cell_formats = [formats[kind] for _h, kind, _w in columns]
        self._kinds = [kind for _h, kind, _w in columns]

    def write_row(self, values):
        """Dates may come as date objects or, cheaper, as Excel serial numbers
        (days since 30 December 1899) computed by the database."""
        sheet, row, formats, totals = self.sheet, self.row, self._cell_formats, self.totals
        for col, value in enumerate(values):
            if value is None or value is False or value == "":
                continue
            kind = self._kinds[col]
            if kind == "text":
                sheet.write_string(row, col, value if isinstance(value, str) else str(value))
                continue
            if kind == "date" and not isinstance(value, int | float):
                value = (value - EXCEL_EPOCH).days
            sheet.write_number(row, col, value, formats[col])
            if kind in ("money", "integer"):
                totals[col] = totals.get(col, 0) + value
        self.row += 1

    def finish(self, total_label):
        """Totals row (SUM formulas with their value cached, so that a reader
        without a calculation engine sees the figures) and the autofilter."""
        sheet, formats = self.sheet, self.book.formats
        first, last = HEADER_ROW + 1, self.row - 1
        sheet.write_string(self.row, 0, total_label, formats["total_label"])
        for col, kind in enumerate(self._kinds):
            if kind not in ("money", "integer") or col == 0:
                continue
            letter = xlsxwriter.utility.xl_col_to_name(col)
            value = round(self.totals.get(col, 0), 2)
            formula = (
                f"=SUBTOTAL(9,{letter}{first + 1}:{letter}{last + 1})" if last >= first else "=0"
            )
            fmt = formats["total_money"] if kind == "money" else formats["total_integer"]
            sheet.write_formula(self.row, col, formula, fmt, value)
        sheet.autofilter(HEADER_ROW, 0, max(last, HEADER_ROW), len(self.columns) - 1)
        return self.totals
