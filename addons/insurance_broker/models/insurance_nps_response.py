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
    nps_value = fields.Integer(
        string="NPS",
        compute="_compute_category",
        store=True,
        aggregator="avg",
        help="+100 for a promoter, 0 for a passive, -100 for a detractor: the average "
        "over any group of answers is that group's NPS (% promoters - % detractors).",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Manager",
        index=True,
        compute="_compute_from_policy",
        store=True,
        readonly=False,
        precompute=True,
        help="Proposed from the policy's seller, else the client's salesperson.",
    )
    product_id = fields.Many2one(
        "insurance.product",
        index=True,
        compute="_compute_from_policy",
        store=True,
        readonly=False,
        precompute=True,
    )
    policy_id = fields.Many2one("insurance.policy", index=True)
    comment = fields.Text()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        ("score_range", "CHECK(score >= 0 AND score <= 10)", "An NPS score is from 0 to 10."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self._check_client_references(vals_list, ("partner_id", "policy_id"))
        return super().create(vals_list)

    def write(self, vals):
        self._check_client_references([vals], ("partner_id", "policy_id"))
        return super().write(vals)

    @api.depends("policy_id", "partner_id")
    def _compute_from_policy(self):
        for response in self:
            if not response.user_id:
                response.user_id = response.policy_id.seller_id or response.partner_id.user_id
            if not response.product_id:
                response.product_id = response.policy_id.product_id

    @api.depends("score")
    def _compute_category(self):
        values = {"promoter": 100, "passive": 0, "detractor": -100}
        for response in self:
            response.category = self._nps_category(response.score)
            response.nps_value = values[response.category]

    @api.model
    def _nps_category(self, score):
        if score >= 9:
            return "promoter"
        if score >= 7:
            return "passive"
        return "detractor"
