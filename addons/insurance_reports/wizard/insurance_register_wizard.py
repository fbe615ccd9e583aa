import re

from dateutil.relativedelta import relativedelta
from xlsxwriter.utility import xl_col_to_name

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..report.xlsx_book import XlsxBook

CHUNK_SIZE = 5000
HTML_TAGS = re.compile(r"<[^>]+>")


class InsuranceRegisterWizard(models.TransientModel):
    _name = "insurance.register.wizard"
    _description = "Policy Register Export"

    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._default_date_from()
    )
    date_to = fields.Date(string="To", required=True, default=lambda self: self._default_date_to())
    seller_id = fields.Many2one("res.users", string="Manager", domain=[("share", "=", False)])
    insurer_id = fields.Many2one("res.partner", domain=[("is_insurer", "=", True)])
    product_id = fields.Many2one("insurance.product")
    origin = fields.Selection(
        [("own", "Sold by us"), ("foreign", "Held elsewhere"), ("all", "All")],
        string="Policies",
        required=True,
        default="own",
    )
    can_export = fields.Boolean(compute="_compute_can_export")

    def _default_date_from(self):
        return fields.Date.context_today(self).replace(day=1)

    def _default_date_to(self):
        return self._default_date_from() + relativedelta(months=1, days=-1)

    @api.depends_context("uid")
    def _compute_can_export(self):
        allowed = self._user_can_export()
        for wizard in self:
            wizard.can_export = allowed

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            if wizard.date_to < wizard.date_from:
                raise UserError(_("The period ends before it starts: correct the dates."))

    # ------------------------------------------------------------
    # Rights
    # ------------------------------------------------------------

    @api.model
    def _user_can_export(self):
        """The export right of the security layer: head of sales, accountant, or
        granted per user by the administrator."""
        return self.env.user._insurance_can_export()

    @api.model
    def _check_export_rights(self, model_name="insurance.register.line", record_count=0):
        """The one gate of every XLSX export of this module (register and pay):
        the audit log refuses users without the export right in Russian, records
        the attempt and tells the head of sales; an allowed export is recorded."""
        return self.env["insurance.audit.log"]._check_export(
            "xlsx_report", model_name, record_count
        )

    @api.model
    def _refuse_export_unless_allowed(self):
        """A download button refuses early; the download itself logs the allowed
        export with its row count."""
        if not self._user_can_export():
            self._check_export_rights()

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def _register_domain(self):
        self.ensure_one()
        domain = [("date_sale", ">=", self.date_from), ("date_sale", "<=", self.date_to)]
        if self.seller_id:
            domain.append(("seller_id", "=", self.seller_id.id))
        if self.insurer_id:
            domain.append(("insurer_id", "=", self.insurer_id.id))
        if self.product_id:
            domain.append(("product_id", "=", self.product_id.id))
        if self.origin != "all":
            domain.append(("origin", "=", self.origin))
        return domain

    def action_show(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "insurance_reports.insurance_register_line_action"
        )
        action["domain"] = self._register_domain()
        action["context"] = {"search_default_group_seller": 0}
        return action

    def action_export_xlsx(self):
        self.ensure_one()
        self._refuse_export_unless_allowed()
        return {
            "type": "ir.actions.act_url",
            "url": f"/insurance_reports/register/{self.id}",
            "target": "download",
        }

    def _export_filename(self):
        return "register_%s_%s.xlsx" % (self.date_from.isoformat(), self.date_to.isoformat())

    # ------------------------------------------------------------
    # XLSX
    # ------------------------------------------------------------

    @api.model
    def _register_lang(self):
        """The register is the managers' Russian sheet: Russian whenever it is
        installed, whatever the language of the one who exports it."""
        if self.env["res.lang"]._get_data(code="ru_RU"):
            return "ru_RU"
        return self.env.lang or "en_US"

    def _register_columns(self):
        """The 17 columns of the managers' sheet in their order, then ours: the
        origin, the status and the discount with the commission we keep."""
        return [
            (_("Sale Date"), "date", 12),
            (_("Manager"), "text", 22),
            (_("Issuer"), "text", 22),
            (_("Client Name"), "text", 32),
            (_("Phone"), "text", 18),
            (_("Product"), "text", 18),
            (_("Insurer"), "text", 24),
            (_("Policy No."), "text", 18),
            (_("Start"), "date", 12),
            (_("End"), "date", 12),
            (_("Premium, RUB"), "money", 14),
            (_("Commission %"), "rate", 9),
            (_("Commission, RUB"), "money", 14),
            (_("Plate"), "text", 12),
            (_("Payment"), "text", 14),
            (_("Delivery"), "text", 14),
            (_("Comment"), "text", 30),
            (_("Origin"), "text", 14),
            (_("Status"), "text", 12),
            (_("Discount %"), "rate", 9),
            (_("Discount, RUB"), "money", 14),
            (_("Commission after Discount, RUB"), "money", 16),
        ]

    def _register_query(self, lang):
        """Rows of the register, by manager then date; the ids come from the
        ORM so that record rules and the company apply as on screen."""
        ids_query = self.env["insurance.register.line"]._search(self._register_domain())
        return SQL(
            """
            SELECT l.seller_id,
                   sp.name,
                   l.date_sale - DATE '1899-12-30', sp.name, ip.name, client.name,
                   COALESCE(NULLIF(client.mobile, ''), client.phone),
                   COALESCE(prod.name->>%(lang)s, prod.name->>'en_US'),
                   insurer.name, l.name,
                   l.date_start - DATE '1899-12-30', l.date_end - DATE '1899-12-30',
                   l.premium, l.commission_rate, l.commission_amount,
                   l.vehicle_plate, l.payment_method, pol.delivery_method, pol.note,
                   l.origin, l.state,
                   l.discount_percent, l.discount_amount, l.commission_net_amount
              FROM insurance_register_line l
              JOIN insurance_policy pol ON pol.id = l.id
              JOIN res_partner client ON client.id = l.partner_id
              JOIN res_partner insurer ON insurer.id = l.insurer_id
              JOIN insurance_product prod ON prod.id = l.product_id
         LEFT JOIN res_users su ON su.id = l.seller_id
         LEFT JOIN res_partner sp ON sp.id = su.partner_id
         LEFT JOIN res_users iu ON iu.id = l.issuer_id
         LEFT JOIN res_partner ip ON ip.id = iu.partner_id
             WHERE l.id IN %(ids)s
          ORDER BY sp.name NULLS LAST, l.seller_id, l.date_sale, l.id
            """,
            lang=lang,
            ids=ids_query.subselect(),
        )

    def _iter_register_rows(self, lang):
        """Rows streamed through a server-side cursor, CHUNK_SIZE at a time, so
        that memory does not grow with the period."""
        cr = self.env.cr
        cursor_name = SQL.identifier(f"insurance_register_{self.id or 0}")
        # Every row is read: plan for the whole result, not for the first 10%
        # (a cursor's default, which picks nested loops that crawl on big tables).
        cr.execute("SET LOCAL cursor_tuple_fraction = 1.0")
        cr.execute(
            SQL("DECLARE %s NO SCROLL CURSOR FOR %s", cursor_name, self._register_query(lang))
        )
        try:
            while True:
                cr.execute(SQL("FETCH %s FROM %s", CHUNK_SIZE, cursor_name))
                rows = cr.fetchall()
                if not rows:
                    break
                yield from rows
        finally:
            cr.execute(SQL("CLOSE %s", cursor_name))
            cr.execute("SET LOCAL cursor_tuple_fraction TO DEFAULT")

    def _selection_labels(self, model, field_name):
        field = self.env[model]._fields[field_name]
        return dict(field._description_selection(self.env))

    def _write_register_xlsx(self, fileobj):
        """Write the register into ``fileobj``; return the totals per manager
        {name: (policies, premium, commission, discount, commission after discount)}."""
        self.ensure_one()
        self.env.flush_all()
        self._check_export_rights(
            record_count=self.env["insurance.register.line"].search_count(self._register_domain())
        )
        lang = self._register_lang()
        self_lang = self.with_context(lang=lang)
        return self_lang._write_register_xlsx_lang(fileobj, lang)

    def _write_register_xlsx_lang(self, fileobj, lang):
        columns = self._register_columns()
        payment = self._selection_labels("insurance.policy", "payment_method")
        delivery = self._selection_labels("insurance.policy", "delivery_method")
        origin = self._selection_labels("insurance.policy", "origin")
        state = self._selection_labels("insurance.policy", "state")
        period = "%s — %s" % (
            self.date_from.strftime("%d.%m.%Y"),
            self.date_to.strftime("%d.%m.%Y"),
        )
        no_manager = _("No manager")
        total_label = _("Total")

        book = XlsxBook(fileobj)
        summary_ws = book.workbook.add_worksheet(book.sheet_name(_("Summary")))
        summary = []
        current_key, sheet, name = object(), None, None
        # premium, commission, discount, commission after discount
        money_cols = (10, 12, 20, 21)

        def close_sheet():
            totals = sheet.finish(total_label)
            summary.append(
                (
                    name,
                    sheet.row - sheet.first_data_row,
                    *(round(totals.get(col, 0.0), 2) for col in money_cols),
                )
            )

        for row in self._iter_register_rows(lang):
            seller_key, seller_name = row[0], row[1] or no_manager
            if seller_key != current_key:
                if sheet:
                    close_sheet()
                current_key, name = seller_key, seller_name
                sheet = book.add_table_sheet(
                    name,
                    _("Register of %(manager)s for %(period)s", manager=name, period=period),
                    columns,
                )
            values = list(row[2:])
            values[14] = payment.get(values[14], values[14])
            values[15] = delivery.get(values[15], values[15])
            note = values[16]
            values[16] = HTML_TAGS.sub(" ", note).strip() if note else None
            values[17] = origin.get(values[17], values[17])
            values[18] = state.get(values[18], values[18])
            sheet.write_row(values)
        if sheet:
            close_sheet()
        self._write_summary(book, summary_ws, summary, period, total_label)
        book.close()
        return {entry[0]: entry[1:] for entry in summary}

    def _write_summary(self, book, ws, summary, period, total_label):
        """One row per manager: policies, premium, commission, discount and
        commission after discount, totalled like the managers' sheets."""
        formats = book.formats
        headers = [
            _("Manager"),
            _("Policies"),
            _("Premium, RUB"),
            _("Commission, RUB"),
            _("Discount, RUB"),
            _("Commission after Discount, RUB"),
        ]
        last_col = len(headers) - 1
        ws.set_column(0, 0, 30)
        ws.set_column(1, last_col, 16)
        ws.write_string(0, 0, _("Policy register for %(period)s", period=period), formats["title"])
        for col, header in enumerate(headers):
            ws.write_string(2, col, header, formats["header"])
        ws.freeze_panes(3, 0)
        row = 3
        for name, count, *amounts in summary:
            ws.write_string(row, 0, name)
            ws.write_number(row, 1, count, formats["integer"])
            for col, amount in enumerate(amounts, start=2):
                ws.write_number(row, col, amount, formats["money"])
            row += 1
        ws.write_string(row, 0, total_label, formats["total_label"])
        for col in range(1, last_col + 1):
            value = sum(entry[col] for entry in summary)
            letter = xl_col_to_name(col)
            formula = f"=SUBTOTAL(9,{letter}4:{letter}{row})" if row > 3 else "=0"
            fmt = formats["total_integer"] if col == 1 else formats["total_money"]
            ws.write_formula(row, col, formula, fmt, value if col == 1 else round(value, 2))
        ws.autofilter(2, 0, max(row - 1, 2), last_col)
