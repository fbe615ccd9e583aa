from . import test_install
from . import test_gateway_protocols
from . import test_queue_rules
from . import test_triggers
from . import test_template_length
from . import test_delivery_status
from . import test_settings
