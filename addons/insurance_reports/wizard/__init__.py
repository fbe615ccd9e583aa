from . import insurance_register_wizard
from . import insurance_pay_month_wizard
from . import insurance_claim_import
from . import insurance_claim_import_line
