from contextvars import ContextVar

from odoo import _, api, models
from odoo.exceptions import AccessDenied

# Set by the /xmlrpc and /jsonrpc controllers (controllers/rpc.py) while they
# dispatch a call: the caller's IP address (Odoo hides the request meanwhile).
EXTERNAL_API = ContextVar("insurance_external_api", default=False)


class ResUsers(models.Model):
    _inherit = "res.users"

    def _insurance_can_export(self):
        """The export right: base.group_allow_export (head of sales, accountant,
        or granted per user by the administrator); administrators always."""
        self.ensure_one()
        return self._is_superuser() or self._is_admin() or self.has_group("base.group_allow_export")

    def _insurance_is_export_restricted(self):
        """A manager without the export right: every channel that can take the
        client base out is closed to them."""
        self.ensure_one()
        return self.has_group("insurance_broker.group_broker_manager") and not (
            self._insurance_can_export()
        )

    # ------------------------------------------------------------
    # New users do not get the export right of the default user
    # ------------------------------------------------------------

    def _default_groups(self):
        """Odoo copies the groups of the default user template, export right
        included, to every new user, and the user form shows them ticked: a
        manager created from the form would keep it. The right comes from the
        head of sales and accountant roles, or is ticked by the administrator."""
        groups = super()._default_groups()
        return groups - self.env.ref("base.group_allow_export") if groups else groups

    # ------------------------------------------------------------
    # External API: an export channel
    # ------------------------------------------------------------

    @api.model
    def _insurance_is_external_api(self, user_agent_env):
        """A non-interactive credential check made by the /xmlrpc or /jsonrpc
        routes; the web login is interactive, and server-side code (crons,
        tests) does not go through those routes."""
        return not user_agent_env.get("interactive", True) and bool(EXTERNAL_API.get())

    def _check_credentials(self, credential, user_agent_env):
        user_agent_env = user_agent_env or {}
        if self._insurance_is_external_api(user_agent_env) and (
            self.env.user._insurance_is_export_restricted()
        ):
            self.env["insurance.audit.log"]._log_refusal(
                "rpc", False, 0, reason="external API login", user=self.env.user
            )
            raise AccessDenied(_("Managers cannot use the external API."))
        return super()._check_credentials(credential, user_agent_env)
