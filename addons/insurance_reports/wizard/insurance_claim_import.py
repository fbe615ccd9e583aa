import base64
import io
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.insurance_prolongation.tools import register_reader as reader

# Rows of the file scanned for the header row.
HEADER_SCAN_ROWS = 30
# Valid rows listed in the preview; rows with errors are always all listed.
PREVIEW_LINES = 200
# Target field -> normalised header texts (see register_reader.normalize_header)
# of insurers' bordereaux and of the finance system's exports.
CLAIM_HEADERS = {
    "policy": (
        "номер полиса",
        "№ полиса",
        "полис",
        "серия и номер полиса",
        "серия и номер",
        "policy",
        "policy number",
        "policy no",
    ),
    "insurer": ("страховщик", "страховая компания", "страховая", "ск", "insurer"),
    "number": (
        "номер убытка",
        "№ убытка",
        "убыток",
        "номер дела",
        "номер страхового случая",
        "номер претензии",
        "claim",
        "claim number",
        "claim no",
    ),
    "date": (
        "дата убытка",
        "дата события",
        "дата страхового случая",
        "дата заявления",
        "дата",
        "loss date",
        "date of loss",
        "claim date",
        "date",
    ),
    "date_paid": ("дата выплаты", "дата оплаты", "payment date", "date paid", "paid on"),
    "amount_claimed": (
        "заявлено",
        "заявленная сумма",
        "сумма заявленная",
        "сумма убытка",
        "сумма требования",
        "claimed",
        "amount claimed",
    ),
    "amount_paid": ("выплачено", "сумма выплаты", "выплата", "paid", "amount paid"),
    "status": ("статус", "состояние", "status", "state"),
    "description": ("описание", "комментарий", "примечание", "description", "comment"),
}
HEADER_LOOKUP = {text: field for field, texts in CLAIM_HEADERS.items() for text in texts}
REQUIRED_COLUMNS = ("policy", "number", "date")
STATUS_WORDS = {
    "заявлен": "reported",
    "заявлено": "reported",
    "заявлен убыток": "reported",
    "открыт": "reported",
    "новый": "reported",
    "reported": "reported",
    "new": "reported",
    "open": "reported",
    "на рассмотрении": "in_review",
    "рассмотрение": "in_review",
    "в работе": "in_review",
    "урегулирование": "in_review",
    "in review": "in_review",
    "выплачен": "paid",
    "выплачено": "paid",
    "выплата": "paid",
    "оплачен": "paid",
    "paid": "paid",
    "отказ": "rejected",
    "отказано": "rejected",
    "отклонен": "rejected",
    "rejected": "rejected",
    "закрыт": "closed",
    "закрыто": "closed",
    "closed": "closed",
}


class ClaimRow:
    """One data row of the file, parsed and checked."""

    __slots__ = ("number", "cells", "vals", "errors", "policy_name", "insurer_name", "claim")

    def __init__(self, number, cells):
        self.number = number
        self.cells = cells
        self.vals = {}
        self.errors = []
        self.policy_name = ""
        self.insurer_name = ""
        self.claim = None


