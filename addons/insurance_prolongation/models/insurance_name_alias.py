import re

from odoo import api, fields, models

LEGAL_FORM_WORDS = {
    "ао",
    "пао",
    "спао",
    "сао",
    "оао",
    "зао",
    "ооо",
    "ск",
    "страховая",
    "компания",
    "группа",
    "акционерное",
    "общество",
    "публичное",
    "страховое",
}
# The short names people write for insurers, in the normalised form of _name_key.
INSURER_SHORT_NAMES = {
    "ресо": "ресогарантия",
    "ргс": "росгосстрах",
    "альфа": "альфа",
    "ингос": "ингосстрах",
    "тинькофф": "т",
    "сбер": "сбербанк",
    "ренессанс": "ренессанс",
}
# Groups of product names meaning the same product, in _name_key form.
PRODUCT_SYNONYMS = (
    {"осаго", "osago"},
    {"каско", "kasko"},
    {"дсаго", "дго", "dsago", "добровольноестрахованиегражданскойответственности"},
    {"ипотека", "ипотечноестрахование", "ипотечное", "mortgage", "страхованиеипотеки"},
    {"имущество", "квартира", "страхованиеквартиры", "страхованиеимущества", "property"},
    {"взр", "путешествия", "страхованиевыезжающихзарубеж", "vzr", "travel", "туризм"},
    {"нс", "несчастныйслучай", "страхованиеотнесчастныхслучаев", "ns"},
)


class InsuranceNameAlias(models.Model):
    """A name an import met for an insurer or a product, and what it means.
    Confirming an unknown name once teaches every later import."""

    _name = "insurance.name.alias"
    _description = "Insurer or Product Name Variant"
    _order = "kind, name"

    name = fields.Char(string="Name in Files", required=True)
    key = fields.Char(compute="_compute_key", store=True, index=True)
    kind = fields.Selection(
        [("insurer", "Insurer"), ("product", "Product")], required=True, default="insurer"
    )
    insurer_id = fields.Many2one("res.partner", ondelete="cascade")
    product_id = fields.Many2one("insurance.product", ondelete="cascade")

    _sql_constraints = [
        ("key_kind_uniq", "unique(kind, key)", "This name variant is already known."),
    ]

    @api.depends("name")
    def _compute_key(self):
        for alias in self:
            alias.key = self._name_key(alias.name)

    # ------------------------------------------------------------
    # Name matching
    # ------------------------------------------------------------

    @api.model
    def _name_key(self, name):
        """Lowercase letters and digits of ``name`` without legal forms, quotes
        and the word 'страхование' glued to a brand: 'САО "РЕСО-Гарантия"' and
        'Ресо гарантия' give the same key."""
        words = re.findall(r"[\w]+", (name or "").lower().replace("ё", "е"))
        words = [w for w in words if w not in LEGAL_FORM_WORDS]
        key = "".join(words)
        if key.endswith("страхование") and len(key) > len("страхование"):
            key = key[: -len("страхование")]
        return key

    @api.model
    def _insurer_map(self, insurers):
        """key -> insurer for the names of ``insurers`` and the known variants."""
        mapping = {}
        for insurer in insurers:
            mapping.setdefault(self._name_key(insurer.name), insurer)
        for short, full in INSURER_SHORT_NAMES.items():
            if full in mapping:
                mapping.setdefault(short, mapping[full])
        for alias in self.search([("kind", "=", "insurer"), ("insurer_id", "!=", False)]):
            mapping[alias.key] = alias.insurer_id
        return mapping

    @api.model
    def _product_map(self, products):
        mapping = {}
        for product in products:
            keys = {self._name_key(product.name), self._name_key(product.code)} - {""}
            for key in keys:
                mapping.setdefault(key, product)
            for group in PRODUCT_SYNONYMS:
                if keys & group:
                    for synonym in group:
                        mapping.setdefault(synonym, product)
        for alias in self.search([("kind", "=", "product"), ("product_id", "!=", False)]):
            mapping[alias.key] = alias.product_id
        return mapping
