from odoo import _, models
from odoo.exceptions import AccessError


class ResUsersApikeysDescription(models.TransientModel):
    _inherit = "res.users.apikeys.description"

    def check_access_make_key(self):
        if self.env.user._insurance_is_export_restricted():
            self.env["insurance.audit.log"]._log_refusal(
                "api_key", False, 0, reason="API key creation"
            )
            raise AccessError(
                _("Managers cannot create API keys: the external API is an export channel.")
            )
        return super().check_access_make_key()