class InsuranceClaimImport(models.TransientModel):
    """Imports claims from an insurer's bordereau or the finance system's export
    (XLSX or CSV): columns recognised by their headers, policies matched by
    number, claims created or updated by (policy, claim number). Rows with errors
    are listed with the reason and never imported; the others are imported all
    together or not at all."""

    _name = "insurance.claim.import"
    _description = "Import of Claims"

    state = fields.Selection(
        [("upload", "Upload"), ("preview", "Preview"), ("done", "Done")],
        default="upload",
        required=True,
    )
    file = fields.Binary(attachment=False)
    filename = fields.Char()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    columns_found = fields.Char(string="Columns Recognised", readonly=True)
    line_ids = fields.One2many("insurance.claim.import.line", "wizard_id")
    error_line_ids = fields.One2many(
        "insurance.claim.import.line", "wizard_id", domain=[("status", "=", "error")]
    )
    row_count = fields.Integer(string="Rows", readonly=True)
    new_count = fields.Integer(string="New Claims", readonly=True)
    update_count = fields.Integer(string="Claims to Update", readonly=True)
    error_count = fields.Integer(string="Rows with Errors", readonly=True)
    amount_paid_total = fields.Float(string="Paid in Valid Rows", readonly=True)
    imported_count = fields.Integer(string="Claims Created", readonly=True)
    updated_count = fields.Integer(string="Claims Updated", readonly=True)
    error_file = fields.Binary(readonly=True, attachment=False)
    error_filename = fields.Char(readonly=True)

    # ------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------

    def action_preview(self):
        """Read and check the whole file; nothing is written to claims yet."""
        self.ensure_one()
        rows, columns = self._parse_file()
        self.line_ids.unlink()
        self._write_figures(rows, columns)
        self.state = "preview"
        return self._action_reopen()

    def action_import(self):
        """Create and update the claims of the valid rows, all in one go."""
        self.ensure_one()
        rows, columns = self._parse_file()
        valid = [row for row in rows if not row.errors]
        if not valid:
            raise UserError(_("No row of the file can be imported: correct the errors first."))
        created, updated = self._import_rows(valid)
        self.line_ids.unlink()
        self._write_figures(rows, columns)
        self.write({"state": "done", "imported_count": created, "updated_count": updated})
        return self._action_reopen()

    def action_back(self):
        self.ensure_one()
        self.line_ids.unlink()
        self.state = "upload"
        return self._action_reopen()

    def _action_reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Import Claims"),
        }

    # ------------------------------------------------------------
    # Reading
    # ------------------------------------------------------------

    def _parse_file(self):
        """(rows, {column index: field}) of the file, every row checked."""
        if not self.file:
            raise UserError(_("Choose the file of claims to import."))
        content = base64.b64decode(self.file)
        try:
            sheets = reader.read_sheets(content, self.filename or "")
            rows, columns = self._read_rows(sheets)
        except reader.RegisterError as error:
            raise UserError(self._file_error_message(error.code)) from error
        except (ValueError, TypeError, UnicodeError) as error:
            raise UserError(self._file_error_message("not_spreadsheet")) from error
        if not rows:
            raise UserError(
                _("The file has the column headers but no claims under them: nothing to import.")
            )
        self._check_rows(rows)
        return rows, columns

    @api.model
    def _file_error_message(self, code):
        """What is wrong with the file as a table of claims. Problems of the file
        format (old .xls, not a spreadsheet, unknown encoding) are the shared
        reader's, told as the register import tells them."""
        if code == "empty":
            return _("The file is empty: choose the claims file saved from Excel.")
        if code in ("xls", "not_spreadsheet", "encoding"):
            return self.env["insurance.policy.import"]._register_error_message(code)
        return _("The file cannot be read as a table of claims.")

    @api.model
    def _header_fields(self, row):
        mapping = {}
        for index, cell in enumerate(row or ()):
            field = HEADER_LOOKUP.get(reader.normalize_header(cell))
            if field and field not in mapping.values():
                mapping[index] = field
        return mapping

    @api.model
    def _read_rows(self, sheets):
        """Data rows under the first header row that names the policy number,
        the claim number and the date of loss, in the first sheet having one."""
        found = {}
        for _sheet, sheet_rows in sheets:
            rows, columns = [], None
            for number, row in enumerate(sheet_rows, start=1):
                if columns is None:
                    if number > HEADER_SCAN_ROWS:
                        break
                    mapping = self._header_fields(row)
                    found = found if len(found) >= len(mapping) else mapping
                    if set(REQUIRED_COLUMNS) <= set(mapping.values()):
                        columns = mapping
                    continue
                if reader.is_blank(row) or reader.is_total_row(row):
                    continue
                cells = {field: row[index] for index, field in columns.items() if index < len(row)}
                rows.append(ClaimRow(number, cells))
            if columns is not None:
                return rows, columns
        labels = dict(self._column_labels())
        missing = [labels[f] for f in REQUIRED_COLUMNS if f not in found.values()]
        raise UserError(
            _(
                "No header row with the columns %(missing)s was found in the first "
                "%(rows)s rows. Name the columns e.g. «Номер полиса», «Номер убытка», "
                "«Дата убытка», «Выплачено», «Статус».",
                missing=", ".join(f"«{label}»" for label in missing),
                rows=HEADER_SCAN_ROWS,
            )
        )

    @api.model
    def _column_labels(self):
        return [
            ("policy", _("Policy number")),
            ("insurer", _("Insurer")),
            ("number", _("Claim number")),
            ("date", _("Date of loss")),
            ("date_paid", _("Payment date")),
            ("amount_claimed", _("Claimed")),
            ("amount_paid", _("Paid")),
            ("status", _("Status")),
            ("description", _("Description")),
        ]

    # ------------------------------------------------------------
    # Checking
    # ------------------------------------------------------------

    def _check_rows(self, rows):
        for row in rows:
            self._parse_row(row)
        self._match_policies(rows)
        self._match_claims(rows)

    @api.model
    def _parse_row(self, row):
        cells = row.cells
        Policy = self.env["insurance.policy"]
        row.policy_name = Policy._normalize_identifier_vals(
            {"name": reader.text(cells.get("policy"))}
        )["name"]
        row.insurer_name = reader.text(cells.get("insurer"))
        number = reader.text(cells.get("number"))
        if not row.policy_name:
            row.errors.append(_("The policy number is empty."))
        if not number:
            row.errors.append(_("The claim number is empty."))
        else:
            row.vals["name"] = self.env["insurance.claim"]._normalize_number(number)
        for field, label in (("date", _("date of loss")), ("date_paid", _("payment date"))):
            try:
                row.vals[field] = reader.parse_date(cells.get(field)) or False
            except ValueError:
                row.errors.append(
                    _(
                        "The %(column)s «%(value)s» is not a date: write it as 31.12.2025.",
                        column=label,
                        value=reader.text(cells.get(field)),
                    )
                )
        if "date" in row.vals and not row.vals["date"]:
            row.errors.append(_("The date of loss is empty."))
        for field, label in (("amount_claimed", _("claimed")), ("amount_paid", _("paid"))):
            try:
                row.vals[field] = reader.parse_amount(cells.get(field)) or 0.0
            except ValueError:
                row.errors.append(
                    _(
                        "The %(column)s amount «%(value)s» is not a non-negative number.",
                        column=label,
                        value=reader.text(cells.get(field)),
                    )
                )
        status = reader.text(cells.get("status"))
        if status:
            state = reader.parse_choice(status, STATUS_WORDS)
            if not state:
                row.errors.append(
                    _(
                        "Unknown status «%(status)s»: use reported, in review, paid, "
                        "rejected or closed (заявлен, на рассмотрении, выплачен, отказ, закрыт).",
                        status=status,
                    )
                )
            row.vals["state"] = state
        else:
            row.vals["state"] = "paid" if row.vals.get("amount_paid") else "reported"
        if (
            row.vals.get("date")
            and row.vals.get("date_paid")
            and row.vals["date_paid"] < row.vals["date"]
        ):
            row.errors.append(_("The payment date is before the date of loss."))
        description = reader.text(cells.get("description"))
        if description:
            row.vals["description"] = description

    def _match_policies(self, rows):
        """Policy of each row by its normalised number in the wizard's company; a
        number several insurers issued is told apart by the insurer column."""
        names = {row.policy_name for row in rows if row.policy_name}
        by_name = defaultdict(list)
        Policy = self.env["insurance.policy"]
        for chunk in self.env.cr.split_for_in_conditions(list(names), size=5000):
            for policy in Policy.search(
                [("name", "in", list(chunk)), ("company_id", "=", self.company_id.id)]
            ):
                by_name[policy.name].append(policy)
        for row in rows:
            if not row.policy_name:
                continue
            candidates = by_name.get(row.policy_name, [])
            if row.insurer_name:
                candidates = [p for p in candidates if self._same_insurer(p, row.insurer_name)]
            if len(candidates) == 1:
                row.vals["policy_id"] = candidates[0].id
            elif not by_name.get(row.policy_name):
                row.errors.append(_("Policy %(policy)s is not in the CRM.", policy=row.policy_name))
            elif not candidates:
                row.errors.append(
                    _(
                        "Policy %(policy)s is not a policy of insurer «%(insurer)s».",
                        policy=row.policy_name,
                        insurer=row.insurer_name,
                    )
                )
            else:
                row.errors.append(
                    _(
                        "Several insurers issued a policy %(policy)s: fill in the insurer column.",
                        policy=row.policy_name,
                    )
                )

    @api.model
    def _same_insurer(self, policy, insurer_name):
        """«Ингосстрах» names the insurer «СПАО «Ингосстрах»»: a match of either
        name inside the other, ignoring case and punctuation."""
        wanted = reader.normalize_header(insurer_name)
        actual = reader.normalize_header(policy.insurer_id.name)
        return bool(wanted) and (wanted in actual or actual in wanted)

    def _match_claims(self, rows):
        """Existing claim of each valid row; a second row of the same claim in the
        file is refused rather than silently overwriting the first."""
        valid = [row for row in rows if not row.errors]
        Claim = self.env["insurance.claim"]
        existing = {}
        policy_ids = list({row.vals["policy_id"] for row in valid})
        for chunk in self.env.cr.split_for_in_conditions(policy_ids, size=5000):
            for claim in Claim.search([("policy_id", "in", list(chunk))]):
                existing[claim.policy_id.id, claim.name] = claim
        seen = {}
        for row in valid:
            key = (row.vals["policy_id"], row.vals["name"])
            if key in seen:
                row.errors.append(
                    _(
                        "Claim %(claim)s of policy %(policy)s is already in row %(row)s.",
                        claim=row.vals["name"],
                        policy=row.policy_name,
                        row=seen[key],
                    )
                )
                continue
            seen[key] = row.number
            row.claim = existing.get(key)

    # ------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------

    def _import_rows(self, rows):
        """Create the new claims and update the known ones; any failure rolls all
        of them back. Returns (created, updated)."""
        Claim = self.env["insurance.claim"].with_context(
            tracking_disable=True, mail_create_nolog=True
        )
        to_create = [row.vals for row in rows if not row.claim]
        updated = 0
        try:
            with self.env.cr.savepoint():
                Claim.create(to_create)
                for row in rows:
                    if not row.claim:
                        continue
                    changes = {
                        field: value
                        for field, value in row.vals.items()
                        if field not in ("policy_id", "name")
                        and self._differs(row.claim, field, value)
                    }
                    if changes:
                        row.claim.with_context(tracking_disable=True).write(changes)
                        updated += 1
                self.env.flush_all()
        except Exception as error:
            raise UserError(
                _("Nothing was imported: %(error)s", error=getattr(error, "args", [error])[0])
            ) from error
        return len(to_create), updated

    @api.model
    def _differs(self, claim, field, value):
        current = claim[field]
        if isinstance(current, float):
            return abs(current - (value or 0.0)) > 0.005
        return (current or False) != (value or False)

    def _write_figures(self, rows, columns):
        errors = [row for row in rows if row.errors]
        valid = [row for row in rows if not row.errors]
        labels = dict(self._column_labels())
        lines = [self._line_vals(row) for row in errors]
        lines += [self._line_vals(row) for row in valid[:PREVIEW_LINES]]
        self.env["insurance.claim.import.line"].create(lines)
        self.write(
            {
                "columns_found": ", ".join(labels[f] for f in columns.values()),
                "row_count": len(rows),
                "new_count": sum(1 for row in valid if not row.claim),
                "update_count": sum(1 for row in valid if row.claim),
                "error_count": len(errors),
                "amount_paid_total": sum(row.vals.get("amount_paid") or 0.0 for row in valid),
                "error_file": base64.b64encode(self._build_error_file(errors, columns))
                if errors
                else False,
                "error_filename": _("claim_import_errors.xlsx") if errors else False,
            }
        )

    def _line_vals(self, row):
        if row.errors:
            status = "error"
        else:
            status = "update" if row.claim else "new"
        return {
            "wizard_id": self.id,
            "row_number": row.number,
            "policy_name": row.policy_name,
            "claim_name": row.vals.get("name") or reader.text(row.cells.get("number")),
            "date": row.vals.get("date") or False,
            "amount_paid": row.vals.get("amount_paid") or 0.0,
            "status": status,
            "message": "\n".join(row.errors),
        }

    def _build_error_file(self, rows, columns):
        """The refused rows as in the file, with the row number and the reason
        first, ready to be corrected and imported again."""
        import xlsxwriter

        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(_("Errors"))
        bold = workbook.add_format({"bold": True})
        date_format = workbook.add_format({"num_format": "dd.mm.yyyy"})
        labels = dict(self._column_labels())
        fields_order = list(columns.values())
        sheet.write_row(0, 0, [_("Row"), _("Error")] + [labels[f] for f in fields_order], bold)
        for index, row in enumerate(rows, start=1):
            sheet.write(index, 0, row.number)
            sheet.write(index, 1, "; ".join(row.errors))
            for col, field in enumerate(fields_order, start=2):
                value = row.cells.get(field)
                if hasattr(value, "year"):
                    sheet.write_datetime(index, col, value, date_format)
                elif value is not None:
                    sheet.write(index, col, value)
        sheet.set_column(1, 1, 60)
        workbook.close()
        return output.getvalue()
