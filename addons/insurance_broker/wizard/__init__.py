from . import insurance_policy_cancel
