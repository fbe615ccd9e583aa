from odoo import models


class ResUsersApikeys(models.Model):
    _inherit = "res.users.apikeys"

    def _check_credentials(self, *, scope, key):
        uid = super()._check_credentials(scope=scope, key=key)
        if uid:
            user = self.env["res.users"].browse(uid)
            if user._insurance_is_export_restricted():
                self.env["insurance.audit.log"]._log_refusal(
                    "api_key", False, 0, reason="API key used", user=user
                )
                return None
        return uid
