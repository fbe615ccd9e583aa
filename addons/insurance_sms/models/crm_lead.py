from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    sms_manager_name = fields.Char(
        string="Manager for SMS",
        compute="_compute_sms_manager",
        help="The deal's seller, else its salesperson: named in the SMS to the client.",
    )
    sms_manager_phone = fields.Char(
        string="Manager's Phone for SMS", compute="_compute_sms_manager"
    )
    sms_stage_is_new_lead = fields.Boolean(
        string="In the New Lead Stage", compute="_compute_sms_stage_position"
    )
    sms_stage_after_new_lead = fields.Boolean(
        string="Past the New Lead Stage", compute="_compute_sms_stage_position"
    )
    sms_new_lead_left_notified = fields.Boolean(
        string="Client Told the Deal Is in Progress",
        copy=False,
        help="Set when the SMS of a deal leaving the New Lead stage went out: it goes "
        "once per deal, however often the deal moves back and forth.",
    )

    @api.depends("seller_id", "user_id", "company_id")
    def _compute_sms_manager(self):
        for lead in self:
            manager = lead.seller_id or lead.user_id
            lead.sms_manager_name = manager.name or ""
            lead.sms_manager_phone = (
                manager.partner_id.mobile
                or manager.partner_id.phone
                or (lead.company_id or self.env.company).phone
                or ""
            )

    @api.depends("stage_id")
    def _compute_sms_stage_position(self):
        new_stage = self._sms_new_lead_stage()
        for lead in self:
            stage = lead.stage_id
            lead.sms_stage_is_new_lead = bool(new_stage) and stage == new_stage
            lead.sms_stage_after_new_lead = bool(new_stage and stage) and (
                (stage.sequence, stage.id) > (new_stage.sequence, new_stage.id)
            )

    @api.model
    def _sms_new_lead_stage(self):
        """The stage marked "New lead" in the SMS settings."""
        stage_id = (
            self.env["ir.config_parameter"].sudo().get_param("insurance_sms.new_lead_stage_id")
        )
        stage = self.env["crm.stage"].browse(int(stage_id)).exists() if stage_id else None
        return stage or self.env["crm.stage"].search([], limit=1)
