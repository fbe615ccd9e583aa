from odoo import fields, models


class InsuranceTeamMixin(models.AbstractModel):
    """The two employees who work a sale: deals and their policies carry both,
    and pay is computed per role."""

    _name = "insurance.team.mixin"
    _description = "Seller and Issuer"

    seller_id = fields.Many2one(
        "res.users",
        tracking=True,
        index=True,
        default=lambda self: self.env.user,
        help="Contacts the client, selects and calculates the offer, collects documents.",
    )
    issuer_id = fields.Many2one(
        "res.users",
        tracking=True,
        index=True,
        help="Issues the policy, arranges delivery and hands it to the courier.",
    )
