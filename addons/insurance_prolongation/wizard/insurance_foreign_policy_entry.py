from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import clean_context, format_date


class InsuranceForeignPolicyEntry(models.TransientModel):
    """A policy the client holds elsewhere, entered in a few taps during a call:
    only what the renewal needs."""

    _name = "insurance.foreign.policy.entry"
    _description = "Quick Entry of a Foreign Policy"

    partner_id = fields.Many2one("res.partner", string="Client", required=True)
    lead_id = fields.Many2one("crm.lead", string="Deal")
    insurer_id = fields.Many2one(
        "res.partner",
        required=True,
        domain=[("is_company", "=", True)],
        help="Any insurance company, also one we do not work with.",
    )
    product_id = fields.Many2one("insurance.product", required=True)
    is_vehicle = fields.Boolean(related="product_id.is_vehicle")
    name = fields.Char(
        string="Series and Number",
        help="Leave empty when the client does not know it.",
    )
    date_end = fields.Date(string="End Date", required=True)
    premium = fields.Monetary(currency_field="currency_id", help="If the client knows it.")
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.company.currency_id)
    vehicle_plate = fields.Char(string="Plate")
    vehicle_make = fields.Char(string="Make")
    vehicle_model = fields.Char(string="Model")
    vehicle_vin = fields.Char(string="VIN")

    @api.model
    def _action_open(self, partner, lead=None):
        return {
            "type": "ir.actions.act_window",
            "name": _("Foreign Policy"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_partner_id": partner.id,
                "default_lead_id": lead.id if lead else False,
            },
        }

    def _prepare_policy_vals(self):
        """The start date is the end date one term earlier: clients remember
        when a policy ends, not when it started."""
        self.ensure_one()
        months = self.product_id.term_months or 12
        date_start = self.date_end - relativedelta(months=months) + relativedelta(days=1)
        return {
            "name": self.name
            or _(
                "No number, %(client)s, %(date)s",
                client=self.partner_id.name,
                date=format_date(self.env, self.date_end, date_format="dd.MM.yyyy"),
            ),
            "origin": "foreign",
            "state": "active",
            "partner_id": self.partner_id.id,
            "insurer_id": self.insurer_id.id,
            "product_id": self.product_id.id,
            "date_sale": date_start,
            "date_start": date_start,
            "date_end": self.date_end,
            "premium": self.premium,
            "vehicle_plate": self.vehicle_plate,
            "vehicle_make": self.vehicle_make,
            "vehicle_model": self.vehicle_model,
            "vehicle_vin": self.vehicle_vin,
            "seller_id": self.env.user.id,
            "company_id": (self.lead_id.company_id or self.env.company).id,
        }

    def action_save(self):
        self.ensure_one()
        if self.premium < 0:
            raise UserError(_("The premium cannot be negative."))
        # the entry's own defaults (deal, client) must not leak into the policy:
        # a foreign policy is not a sale of the deal
        Policy = self.env["insurance.policy"].with_env(
            self.env(context=clean_context(self.env.context))
        )
        policy = Policy.create(self._prepare_policy_vals())
        if self.lead_id:
            self.lead_id.message_post(
                body=_(
                    "Foreign policy recorded: %(policy)s",
                    policy=policy._get_html_link(title=policy.display_name),
                )
            )
        return {"type": "ir.actions.act_window_close"}

    def action_save_and_new(self):
        self.action_save()
        return self._action_open(self.partner_id, self.lead_id)
