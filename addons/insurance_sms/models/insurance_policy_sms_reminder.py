from odoo import api, fields, models


class InsurancePolicySmsReminder(models.Model):
    """One row per policy and reminder: the database refuses a second one, so a
    reminder goes once even if the cron runs twice or in parallel."""

    _name = "insurance.policy.sms.reminder"
    _description = "Policy Expiry SMS Reminder"
    _order = "id desc"

    policy_id = fields.Many2one("insurance.policy", required=True, ondelete="cascade", index=True)
    days_before = fields.Integer(string="Days Before the End", required=True)
    date_end = fields.Date(string="Policy End Date")
    sms_id = fields.Many2one("sms.sms", string="SMS", ondelete="set null")
    sms_state = fields.Selection(related="sms_id.state", string="SMS Status")
    sms_failure_type = fields.Selection(related="sms_id.failure_type", string="SMS Failure")

    _sql_constraints = [
        (
            "policy_days_unique",
            "unique(policy_id, days_before)",
            "This reminder was already sent for this policy.",
        )
    ]

    @api.model
    def _expiry_template(self):
        template_id = (
            self.env["ir.config_parameter"].sudo().get_param("insurance_sms.expiry_template_id")
        )
        template = (
            self.env["sms.template"].browse(int(template_id)).exists() if template_id else None
        )
        return template or self.env.ref(
            "insurance_sms.sms_template_policy_expiry", raise_if_not_found=False
        )

    @api.model
    def _claim(self, policies, days):
        """Insert the log rows first; returns the policies claimed by this run
        (the others already had this reminder)."""
        if not policies:
            return policies
        self.flush_model()
        self.env.cr.execute(
            """INSERT INTO insurance_policy_sms_reminder
                   (policy_id, days_before, date_end, create_uid, write_uid,
                    create_date, write_date)
               SELECT p.id, %s, p.date_end, %s, %s, now() at time zone 'UTC',
                      now() at time zone 'UTC'
                 FROM insurance_policy p
                WHERE p.id IN %s
               ON CONFLICT (policy_id, days_before) DO NOTHING
            RETURNING policy_id""",
            (days, self.env.uid, self.env.uid, tuple(policies.ids)),
        )
        claimed = {row[0] for row in self.env.cr.fetchall()}
        return policies.filtered(lambda p: p.id in claimed)

    @api.model
    def _link_sms(self, policies, days, sms):
        """``sms`` are in the order of ``policies`` (one SMS per policy)."""
        rows = self.search([("policy_id", "in", policies.ids), ("days_before", "=", days)])
        sms_by_policy = dict(zip(policies.ids, sms, strict=False))
        for row in rows:
            row.sms_id = sms_by_policy.get(row.policy_id.id)
