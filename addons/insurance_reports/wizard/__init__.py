from . import insurance_register_wizard
from . import insurance_pay_month_wizard
