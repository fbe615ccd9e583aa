from . import insurance_register_line
from . import insurance_loss_ratio_mixin
from . import insurance_loss_ratio_report
from . import insurance_client_ltv
