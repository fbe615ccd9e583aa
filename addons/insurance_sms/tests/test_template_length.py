from odoo.tests import TransactionCase, tagged

from ..tools.sms_text import sms_length_info, transliterate


@tagged("post_install", "-at_install")
class TestTemplateLength(TransactionCase):
    def _template(self, body):
        return self.env["sms.template"].create(
            {"name": "Тест", "model_id": self.env.ref("base.model_res_partner").id, "body": body}
        )

    def test_cyrillic_segments(self):
        for length, segments in ((70, 1), (71, 2), (134, 2), (135, 3), (201, 3), (202, 4)):
            with self.subTest(length=length):
                template = self._template("ж" * length)
                self.assertEqual(template.sms_encoding, "ucs2")
                self.assertEqual(template.sms_length, length)
                self.assertEqual(template.sms_segment_count, segments)

    def test_latin_segments(self):
        for length, segments in ((160, 1), (161, 2), (306, 2), (307, 3)):
            with self.subTest(length=length):
                template = self._template("a" * length)
                self.assertEqual(template.sms_encoding, "gsm7")
                self.assertEqual(template.sms_segment_count, segments)

    def test_one_russian_sign_switches_to_ucs2(self):
        self.assertEqual(sms_length_info("a" * 100 + "№")[::2], ("ucs2", 2))
        self.assertEqual(sms_length_info("a" * 100 + "«")[0], "ucs2")

    def test_gsm_extension_counts_twice(self):
        self.assertEqual(sms_length_info("{" * 80), ("gsm7", 160, 1))
        self.assertEqual(sms_length_info("€" * 81), ("gsm7", 162, 2))

    def test_transliteration_setting(self):
        body = "Здравствуйте! Ваш полис ОСАГО заканчивается через 7 дней, продлим?"
        template = self._template(body)
        self.assertEqual((template.sms_encoding, template.sms_segment_count), ("ucs2", 1))
        template = self._template(body * 2)
        self.assertEqual(template.sms_segment_count, 2)
        self.env["ir.config_parameter"].sudo().set_param("insurance_sms.transliterate", "True")
        template.invalidate_recordset()
        self.assertTrue(template.sms_transliterated)
        self.assertEqual((template.sms_encoding, template.sms_segment_count), ("gsm7", 1))

    def test_transliterate(self):
        self.assertEqual(transliterate("Юлия Щёголева"), "Iuliia Shchegoleva")
        self.assertEqual(transliterate("ХЁЖ — №1"), "KhEZh - N1")

    def test_counter_on_the_form(self):
        arch = self.env["sms.template"].get_view(view_type="form")["arch"]
        self.assertIn('name="sms_segment_count"', arch)
