from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _can_receive_renewals(self, company):
        """An internal user still working for ``company``: archived users and
        users removed from the company have left, their renewals go elsewhere."""
        if len(self) != 1:
            return False
        user = self.sudo()
        return bool(user.active and not user.share and company in user.company_ids)
