from datetime import timedelta

from odoo import api, fields, models


class InsurancePolicy(models.Model):
    _inherit = "insurance.policy"

    sms_reminder_ids = fields.One2many(
        "insurance.policy.sms.reminder", "policy_id", string="Expiry SMS Reminders"
    )
    sms_manager_name = fields.Char(
        string="Manager for SMS",
        compute="_compute_sms_manager",
        help="The policy's seller, else the deal's salesperson: named in the SMS.",
    )
    sms_manager_phone = fields.Char(
        string="Manager's Phone for SMS", compute="_compute_sms_manager"
    )

    @api.depends("seller_id", "lead_id.user_id", "company_id")
    def _compute_sms_manager(self):
        for policy in self:
            manager = policy.seller_id or policy.lead_id.user_id
            policy.sms_manager_name = manager.name or ""
            policy.sms_manager_phone = (
                manager.partner_id.mobile
                or manager.partner_id.phone
                or (policy.company_id or self.env.company).phone
                or ""
            )

    @api.model
    def _sms_expiry_days(self):
        """Days before the end of a policy when the client gets a reminder,
        largest first, e.g. [30, 7]."""
        raw = self.env["ir.config_parameter"].sudo().get_param("insurance_sms.expiry_days", "")
        days = set()
        for part in raw.replace(";", ",").split(","):
            part = part.strip()
            if part.isdigit() and int(part) > 0:
                days.add(int(part))
        return sorted(days, reverse=True)

    @api.model
    def _sms_expiry_domain(self, today, max_days):
        icp = self.env["ir.config_parameter"].sudo()
        origins = ["own"]
        if icp.get_param("insurance_sms.expiry_foreign", "False") not in ("False", "0", ""):
            origins.append("foreign")
        return [
            ("state", "=", "active"),
            ("origin", "in", origins),
            ("date_end", ">=", today),
            ("date_end", "<=", today + timedelta(days=max_days)),
        ]

    def _sms_expiry_reminder_due(self, today, days_list):
        """The reminder (days before the end) this policy is due for today:
        the smallest threshold not passed yet, so a reminder missed while the
        cron was down is replaced by the next one, never doubled."""
        self.ensure_one()
        days_left = (self.date_end - today).days
        candidates = [days for days in days_list if days_left <= days]
        return min(candidates) if candidates else None

    @api.model
    def _cron_send_expiry_sms(self):
        days_list = self._sms_expiry_days()
        template = self.env["insurance.policy.sms.reminder"]._expiry_template()
        if not days_list or not template:
            return
        today = fields.Date.context_today(self)
        policies = self.search(self._sms_expiry_domain(today, max(days_list)))
        due = {}
        for policy in policies:
            days = policy._sms_expiry_reminder_due(today, days_list)
            if days:
                due.setdefault(days, self.browse())
                due[days] |= policy
        Reminder = self.env["insurance.policy.sms.reminder"]
        for days, batch in due.items():
            claimed = Reminder._claim(batch, days)
            if claimed:
                sms = template._send_automated(claimed)
                Reminder._link_sms(claimed, days, sms)
