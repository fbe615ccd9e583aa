from . import insurance_register_line
