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
    # New managers do not get the export right of the default user
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._insurance_drop_default_export_right(vals_list)
        return users

    def _insurance_drop_default_export_right(self, vals_list):
        """Odoo puts base.group_allow_export on the default user template, so
        every new user would get it. A new manager (without the head of sales
        or accountant role) loses it, unless the creator asked for it explicitly."""
        export_group = self.env.ref("base.group_allow_export")
        manager_group = self.env.ref("insurance_broker.group_broker_manager")
        keep_groups = self.env.ref("insurance_broker.group_broker_head") | self.env.ref(
            "insurance_broker.group_broker_accountant"
        )
        for user, vals in zip(self, vals_list, strict=True):
            if self._insurance_export_asked(vals, export_group):
                continue
            groups = user.sudo().groups_id
            if manager_group in groups and not (keep_groups & groups):
                user.sudo().write({"groups_id": [(3, export_group.id)]})

    @api.model
    def _insurance_export_asked(self, vals, export_group):
        """True when ``vals`` grant the export group explicitly (groups_id
        commands or the reified sel_groups_/in_group_ field of the user form)."""
        for key, value in vals.items():
            if key == f"in_group_{export_group.id}" and value:
                return True
            if key.startswith("sel_groups_") and value == export_group.id:
                return True
        for command in vals.get("groups_id") or []:
            if command[0] == 4 and command[1] == export_group.id:
                return True
            if command[0] == 6 and export_group.id in command[2]:
                return True
        return False

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
