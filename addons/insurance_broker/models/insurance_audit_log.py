import logging
from contextlib import nullcontext

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.http import request
from odoo.modules import module as odoo_module

from .res_users import EXTERNAL_API

_logger = logging.getLogger(__name__)

CHANNELS = [
    ("web_export_csv", "Export to CSV"),
    ("web_export_xlsx", "Export to Excel"),
    ("pivot_export_xlsx", "Pivot table to Excel"),
    ("export_data", "Export through the API (export_data)"),
    ("bulk_read", "Bulk read"),
    ("rpc", "External API (XML-RPC / JSON-RPC)"),
    ("api_key", "API key"),
    ("report", "Printed report"),
    ("xlsx_report", "Our XLSX report"),
]

LOGGED_FIELDS = (
    "date",
    "user_id",
    "outcome",
    "channel",
    "res_model",
    "record_count",
    "ip_address",
    "reason",
)


class InsuranceAuditLog(models.Model):
    """Who took data out of the system, or tried to and was refused.

    Rows are written with a cursor of their own so that a refusal, which rolls
    the request's transaction back, still leaves its trace."""

    _name = "insurance.audit.log"
    _description = "Data Export Audit Log"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _rec_name = "date"

    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one("res.users", required=True, readonly=True, index=True)
    outcome = fields.Selection(
        [("allowed", "Allowed"), ("refused", "Refused")],
        required=True,
        readonly=True,
        index=True,
    )
    channel = fields.Selection(CHANNELS, required=True, readonly=True)
    res_model = fields.Char(string="Model", readonly=True)
    record_count = fields.Integer(string="Records", readonly=True)
    ip_address = fields.Char(string="IP Address", readonly=True)
    reason = fields.Char(readonly=True)

    # ------------------------------------------------------------
    # Immutability
    # ------------------------------------------------------------

    def write(self, vals):
        if set(vals) & set(LOGGED_FIELDS):
            raise UserError(_("The audit log cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("The audit log cannot be deleted."))

    # ------------------------------------------------------------
    # Public entry point
    # ------------------------------------------------------------

    @api.model
    def _check_export(self, channel, model_name, record_count):
        """Call before producing any bulk export of ``model_name`` records.

        Users without the export right (base.group_allow_export, implied by the
        head of sales and the accountant) get an AccessError in Russian; the
        refusal is logged and the head of sales notified. An allowed export is
        logged. Returns True when the export may proceed."""
        user = self.env.user
        if not user._insurance_can_export():
            self._log_refusal(channel, model_name, record_count, reason="no export right")
            raise AccessError(
                _(
                    "You are not allowed to export data (%(channel)s, %(model)s). "
                    "The attempt has been recorded and the head of sales informed.",
                    channel=self._channel_label(channel),
                    model=self._model_label(model_name),
                )
            )
        self._log_event("allowed", channel, model_name, record_count)
        return True

    # ------------------------------------------------------------
    # Logging helpers
    # ------------------------------------------------------------

    @api.model
    def _log_refusal(self, channel, model_name, record_count, reason=None, user=None):
        return self._log_event("refused", channel, model_name, record_count, reason, user)

    @api.model
    def _log_event(self, outcome, channel, model_name, record_count, reason=None, user=None):
        """Write one row in an independent transaction: it survives the
        rollback that follows a refusal."""
        values = {
            "outcome": outcome,
            "channel": channel,
            "res_model": model_name,
            "record_count": record_count or 0,
            "user_id": (user or self.env.user).id,
            "ip_address": self._request_ip(),
            "reason": reason,
        }
        with self._independent_cursor() as cr:
            env = self.env(cr=cr, su=True)
            log = env[self._name].create(values)
            if outcome == "refused":
                log._notify_heads()
            log_id = log.id
        _logger.info(
            "Export audit: %s %s of %s %s records by user #%s",
            outcome,
            channel,
            record_count,
            model_name,
            values["user_id"],
        )
        return self.browse(log_id)

    @api.model
    def _independent_cursor(self):
        """A cursor committed on its own. Under a TransactionCase (not in test
        mode) the test's data is never committed: a second connection would
        neither see it nor be rolled back, so the test's cursor is used."""
        if odoo_module.current_test and not self.env.registry.in_test_mode():
            return nullcontext(self.env.cr)
        return self.env.registry.cursor()

    @api.model
    def _request_ip(self):
        external_api_ip = EXTERNAL_API.get()
        if isinstance(external_api_ip, str):
            return external_api_ip
        try:
            return request.httprequest.remote_addr if request else False
        except RuntimeError:
            return False

    def _notify_heads(self):
        """A to-do for every head of sales on the first refusal of a user in a
        day: a script hammering a closed door must not bury them in activities."""
        self.ensure_one()
        earlier = self.search_count(
            [
                ("id", "!=", self.id),
                ("user_id", "=", self.user_id.id),
                ("outcome", "=", "refused"),
                ("date", ">=", fields.Datetime.start_of(self.date, "day")),
            ]
        )
        if earlier:
            return
        heads = self._heads_to_notify()
        summary = _("Refused export: %(user)s", user=self.user_id.name)
        note = _(
            "%(user)s tried to take data out: %(channel)s, %(model)s, %(count)s records.",
            user=self.user_id.name,
            channel=self._channel_label(self.channel),
            model=self._model_label(self.res_model),
            count=self.record_count,
        )
        for head in heads:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=summary,
                note=note,
                user_id=head.id,
            )

    @api.model
    def _heads_to_notify(self):
        group = self.env.ref("insurance_broker.group_broker_head")
        return group.users.filtered(lambda u: u.active and not u.share and u.id != 1)

    @api.model
    def _channel_label(self, channel):
        return dict(self._fields["channel"]._description_selection(self.env)).get(channel, channel)

    @api.model
    def _model_label(self, model_name):
        model = self.env["ir.model"].sudo()._get(model_name) if model_name else False
        return model.name if model else (model_name or "")
