from odoo import models


class IrActionsServer(models.Model):
    _inherit = "ir.actions.server"

    def _run_action_sms_multi(self, eval_context=None):
        """SMS of server actions (automation rules) are automated mailings:
        they need the client's consent."""
        return super(
            IrActionsServer, self.with_context(insurance_sms_automated=True)
        )._run_action_sms_multi(eval_context=eval_context)
