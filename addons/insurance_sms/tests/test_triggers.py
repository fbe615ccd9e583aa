from datetime import timedelta

from odoo.tests import tagged

from .common import InsuranceSmsCommon


@tagged("post_install", "-at_install")
class TestDealStageSms(InsuranceSmsCommon):
    """Deal leaves the "New lead" stage: one SMS to the client, once per deal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Stage = cls.env["crm.stage"]
        cls.stage_new = Stage.create({"name": "Новая заявка", "sequence": -10})
        cls.stage_calc = Stage.create({"name": "Расчёт", "sequence": -9})
        cls.stage_offer = Stage.create({"name": "Предложение", "sequence": -8})
        cls.icp.set_param("insurance_sms.new_lead_stage_id", str(cls.stage_new.id))
        cls.deal.stage_id = cls.stage_new

    def test_leaving_new_lead_sends_once(self):
        self.deal.stage_id = self.stage_calc
        sms = self.new_sms()
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.state, "outgoing")
        self.assertEqual(sms.number, "+79161234567")
        self.assertIn("Мария Менеджерова", sms.body, "the seller's name")
        self.assertIn("+79035556677", sms.body, "the seller's phone")
        self.assertTrue(self.deal.sms_new_lead_left_notified)
        log = self.env["mail.message"].search(
            [
                ("model", "=", "crm.lead"),
                ("res_id", "=", self.deal.id),
                ("message_type", "=", "sms"),
            ]
        )
        self.assertEqual(len(log), 1, "logged in the deal's chatter")
        # back and forth: no second SMS
        self.deal.stage_id = self.stage_new
        self.deal.stage_id = self.stage_offer
        self.deal.stage_id = self.stage_new
        self.deal.stage_id = self.stage_calc
        self.assertEqual(len(self.new_sms()), 1)
        self.run_queue()
        self.assertEqual(len(self.gateway.sent), 1)
        self.assertEqual(sms.state, "pending")

    def test_salesperson_when_no_seller(self):
        self.deal.write({"seller_id": False, "user_id": self.user_manager_2.id})
        self.user_manager_2.partner_id.phone = "+74957778899"
        self.deal.stage_id = self.stage_offer
        sms = self.new_sms()
        self.assertIn("Михаил Продавцов", sms.body)
        self.assertIn("+74957778899", sms.body)

    def test_stage_chosen_in_settings(self):
        self.icp.set_param("insurance_sms.new_lead_stage_id", str(self.stage_calc.id))
        self.deal.stage_id = self.stage_calc  # entering the new-lead stage: nothing
        self.assertFalse(self.new_sms())
        self.deal.stage_id = self.stage_offer
        self.assertEqual(len(self.new_sms()), 1)

    def test_moving_back_from_new_lead_sends_nothing(self):
        earlier = self.env["crm.stage"].create({"name": "Черновик", "sequence": -20})
        self.deal.stage_id = earlier
        self.assertFalse(self.new_sms())

    def test_deal_created_in_later_stage_sends_nothing(self):
        self.env["crm.lead"].create(
            {"name": "Сразу в расчёт", "partner_id": self.client.id, "stage_id": self.stage_calc.id}
        )
        self.assertFalse(self.new_sms())

    def test_no_consent_no_sms(self):
        self.client.sms_consent = False
        self.deal.stage_id = self.stage_calc
        sms = self.new_sms()
        self.assertEqual((sms.state, sms.failure_type), ("canceled", "sms_optout"))
        self.run_queue()
        self.assertFalse(self.gateway.sent)

    def test_rule_is_editable(self):
        rule = self.env.ref("insurance_sms.base_automation_deal_in_progress_sms")
        rule.active = False
        # re-registers the rule's hooks, which a rollback alone would not
        self.addCleanup(rule.write, {"active": True})
        self.deal.stage_id = self.stage_calc
        self.assertFalse(self.new_sms())

    def test_template_is_editable(self):
        template = self.env.ref("insurance_sms.sms_template_deal_in_progress")
        template.body = "Заявка в работе: {{ object.sms_manager_name }}"
        self.deal.stage_id = self.stage_calc
        self.assertEqual(self.new_sms().body, "Заявка в работе: Мария Менеджерова")


@tagged("post_install", "-at_install")
class TestExpiryReminders(InsuranceSmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.icp.set_param("insurance_sms.expiry_days", "30,7")
        cls.icp.set_param("insurance_sms.expiry_foreign", "")
        # other policies of the database must not blur the counts
        cls.env["insurance.policy"].search([("state", "=", "active")]).write({"state": "expired"})

    def _policy_ending_in(self, days, **values):
        start = self._days(days) - timedelta(days=364)
        return self._create_policy(
            date_start=start, date_end=self._days(days), state="active", **values
        )

    def run_cron(self):
        self.env.ref("insurance_sms.ir_cron_policy_expiry_sms").method_direct_trigger()

    def test_reminders_once_per_policy_and_reminder(self):
        in_30 = self._policy_ending_in(30)
        in_7 = self._policy_ending_in(7)
        in_20 = self._policy_ending_in(20)  # 30-day reminder is due (missed or not)
        far = self._policy_ending_in(45)
        self.run_cron()
        self.run_cron()  # the same day again
        Reminder = self.env["insurance.policy.sms.reminder"]
        self.assertEqual(Reminder.search([("policy_id", "=", in_30.id)]).days_before, 30)
        self.assertEqual(Reminder.search([("policy_id", "=", in_7.id)]).days_before, 7)
        self.assertEqual(Reminder.search([("policy_id", "=", in_20.id)]).days_before, 30)
        self.assertFalse(Reminder.search([("policy_id", "=", far.id)]))
        sms = self.new_sms()
        self.assertEqual(len(sms), 3, "one SMS per policy, the client has three")
        self.assertTrue(all(s.state == "outgoing" for s in sms))
        self.assertIn(in_7.name, " ".join(sms.mapped("body")))
        self.assertIn(self._days(7).strftime("%d.%m.%Y"), " ".join(sms.mapped("body")))
        self.assertEqual(Reminder.search([("policy_id", "=", in_7.id)]).sms_id.state, "outgoing")
        log = self.env["mail.message"].search(
            [
                ("model", "=", "insurance.policy"),
                ("res_id", "=", in_7.id),
                ("message_type", "=", "sms"),
            ]
        )
        self.assertEqual(len(log), 1, "logged in the policy's chatter")
        self.run_queue()
        self.assertEqual(len(self.gateway.sent), 3)

    def test_database_refuses_a_second_reminder(self):
        policy = self._policy_ending_in(7)
        Reminder = self.env["insurance.policy.sms.reminder"]
        self.assertEqual(Reminder._claim(policy, 7), policy)
        self.assertFalse(Reminder._claim(policy, 7))
        self.run_cron()
        self.assertFalse(self.new_sms())

    def test_foreign_policies_only_when_enabled(self):
        foreign = self._policy_ending_in(7, origin="foreign")
        self.run_cron()
        self.assertFalse(self.new_sms())
        self.icp.set_param("insurance_sms.expiry_foreign", "True")
        self.run_cron()
        self.assertEqual(len(self.new_sms()), 1)
        foreign.invalidate_recordset()
        self.assertTrue(foreign.sms_reminder_ids)

    def test_consent_required(self):
        self.client.sms_consent = False
        self._policy_ending_in(7)
        self.run_cron()
        sms = self.new_sms()
        self.assertEqual((sms.state, sms.failure_type), ("canceled", "sms_optout"))
        self.assertTrue(sms.failure_reason)

    def test_days_from_settings(self):
        self.icp.set_param("insurance_sms.expiry_days", "14")
        self._policy_ending_in(7)
        self._policy_ending_in(20)
        self.run_cron()
        self.assertEqual(len(self.new_sms()), 1)


@tagged("post_install", "-at_install")
class TestActivityDoneSms(InsuranceSmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env.ref("insurance_sms.sms_template_deal_after_call")
        cls.call_type = cls.env["mail.activity.type"].create(
            {
                "name": "Звонок: документы",
                "res_model": "crm.lead",
                "sms_template_id": cls.template.id,
            }
        )
        cls.plain_type = cls.env["mail.activity.type"].create({"name": "Просто задача"})

    def test_done_activity_sends_its_sms(self):
        activity = self.deal.activity_schedule(activity_type_id=self.call_type.id)
        self.assertFalse(self.new_sms())
        activity.action_feedback(feedback="Клиент ждёт список документов")
        sms = self.new_sms()
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.partner_id, self.client)
        self.assertIn("Спасибо за разговор", sms.body)
        log = self.env["mail.message"].search(
            [
                ("model", "=", "crm.lead"),
                ("res_id", "=", self.deal.id),
                ("message_type", "=", "sms"),
            ]
        )
        self.assertEqual(len(log), 1)

    def test_activity_without_template_sends_nothing(self):
        self.deal.activity_schedule(activity_type_id=self.plain_type.id).action_done()
        self.assertFalse(self.new_sms())

    def test_cancelled_activity_sends_nothing(self):
        self.deal.activity_schedule(activity_type_id=self.call_type.id).unlink()
        self.assertFalse(self.new_sms())

    def test_policy_activity(self):
        template = self.env.ref("insurance_sms.sms_template_policy_expiry")
        policy_type = self.env["mail.activity.type"].create(
            {
                "name": "Звонок по полису",
                "res_model": "insurance.policy",
                "sms_template_id": template.id,
            }
        )
        policy = self._create_policy(state="active")
        policy.activity_schedule(activity_type_id=policy_type.id).action_done()
        sms = self.new_sms()
        self.assertEqual(len(sms), 1)
        self.assertIn(policy.name, sms.body)


@tagged("post_install", "-at_install")
class TestMarketingConsent(InsuranceSmsCommon):
    def test_marketing_text_needs_marketing_consent(self):
        template = self.env["sms.template"].create(
            {
                "name": "Акция",
                "model_id": self.env.ref("base.model_res_partner").id,
                "body": "Скидка 10% на КАСКО до конца месяца",
                "is_marketing": True,
            }
        )
        self.client.marketing_sms_consent = False
        sms = template._send_automated(self.client)
        self.assertEqual((sms.state, sms.failure_type), ("canceled", "sms_optout"))
        self.client.marketing_sms_consent = True
        sms = template._send_automated(self.client)
        self.assertEqual(sms.state, "outgoing")
        # a manager's manual mailing with a marketing template too
        self.client.marketing_sms_consent = False
        composer = (
            self.env["sms.composer"]
            .with_context(
                default_res_model="res.partner",
                default_res_ids=self.client.ids,
                default_composition_mode="mass",
                default_template_id=template.id,
            )
            .create({})
        )
        sms = composer._action_send_sms_mass()
        self.assertEqual(sms.failure_type, "sms_optout")

    def test_service_text_manual_send_needs_no_consent_flag(self):
        """A manager's own SMS to one client is not an automated mailing."""
        self.client.sms_consent = False
        self.client._message_sms("Перезвоните, пожалуйста", partner_ids=self.client.ids)
        self.assertEqual(self.new_sms().state, "outgoing")


@tagged("post_install", "-at_install")
class TestTriggersAsManager(InsuranceSmsCommon):
    """The triggers work for a manager, who cannot read the SMS queue."""

    def test_manager_moves_deal_and_closes_call(self):
        stage_new = self.env["crm.stage"].create({"name": "Новая", "sequence": -10})
        stage_next = self.env["crm.stage"].create({"name": "В работе", "sequence": -9})
        self.icp.set_param("insurance_sms.new_lead_stage_id", str(stage_new.id))
        self.deal.stage_id = stage_new
        call_type = self.env["mail.activity.type"].create(
            {
                "name": "Звонок",
                "res_model": "crm.lead",
                "sms_template_id": self.env.ref("insurance_sms.sms_template_deal_after_call").id,
            }
        )
        deal = self.deal.with_user(self.user_manager)
        deal.stage_id = stage_next
        activity = deal.activity_schedule(activity_type_id=call_type.id)
        activity.action_feedback(feedback="Договорились")
        sms = self.new_sms()
        self.assertEqual(len(sms), 2)
        self.assertTrue(all(s.state == "outgoing" for s in sms))
