from odoo import api, fields, models
from odoo.tools import SQL


class InsurancePolicy(models.Model):
    _inherit = "insurance.policy"

    # ------------------------------------------------------------
    # Premium payment by the client
    # ------------------------------------------------------------
    payment_due_date = fields.Date(
        string="Premium Due Date",
        tracking=True,
        help="The day by which the client must pay the premium.",
    )
    payment_date = fields.Date(
        string="Premium Paid On", tracking=True, help="The day the client actually paid."
    )
    payment_days_late = fields.Integer(
        string="Days Late",
        compute="_compute_payment_days_late",
        store=True,
        index=True,
        help="Days between the due date and the payment; 0 when paid on time or not yet paid.",
    )

    # ------------------------------------------------------------
    # Claims
    # ------------------------------------------------------------
    claim_ids = fields.One2many("insurance.claim", "policy_id", string="Claims")
    claim_count = fields.Integer(string="Claims Count", compute="_compute_claim_count")

    @api.depends("payment_due_date", "payment_date")
    def _compute_payment_days_late(self):
        for policy in self:
            policy.payment_days_late = policy._payment_days_late()

    def _payment_days_late(self):
        """A payment is late by the days it came after the due date. An unpaid
        premium is not counted yet: it becomes late the day it is paid late."""
        self.ensure_one()
        if not (self.payment_due_date and self.payment_date):
            return 0
        return max((self.payment_date - self.payment_due_date).days, 0)

    def _compute_claim_count(self):
        counts = dict(
            self.env["insurance.claim"]._read_group(
                [("policy_id", "in", self.ids)], ["policy_id"], ["__count"]
            )
        )
        for policy in self:
            policy.claim_count = counts.get(policy, 0)

    def action_view_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "insurance_reports.insurance_claim_action"
        )
        action["domain"] = [("policy_id", "=", self.id)]
        action["context"] = {"default_policy_id": self.id}
        return action

    @api.model
    def _vehicle_identified_sql(self, alias="policy"):
        """The insured vehicle is identified: a plate or a VIN."""
        a = SQL.identifier(alias)
        return SQL(
            "(COALESCE(%s.vehicle_plate, '') <> '' OR COALESCE(%s.vehicle_vin, '') <> '')", a, a
        )
