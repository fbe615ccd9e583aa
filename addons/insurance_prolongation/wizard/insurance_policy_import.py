import base64
import io
import logging
import re
import threading
from collections import Counter, defaultdict

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import split_every

from odoo.addons.insurance_broker.models.insurance_policy import PLATE_PATTERNS, VIN_PATTERN

from ..tools import register_reader as reader

_logger = logging.getLogger(__name__)

# Rows written per committed transaction.
IMPORT_BATCH_SIZE = 500
# Data rows per sheet read to show an example of each column.
ANALYSE_ROWS = 200
# Rows of each kind the preview lists; the counters cover the whole file.
PREVIEW_LINES = 200
REQUIRED_FIELDS = ("client", "phone", "insurer", "product", "number")
STATUS_SEQUENCE = {"error": 0, "new": 1, "exists": 2}


class RegisterRow:
    """One data row of the file, parsed."""

    __slots__ = (
        "sheet",
        "number",
        "cells",
        "vals",
        "partner_vals",
        "phone",
        "errors",
        "status",
        "insurer_id",
        "policy_name",
        "client_ok",
    )

    def __init__(self, sheet, number, cells):
        self.sheet = sheet
        self.number = number
        self.cells = cells
        self.vals = {}
        self.partner_vals = {}
        self.phone = False
        self.errors = []
        self.status = "new"
        self.insurer_id = False
        self.policy_name = ""
        self.client_ok = False


