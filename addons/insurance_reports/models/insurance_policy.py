from odoo import api, models
from odoo.tools import SQL


class InsurancePolicy(models.Model):
    _inherit = "insurance.policy"

    @api.model
    def _vehicle_identified_sql(self, alias="policy"):
        """The insured vehicle is identified: a plate or a VIN."""
        a = SQL.identifier(alias)
        return SQL(
            "(COALESCE(%s.vehicle_plate, '') <> '' OR COALESCE(%s.vehicle_vin, '') <> '')", a, a
        )
