from . import sms_text
from . import sms_gateways
