from odoo import api, fields, models


class InsuranceNpsResponse(models.Model):
    """One answer of a client to "How likely are you to recommend us?" (0–10)."""

    _name = "insurance.nps.response"
    _description = "NPS Response"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", string="Client", required=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    score = fields.Integer(required=True, help="0 to 10.")
    category = fields.Selection(
        selection=[
            ("promoter", "Promoter"),
            ("passive", "Passive"),
            ("detractor", "Detractor"),
        ],
        compute="_compute_category",
        store=True,
    )
    user_id = fields.Many2one("res.users", string="Manager", index=True)
    product_id = fields.Many2one("insurance.product", string="Product", index=True)
    policy_id = fields.Many2one("insurance.policy", string="Policy", index=True)
    comment = fields.Text()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        ("score_range", "CHECK(score >= 0 AND score <= 10)", "An NPS score is from 0 to 10."),
    ]

    @api.depends("score")
    def _compute_category(self):
        for response in self:
            response.category = self._nps_category(response.score)

    @api.model
    def _nps_category(self, score):
        if score >= 9:
            return "promoter"
        if score >= 7:
            return "passive"
        return "detractor"
