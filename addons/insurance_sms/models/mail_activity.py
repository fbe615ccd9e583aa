from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # read before super(): done activities are unlinked
        to_notify = [
            (activity.activity_type_id.sms_template_id, activity.res_model, activity.res_id)
            for activity in self
            if activity.activity_type_id.sms_template_id and activity.res_model and activity.res_id
        ]
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        for template, res_model, res_id in to_notify:
            if template.model != res_model:
                continue
            record = self.env[res_model].browse(res_id).exists()
            if record:
                template.sudo()._send_automated(record)
        return result