class InsurancePolicyImport(models.TransientModel):
    """Imports the managers' registers (XLSX or CSV) as clients and policies:
    upload, map the columns, confirm unknown names, preview, import."""

    _name = "insurance.policy.import"
    _description = "Import of Policies from a Register"

    state = fields.Selection(
        [
            ("upload", "Upload"),
            ("mapping", "Columns"),
            ("names", "Unknown Names"),
            ("preview", "Preview"),
            ("done", "Done"),
        ],
        default="upload",
        required=True,
    )
    file = fields.Binary(string="Register", attachment=False)
    filename = fields.Char()
    origin = fields.Selection(
        [("own", "Sold by us"), ("foreign", "Held elsewhere")],
        default="own",
        required=True,
        help="Registers of our own sales are imported as our policies; lists of "
        "policies clients hold elsewhere as foreign policies.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    sheet_names = fields.Char(string="Sheets Read", readonly=True)
    column_ids = fields.One2many("insurance.policy.import.column", "wizard_id")
    name_ids = fields.One2many("insurance.policy.import.name", "wizard_id")
    line_ids = fields.One2many("insurance.policy.import.line", "wizard_id")
    error_line_ids = fields.One2many(
        "insurance.policy.import.line", "wizard_id", domain=[("status", "=", "error")]
    )

    # Preview and result figures
    row_count = fields.Integer(string="Rows", readonly=True)
    new_count = fields.Integer(string="To Import", readonly=True)
    exists_count = fields.Integer(string="Already Imported", readonly=True)
    error_count = fields.Integer(string="With Errors", readonly=True)
    client_count = fields.Integer(string="Clients in the File", readonly=True)
    premium_total = fields.Float(string="Premium of Valid Rows", readonly=True)
    commission_total = fields.Float(string="Commission of Valid Rows", readonly=True)
    imported_count = fields.Integer(string="Policies Imported", readonly=True)
    created_client_count = fields.Integer(string="Clients Created", readonly=True)
    progress_done = fields.Integer(readonly=True)
    progress_total = fields.Integer(readonly=True)
    progress = fields.Float(compute="_compute_progress")
    error_file = fields.Binary(readonly=True, attachment=False)
    error_filename = fields.Char(readonly=True)

    @api.depends("progress_done", "progress_total")
    def _compute_progress(self):
        for wizard in self:
            total = wizard.progress_total
            wizard.progress = 100.0 * wizard.progress_done / total if total else 0.0

    # ------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------

    def action_analyse(self):
        """Read the file, find the header rows and propose the column mapping."""
        self.ensure_one()
        if not self.file:
            if self.filename:
                raise UserError(self._register_error_message("empty"))
            raise UserError(_("Choose the register file to import (XLSX or CSV)."))
        headers = {}
        samples = {}
        sheets = []
        for sheet, rows in self._read_sheets():
            header = None
            for index, (kind, _number, row) in enumerate(reader.iter_sheet_records(rows)):
                if index > ANALYSE_ROWS:
                    break
                if kind == "header":
                    header = row
                    for cell in row:
                        key = reader.normalize_header(cell)
                        if key and key not in headers:
                            headers[key] = reader.text(cell)
                    continue
                for index, cell in enumerate(row):
                    if index < len(header):
                        key = reader.normalize_header(header[index])
                        if key and key not in samples and cell not in (None, ""):
                            samples[key] = reader.text(cell)
                if len(samples) >= len(headers):
                    break
            if header is not None:
                sheets.append(sheet)
        if not sheets:
            raise UserError(
                _(
                    "No sheet of this file has a header row with the usual columns "
                    "(«ФИО клиента», «Телефон», «СК», «№ полиса», «Окончание»...). "
                    "Check that it is the managers' register; if its text looks like "
                    "random characters, save it again in UTF-8 or Windows-1251."
                )
            )
        self.column_ids.unlink()
        self.write(
            {
                "sheet_names": ", ".join(sheets),
                "state": "mapping",
                "column_ids": [
                    fields.Command.create(
                        {
                            "sequence": index,
                            "header": header,
                            "header_key": key,
                            "field": reader.HEADER_LOOKUP.get(key),
                            "sample": samples.get(key, "")[:60],
                        }
                    )
                    for index, (key, header) in enumerate(headers.items())
                ],
            }
        )
        return self._action_reopen()

    def action_confirm_mapping(self):
        """Check the mapping, then ask about the names the catalogue does not know."""
        self.ensure_one()
        mapped = Counter(self.column_ids.filtered("field").mapped("field"))
        labels = dict(self.column_ids._fields["field"]._description_selection(self.env))
        missing = [labels[f] for f in REQUIRED_FIELDS if not mapped[f]]
        if not mapped["date_end"] and not mapped["date_start"]:
            missing.append(_("End date or start date"))
        if missing:
            raise UserError(
                _(
                    "Choose which column holds: %(fields)s.",
                    fields=", ".join(missing),
                )
            )
        twice = [labels[f] for f, count in mapped.items() if count > 1]
        if twice:
            raise UserError(
                _(
                    "Several columns are imported as %(fields)s: keep one.",
                    fields=", ".join(twice),
                )
            )
        self.name_ids.unlink()
        unknown = self._collect_unknown_names()
        if unknown:
            self.write(
                {
                    "state": "names",
                    "name_ids": [
                        fields.Command.create(
                            {"kind": kind, "name": name, "key": key, "row_count": count}
                        )
                        for (kind, key), (name, count) in sorted(unknown.items())
                    ],
                }
            )
            return self._action_reopen()
        return self.action_preview()

    def action_confirm_names(self):
        """Remember the confirmed names, create the new insurers and products."""
        self.ensure_one()
        Alias = self.env["insurance.name.alias"].sudo()
        for line in self.name_ids:
            if line.kind == "insurer":
                if not line.insurer_id and line.create_new:
                    line.insurer_id = self.env["res.partner"].create(
                        {"name": line.name, "is_company": True, "is_insurer": True}
                    )
                if line.insurer_id:
                    if not line.insurer_id.is_insurer and self.origin == "own":
                        line.insurer_id.is_insurer = True
                    self._remember_alias(Alias, "insurer", line.name, insurer_id=line.insurer_id.id)
            elif line.kind == "product":
                if not line.product_id and line.create_new:
                    line.product_id = self.env["insurance.product"].create(
                        {"name": line.name, "line_of_business": "other"}
                    )
                if line.product_id:
                    self._remember_alias(Alias, "product", line.name, product_id=line.product_id.id)
        return self.action_preview()

    def action_preview(self):
        """Parse every row as the import will, without writing anything but the
        preview itself: problems per row, figures of the valid rows."""
        self.ensure_one()
        counts = Counter()
        phones = set()
        premium = commission = 0.0
        lines = []
        shown = Counter()
        for chunk in self._iter_checked_chunks():
            for row in chunk:
                counts[row.status] += 1
                if row.client_ok:
                    phones.add(row.phone)
                if row.status != "error":
                    premium += row.vals.get("premium") or 0.0
                    commission += (
                        (row.vals.get("premium") or 0.0)
                        * (row.vals.get("commission_rate") or 0.0)
                        / 100.0
                    )
                if row.status == "error" or shown[row.status] < PREVIEW_LINES:
                    shown[row.status] += 1
                    lines.append(self._prepare_preview_line(row))
            self.env.invalidate_all()
        self.line_ids.unlink()
        self.write(
            {
                "state": "preview",
                "row_count": sum(counts.values()),
                "new_count": counts["new"],
                "exists_count": counts["exists"],
                "error_count": counts["error"],
                "client_count": len(phones),
                "premium_total": round(premium, 2),
                "commission_total": round(commission, 2),
                "line_ids": [fields.Command.create(vals) for vals in lines],
            }
        )
        return self._action_reopen()

    def action_import(self):
        """Import the valid rows in committed batches; the others go to the error
        file. Clients are matched by phone and policies by insurer and number,
        so importing the same file again creates nothing."""
        self.ensure_one()
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        self.write({"progress_done": 0, "progress_total": self.row_count or 0})
        imported = clients = done = 0
        failed = []
        for chunk in self._iter_checked_chunks():
            for batch in split_every(IMPORT_BATCH_SIZE, chunk, list):
                new_clients, new_policies = self._import_rows(batch)
                clients += new_clients
                imported += new_policies
                failed += [row for row in batch if row.status == "error"]
                done += len(batch)
                self.write({"progress_done": done, "imported_count": imported})
                if auto_commit:
                    # committed batches: a crash or a timeout keeps what was imported,
                    # and importing the file again only adds the rest
                    self.env.cr.commit()  # pylint: disable=invalid-commit
                    self._notify_import_progress(done)
                    # keep memory flat over a large file
                    self.env.invalidate_all()
        vals = {
            "state": "done",
            "imported_count": imported,
            "created_client_count": clients,
            "error_count": len(failed),
            "progress_done": done,
            "progress_total": done,
            "error_file": False,
            "error_filename": False,
        }
        if failed:
            vals["error_file"] = base64.b64encode(self._build_error_file(failed))
            vals["error_filename"] = _("import_errors.xlsx")
        self.write(vals)
        if imported:
            # imported policies enter the renewal pipeline without waiting a day
            self.env.ref("insurance_prolongation.ir_cron_create_renewals").sudo()._trigger()
        return self._action_reopen()

    def action_back(self):
        self.ensure_one()
        previous = {"mapping": "upload", "names": "mapping", "preview": "mapping"}
        self.state = previous.get(self.state, "upload")
        return self._action_reopen()

    def _action_reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Import Policies"),
        }

    # ------------------------------------------------------------
    # Reading
    # ------------------------------------------------------------

    def _read_sheets(self):
        content = base64.b64decode(self.file or b"")
        try:
            return reader.read_sheets(content, self.filename or "")
        except reader.RegisterError as error:
            raise UserError(self._register_error_message(error.code)) from error

    @api.model
    def _register_error_message(self, code):
        return {
            "empty": _("The file is empty: choose the register saved from Excel."),
            "xls": _(
                "This is an old Excel file (.xls). Open it in Excel and save it as "
                "«Книга Excel (.xlsx)» or as CSV, then import it again."
            ),
            "not_spreadsheet": _(
                "This file is not a spreadsheet: import an Excel workbook (.xlsx) or a CSV file."
            ),
            "encoding": _(
                "The file is not in UTF-8 or Windows-1251 encoding and its text cannot "
                "be read. Save it from Excel as «CSV UTF-8» or as an .xlsx workbook."
            ),
        }.get(code, _("The file cannot be read as a register."))

    def _iter_rows(self):
        """RegisterRow for every data row of every sheet, with cells keyed by field."""
        field_of = {c.header_key: c.field for c in self.column_ids if c.field}
        for sheet, rows in self._read_sheets():
            columns = {}
            for kind, number, row in reader.iter_sheet_records(rows):
                if kind == "header":
                    columns = {
                        index: field_of[key]
                        for index, key in enumerate(map(reader.normalize_header, row))
                        if key in field_of
                    }
                    continue
                cells = {field: row[index] for index, field in columns.items() if index < len(row)}
                yield RegisterRow(sheet, number, cells)

    # ------------------------------------------------------------
    # Names
    # ------------------------------------------------------------

    def _name_resolvers(self):
        """Lookups from the keys of names in the file to insurers, products and
        users: the catalogue, known variants and this import's confirmations."""
        Alias = self.env["insurance.name.alias"]
        insurers = (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("is_insurer", "=", True)])
        )
        products = self.env["insurance.product"].search([])
        insurer_map = Alias._insurer_map(insurers)
        product_map = Alias._product_map(products)
        user_map = {}
        for user in self.env["res.users"].search(
            [("share", "=", False), ("company_ids", "in", self.company_id.id)]
        ):
            for key in reader.person_keys(user.name):
                user_map.setdefault(key, user)
        for line in self.name_ids:
            if line.kind == "insurer" and line.insurer_id:
                insurer_map[line.key] = line.insurer_id
            elif line.kind == "product" and line.product_id:
                product_map[line.key] = line.product_id
            elif line.kind == "user" and line.user_id:
                user_map[line.key] = line.user_id
        return insurer_map, product_map, user_map

    @api.model
    def _user_key(self, name):
        keys = reader.person_keys(name)
        return min(keys, key=len) if keys else ""

    def _find_user(self, user_map, name):
        for key in sorted(reader.person_keys(name), key=len, reverse=True):
            if key in user_map:
                return user_map[key]
        return self.env["res.users"]

    def _collect_unknown_names(self):
        """(kind, key) -> (name as first written, rows) for names nothing matches."""
        Alias = self.env["insurance.name.alias"]
        insurer_map, product_map, user_map = self._name_resolvers()
        unknown = {}
        for row in self._iter_rows():
            for kind, field, mapping in (
                ("insurer", "insurer", insurer_map),
                ("product", "product", product_map),
            ):
                name = reader.text(row.cells.get(field))
                key = Alias._name_key(name)
                if key and key not in mapping:
                    first, count = unknown.get((kind, key), (name, 0))
                    unknown[(kind, key)] = (first, count + 1)
            for field in ("seller", "issuer"):
                name = reader.text(row.cells.get(field))
                if name and not self._find_user(user_map, name):
                    key = self._user_key(name)
                    first, count = unknown.get(("user", key), (name, 0))
                    unknown[("user", key)] = (first, count + 1)
        return unknown

    @api.model
    def _remember_alias(self, Alias, kind, name, **target):
        key = Alias._name_key(name)
        alias = Alias.search([("kind", "=", kind), ("key", "=", key)], limit=1)
        if alias:
            alias.write(target)
        else:
            Alias.create({"kind": kind, "name": name, **target})

    # ------------------------------------------------------------
    # Parsing and checks
    # ------------------------------------------------------------

    def _iter_checked_chunks(self, size=2000):
        """Lists of parsed rows, each checked against the database and against
        the rows before it in the file."""
        resolvers = self._name_resolvers()
        seen = set()
        Partner = self.env["res.partner"]
        for chunk in split_every(size, self._iter_rows(), list):
            for row in chunk:
                self._parse_row(row, resolvers, Partner)
            self._check_existing(chunk, seen)
            yield chunk

    def _parse_row(self, row, resolvers, Partner):
        """Fill ``row.vals`` (policy) and ``row.partner_vals`` (client), or list
        in ``row.errors`` every problem of the row at once."""
        insurer_map, product_map, user_map = resolvers
        self._parse_client(row, Partner)
        insurer, product = self._parse_catalogue(row, insurer_map, product_map)
        date_sale, date_start, date_end = self._parse_dates(row)
        premium, rate = self._parse_amounts(row)
        vehicle = self._parse_vehicle(row)
        if row.errors:
            row.status = "error"
            return
        cells = row.cells
        date_start = date_start or date_sale
        if not date_start:
            # only the end is known: the policy ran one term before it
            months = product.term_months or 12
            date_start = date_end - relativedelta(months=months) + relativedelta(days=1)
        date_sale = date_sale or date_start
        date_end = date_end or self._default_date_end(product, date_start)
        vals = {
            "name": row.policy_name,
            "origin": self.origin,
            "insurer_id": insurer.id,
            "product_id": product.id,
            "company_id": self.company_id.id,
            "date_sale": date_sale,
            "date_start": date_start,
            "date_end": date_end,
            "state": "active" if date_end >= fields.Date.context_today(self) else "expired",
            "premium": premium or 0.0,
            "seller_id": self._find_user(user_map, reader.text(cells.get("seller"))).id,
            "issuer_id": self._find_user(user_map, reader.text(cells.get("issuer"))).id,
            **vehicle,
        }
        if rate is not None:
            vals["commission_rate"] = rate
        payment = reader.parse_choice(cells.get("payment"), reader.PAYMENT_WORDS)
        if payment:
            vals["payment_method"] = payment
        delivery = reader.parse_choice(cells.get("delivery"), reader.DELIVERY_WORDS)
        if delivery:
            vals["delivery_method"] = delivery
        if reader.text(cells.get("note")):
            vals["note"] = reader.text(cells.get("note"))
        if "consent" in cells and reader.parse_yes(cells.get("consent")):
            row.partner_vals.update(
                {"sms_consent": True, "sms_consent_source": "import", "sms_consent_date": date_sale}
            )
        row.vals = vals

    def _parse_client(self, row, Partner):
        client = reader.text(row.cells.get("client"))
        raw_phone = reader.text(row.cells.get("phone"))
        phone = raw_phone and Partner._normalize_phone_number(raw_phone)
        if not client:
            row.errors.append(_("the client's name is missing"))
        if not raw_phone:
            row.errors.append(_("the phone is missing"))
        elif not phone:
            row.errors.append(_("invalid phone «%(phone)s»", phone=raw_phone))
        row.client_ok = bool(client and phone)
        row.phone = phone
        row.partner_vals = {"name": client, "phone": phone, "company_id": False}
        email = reader.text(row.cells.get("email"))
        if email and "@" in email:
            row.partner_vals["email"] = email

    def _parse_catalogue(self, row, insurer_map, product_map):
        Alias = self.env["insurance.name.alias"]
        insurer_name = reader.text(row.cells.get("insurer"))
        insurer = insurer_map.get(Alias._name_key(insurer_name))
        if not insurer_name:
            row.errors.append(_("the insurer is missing"))
        elif not insurer:
            row.errors.append(_("unknown insurer «%(name)s»", name=insurer_name))
        product_name = reader.text(row.cells.get("product"))
        product = product_map.get(Alias._name_key(product_name))
        if not product_name:
            row.errors.append(_("the product is missing"))
        elif not product:
            row.errors.append(_("unknown product «%(name)s»", name=product_name))
        row.policy_name = " ".join(reader.text(row.cells.get("number")).split()).upper()
        if not row.policy_name:
            row.errors.append(_("the policy number is missing"))
        row.insurer_id = insurer.id if insurer else False
        return insurer, product

    def _parse_dates(self, row):
        dates = {}
        for field, label in (
            ("date_sale", _("sale date")),
            ("date_start", _("start date")),
            ("date_end", _("end date")),
        ):
            try:
                dates[field] = reader.parse_date(row.cells.get(field))
            except (ValueError, TypeError):
                dates[field] = False
                row.errors.append(
                    _(
                        "invalid %(what)s «%(value)s»: expected dd.mm.yyyy",
                        what=label,
                        value=reader.text(row.cells.get(field)),
                    )
                )
        date_start = dates["date_start"] or dates["date_sale"]
        date_end = dates["date_end"]
        if not date_start and not date_end and None in (dates["date_start"], dates["date_end"]):
            row.errors.append(_("neither the start nor the end date is given"))
        if date_start and date_end and date_end < date_start:
            row.errors.append(_("the policy ends before it starts"))
        return dates["date_sale"], dates["date_start"], date_end

    def _parse_amounts(self, row):
        premium = rate = None
        try:
            premium = reader.parse_amount(row.cells.get("premium"))
        except (ValueError, TypeError):
            row.errors.append(
                _("invalid premium «%(value)s»", value=reader.text(row.cells.get("premium")))
            )
        try:
            rate = reader.parse_rate(row.cells.get("commission_rate"))
        except (ValueError, TypeError):
            row.errors.append(
                _(
                    "invalid commission «%(value)s»: expected 15, 15%% or 0.15",
                    value=reader.text(row.cells.get("commission_rate")),
                )
            )
        return premium, rate

    def _parse_vehicle(self, row):
        vehicle = {}
        plate = reader.text(row.cells.get("plate"))
        if plate:
            plate = self.env["insurance.policy"]._normalize_plate(plate)
            if not any(pattern.match(plate) for pattern in PLATE_PATTERNS):
                row.errors.append(_("invalid plate «%(plate)s»", plate=plate))
            vehicle["vehicle_plate"] = plate
        vin = re.sub(r"[\s-]", "", reader.text(row.cells.get("vin"))).upper()
        if vin:
            if not VIN_PATTERN.match(vin):
                row.errors.append(_("invalid VIN «%(vin)s»", vin=vin))
            vehicle["vehicle_vin"] = vin
        for field in ("make", "model"):
            if reader.text(row.cells.get(field)):
                vehicle[f"vehicle_{field}"] = reader.text(row.cells.get(field))
        return vehicle

    @api.model
    def _default_date_end(self, product, date_start):
        """As a policy proposes it: the day before the same date one term later,
        or the end of the month when that date does not exist."""
        anniversary = date_start + relativedelta(months=product.term_months or 12)
        if anniversary.day < date_start.day:
            return anniversary
        return anniversary - relativedelta(days=1)

    def _check_existing(self, rows, seen):
        """Policies already in the database, and rows repeating an earlier row."""
        candidates = [row for row in rows if row.status == "new"]
        existing = set()
        if candidates:
            Policy = self.env["insurance.policy"].sudo().with_context(active_test=False)
            for insurer_id, name in Policy.search_fetch(
                [
                    ("company_id", "=", self.company_id.id),
                    ("insurer_id", "in", list({row.insurer_id for row in candidates})),
                    ("name", "in", list({row.policy_name for row in candidates})),
                ],
                ["insurer_id", "name"],
            ).mapped(lambda p: (p.insurer_id.id, p.name)):
                existing.add((insurer_id, name))
        for row in rows:
            key = (row.insurer_id, row.policy_name)
            if row.status == "new" and key in existing:
                row.status = "exists"
            elif row.status == "new" and key in seen:
                row.status = "error"
                row.errors.append(_("this policy is already on an earlier row of the file"))
            if row.status != "error":
                seen.add(key)

    def _prepare_preview_line(self, row):
        cells = row.cells
        return {
            "sheet": row.sheet,
            "row": row.number,
            "policy_number": row.policy_name or reader.text(cells.get("number")),
            "client": reader.text(cells.get("client")),
            "phone": reader.text(cells.get("phone")),
            "insurer": reader.text(cells.get("insurer")),
            "product": reader.text(cells.get("product")),
            "date_end": row.vals.get("date_end"),
            "premium": row.vals.get("premium") or 0.0,
            "status": row.status,
            "status_sequence": STATUS_SEQUENCE[row.status],
            "message": "; ".join(row.errors),
        }

    # ------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------

    def _import_rows(self, rows):
        """Clients of every row whose client data is valid (a bad date must not
        lose the client), then the policies of the valid rows."""
        partners, created = self._get_or_create_clients([row for row in rows if row.client_ok])
        to_create = [row for row in rows if row.status == "new"]
        for row in to_create:
            row.vals["partner_id"] = partners[row.phone].id
        Policy = self.env["insurance.policy"].with_context(
            tracking_disable=True, mail_create_nolog=True
        )
        try:
            with self.env.cr.savepoint():
                Policy.create([row.vals for row in to_create])
                self.env.flush_all()
            return created, len(to_create)
        except (ValidationError, UserError, psycopg2.Error):
            _logger.info("Import batch refused, retrying its rows one by one")
        imported = 0
        for row in to_create:
            try:
                with self.env.cr.savepoint():
                    Policy.create(row.vals)
                    self.env.flush_all()
                imported += 1
            except (ValidationError, UserError) as error:
                row.status = "error"
                row.errors.append(str(error.args[0]) if error.args else str(error))
            except psycopg2.Error as error:
                row.status = "error"
                row.errors.append(
                    _("the database refused the row: %(error)s", error=error.pgerror or error)
                )
        return created, imported

    def _get_or_create_clients(self, rows):
        """phone -> client; the first row with a new phone names the client."""
        Partner = self.env["res.partner"].with_context(tracking_disable=True)
        phones = {row.phone for row in rows}
        found = {}
        if phones:
            for partner in Partner.with_context(active_test=False).search(
                ["|", ("phone", "in", list(phones)), ("mobile", "in", list(phones))],
                order="id",
            ):
                for number in (partner.phone, partner.mobile):
                    if number in phones:
                        found.setdefault(number, partner)
        new_vals = {}
        consents = defaultdict(dict)
        for row in rows:
            if row.phone not in found and row.phone not in new_vals:
                new_vals[row.phone] = row.partner_vals
            elif row.partner_vals.get("sms_consent"):
                consents[row.phone] = row.partner_vals
        if new_vals:
            for partner in Partner.create(list(new_vals.values())):
                found[partner.phone] = partner
        for phone, vals in consents.items():
            partner = found.get(phone)
            if partner and not partner.sms_consent:
                partner.write({k: v for k, v in vals.items() if k.startswith("sms_consent")})
        return found, len(new_vals)

    def _notify_import_progress(self, done):
        self.env.user._bus_send(
            "simple_notification",
            {
                "type": "info",
                "title": _("Import of policies"),
                "message": _(
                    "%(done)s of %(total)s rows processed",
                    done=done,
                    total=self.progress_total,
                ),
            },
        )

    def _build_error_file(self, rows):
        """The refused rows as in the file, with the sheet, the row number and
        the reason first, ready to be corrected and imported again."""
        import xlsxwriter

        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(_("Errors"))
        bold = workbook.add_format({"bold": True})
        date_format = workbook.add_format({"num_format": "dd.mm.yyyy"})
        labels = dict(self.column_ids._fields["field"]._description_selection(self.env))
        columns = [c for c in self.column_ids.sorted("sequence") if c.field]
        header = [_("Sheet"), _("Row"), _("Error")] + [c.header or labels[c.field] for c in columns]
        sheet.write_row(0, 0, header, bold)
        for index, row in enumerate(rows, start=1):
            sheet.write(index, 0, row.sheet)
            sheet.write(index, 1, row.number)
            sheet.write(index, 2, "; ".join(row.errors))
            for col, column in enumerate(columns, start=3):
                value = row.cells.get(column.field)
                if hasattr(value, "year"):
                    sheet.write_datetime(index, col, value, date_format)
                elif value is not None:
                    sheet.write(index, col, value)
        sheet.set_column(2, 2, 50)
        workbook.close()
        return output.getvalue()
