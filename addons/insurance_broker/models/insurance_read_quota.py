from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

LIMITED_MODELS = ("res.partner", "insurance.policy")
CALL_LIMIT_PARAM = "insurance_broker.bulk_read_call_limit"
HOUR_LIMIT_PARAM = "insurance_broker.bulk_read_hour_limit"
DEFAULT_CALL_LIMIT = 200
DEFAULT_HOUR_LIMIT = 2000


class InsuranceReadQuota(models.Model):
    """Client and policy records a user without the export right has read,
    one row per call, so that every worker sees the same hourly total."""

    _name = "insurance.read.quota"
    _description = "Bulk Read Quota Usage"
    _log_access = False

    user_id = fields.Many2one("res.users", required=True, index=True, ondelete="cascade")
    res_model = fields.Char(required=True)
    record_count = fields.Integer(required=True)
    date = fields.Datetime(required=True, index=True, default=fields.Datetime.now)

    @api.model
    def _limits(self):
        ICP = self.env["ir.config_parameter"].sudo()
        return (
            int(ICP.get_param(CALL_LIMIT_PARAM, DEFAULT_CALL_LIMIT)),
            int(ICP.get_param(HOUR_LIMIT_PARAM, DEFAULT_HOUR_LIMIT)),
        )

    @api.model
    def _is_limited(self, model_name):
        return model_name in LIMITED_MODELS and not self.env.user._insurance_can_export()

    @api.model
    def _used_last_hour(self, user):
        self.env.cr.execute(
            "SELECT COALESCE(SUM(record_count), 0) FROM insurance_read_quota "
            "WHERE user_id = %s AND date > %s",
            (user.id, fields.Datetime.now() - timedelta(hours=1)),
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _consume(self, model_name, record_count, count_hourly=True):
        """Account ``record_count`` records of ``model_name`` just read by the
        current user; raise AccessError (and log it) when they exceed the limit
        per call or the limit per hour. Nothing is counted for a refused call,
        so the records a user actually receives never exceed the hourly limit."""
        if not record_count or not self._is_limited(model_name):
            return
        user = self.env.user
        call_limit, hour_limit = self._limits()
        Log = self.env["insurance.audit.log"]
        if record_count > call_limit:
            Log._log_refusal("bulk_read", model_name, record_count, reason="limit per call")
            raise AccessError(
                _(
                    "You may read at most %(limit)s records of %(model)s at once; "
                    "this request asked for %(count)s. The attempt has been recorded.",
                    limit=call_limit,
                    model=Log._model_label(model_name),
                    count=record_count,
                )
            )
        if not count_hourly:
            return
        # The request's own transaction: a refused call writes nothing here
        # (its audit row has a cursor of its own), and an allowed one commits
        # its usage with the request. call_kw gives these reads a read/write
        # cursor (controllers/dataset.py).
        Quota = self.sudo()
        used = Quota._used_last_hour(user)
        if used + record_count > hour_limit:
            Log._log_refusal("bulk_read", model_name, record_count, reason="limit per hour")
            raise AccessError(
                _(
                    "You have read %(used)s client and policy records in the last hour; "
                    "the limit is %(limit)s. Please wait or ask the head of sales. "
                    "The attempt has been recorded.",
                    used=used,
                    limit=hour_limit,
                )
            )
        Quota.create({"user_id": user.id, "res_model": model_name, "record_count": record_count})

    @api.autovacuum
    def _gc_old_usage(self):
        self.search([("date", "<", fields.Datetime.now() - timedelta(hours=2))]).unlink()
