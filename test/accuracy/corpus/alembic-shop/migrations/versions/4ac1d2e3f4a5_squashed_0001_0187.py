"""squashed migrations 0001-0187

Revision ID: 4ac1d2e3f4a5
Revises: 39b0c1d2e3f4
Create Date: 2024-04-15 09:00:00.000000

Squash of revisions 0001_initial .. 0187_store_hours, generated with alembic's autogenerate against
an empty database and edited by hand: data fixes that still matter were carried over at the end of
upgrade(). Databases created before the squash are stamped at this revision instead of running it.
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = '4ac1d2e3f4a5'
down_revision = '39b0c1d2e3f4'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('customers',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customers'))
    )
    op.create_index(op.f('ix_customers_status'), 'customers', ['status'], unique=False)
    op.create_index(op.f('ix_customers_checksum'), 'customers', ['checksum'], unique=False)

    op.create_table('invoices',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('legacy_ref', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invoices'))
    )
    op.create_index(op.f('ix_invoices_locale'), 'invoices', ['locale'], unique=False)
    op.create_index(op.f('ix_invoices_score'), 'invoices', ['score'], unique=False)

    op.create_table('payments',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('customer_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments'))
    )
    op.create_index(op.f('ix_payments_code'), 'payments', ['code'], unique=False)
    op.create_index(op.f('ix_payments_amount'), 'payments', ['amount'], unique=False)
    op.create_index(op.f('ix_payments_customer_id'), 'payments', ['customer_id'], unique=False)

    op.create_table('shipments',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('payment_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shipments'))
    )
    op.create_index(op.f('ix_shipments_score'), 'shipments', ['score'], unique=False)
    op.create_index(op.f('ix_shipments_reference'), 'shipments', ['reference'], unique=False)
    op.create_index(op.f('ix_shipments_payment_id'), 'shipments', ['payment_id'], unique=False)

    op.create_table('warehouses',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('payment_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_warehouses'))
    )
    op.create_index(op.f('ix_warehouses_due_on'), 'warehouses', ['due_on'], unique=False)
    op.create_index(op.f('ix_warehouses_note'), 'warehouses', ['note'], unique=False)
    op.create_index(op.f('ix_warehouses_payment_id'), 'warehouses', ['payment_id'], unique=False)

    op.create_table('products',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_products'))
    )
    op.create_index(op.f('ix_products_reference'), 'products', ['reference'], unique=False)
    op.create_index(op.f('ix_products_description'), 'products', ['description'], unique=False)

    op.create_table('variants',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_variants'))
    )
    op.create_index(op.f('ix_variants_source'), 'variants', ['source'], unique=False)
    op.create_index(op.f('ix_variants_kind'), 'variants', ['kind'], unique=False)

    op.create_table('price_rules',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_price_rules'))
    )
    op.create_index(op.f('ix_price_rules_priority'), 'price_rules', ['priority'], unique=False)
    op.create_index(op.f('ix_price_rules_title'), 'price_rules', ['title'], unique=False)

    op.create_table('coupons',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('variant_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['variant_id'], ['variants.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coupons'))
    )
    op.create_index(op.f('ix_coupons_ends_at'), 'coupons', ['ends_at'], unique=False)
    op.create_index(op.f('ix_coupons_checksum'), 'coupons', ['checksum'], unique=False)
    op.create_index(op.f('ix_coupons_variant_id'), 'coupons', ['variant_id'], unique=False)

    op.create_table('carts',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_carts'))
    )
    op.create_index(op.f('ix_carts_priority'), 'carts', ['priority'], unique=False)
    op.create_index(op.f('ix_carts_quantity'), 'carts', ['quantity'], unique=False)
    op.execute("COMMENT ON TABLE carts IS 'squashed from revisions 0027-0029'")

    op.create_table('cart_items',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('cart_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['cart_id'], ['carts.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cart_items'))
    )
    op.create_index(op.f('ix_cart_items_kind'), 'cart_items', ['kind'], unique=False)
    op.create_index(op.f('ix_cart_items_title'), 'cart_items', ['title'], unique=False)
    op.create_index(op.f('ix_cart_items_cart_id'), 'cart_items', ['cart_id'], unique=False)
    op.execute("COMMENT ON TABLE cart_items IS 'squashed from revisions 0030-0032'")

    op.create_table('reviews',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reviews'))
    )
    op.create_index(op.f('ix_reviews_priority'), 'reviews', ['priority'], unique=False)
    op.create_index(op.f('ix_reviews_description'), 'reviews', ['description'], unique=False)
    op.execute("COMMENT ON TABLE reviews IS 'squashed from revisions 0033-0035'")

    op.create_table('wishlists',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wishlists'))
    )
    op.create_index(op.f('ix_wishlists_checksum'), 'wishlists', ['checksum'], unique=False)
    op.create_index(op.f('ix_wishlists_priority'), 'wishlists', ['priority'], unique=False)

    op.create_table('suppliers',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('product_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_suppliers'))
    )
    op.create_index(op.f('ix_suppliers_reference'), 'suppliers', ['reference'], unique=False)
    op.create_index(op.f('ix_suppliers_ends_at'), 'suppliers', ['ends_at'], unique=False)
    op.create_index(op.f('ix_suppliers_product_id'), 'suppliers', ['product_id'], unique=False)

    op.create_table('purchase_orders',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('wishlist_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['wishlist_id'], ['wishlists.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchase_orders'))
    )
    op.create_index(op.f('ix_purchase_orders_slug'), 'purchase_orders', ['slug'], unique=False)
    op.create_index(op.f('ix_purchase_orders_status'), 'purchase_orders', ['status'], unique=False)
    op.create_index(op.f('ix_purchase_orders_wishlist_id'), 'purchase_orders', ['wishlist_id'], unique=False)

    op.create_table('stock_moves',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('customer_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_moves'))
    )
    op.create_index(op.f('ix_stock_moves_description'), 'stock_moves', ['description'], unique=False)
    op.create_index(op.f('ix_stock_moves_priority'), 'stock_moves', ['priority'], unique=False)
    op.create_index(op.f('ix_stock_moves_customer_id'), 'stock_moves', ['customer_id'], unique=False)

    op.create_table('return_requests',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('warehouse_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_return_requests'))
    )
    op.create_index(op.f('ix_return_requests_reference'), 'return_requests', ['reference'], unique=False)
    op.create_index(op.f('ix_return_requests_quantity'), 'return_requests', ['quantity'], unique=False)
    op.create_index(op.f('ix_return_requests_warehouse_id'), 'return_requests', ['warehouse_id'], unique=False)

    op.create_table('refunds',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refunds'))
    )
    op.create_index(op.f('ix_refunds_external_id'), 'refunds', ['external_id'], unique=False)
    op.create_index(op.f('ix_refunds_note'), 'refunds', ['note'], unique=False)

    op.create_table('tax_rates',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tax_rates'))
    )
    op.create_index(op.f('ix_tax_rates_score'), 'tax_rates', ['score'], unique=False)
    op.create_index(op.f('ix_tax_rates_status'), 'tax_rates', ['status'], unique=False)
    op.execute("COMMENT ON TABLE tax_rates IS 'squashed from revisions 0054-0056'")

    op.create_table('currency_rates',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_currency_rates'))
    )
    op.create_index(op.f('ix_currency_rates_position'), 'currency_rates', ['position'], unique=False)
    op.create_index(op.f('ix_currency_rates_name'), 'currency_rates', ['name'], unique=False)
    op.execute("COMMENT ON TABLE currency_rates IS 'squashed from revisions 0057-0059'")

    op.create_table('gift_cards',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gift_cards'))
    )
    op.create_index(op.f('ix_gift_cards_description'), 'gift_cards', ['description'], unique=False)
    op.create_index(op.f('ix_gift_cards_title'), 'gift_cards', ['title'], unique=False)

    op.create_table('loyalty_accounts',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('product_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loyalty_accounts'))
    )
    op.create_index(op.f('ix_loyalty_accounts_slug'), 'loyalty_accounts', ['slug'], unique=False)
    op.create_index(op.f('ix_loyalty_accounts_description'), 'loyalty_accounts', ['description'], unique=False)
    op.create_index(op.f('ix_loyalty_accounts_product_id'), 'loyalty_accounts', ['product_id'], unique=False)

    op.create_table('loyalty_entrys',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loyalty_entrys'))
    )
    op.create_index(op.f('ix_loyalty_entrys_payload'), 'loyalty_entrys', ['payload'], unique=False)
    op.create_index(op.f('ix_loyalty_entrys_score'), 'loyalty_entrys', ['score'], unique=False)
    op.execute("COMMENT ON TABLE loyalty_entrys IS 'squashed from revisions 0066-0068'")

    op.create_table('newsletters',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('coupon_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['coupon_id'], ['coupons.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_newsletters'))
    )
    op.create_index(op.f('ix_newsletters_checksum'), 'newsletters', ['checksum'], unique=False)
    op.create_index(op.f('ix_newsletters_quantity'), 'newsletters', ['quantity'], unique=False)
    op.create_index(op.f('ix_newsletters_coupon_id'), 'newsletters', ['coupon_id'], unique=False)

    op.create_table('subscriptions',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('shipment_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['shipment_id'], ['shipments.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subscriptions'))
    )
    op.create_index(op.f('ix_subscriptions_reference'), 'subscriptions', ['reference'], unique=False)
    op.create_index(op.f('ix_subscriptions_status'), 'subscriptions', ['status'], unique=False)
    op.create_index(op.f('ix_subscriptions_shipment_id'), 'subscriptions', ['shipment_id'], unique=False)

    op.create_table('plans',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('warehouse_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plans'))
    )
    op.create_index(op.f('ix_plans_starts_at'), 'plans', ['starts_at'], unique=False)
    op.create_index(op.f('ix_plans_ends_at'), 'plans', ['ends_at'], unique=False)
    op.create_index(op.f('ix_plans_warehouse_id'), 'plans', ['warehouse_id'], unique=False)

    op.create_table('feature_flags',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feature_flags'))
    )
    op.create_index(op.f('ix_feature_flags_external_id'), 'feature_flags', ['external_id'], unique=False)
    op.create_index(op.f('ix_feature_flags_ends_at'), 'feature_flags', ['ends_at'], unique=False)

    op.create_table('api_clients',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('price_rule_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['price_rule_id'], ['price_rules.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_clients'))
    )
    op.create_index(op.f('ix_api_clients_is_active'), 'api_clients', ['is_active'], unique=False)
    op.create_index(op.f('ix_api_clients_locale'), 'api_clients', ['locale'], unique=False)
    op.create_index(op.f('ix_api_clients_price_rule_id'), 'api_clients', ['price_rule_id'], unique=False)

    op.create_table('webhooks',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('wishlist_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['wishlist_id'], ['wishlists.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhooks'))
    )
    op.create_index(op.f('ix_webhooks_external_id'), 'webhooks', ['external_id'], unique=False)
    op.create_index(op.f('ix_webhooks_quantity'), 'webhooks', ['quantity'], unique=False)
    op.create_index(op.f('ix_webhooks_wishlist_id'), 'webhooks', ['wishlist_id'], unique=False)

    op.create_table('webhook_deliverys',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('currency_rate_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['currency_rate_id'], ['currency_rates.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_deliverys'))
    )
    op.create_index(op.f('ix_webhook_deliverys_ends_at'), 'webhook_deliverys', ['ends_at'], unique=False)
    op.create_index(op.f('ix_webhook_deliverys_source'), 'webhook_deliverys', ['source'], unique=False)
    op.create_index(op.f('ix_webhook_deliverys_currency_rate_id'), 'webhook_deliverys', ['currency_rate_id'], unique=False)

    op.create_table('export_jobs',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_export_jobs'))
    )
    op.create_index(op.f('ix_export_jobs_starts_at'), 'export_jobs', ['starts_at'], unique=False)
    op.create_index(op.f('ix_export_jobs_due_on'), 'export_jobs', ['due_on'], unique=False)

    op.create_table('import_jobs',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('api_client_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['api_client_id'], ['api_clients.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_jobs'))
    )
    op.create_index(op.f('ix_import_jobs_ends_at'), 'import_jobs', ['ends_at'], unique=False)
    op.create_index(op.f('ix_import_jobs_position'), 'import_jobs', ['position'], unique=False)
    op.create_index(op.f('ix_import_jobs_api_client_id'), 'import_jobs', ['api_client_id'], unique=False)
    op.execute("COMMENT ON TABLE import_jobs IS 'squashed from revisions 0093-0095'")

    op.create_table('reports',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports'))
    )
    op.create_index(op.f('ix_reports_starts_at'), 'reports', ['starts_at'], unique=False)
    op.create_index(op.f('ix_reports_code'), 'reports', ['code'], unique=False)

    op.create_table('report_runs',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_runs'))
    )
    op.create_index(op.f('ix_report_runs_note'), 'report_runs', ['note'], unique=False)
    op.create_index(op.f('ix_report_runs_checksum'), 'report_runs', ['checksum'], unique=False)
    op.execute("COMMENT ON TABLE report_runs IS 'squashed from revisions 0099-0101'")

    op.create_table('dashboards',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('loyalty_account_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['loyalty_account_id'], ['loyalty_accounts.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dashboards'))
    )
    op.create_index(op.f('ix_dashboards_name'), 'dashboards', ['name'], unique=False)
    op.create_index(op.f('ix_dashboards_note'), 'dashboards', ['note'], unique=False)
    op.create_index(op.f('ix_dashboards_loyalty_account_id'), 'dashboards', ['loyalty_account_id'], unique=False)

    op.create_table('widgets',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('subscription_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['subscription_id'], ['subscriptions.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_widgets'))
    )
    op.create_index(op.f('ix_widgets_is_active'), 'widgets', ['is_active'], unique=False)
    op.create_index(op.f('ix_widgets_source'), 'widgets', ['source'], unique=False)
    op.create_index(op.f('ix_widgets_subscription_id'), 'widgets', ['subscription_id'], unique=False)

    op.create_table('teams',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('feature_flag_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['feature_flag_id'], ['feature_flags.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teams'))
    )
    op.create_index(op.f('ix_teams_status'), 'teams', ['status'], unique=False)
    op.create_index(op.f('ix_teams_kind'), 'teams', ['kind'], unique=False)
    op.create_index(op.f('ix_teams_feature_flag_id'), 'teams', ['feature_flag_id'], unique=False)

    op.create_table('memberships',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('purchase_order_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['purchase_order_id'], ['purchase_orders.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_memberships'))
    )
    op.create_index(op.f('ix_memberships_title'), 'memberships', ['title'], unique=False)
    op.create_index(op.f('ix_memberships_priority'), 'memberships', ['priority'], unique=False)
    op.create_index(op.f('ix_memberships_purchase_order_id'), 'memberships', ['purchase_order_id'], unique=False)

    op.create_table('roles',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('warehouse_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roles'))
    )
    op.create_index(op.f('ix_roles_checksum'), 'roles', ['checksum'], unique=False)
    op.create_index(op.f('ix_roles_ends_at'), 'roles', ['ends_at'], unique=False)
    op.create_index(op.f('ix_roles_warehouse_id'), 'roles', ['warehouse_id'], unique=False)

    op.create_table('permissions',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_permissions'))
    )
    op.create_index(op.f('ix_permissions_position'), 'permissions', ['position'], unique=False)
    op.create_index(op.f('ix_permissions_source'), 'permissions', ['source'], unique=False)
    op.execute("COMMENT ON TABLE permissions IS 'squashed from revisions 0117-0119'")

    op.create_table('invitations',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitations'))
    )
    op.create_index(op.f('ix_invitations_is_active'), 'invitations', ['is_active'], unique=False)
    op.create_index(op.f('ix_invitations_slug'), 'invitations', ['slug'], unique=False)

    op.create_table('support_tickets',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('role_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['role_id'], ['roles.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_tickets'))
    )
    op.create_index(op.f('ix_support_tickets_amount'), 'support_tickets', ['amount'], unique=False)
    op.create_index(op.f('ix_support_tickets_status'), 'support_tickets', ['status'], unique=False)
    op.create_index(op.f('ix_support_tickets_role_id'), 'support_tickets', ['role_id'], unique=False)
    op.execute("COMMENT ON TABLE support_tickets IS 'squashed from revisions 0123-0125'")

    op.create_table('ticket_messages',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('cart_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['cart_id'], ['carts.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ticket_messages'))
    )
    op.create_index(op.f('ix_ticket_messages_score'), 'ticket_messages', ['score'], unique=False)
    op.create_index(op.f('ix_ticket_messages_slug'), 'ticket_messages', ['slug'], unique=False)
    op.create_index(op.f('ix_ticket_messages_cart_id'), 'ticket_messages', ['cart_id'], unique=False)

    op.create_table('attachments',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachments'))
    )
    op.create_index(op.f('ix_attachments_kind'), 'attachments', ['kind'], unique=False)
    op.create_index(op.f('ix_attachments_slug'), 'attachments', ['slug'], unique=False)

    op.create_table('tags',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('invitation_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['invitation_id'], ['invitations.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tags'))
    )
    op.create_index(op.f('ix_tags_name'), 'tags', ['name'], unique=False)
    op.create_index(op.f('ix_tags_slug'), 'tags', ['slug'], unique=False)
    op.create_index(op.f('ix_tags_invitation_id'), 'tags', ['invitation_id'], unique=False)

    op.create_table('taggings',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('webhook_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['webhook_id'], ['webhooks.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_taggings'))
    )
    op.create_index(op.f('ix_taggings_kind'), 'taggings', ['kind'], unique=False)
    op.create_index(op.f('ix_taggings_amount'), 'taggings', ['amount'], unique=False)
    op.create_index(op.f('ix_taggings_webhook_id'), 'taggings', ['webhook_id'], unique=False)

    op.create_table('categorys',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_categorys'))
    )
    op.create_index(op.f('ix_categorys_kind'), 'categorys', ['kind'], unique=False)
    op.create_index(op.f('ix_categorys_ends_at'), 'categorys', ['ends_at'], unique=False)

    op.create_table('collections',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_collections'))
    )
    op.create_index(op.f('ix_collections_reference'), 'collections', ['reference'], unique=False)
    op.create_index(op.f('ix_collections_priority'), 'collections', ['priority'], unique=False)

    op.create_table('collection_items',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('dashboard_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['dashboard_id'], ['dashboards.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_collection_items'))
    )
    op.create_index(op.f('ix_collection_items_kind'), 'collection_items', ['kind'], unique=False)
    op.create_index(op.f('ix_collection_items_starts_at'), 'collection_items', ['starts_at'], unique=False)
    op.create_index(op.f('ix_collection_items_dashboard_id'), 'collection_items', ['dashboard_id'], unique=False)

    op.create_table('banners',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_banners'))
    )
    op.create_index(op.f('ix_banners_priority'), 'banners', ['priority'], unique=False)
    op.create_index(op.f('ix_banners_is_active'), 'banners', ['is_active'], unique=False)

    op.create_table('pages',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('loyalty_entry_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['loyalty_entry_id'], ['loyalty_entrys.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pages'))
    )
    op.create_index(op.f('ix_pages_ends_at'), 'pages', ['ends_at'], unique=False)
    op.create_index(op.f('ix_pages_quantity'), 'pages', ['quantity'], unique=False)
    op.create_index(op.f('ix_pages_loyalty_entry_id'), 'pages', ['loyalty_entry_id'], unique=False)
    op.execute("COMMENT ON TABLE pages IS 'squashed from revisions 0150-0152'")

    op.create_table('menus',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('report_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_menus'))
    )
    op.create_index(op.f('ix_menus_title'), 'menus', ['title'], unique=False)
    op.create_index(op.f('ix_menus_description'), 'menus', ['description'], unique=False)
    op.create_index(op.f('ix_menus_report_id'), 'menus', ['report_id'], unique=False)

    op.create_table('menu_items',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('permission_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['permission_id'], ['permissions.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_menu_items'))
    )
    op.create_index(op.f('ix_menu_items_name'), 'menu_items', ['name'], unique=False)
    op.create_index(op.f('ix_menu_items_code'), 'menu_items', ['code'], unique=False)
    op.create_index(op.f('ix_menu_items_permission_id'), 'menu_items', ['permission_id'], unique=False)

    op.create_table('redirects',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_redirects'))
    )
    op.create_index(op.f('ix_redirects_starts_at'), 'redirects', ['starts_at'], unique=False)
    op.create_index(op.f('ix_redirects_amount'), 'redirects', ['amount'], unique=False)

    op.create_table('stores',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stores'))
    )
    op.create_index(op.f('ix_stores_is_active'), 'stores', ['is_active'], unique=False)
    op.create_index(op.f('ix_stores_priority'), 'stores', ['priority'], unique=False)

    op.create_table('store_hours',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_store_hours'))
    )
    op.create_index(op.f('ix_store_hours_title'), 'store_hours', ['title'], unique=False)
    op.create_index(op.f('ix_store_hours_kind'), 'store_hours', ['kind'], unique=False)

    op.create_table('delivery_zones',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('return_request_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['return_request_id'], ['return_requests.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_zones'))
    )
    op.create_index(op.f('ix_delivery_zones_starts_at'), 'delivery_zones', ['starts_at'], unique=False)
    op.create_index(op.f('ix_delivery_zones_name'), 'delivery_zones', ['name'], unique=False)
    op.create_index(op.f('ix_delivery_zones_return_request_id'), 'delivery_zones', ['return_request_id'], unique=False)
    op.execute("COMMENT ON TABLE delivery_zones IS 'squashed from revisions 0168-0170'")

    op.create_table('carriers',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('collection_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['collection_id'], ['collections.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_carriers'))
    )
    op.create_index(op.f('ix_carriers_priority'), 'carriers', ['priority'], unique=False)
    op.create_index(op.f('ix_carriers_is_active'), 'carriers', ['is_active'], unique=False)
    op.create_index(op.f('ix_carriers_collection_id'), 'carriers', ['collection_id'], unique=False)
    op.execute("COMMENT ON TABLE carriers IS 'squashed from revisions 0171-0173'")

    op.create_table('carrier_rates',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('stock_move_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['stock_move_id'], ['stock_moves.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_carrier_rates'))
    )
    op.create_index(op.f('ix_carrier_rates_quantity'), 'carrier_rates', ['quantity'], unique=False)
    op.create_index(op.f('ix_carrier_rates_due_on'), 'carrier_rates', ['due_on'], unique=False)
    op.create_index(op.f('ix_carrier_rates_stock_move_id'), 'carrier_rates', ['stock_move_id'], unique=False)

    op.create_table('labels',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_labels'))
    )
    op.create_index(op.f('ix_labels_position'), 'labels', ['position'], unique=False)
    op.create_index(op.f('ix_labels_reference'), 'labels', ['reference'], unique=False)

    op.create_table('pick_lists',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('webhook_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['webhook_id'], ['webhooks.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pick_lists'))
    )
    op.create_index(op.f('ix_pick_lists_code'), 'pick_lists', ['code'], unique=False)
    op.create_index(op.f('ix_pick_lists_kind'), 'pick_lists', ['kind'], unique=False)
    op.create_index(op.f('ix_pick_lists_webhook_id'), 'pick_lists', ['webhook_id'], unique=False)
    op.execute("COMMENT ON TABLE pick_lists IS 'squashed from revisions 0180-0182'")

    op.create_table('pick_list_lines',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pick_list_lines'))
    )
    op.create_index(op.f('ix_pick_list_lines_title'), 'pick_list_lines', ['title'], unique=False)
    op.create_index(op.f('ix_pick_list_lines_quantity'), 'pick_list_lines', ['quantity'], unique=False)

    op.create_table('bin_locations',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('wishlist_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['wishlist_id'], ['wishlists.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bin_locations'))
    )
    op.create_index(op.f('ix_bin_locations_reference'), 'bin_locations', ['reference'], unique=False)
    op.create_index(op.f('ix_bin_locations_checksum'), 'bin_locations', ['checksum'], unique=False)
    op.create_index(op.f('ix_bin_locations_wishlist_id'), 'bin_locations', ['wishlist_id'], unique=False)

    op.create_table('inventory_counts',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inventory_counts'))
    )
    op.create_index(op.f('ix_inventory_counts_priority'), 'inventory_counts', ['priority'], unique=False)
    op.create_index(op.f('ix_inventory_counts_ends_at'), 'inventory_counts', ['ends_at'], unique=False)
    op.execute("COMMENT ON TABLE inventory_counts IS 'squashed from revisions 0189-0191'")

    op.create_table('inventory_count_lines',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('payment_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inventory_count_lines'))
    )
    op.create_index(op.f('ix_inventory_count_lines_reference'), 'inventory_count_lines', ['reference'], unique=False)
    op.create_index(op.f('ix_inventory_count_lines_quantity'), 'inventory_count_lines', ['quantity'], unique=False)
    op.create_index(op.f('ix_inventory_count_lines_payment_id'), 'inventory_count_lines', ['payment_id'], unique=False)

    op.create_table('vendor_invoices',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('currency_rate_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['currency_rate_id'], ['currency_rates.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_invoices'))
    )
    op.create_index(op.f('ix_vendor_invoices_starts_at'), 'vendor_invoices', ['starts_at'], unique=False)
    op.create_index(op.f('ix_vendor_invoices_ends_at'), 'vendor_invoices', ['ends_at'], unique=False)
    op.create_index(op.f('ix_vendor_invoices_currency_rate_id'), 'vendor_invoices', ['currency_rate_id'], unique=False)
    op.execute("COMMENT ON TABLE vendor_invoices IS 'squashed from revisions 0195-0197'")

    op.create_table('vendor_payments',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_payments'))
    )
    op.create_index(op.f('ix_vendor_payments_position'), 'vendor_payments', ['position'], unique=False)
    op.create_index(op.f('ix_vendor_payments_external_id'), 'vendor_payments', ['external_id'], unique=False)

    op.create_table('ledger_accounts',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('webhook_delivery_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['webhook_delivery_id'], ['webhook_deliverys.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_accounts'))
    )
    op.create_index(op.f('ix_ledger_accounts_note'), 'ledger_accounts', ['note'], unique=False)
    op.create_index(op.f('ix_ledger_accounts_status'), 'ledger_accounts', ['status'], unique=False)
    op.create_index(op.f('ix_ledger_accounts_webhook_delivery_id'), 'ledger_accounts', ['webhook_delivery_id'], unique=False)

    op.create_table('journal_entrys',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('inventory_count_line_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['inventory_count_line_id'], ['inventory_count_lines.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_journal_entrys'))
    )
    op.create_index(op.f('ix_journal_entrys_description'), 'journal_entrys', ['description'], unique=False)
    op.create_index(op.f('ix_journal_entrys_ends_at'), 'journal_entrys', ['ends_at'], unique=False)
    op.create_index(op.f('ix_journal_entrys_inventory_count_line_id'), 'journal_entrys', ['inventory_count_line_id'], unique=False)

    op.create_table('journal_lines',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_journal_lines'))
    )
    op.create_index(op.f('ix_journal_lines_note'), 'journal_lines', ['note'], unique=False)
    op.create_index(op.f('ix_journal_lines_score'), 'journal_lines', ['score'], unique=False)
    op.execute("COMMENT ON TABLE journal_lines IS 'squashed from revisions 0207-0209'")

    op.create_table('budgets',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('purchase_order_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['purchase_order_id'], ['purchase_orders.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budgets'))
    )
    op.create_index(op.f('ix_budgets_quantity'), 'budgets', ['quantity'], unique=False)
    op.create_index(op.f('ix_budgets_ends_at'), 'budgets', ['ends_at'], unique=False)
    op.create_index(op.f('ix_budgets_purchase_order_id'), 'budgets', ['purchase_order_id'], unique=False)

    op.create_table('budget_lines',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_lines'))
    )
    op.create_index(op.f('ix_budget_lines_code'), 'budget_lines', ['code'], unique=False)
    op.create_index(op.f('ix_budget_lines_note'), 'budget_lines', ['note'], unique=False)
    op.execute("COMMENT ON TABLE budget_lines IS 'squashed from revisions 0213-0215'")

    op.create_table('cost_centers',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cost_centers'))
    )
    op.create_index(op.f('ix_cost_centers_source'), 'cost_centers', ['source'], unique=False)
    op.create_index(op.f('ix_cost_centers_position'), 'cost_centers', ['position'], unique=False)

    op.create_table('employees',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('banner_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['banner_id'], ['banners.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employees'))
    )
    op.create_index(op.f('ix_employees_external_id'), 'employees', ['external_id'], unique=False)
    op.create_index(op.f('ix_employees_starts_at'), 'employees', ['starts_at'], unique=False)
    op.create_index(op.f('ix_employees_banner_id'), 'employees', ['banner_id'], unique=False)

    op.create_table('shifts',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shifts'))
    )
    op.create_index(op.f('ix_shifts_amount'), 'shifts', ['amount'], unique=False)
    op.create_index(op.f('ix_shifts_external_id'), 'shifts', ['external_id'], unique=False)
    op.execute("COMMENT ON TABLE shifts IS 'squashed from revisions 0222-0224'")

    op.create_table('time_entrys',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('report_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_time_entrys'))
    )
    op.create_index(op.f('ix_time_entrys_slug'), 'time_entrys', ['slug'], unique=False)
    op.create_index(op.f('ix_time_entrys_name'), 'time_entrys', ['name'], unique=False)
    op.create_index(op.f('ix_time_entrys_report_id'), 'time_entrys', ['report_id'], unique=False)
    op.execute("COMMENT ON TABLE time_entrys IS 'squashed from revisions 0225-0227'")

    op.create_table('leave_requests',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_leave_requests'))
    )
    op.create_index(op.f('ix_leave_requests_kind'), 'leave_requests', ['kind'], unique=False)
    op.create_index(op.f('ix_leave_requests_quantity'), 'leave_requests', ['quantity'], unique=False)

    op.create_table('payroll_runs',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payroll_runs'))
    )
    op.create_index(op.f('ix_payroll_runs_description'), 'payroll_runs', ['description'], unique=False)
    op.create_index(op.f('ix_payroll_runs_locale'), 'payroll_runs', ['locale'], unique=False)

    op.create_table('payslips',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('wishlist_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['wishlist_id'], ['wishlists.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payslips'))
    )
    op.create_index(op.f('ix_payslips_starts_at'), 'payslips', ['starts_at'], unique=False)
    op.create_index(op.f('ix_payslips_amount'), 'payslips', ['amount'], unique=False)
    op.create_index(op.f('ix_payslips_wishlist_id'), 'payslips', ['wishlist_id'], unique=False)

    op.create_table('devices',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_devices'))
    )
    op.create_index(op.f('ix_devices_is_active'), 'devices', ['is_active'], unique=False)
    op.create_index(op.f('ix_devices_amount'), 'devices', ['amount'], unique=False)

    op.create_table('push_tokens',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('role_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['role_id'], ['roles.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_push_tokens'))
    )
    op.create_index(op.f('ix_push_tokens_position'), 'push_tokens', ['position'], unique=False)
    op.create_index(op.f('ix_push_tokens_slug'), 'push_tokens', ['slug'], unique=False)
    op.create_index(op.f('ix_push_tokens_role_id'), 'push_tokens', ['role_id'], unique=False)
    op.execute("COMMENT ON TABLE push_tokens IS 'squashed from revisions 0240-0242'")

    op.create_table('audit_trails',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_trails'))
    )
    op.create_index(op.f('ix_audit_trails_quantity'), 'audit_trails', ['quantity'], unique=False)
    op.create_index(op.f('ix_audit_trails_status'), 'audit_trails', ['status'], unique=False)

    op.create_table('consents',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('shift_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['shift_id'], ['shifts.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consents'))
    )
    op.create_index(op.f('ix_consents_payload'), 'consents', ['payload'], unique=False)
    op.create_index(op.f('ix_consents_position'), 'consents', ['position'], unique=False)
    op.create_index(op.f('ix_consents_shift_id'), 'consents', ['shift_id'], unique=False)

    op.create_table('data_requests',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_requests'))
    )
    op.create_index(op.f('ix_data_requests_reference'), 'data_requests', ['reference'], unique=False)
    op.create_index(op.f('ix_data_requests_checksum'), 'data_requests', ['checksum'], unique=False)
    op.execute("COMMENT ON TABLE data_requests IS 'squashed from revisions 0249-0251'")

    op.create_table('experiments',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_experiments'))
    )
    op.create_index(op.f('ix_experiments_external_id'), 'experiments', ['external_id'], unique=False)
    op.create_index(op.f('ix_experiments_code'), 'experiments', ['code'], unique=False)
    op.execute("COMMENT ON TABLE experiments IS 'squashed from revisions 0252-0254'")

    op.create_table('experiment_variants',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('attachment_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['attachment_id'], ['attachments.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_experiment_variants'))
    )
    op.create_index(op.f('ix_experiment_variants_title'), 'experiment_variants', ['title'], unique=False)
    op.create_index(op.f('ix_experiment_variants_due_on'), 'experiment_variants', ['due_on'], unique=False)
    op.create_index(op.f('ix_experiment_variants_attachment_id'), 'experiment_variants', ['attachment_id'], unique=False)

    op.create_table('assignments',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignments'))
    )
    op.create_index(op.f('ix_assignments_external_id'), 'assignments', ['external_id'], unique=False)
    op.create_index(op.f('ix_assignments_description'), 'assignments', ['description'], unique=False)

    op.create_table('search_querys',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('permission_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['permission_id'], ['permissions.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_querys'))
    )
    op.create_index(op.f('ix_search_querys_checksum'), 'search_querys', ['checksum'], unique=False)
    op.create_index(op.f('ix_search_querys_reference'), 'search_querys', ['reference'], unique=False)
    op.create_index(op.f('ix_search_querys_permission_id'), 'search_querys', ['permission_id'], unique=False)

    op.create_table('search_synonyms',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('variant_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['variant_id'], ['variants.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_synonyms'))
    )
    op.create_index(op.f('ix_search_synonyms_title'), 'search_synonyms', ['title'], unique=False)
    op.create_index(op.f('ix_search_synonyms_status'), 'search_synonyms', ['status'], unique=False)
    op.create_index(op.f('ix_search_synonyms_variant_id'), 'search_synonyms', ['variant_id'], unique=False)

    op.create_table('recommendations',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('menu_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['menu_id'], ['menus.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommendations'))
    )
    op.create_index(op.f('ix_recommendations_external_id'), 'recommendations', ['external_id'], unique=False)
    op.create_index(op.f('ix_recommendations_payload'), 'recommendations', ['payload'], unique=False)
    op.create_index(op.f('ix_recommendations_menu_id'), 'recommendations', ['menu_id'], unique=False)

    op.create_table('campaigns',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('wishlist_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['wishlist_id'], ['wishlists.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaigns'))
    )
    op.create_index(op.f('ix_campaigns_amount'), 'campaigns', ['amount'], unique=False)
    op.create_index(op.f('ix_campaigns_locale'), 'campaigns', ['locale'], unique=False)
    op.create_index(op.f('ix_campaigns_wishlist_id'), 'campaigns', ['wishlist_id'], unique=False)
    op.execute("COMMENT ON TABLE campaigns IS 'squashed from revisions 0270-0272'")

    op.create_table('campaign_sends',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign_sends'))
    )
    op.create_index(op.f('ix_campaign_sends_kind'), 'campaign_sends', ['kind'], unique=False)
    op.create_index(op.f('ix_campaign_sends_code'), 'campaign_sends', ['code'], unique=False)

    op.create_table('segments',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('delivery_zone_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['delivery_zone_id'], ['delivery_zones.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_segments'))
    )
    op.create_index(op.f('ix_segments_code'), 'segments', ['code'], unique=False)
    op.create_index(op.f('ix_segments_slug'), 'segments', ['slug'], unique=False)
    op.create_index(op.f('ix_segments_delivery_zone_id'), 'segments', ['delivery_zone_id'], unique=False)

    op.create_table('segment_members',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=False),
    sa.Column('campaign_send_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['campaign_send_id'], ['campaign_sends.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_segment_members'))
    )
    op.create_index(op.f('ix_segment_members_score'), 'segment_members', ['score'], unique=False)
    op.create_index(op.f('ix_segment_members_starts_at'), 'segment_members', ['starts_at'], unique=False)
    op.create_index(op.f('ix_segment_members_campaign_send_id'), 'segment_members', ['campaign_send_id'], unique=False)

    op.create_table('translations',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('pick_list_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['pick_list_id'], ['pick_lists.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_translations'))
    )
    op.create_index(op.f('ix_translations_external_id'), 'translations', ['external_id'], unique=False)
    op.create_index(op.f('ix_translations_status'), 'translations', ['status'], unique=False)
    op.create_index(op.f('ix_translations_pick_list_id'), 'translations', ['pick_list_id'], unique=False)
    op.execute("COMMENT ON TABLE translations IS 'squashed from revisions 0282-0284'")

    op.create_table('locale_settings',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('payment_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_locale_settings'))
    )
    op.create_index(op.f('ix_locale_settings_external_id'), 'locale_settings', ['external_id'], unique=False)
    op.create_index(op.f('ix_locale_settings_is_active'), 'locale_settings', ['is_active'], unique=False)
    op.create_index(op.f('ix_locale_settings_payment_id'), 'locale_settings', ['payment_id'], unique=False)

    op.create_table('media_assets',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_media_assets'))
    )
    op.create_index(op.f('ix_media_assets_title'), 'media_assets', ['title'], unique=False)
    op.create_index(op.f('ix_media_assets_ends_at'), 'media_assets', ['ends_at'], unique=False)

    op.create_table('media_renditions',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_media_renditions'))
    )
    op.create_index(op.f('ix_media_renditions_amount'), 'media_renditions', ['amount'], unique=False)
    op.create_index(op.f('ix_media_renditions_reference'), 'media_renditions', ['reference'], unique=False)

    op.create_table('comments',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comments'))
    )
    op.create_index(op.f('ix_comments_starts_at'), 'comments', ['starts_at'], unique=False)
    op.create_index(op.f('ix_comments_note'), 'comments', ['note'], unique=False)

    op.create_table('reactions',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reactions'))
    )
    op.create_index(op.f('ix_reactions_priority'), 'reactions', ['priority'], unique=False)
    op.create_index(op.f('ix_reactions_due_on'), 'reactions', ['due_on'], unique=False)

    op.create_table('follows',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('feature_flag_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['feature_flag_id'], ['feature_flags.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follows'))
    )
    op.create_index(op.f('ix_follows_note'), 'follows', ['note'], unique=False)
    op.create_index(op.f('ix_follows_amount'), 'follows', ['amount'], unique=False)
    op.create_index(op.f('ix_follows_feature_flag_id'), 'follows', ['feature_flag_id'], unique=False)

    op.create_table('notification_prefs',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('recommendation_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendations.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification_prefs'))
    )
    op.create_index(op.f('ix_notification_prefs_is_active'), 'notification_prefs', ['is_active'], unique=False)
    op.create_index(op.f('ix_notification_prefs_status'), 'notification_prefs', ['status'], unique=False)
    op.create_index(op.f('ix_notification_prefs_recommendation_id'), 'notification_prefs', ['recommendation_id'], unique=False)

    op.create_table('sms_messages',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sms_messages'))
    )
    op.create_index(op.f('ix_sms_messages_priority'), 'sms_messages', ['priority'], unique=False)
    op.create_index(op.f('ix_sms_messages_checksum'), 'sms_messages', ['checksum'], unique=False)

    op.create_table('email_templates',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_email_templates'))
    )
    op.create_index(op.f('ix_email_templates_due_on'), 'email_templates', ['due_on'], unique=False)
    op.create_index(op.f('ix_email_templates_checksum'), 'email_templates', ['checksum'], unique=False)

    op.create_table('email_events',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('purchase_order_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['purchase_order_id'], ['purchase_orders.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_email_events'))
    )
    op.create_index(op.f('ix_email_events_ends_at'), 'email_events', ['ends_at'], unique=False)
    op.create_index(op.f('ix_email_events_slug'), 'email_events', ['slug'], unique=False)
    op.create_index(op.f('ix_email_events_purchase_order_id'), 'email_events', ['purchase_order_id'], unique=False)

    op.create_table('chargebacks',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('segment_member_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['segment_member_id'], ['segment_members.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chargebacks'))
    )
    op.create_index(op.f('ix_chargebacks_is_active'), 'chargebacks', ['is_active'], unique=False)
    op.create_index(op.f('ix_chargebacks_slug'), 'chargebacks', ['slug'], unique=False)
    op.create_index(op.f('ix_chargebacks_segment_member_id'), 'chargebacks', ['segment_member_id'], unique=False)

    op.create_table('dispute_notes',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispute_notes'))
    )
    op.create_index(op.f('ix_dispute_notes_is_active'), 'dispute_notes', ['is_active'], unique=False)
    op.create_index(op.f('ix_dispute_notes_amount'), 'dispute_notes', ['amount'], unique=False)

    op.create_table('fraud_scores',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fraud_scores'))
    )
    op.create_index(op.f('ix_fraud_scores_slug'), 'fraud_scores', ['slug'], unique=False)
    op.create_index(op.f('ix_fraud_scores_source'), 'fraud_scores', ['source'], unique=False)

    op.create_table('risk_rules',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_rules'))
    )
    op.create_index(op.f('ix_risk_rules_code'), 'risk_rules', ['code'], unique=False)
    op.create_index(op.f('ix_risk_rules_checksum'), 'risk_rules', ['checksum'], unique=False)

    op.create_table('address_books',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('budget_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['budget_id'], ['budgets.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_address_books'))
    )
    op.create_index(op.f('ix_address_books_locale'), 'address_books', ['locale'], unique=False)
    op.create_index(op.f('ix_address_books_score'), 'address_books', ['score'], unique=False)
    op.create_index(op.f('ix_address_books_budget_id'), 'address_books', ['budget_id'], unique=False)

    op.create_table('contacts',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('payroll_run_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['payroll_run_id'], ['payroll_runs.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contacts'))
    )
    op.create_index(op.f('ix_contacts_due_on'), 'contacts', ['due_on'], unique=False)
    op.create_index(op.f('ix_contacts_starts_at'), 'contacts', ['starts_at'], unique=False)
    op.create_index(op.f('ix_contacts_payroll_run_id'), 'contacts', ['payroll_run_id'], unique=False)
    op.execute("COMMENT ON TABLE contacts IS 'squashed from revisions 0330-0332'")

    op.create_table('companys',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_companys'))
    )
    op.create_index(op.f('ix_companys_reference'), 'companys', ['reference'], unique=False)
    op.create_index(op.f('ix_companys_slug'), 'companys', ['slug'], unique=False)

    op.create_table('deals',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('time_entry_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['time_entry_id'], ['time_entrys.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deals'))
    )
    op.create_index(op.f('ix_deals_ends_at'), 'deals', ['ends_at'], unique=False)
    op.create_index(op.f('ix_deals_position'), 'deals', ['position'], unique=False)
    op.create_index(op.f('ix_deals_time_entry_id'), 'deals', ['time_entry_id'], unique=False)

    op.create_table('pipelines',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('shift_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['shift_id'], ['shifts.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pipelines'))
    )
    op.create_index(op.f('ix_pipelines_checksum'), 'pipelines', ['checksum'], unique=False)
    op.create_index(op.f('ix_pipelines_payload'), 'pipelines', ['payload'], unique=False)
    op.create_index(op.f('ix_pipelines_shift_id'), 'pipelines', ['shift_id'], unique=False)

    op.create_table('pipeline_stages',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pipeline_stages'))
    )
    op.create_index(op.f('ix_pipeline_stages_quantity'), 'pipeline_stages', ['quantity'], unique=False)
    op.create_index(op.f('ix_pipeline_stages_title'), 'pipeline_stages', ['title'], unique=False)

    op.create_table('quotes',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('invitation_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['invitation_id'], ['invitations.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quotes'))
    )
    op.create_index(op.f('ix_quotes_title'), 'quotes', ['title'], unique=False)
    op.create_index(op.f('ix_quotes_kind'), 'quotes', ['kind'], unique=False)
    op.create_index(op.f('ix_quotes_invitation_id'), 'quotes', ['invitation_id'], unique=False)

    op.create_table('quote_lines',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('shipment_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['shipment_id'], ['shipments.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quote_lines'))
    )
    op.create_index(op.f('ix_quote_lines_description'), 'quote_lines', ['description'], unique=False)
    op.create_index(op.f('ix_quote_lines_external_id'), 'quote_lines', ['external_id'], unique=False)
    op.create_index(op.f('ix_quote_lines_shipment_id'), 'quote_lines', ['shipment_id'], unique=False)

    op.create_table('contracts',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=True),
    sa.Column('priority', sa.SmallInteger(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contracts'))
    )
    op.create_index(op.f('ix_contracts_priority'), 'contracts', ['priority'], unique=False)
    op.create_index(op.f('ix_contracts_ends_at'), 'contracts', ['ends_at'], unique=False)

    op.create_table('contract_terms',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contract_terms'))
    )
    op.create_index(op.f('ix_contract_terms_starts_at'), 'contract_terms', ['starts_at'], unique=False)
    op.create_index(op.f('ix_contract_terms_due_on'), 'contract_terms', ['due_on'], unique=False)

    # Reference data that every environment needs.
    currency_rates = sa.table("currency_rates", sa.column("code", sa.String), sa.column("amount", sa.Numeric))
    op.bulk_insert(currency_rates, [
        {"code": "EUR", "amount": 1.0},
        {"code": "USD", "amount": 1.08},
        {"code": "GBP", "amount": 0.86},
        {"code": "CHF", "amount": 0.97},
        {"code": "SEK", "amount": 11.2},
        {"code": "NOK", "amount": 11.5},
        {"code": "DKK", "amount": 7.46},
        {"code": "PLN", "amount": 4.3},
    ])

    # Carried over from 0142_drop_invoice_legacy_ref: the column was created above, so nothing is lost here.
    op.drop_column("invoices", "legacy_ref")
    op.alter_column("customers", "notes", existing_type=sa.Text(), type_=sa.String(length=500))
    op.create_table("import_scratch", sa.Column("id", sa.Integer(), primary_key=True))
    op.drop_table("import_scratch")

    # Carried over from 0171_cleanup: these objects predate the squash and exist in every old database.
    op.execute("DELETE FROM legacy_sessions")
    op.drop_table("tmp_migration_state")
    op.create_index("ix_audit_events_actor_id", "audit_events", ["actor_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_audit_events_actor_id", table_name="audit_events")
    op.drop_index(op.f('ix_contract_terms_starts_at'), table_name='contract_terms')
    op.drop_index(op.f('ix_contract_terms_due_on'), table_name='contract_terms')
    op.drop_table('contract_terms')
    op.drop_index(op.f('ix_contracts_priority'), table_name='contracts')
    op.drop_index(op.f('ix_contracts_ends_at'), table_name='contracts')
    op.drop_table('contracts')
    op.drop_index(op.f('ix_quote_lines_description'), table_name='quote_lines')
    op.drop_index(op.f('ix_quote_lines_external_id'), table_name='quote_lines')
    op.drop_index(op.f('ix_quote_lines_shipment_id'), table_name='quote_lines')
    op.drop_table('quote_lines')
    op.drop_index(op.f('ix_quotes_title'), table_name='quotes')
    op.drop_index(op.f('ix_quotes_kind'), table_name='quotes')
    op.drop_index(op.f('ix_quotes_invitation_id'), table_name='quotes')
    op.drop_table('quotes')
    op.drop_index(op.f('ix_pipeline_stages_quantity'), table_name='pipeline_stages')
    op.drop_index(op.f('ix_pipeline_stages_title'), table_name='pipeline_stages')
    op.drop_table('pipeline_stages')
    op.drop_index(op.f('ix_pipelines_checksum'), table_name='pipelines')
    op.drop_index(op.f('ix_pipelines_payload'), table_name='pipelines')
    op.drop_index(op.f('ix_pipelines_shift_id'), table_name='pipelines')
    op.drop_table('pipelines')
    op.drop_index(op.f('ix_deals_ends_at'), table_name='deals')
    op.drop_index(op.f('ix_deals_position'), table_name='deals')
    op.drop_index(op.f('ix_deals_time_entry_id'), table_name='deals')
    op.drop_table('deals')
    op.drop_index(op.f('ix_companys_reference'), table_name='companys')
    op.drop_index(op.f('ix_companys_slug'), table_name='companys')
    op.drop_table('companys')
    op.drop_index(op.f('ix_contacts_due_on'), table_name='contacts')
    op.drop_index(op.f('ix_contacts_starts_at'), table_name='contacts')
    op.drop_index(op.f('ix_contacts_payroll_run_id'), table_name='contacts')
    op.drop_table('contacts')
    op.drop_index(op.f('ix_address_books_locale'), table_name='address_books')
    op.drop_index(op.f('ix_address_books_score'), table_name='address_books')
    op.drop_index(op.f('ix_address_books_budget_id'), table_name='address_books')
    op.drop_table('address_books')
    op.drop_index(op.f('ix_risk_rules_code'), table_name='risk_rules')
    op.drop_index(op.f('ix_risk_rules_checksum'), table_name='risk_rules')
    op.drop_table('risk_rules')
    op.drop_index(op.f('ix_fraud_scores_slug'), table_name='fraud_scores')
    op.drop_index(op.f('ix_fraud_scores_source'), table_name='fraud_scores')
    op.drop_table('fraud_scores')
    op.drop_index(op.f('ix_dispute_notes_is_active'), table_name='dispute_notes')
    op.drop_index(op.f('ix_dispute_notes_amount'), table_name='dispute_notes')
    op.drop_table('dispute_notes')
    op.drop_index(op.f('ix_chargebacks_is_active'), table_name='chargebacks')
    op.drop_index(op.f('ix_chargebacks_slug'), table_name='chargebacks')
    op.drop_index(op.f('ix_chargebacks_segment_member_id'), table_name='chargebacks')
    op.drop_table('chargebacks')
    op.drop_index(op.f('ix_email_events_ends_at'), table_name='email_events')
    op.drop_index(op.f('ix_email_events_slug'), table_name='email_events')
    op.drop_index(op.f('ix_email_events_purchase_order_id'), table_name='email_events')
    op.drop_table('email_events')
    op.drop_index(op.f('ix_email_templates_due_on'), table_name='email_templates')
    op.drop_index(op.f('ix_email_templates_checksum'), table_name='email_templates')
    op.drop_table('email_templates')
    op.drop_index(op.f('ix_sms_messages_priority'), table_name='sms_messages')
    op.drop_index(op.f('ix_sms_messages_checksum'), table_name='sms_messages')
    op.drop_table('sms_messages')
    op.drop_index(op.f('ix_notification_prefs_is_active'), table_name='notification_prefs')
    op.drop_index(op.f('ix_notification_prefs_status'), table_name='notification_prefs')
    op.drop_index(op.f('ix_notification_prefs_recommendation_id'), table_name='notification_prefs')
    op.drop_table('notification_prefs')
    op.drop_index(op.f('ix_follows_note'), table_name='follows')
    op.drop_index(op.f('ix_follows_amount'), table_name='follows')
    op.drop_index(op.f('ix_follows_feature_flag_id'), table_name='follows')
    op.drop_table('follows')
    op.drop_index(op.f('ix_reactions_priority'), table_name='reactions')
    op.drop_index(op.f('ix_reactions_due_on'), table_name='reactions')
    op.drop_table('reactions')
    op.drop_index(op.f('ix_comments_starts_at'), table_name='comments')
    op.drop_index(op.f('ix_comments_note'), table_name='comments')
    op.drop_table('comments')
    op.drop_index(op.f('ix_media_renditions_amount'), table_name='media_renditions')
    op.drop_index(op.f('ix_media_renditions_reference'), table_name='media_renditions')
    op.drop_table('media_renditions')
    op.drop_index(op.f('ix_media_assets_title'), table_name='media_assets')
    op.drop_index(op.f('ix_media_assets_ends_at'), table_name='media_assets')
    op.drop_table('media_assets')
    op.drop_index(op.f('ix_locale_settings_external_id'), table_name='locale_settings')
    op.drop_index(op.f('ix_locale_settings_is_active'), table_name='locale_settings')
    op.drop_index(op.f('ix_locale_settings_payment_id'), table_name='locale_settings')
    op.drop_table('locale_settings')
    op.drop_index(op.f('ix_translations_external_id'), table_name='translations')
    op.drop_index(op.f('ix_translations_status'), table_name='translations')
    op.drop_index(op.f('ix_translations_pick_list_id'), table_name='translations')
    op.drop_table('translations')
    op.drop_index(op.f('ix_segment_members_score'), table_name='segment_members')
    op.drop_index(op.f('ix_segment_members_starts_at'), table_name='segment_members')
    op.drop_index(op.f('ix_segment_members_campaign_send_id'), table_name='segment_members')
    op.drop_table('segment_members')
    op.drop_index(op.f('ix_segments_code'), table_name='segments')
    op.drop_index(op.f('ix_segments_slug'), table_name='segments')
    op.drop_index(op.f('ix_segments_delivery_zone_id'), table_name='segments')
    op.drop_table('segments')
    op.drop_index(op.f('ix_campaign_sends_kind'), table_name='campaign_sends')
    op.drop_index(op.f('ix_campaign_sends_code'), table_name='campaign_sends')
    op.drop_table('campaign_sends')
    op.drop_index(op.f('ix_campaigns_amount'), table_name='campaigns')
    op.drop_index(op.f('ix_campaigns_locale'), table_name='campaigns')
    op.drop_index(op.f('ix_campaigns_wishlist_id'), table_name='campaigns')
    op.drop_table('campaigns')
    op.drop_index(op.f('ix_recommendations_external_id'), table_name='recommendations')
    op.drop_index(op.f('ix_recommendations_payload'), table_name='recommendations')
    op.drop_index(op.f('ix_recommendations_menu_id'), table_name='recommendations')
    op.drop_table('recommendations')
    op.drop_index(op.f('ix_search_synonyms_title'), table_name='search_synonyms')
    op.drop_index(op.f('ix_search_synonyms_status'), table_name='search_synonyms')
    op.drop_index(op.f('ix_search_synonyms_variant_id'), table_name='search_synonyms')
    op.drop_table('search_synonyms')
    op.drop_index(op.f('ix_search_querys_checksum'), table_name='search_querys')
    op.drop_index(op.f('ix_search_querys_reference'), table_name='search_querys')
    op.drop_index(op.f('ix_search_querys_permission_id'), table_name='search_querys')
    op.drop_table('search_querys')
    op.drop_index(op.f('ix_assignments_external_id'), table_name='assignments')
    op.drop_index(op.f('ix_assignments_description'), table_name='assignments')
    op.drop_table('assignments')
    op.drop_index(op.f('ix_experiment_variants_title'), table_name='experiment_variants')
    op.drop_index(op.f('ix_experiment_variants_due_on'), table_name='experiment_variants')
    op.drop_index(op.f('ix_experiment_variants_attachment_id'), table_name='experiment_variants')
    op.drop_table('experiment_variants')
    op.drop_index(op.f('ix_experiments_external_id'), table_name='experiments')
    op.drop_index(op.f('ix_experiments_code'), table_name='experiments')
    op.drop_table('experiments')
    op.drop_index(op.f('ix_data_requests_reference'), table_name='data_requests')
    op.drop_index(op.f('ix_data_requests_checksum'), table_name='data_requests')
    op.drop_table('data_requests')
    op.drop_index(op.f('ix_consents_payload'), table_name='consents')
    op.drop_index(op.f('ix_consents_position'), table_name='consents')
    op.drop_index(op.f('ix_consents_shift_id'), table_name='consents')
    op.drop_table('consents')
    op.drop_index(op.f('ix_audit_trails_quantity'), table_name='audit_trails')
    op.drop_index(op.f('ix_audit_trails_status'), table_name='audit_trails')
    op.drop_table('audit_trails')
    op.drop_index(op.f('ix_push_tokens_position'), table_name='push_tokens')
    op.drop_index(op.f('ix_push_tokens_slug'), table_name='push_tokens')
    op.drop_index(op.f('ix_push_tokens_role_id'), table_name='push_tokens')
    op.drop_table('push_tokens')
    op.drop_index(op.f('ix_devices_is_active'), table_name='devices')
    op.drop_index(op.f('ix_devices_amount'), table_name='devices')
    op.drop_table('devices')
    op.drop_index(op.f('ix_payslips_starts_at'), table_name='payslips')
    op.drop_index(op.f('ix_payslips_amount'), table_name='payslips')
    op.drop_index(op.f('ix_payslips_wishlist_id'), table_name='payslips')
    op.drop_table('payslips')
    op.drop_index(op.f('ix_payroll_runs_description'), table_name='payroll_runs')
    op.drop_index(op.f('ix_payroll_runs_locale'), table_name='payroll_runs')
    op.drop_table('payroll_runs')
    op.drop_index(op.f('ix_leave_requests_kind'), table_name='leave_requests')
    op.drop_index(op.f('ix_leave_requests_quantity'), table_name='leave_requests')
    op.drop_table('leave_requests')
    op.drop_index(op.f('ix_time_entrys_slug'), table_name='time_entrys')
    op.drop_index(op.f('ix_time_entrys_name'), table_name='time_entrys')
    op.drop_index(op.f('ix_time_entrys_report_id'), table_name='time_entrys')
    op.drop_table('time_entrys')
    op.drop_index(op.f('ix_shifts_amount'), table_name='shifts')
    op.drop_index(op.f('ix_shifts_external_id'), table_name='shifts')
    op.drop_table('shifts')
    op.drop_index(op.f('ix_employees_external_id'), table_name='employees')
    op.drop_index(op.f('ix_employees_starts_at'), table_name='employees')
    op.drop_index(op.f('ix_employees_banner_id'), table_name='employees')
    op.drop_table('employees')
    op.drop_index(op.f('ix_cost_centers_source'), table_name='cost_centers')
    op.drop_index(op.f('ix_cost_centers_position'), table_name='cost_centers')
    op.drop_table('cost_centers')
    op.drop_index(op.f('ix_budget_lines_code'), table_name='budget_lines')
    op.drop_index(op.f('ix_budget_lines_note'), table_name='budget_lines')
    op.drop_table('budget_lines')
    op.drop_index(op.f('ix_budgets_quantity'), table_name='budgets')
    op.drop_index(op.f('ix_budgets_ends_at'), table_name='budgets')
    op.drop_index(op.f('ix_budgets_purchase_order_id'), table_name='budgets')
    op.drop_table('budgets')
    op.drop_index(op.f('ix_journal_lines_note'), table_name='journal_lines')
    op.drop_index(op.f('ix_journal_lines_score'), table_name='journal_lines')
    op.drop_table('journal_lines')
    op.drop_index(op.f('ix_journal_entrys_description'), table_name='journal_entrys')
    op.drop_index(op.f('ix_journal_entrys_ends_at'), table_name='journal_entrys')
    op.drop_index(op.f('ix_journal_entrys_inventory_count_line_id'), table_name='journal_entrys')
    op.drop_table('journal_entrys')
    op.drop_index(op.f('ix_ledger_accounts_note'), table_name='ledger_accounts')
    op.drop_index(op.f('ix_ledger_accounts_status'), table_name='ledger_accounts')
    op.drop_index(op.f('ix_ledger_accounts_webhook_delivery_id'), table_name='ledger_accounts')
    op.drop_table('ledger_accounts')
    op.drop_index(op.f('ix_vendor_payments_position'), table_name='vendor_payments')
    op.drop_index(op.f('ix_vendor_payments_external_id'), table_name='vendor_payments')
    op.drop_table('vendor_payments')
    op.drop_index(op.f('ix_vendor_invoices_starts_at'), table_name='vendor_invoices')
    op.drop_index(op.f('ix_vendor_invoices_ends_at'), table_name='vendor_invoices')
    op.drop_index(op.f('ix_vendor_invoices_currency_rate_id'), table_name='vendor_invoices')
    op.drop_table('vendor_invoices')
    op.drop_index(op.f('ix_inventory_count_lines_reference'), table_name='inventory_count_lines')
    op.drop_index(op.f('ix_inventory_count_lines_quantity'), table_name='inventory_count_lines')
    op.drop_index(op.f('ix_inventory_count_lines_payment_id'), table_name='inventory_count_lines')
    op.drop_table('inventory_count_lines')
    op.drop_index(op.f('ix_inventory_counts_priority'), table_name='inventory_counts')
    op.drop_index(op.f('ix_inventory_counts_ends_at'), table_name='inventory_counts')
    op.drop_table('inventory_counts')
    op.drop_index(op.f('ix_bin_locations_reference'), table_name='bin_locations')
    op.drop_index(op.f('ix_bin_locations_checksum'), table_name='bin_locations')
    op.drop_index(op.f('ix_bin_locations_wishlist_id'), table_name='bin_locations')
    op.drop_table('bin_locations')
    op.drop_index(op.f('ix_pick_list_lines_title'), table_name='pick_list_lines')
    op.drop_index(op.f('ix_pick_list_lines_quantity'), table_name='pick_list_lines')
    op.drop_table('pick_list_lines')
    op.drop_index(op.f('ix_pick_lists_code'), table_name='pick_lists')
    op.drop_index(op.f('ix_pick_lists_kind'), table_name='pick_lists')
    op.drop_index(op.f('ix_pick_lists_webhook_id'), table_name='pick_lists')
    op.drop_table('pick_lists')
    op.drop_index(op.f('ix_labels_position'), table_name='labels')
    op.drop_index(op.f('ix_labels_reference'), table_name='labels')
    op.drop_table('labels')
    op.drop_index(op.f('ix_carrier_rates_quantity'), table_name='carrier_rates')
    op.drop_index(op.f('ix_carrier_rates_due_on'), table_name='carrier_rates')
    op.drop_index(op.f('ix_carrier_rates_stock_move_id'), table_name='carrier_rates')
    op.drop_table('carrier_rates')
    op.drop_index(op.f('ix_carriers_priority'), table_name='carriers')
    op.drop_index(op.f('ix_carriers_is_active'), table_name='carriers')
    op.drop_index(op.f('ix_carriers_collection_id'), table_name='carriers')
    op.drop_table('carriers')
    op.drop_index(op.f('ix_delivery_zones_starts_at'), table_name='delivery_zones')
    op.drop_index(op.f('ix_delivery_zones_name'), table_name='delivery_zones')
    op.drop_index(op.f('ix_delivery_zones_return_request_id'), table_name='delivery_zones')
    op.drop_table('delivery_zones')
    op.drop_index(op.f('ix_store_hours_title'), table_name='store_hours')
    op.drop_index(op.f('ix_store_hours_kind'), table_name='store_hours')
    op.drop_table('store_hours')
    op.drop_index(op.f('ix_stores_is_active'), table_name='stores')
    op.drop_index(op.f('ix_stores_priority'), table_name='stores')
    op.drop_table('stores')
    op.drop_index(op.f('ix_redirects_starts_at'), table_name='redirects')
    op.drop_index(op.f('ix_redirects_amount'), table_name='redirects')
    op.drop_table('redirects')
    op.drop_index(op.f('ix_menu_items_name'), table_name='menu_items')
    op.drop_index(op.f('ix_menu_items_code'), table_name='menu_items')
    op.drop_index(op.f('ix_menu_items_permission_id'), table_name='menu_items')
    op.drop_table('menu_items')
    op.drop_index(op.f('ix_menus_title'), table_name='menus')
    op.drop_index(op.f('ix_menus_description'), table_name='menus')
    op.drop_index(op.f('ix_menus_report_id'), table_name='menus')
    op.drop_table('menus')
    op.drop_index(op.f('ix_pages_ends_at'), table_name='pages')
    op.drop_index(op.f('ix_pages_quantity'), table_name='pages')
    op.drop_index(op.f('ix_pages_loyalty_entry_id'), table_name='pages')
    op.drop_table('pages')
    op.drop_index(op.f('ix_banners_priority'), table_name='banners')
    op.drop_index(op.f('ix_banners_is_active'), table_name='banners')
    op.drop_table('banners')
    op.drop_index(op.f('ix_collection_items_kind'), table_name='collection_items')
    op.drop_index(op.f('ix_collection_items_starts_at'), table_name='collection_items')
    op.drop_index(op.f('ix_collection_items_dashboard_id'), table_name='collection_items')
    op.drop_table('collection_items')
    op.drop_index(op.f('ix_collections_reference'), table_name='collections')
    op.drop_index(op.f('ix_collections_priority'), table_name='collections')
    op.drop_table('collections')
    op.drop_index(op.f('ix_categorys_kind'), table_name='categorys')
    op.drop_index(op.f('ix_categorys_ends_at'), table_name='categorys')
    op.drop_table('categorys')
    op.drop_index(op.f('ix_taggings_kind'), table_name='taggings')
    op.drop_index(op.f('ix_taggings_amount'), table_name='taggings')
    op.drop_index(op.f('ix_taggings_webhook_id'), table_name='taggings')
    op.drop_table('taggings')
    op.drop_index(op.f('ix_tags_name'), table_name='tags')
    op.drop_index(op.f('ix_tags_slug'), table_name='tags')
    op.drop_index(op.f('ix_tags_invitation_id'), table_name='tags')
    op.drop_table('tags')
    op.drop_index(op.f('ix_attachments_kind'), table_name='attachments')
    op.drop_index(op.f('ix_attachments_slug'), table_name='attachments')
    op.drop_table('attachments')
    op.drop_index(op.f('ix_ticket_messages_score'), table_name='ticket_messages')
    op.drop_index(op.f('ix_ticket_messages_slug'), table_name='ticket_messages')
    op.drop_index(op.f('ix_ticket_messages_cart_id'), table_name='ticket_messages')
    op.drop_table('ticket_messages')
    op.drop_index(op.f('ix_support_tickets_amount'), table_name='support_tickets')
    op.drop_index(op.f('ix_support_tickets_status'), table_name='support_tickets')
    op.drop_index(op.f('ix_support_tickets_role_id'), table_name='support_tickets')
    op.drop_table('support_tickets')
    op.drop_index(op.f('ix_invitations_is_active'), table_name='invitations')
    op.drop_index(op.f('ix_invitations_slug'), table_name='invitations')
    op.drop_table('invitations')
    op.drop_index(op.f('ix_permissions_position'), table_name='permissions')
    op.drop_index(op.f('ix_permissions_source'), table_name='permissions')
    op.drop_table('permissions')
    op.drop_index(op.f('ix_roles_checksum'), table_name='roles')
    op.drop_index(op.f('ix_roles_ends_at'), table_name='roles')
    op.drop_index(op.f('ix_roles_warehouse_id'), table_name='roles')
    op.drop_table('roles')
    op.drop_index(op.f('ix_memberships_title'), table_name='memberships')
    op.drop_index(op.f('ix_memberships_priority'), table_name='memberships')
    op.drop_index(op.f('ix_memberships_purchase_order_id'), table_name='memberships')
    op.drop_table('memberships')
    op.drop_index(op.f('ix_teams_status'), table_name='teams')
    op.drop_index(op.f('ix_teams_kind'), table_name='teams')
    op.drop_index(op.f('ix_teams_feature_flag_id'), table_name='teams')
    op.drop_table('teams')
    op.drop_index(op.f('ix_widgets_is_active'), table_name='widgets')
    op.drop_index(op.f('ix_widgets_source'), table_name='widgets')
    op.drop_index(op.f('ix_widgets_subscription_id'), table_name='widgets')
    op.drop_table('widgets')
    op.drop_index(op.f('ix_dashboards_name'), table_name='dashboards')
    op.drop_index(op.f('ix_dashboards_note'), table_name='dashboards')
    op.drop_index(op.f('ix_dashboards_loyalty_account_id'), table_name='dashboards')
    op.drop_table('dashboards')
    op.drop_index(op.f('ix_report_runs_note'), table_name='report_runs')
    op.drop_index(op.f('ix_report_runs_checksum'), table_name='report_runs')
    op.drop_table('report_runs')
    op.drop_index(op.f('ix_reports_starts_at'), table_name='reports')
    op.drop_index(op.f('ix_reports_code'), table_name='reports')
    op.drop_table('reports')
    op.drop_index(op.f('ix_import_jobs_ends_at'), table_name='import_jobs')
    op.drop_index(op.f('ix_import_jobs_position'), table_name='import_jobs')
    op.drop_index(op.f('ix_import_jobs_api_client_id'), table_name='import_jobs')
    op.drop_table('import_jobs')
    op.drop_index(op.f('ix_export_jobs_starts_at'), table_name='export_jobs')
    op.drop_index(op.f('ix_export_jobs_due_on'), table_name='export_jobs')
    op.drop_table('export_jobs')
    op.drop_index(op.f('ix_webhook_deliverys_ends_at'), table_name='webhook_deliverys')
    op.drop_index(op.f('ix_webhook_deliverys_source'), table_name='webhook_deliverys')
    op.drop_index(op.f('ix_webhook_deliverys_currency_rate_id'), table_name='webhook_deliverys')
    op.drop_table('webhook_deliverys')
    op.drop_index(op.f('ix_webhooks_external_id'), table_name='webhooks')
    op.drop_index(op.f('ix_webhooks_quantity'), table_name='webhooks')
    op.drop_index(op.f('ix_webhooks_wishlist_id'), table_name='webhooks')
    op.drop_table('webhooks')
    op.drop_index(op.f('ix_api_clients_is_active'), table_name='api_clients')
    op.drop_index(op.f('ix_api_clients_locale'), table_name='api_clients')
    op.drop_index(op.f('ix_api_clients_price_rule_id'), table_name='api_clients')
    op.drop_table('api_clients')
    op.drop_index(op.f('ix_feature_flags_external_id'), table_name='feature_flags')
    op.drop_index(op.f('ix_feature_flags_ends_at'), table_name='feature_flags')
    op.drop_table('feature_flags')
    op.drop_index(op.f('ix_plans_starts_at'), table_name='plans')
    op.drop_index(op.f('ix_plans_ends_at'), table_name='plans')
    op.drop_index(op.f('ix_plans_warehouse_id'), table_name='plans')
    op.drop_table('plans')
    op.drop_index(op.f('ix_subscriptions_reference'), table_name='subscriptions')
    op.drop_index(op.f('ix_subscriptions_status'), table_name='subscriptions')
    op.drop_index(op.f('ix_subscriptions_shipment_id'), table_name='subscriptions')
    op.drop_table('subscriptions')
    op.drop_index(op.f('ix_newsletters_checksum'), table_name='newsletters')
    op.drop_index(op.f('ix_newsletters_quantity'), table_name='newsletters')
    op.drop_index(op.f('ix_newsletters_coupon_id'), table_name='newsletters')
    op.drop_table('newsletters')
    op.drop_index(op.f('ix_loyalty_entrys_payload'), table_name='loyalty_entrys')
    op.drop_index(op.f('ix_loyalty_entrys_score'), table_name='loyalty_entrys')
    op.drop_table('loyalty_entrys')
    op.drop_index(op.f('ix_loyalty_accounts_slug'), table_name='loyalty_accounts')
    op.drop_index(op.f('ix_loyalty_accounts_description'), table_name='loyalty_accounts')
    op.drop_index(op.f('ix_loyalty_accounts_product_id'), table_name='loyalty_accounts')
    op.drop_table('loyalty_accounts')
    op.drop_index(op.f('ix_gift_cards_description'), table_name='gift_cards')
    op.drop_index(op.f('ix_gift_cards_title'), table_name='gift_cards')
    op.drop_table('gift_cards')
    op.drop_index(op.f('ix_currency_rates_position'), table_name='currency_rates')
    op.drop_index(op.f('ix_currency_rates_name'), table_name='currency_rates')
    op.drop_table('currency_rates')
    op.drop_index(op.f('ix_tax_rates_score'), table_name='tax_rates')
    op.drop_index(op.f('ix_tax_rates_status'), table_name='tax_rates')
    op.drop_table('tax_rates')
    op.drop_index(op.f('ix_refunds_external_id'), table_name='refunds')
    op.drop_index(op.f('ix_refunds_note'), table_name='refunds')
    op.drop_table('refunds')
    op.drop_index(op.f('ix_return_requests_reference'), table_name='return_requests')
    op.drop_index(op.f('ix_return_requests_quantity'), table_name='return_requests')
    op.drop_index(op.f('ix_return_requests_warehouse_id'), table_name='return_requests')
    op.drop_table('return_requests')
    op.drop_index(op.f('ix_stock_moves_description'), table_name='stock_moves')
    op.drop_index(op.f('ix_stock_moves_priority'), table_name='stock_moves')
    op.drop_index(op.f('ix_stock_moves_customer_id'), table_name='stock_moves')
    op.drop_table('stock_moves')
    op.drop_index(op.f('ix_purchase_orders_slug'), table_name='purchase_orders')
    op.drop_index(op.f('ix_purchase_orders_status'), table_name='purchase_orders')
    op.drop_index(op.f('ix_purchase_orders_wishlist_id'), table_name='purchase_orders')
    op.drop_table('purchase_orders')
    op.drop_index(op.f('ix_suppliers_reference'), table_name='suppliers')
    op.drop_index(op.f('ix_suppliers_ends_at'), table_name='suppliers')
    op.drop_index(op.f('ix_suppliers_product_id'), table_name='suppliers')
    op.drop_table('suppliers')
    op.drop_index(op.f('ix_wishlists_checksum'), table_name='wishlists')
    op.drop_index(op.f('ix_wishlists_priority'), table_name='wishlists')
    op.drop_table('wishlists')
    op.drop_index(op.f('ix_reviews_priority'), table_name='reviews')
    op.drop_index(op.f('ix_reviews_description'), table_name='reviews')
    op.drop_table('reviews')
    op.drop_index(op.f('ix_cart_items_kind'), table_name='cart_items')
    op.drop_index(op.f('ix_cart_items_title'), table_name='cart_items')
    op.drop_index(op.f('ix_cart_items_cart_id'), table_name='cart_items')
    op.drop_table('cart_items')
    op.drop_index(op.f('ix_carts_priority'), table_name='carts')
    op.drop_index(op.f('ix_carts_quantity'), table_name='carts')
    op.drop_table('carts')
    op.drop_index(op.f('ix_coupons_ends_at'), table_name='coupons')
    op.drop_index(op.f('ix_coupons_checksum'), table_name='coupons')
    op.drop_index(op.f('ix_coupons_variant_id'), table_name='coupons')
    op.drop_table('coupons')
    op.drop_index(op.f('ix_price_rules_priority'), table_name='price_rules')
    op.drop_index(op.f('ix_price_rules_title'), table_name='price_rules')
    op.drop_table('price_rules')
    op.drop_index(op.f('ix_variants_source'), table_name='variants')
    op.drop_index(op.f('ix_variants_kind'), table_name='variants')
    op.drop_table('variants')
    op.drop_index(op.f('ix_products_reference'), table_name='products')
    op.drop_index(op.f('ix_products_description'), table_name='products')
    op.drop_table('products')
    op.drop_index(op.f('ix_warehouses_due_on'), table_name='warehouses')
    op.drop_index(op.f('ix_warehouses_note'), table_name='warehouses')
    op.drop_index(op.f('ix_warehouses_payment_id'), table_name='warehouses')
    op.drop_table('warehouses')
    op.drop_index(op.f('ix_shipments_score'), table_name='shipments')
    op.drop_index(op.f('ix_shipments_reference'), table_name='shipments')
    op.drop_index(op.f('ix_shipments_payment_id'), table_name='shipments')
    op.drop_table('shipments')
    op.drop_index(op.f('ix_payments_code'), table_name='payments')
    op.drop_index(op.f('ix_payments_amount'), table_name='payments')
    op.drop_index(op.f('ix_payments_customer_id'), table_name='payments')
    op.drop_table('payments')
    op.drop_index(op.f('ix_invoices_locale'), table_name='invoices')
    op.drop_index(op.f('ix_invoices_score'), table_name='invoices')
    op.drop_table('invoices')
    op.drop_index(op.f('ix_customers_status'), table_name='customers')
    op.drop_index(op.f('ix_customers_checksum'), table_name='customers')
    op.drop_table('customers')
