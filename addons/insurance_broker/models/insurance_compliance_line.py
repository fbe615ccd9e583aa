from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class InsuranceComplianceLine(models.Model):
    """A checklist item on a deal: its status, and for manual items who ticked it."""

    _name = "insurance.compliance.line"
    _description = "Compliance Checklist Line"
    _order = "sequence, id"

    lead_id = fields.Many2one(
        "crm.lead", string="Deal", required=True, ondelete="cascade", index=True
    )
    check_id = fields.Many2one(
        "insurance.compliance.check", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(related="check_id.sequence")
    check_type = fields.Selection(related="check_id.check_type")
    description = fields.Text(related="check_id.description")
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)
    done = fields.Boolean(string="Ticked", help="Set by the employee for manual checks.")
    done_by_id = fields.Many2one("res.users", string="Ticked By", readonly=True)
    done_date = fields.Datetime(string="Ticked On", readonly=True)
    is_required = fields.Boolean(
        string="Required",
        compute="_compute_status",
        help="False for a check limited to products the deal has no policy of.",
    )
    is_satisfied = fields.Boolean(string="Satisfied", compute="_compute_status")
    status_note = fields.Char(string="What Is Missing", compute="_compute_status")

    _sql_constraints = [
        ("lead_check_uniq", "unique(lead_id, check_id)", "A check appears once per deal."),
    ]

    @api.depends(
        "done",
        "check_id",
        "lead_id.partner_id.commercial_partner_id.vat",
        "lead_id.partner_id.commercial_partner_id.pd_consent_date",
        "lead_id.partner_id.commercial_partner_id.identity_document_type",
        "lead_id.partner_id.commercial_partner_id.identity_document_number",
    )
    def _compute_status(self):
        for line in self:
            line.is_required = line.check_id._applies_to_lead(line.lead_id)
            if not line.is_required:
                line.is_satisfied = True
                line.status_note = _("Not required: the deal has no policy of its products.")
                continue
            ticked = line.check_id if line.done else line.check_id.browse()
            reason = line.check_id._missing_reason(line.lead_id, ticked)
            line.is_satisfied = not reason
            line.status_note = reason or False

    def write(self, vals):
        if (
            set(vals) - {"done"}
            and not self.env.su
            and not self.env.user.has_group("insurance_broker.group_broker_head")
        ):
            raise AccessError(_("On a deal's checklist you can only tick or untick an item."))
        if "done" in vals:
            if any(line.check_type != "manual" for line in self):
                raise UserError(
                    _("Only manual checks can be ticked; the others follow the client card.")
                )
            if vals["done"]:
                vals = dict(vals, done_by_id=self.env.uid, done_date=fields.Datetime.now())
            else:
                vals = dict(vals, done_by_id=False, done_date=False)
        res = super().write(vals)
        if "done" in vals:
            for line in self:
                message = (
                    _("Compliance item ticked: %(check)s", check=line.check_id.name)
                    if vals["done"]
                    else _("Compliance item unticked: %(check)s", check=line.check_id.name)
                )
                line.lead_id.message_post(body=message)
        return res

    def action_tick(self):
        self.filtered(lambda line: not line.done).write({"done": True})

    def action_untick(self):
        self.filtered("done").write({"done": False})
