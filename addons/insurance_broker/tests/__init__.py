from . import test_ui
from . import test_commission_rule
from . import test_crm_lead
from . import test_partner
from . import test_performance
from . import test_policy
from . import test_demo_data
from . import test_russian_messages
