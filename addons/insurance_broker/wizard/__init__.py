from . import insurance_policy_cancel
from . import insurance_discount_request_wizard
from . import insurance_discount_decision_wizard
