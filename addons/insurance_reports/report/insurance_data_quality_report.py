from odoo import api, fields, models
from odoo.tools import SQL

# criterion share: (complete, out of)
CRITERIA = {
    "phone_share": ("phone_ok", "client_count"),
    "email_share": ("email_ok", "client_count"),
    "inn_share": ("inn_ok", "client_count"),
    "consent_share": ("consent_ok", "client_count"),
    "vehicle_share": ("vehicle_ok", "vehicle_client_count"),
    "objection_share": ("objection_ok", "lost_count"),
}


class InsuranceDataQualityReport(models.Model):
    """How complete each manager's client cards are, in one SQL pass.

    One row per manager and client (the client company's card, for a
    contact) — a client of a manager has a deal the manager owns or a policy
    the manager sold — and one row per lost deal of the manager. A card is
    complete on a criterion when it has a phone, an e-mail, a valid INN, a
    consent (personal data or service SMS) and, for clients with vehicle
    policies, a policy with the plate or VIN; a lost deal is complete when its
    objection (the lost reason) is logged. The score is the mean of the
    criteria shares (0-100), over the criteria that apply to the group."""

    _name = "insurance.data.quality.report"
    _inherit = ["insurance.analytics.mixin"]
    _description = "Data Quality per Manager"
    _auto = False
    _order = "user_id, score, id"
    _rec_name = "partner_id"

    _ratio_fields = {
        fname: (numerator, denominator, 100.0)
        for fname, (numerator, denominator) in CRITERIA.items()
    } | {"score": ("client_count", "lost_count", 1.0)}  # see _group_ratios

    kind = fields.Selection([("client", "Client card"), ("lost_deal", "Lost deal")], readonly=True)
    user_id = fields.Many2one("res.users", string="Manager", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Lost Deal", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    client_count = fields.Integer(string="Clients", readonly=True)
    phone_ok = fields.Integer(string="With Phone", readonly=True)
    email_ok = fields.Integer(string="With E-mail", readonly=True)
    inn_ok = fields.Integer(string="With INN", readonly=True)
    consent_ok = fields.Integer(string="With Consent", readonly=True)
    vehicle_client_count = fields.Integer(string="Clients with Vehicles", readonly=True)
    vehicle_ok = fields.Integer(string="With Vehicle Identified", readonly=True)
    lost_count = fields.Integer(string="Lost Deals", readonly=True)
    objection_ok = fields.Integer(string="With Objection Logged", readonly=True)
    phone_share = fields.Float(string="Phone (%)", readonly=True, aggregator="avg")
    email_share = fields.Float(string="E-mail (%)", readonly=True, aggregator="avg")
    inn_share = fields.Float(string="INN (%)", readonly=True, aggregator="avg")
    consent_share = fields.Float(string="Consent (%)", readonly=True, aggregator="avg")
    vehicle_share = fields.Float(
        string="Vehicle (%)",
        readonly=True,
        aggregator="avg",
        help="Clients with vehicle policies whose vehicle is identified (plate or VIN).",
    )
    objection_share = fields.Float(
        string="Objections Logged (%)",
        readonly=True,
        aggregator="avg",
        help="Lost deals that carry a lost reason.",
    )
    score = fields.Float(
        string="Data Quality Score",
        readonly=True,
        aggregator="avg",
        help="Mean of the criteria shares that apply, from 0 to 100.",
    )

    @api.model
    def _group_ratios(self, group):
        ratios = {
            fname: self._ratio(group.get(num), group.get(den))
            for fname, (num, den) in CRITERIA.items()
        }
        applicable = [fname for fname, (_num, den) in CRITERIA.items() if group.get(den)]
        ratios["score"] = (
            round(sum(ratios[fname] for fname in applicable) / len(applicable), 1)
            if applicable
            else 0.0
        )
        return ratios

    def _query(self):
        Lead = self.env["crm.lead"]
        Partner = self.env["res.partner"]
        criteria = {
            "phone": Partner._card_has_phone_sql("card"),
            "email": Partner._card_has_email_sql("card"),
            "inn": Partner._card_has_inn_sql("card"),
            "consent": Partner._card_has_consent_sql("card"),
        }
        flags = SQL(", ").join(
            SQL("CASE WHEN %s THEN 1 ELSE 0 END AS %s", expr, SQL.identifier(f"{name}_ok"))
            for name, expr in criteria.items()
        )
        return SQL(
            """
            WITH links AS (
                SELECT %(owner)s AS user_id, lead.company_id, client.commercial_partner_id
                           AS partner_id
                  FROM crm_lead lead
                  JOIN res_partner client ON client.id = lead.partner_id
                 WHERE lead.active OR %(lost)s
                 UNION
                SELECT policy.seller_id, policy.company_id, client.commercial_partner_id
                  FROM insurance_policy policy
                  JOIN res_partner client ON client.id = policy.partner_id
                 WHERE policy.origin = 'own' AND policy.state <> 'cancelled'
            ), vehicles AS (
                SELECT client.commercial_partner_id AS partner_id,
                       MAX(CASE WHEN %(identified)s THEN 1 ELSE 0 END) AS identified
                  FROM insurance_policy policy
                  JOIN insurance_product product ON product.id = policy.product_id
                  JOIN res_partner client ON client.id = policy.partner_id
                 WHERE product.is_vehicle AND policy.state <> 'cancelled'
              GROUP BY 1
            ), cards AS (
                SELECT links.user_id, links.company_id, links.partner_id, %(flags)s,
                       CASE WHEN vehicles.partner_id IS NOT NULL THEN 1 ELSE 0 END
                           AS vehicle_client_count,
                       COALESCE(vehicles.identified, 0) AS vehicle_ok
                  FROM links
                  JOIN res_partner card ON card.id = links.partner_id
             LEFT JOIN vehicles ON vehicles.partner_id = links.partner_id
                 WHERE links.user_id IS NOT NULL
            )
            SELECT 2 * row_number() OVER (ORDER BY user_id, company_id, partner_id) AS id,
                   'client' AS kind, user_id, partner_id, NULL::int AS lead_id, company_id,
                   1 AS client_count, phone_ok, email_ok, inn_ok, consent_ok,
                   vehicle_client_count, vehicle_ok,
                   0 AS lost_count, 0 AS objection_ok,
                   100.0 * phone_ok AS phone_share, 100.0 * email_ok AS email_share,
                   100.0 * inn_ok AS inn_share, 100.0 * consent_ok AS consent_share,
                   100.0 * vehicle_ok AS vehicle_share, 0.0 AS objection_share,
                   round(100.0 * (phone_ok + email_ok + inn_ok + consent_ok + vehicle_ok)
                         / (4 + vehicle_client_count), 1) AS score
              FROM cards
             UNION ALL
            SELECT 2 * lead.id + 1, 'lost_deal', %(owner)s, lead.partner_id, lead.id,
                   lead.company_id,
                   0, 0, 0, 0, 0, 0, 0,
                   1, CASE WHEN %(objection)s THEN 1 ELSE 0 END,
                   0.0, 0.0, 0.0, 0.0, 0.0,
                   CASE WHEN %(objection)s THEN 100.0 ELSE 0.0 END,
                   CASE WHEN %(objection)s THEN 100.0 ELSE 0.0 END
              FROM crm_lead lead
             WHERE lead.type = 'opportunity' AND %(lost)s
               AND %(owner)s IS NOT NULL
            """,
            owner=Lead._owner_sql("lead"),
            lost=Lead._lost_sql("lead"),
            objection=Lead._objection_logged_sql("lead"),
            identified=self.env["insurance.policy"]._vehicle_identified_sql("policy"),
            flags=flags,
        )

    def init(self):
        self._create_view()
