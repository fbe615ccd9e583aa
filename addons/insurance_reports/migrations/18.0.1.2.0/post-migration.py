def migrate(cr, version):
    """Pay lines computed before the shares were taken of the commission after
    discount were paid on the gross commission: record that as their base, so
    that a closed month still reads base × share = amount."""
    if not version:
        return
    cr.execute(
        """
        UPDATE insurance_pay_statement_line
           SET commission_net_amount = commission_amount,
               discount_amount = 0
         WHERE commission_net_amount IS NULL
           AND kind IN ('seller_share', 'issuer_share', 'issue_fee')
        """
    )
