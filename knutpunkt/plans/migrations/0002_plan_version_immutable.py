"""An established plan version is never changed: the database refuses UPDATE of plans_planversion."""

from django.db import migrations

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION plans_planversion_guard() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'plans_planversion is immutable: UPDATE refused';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER plans_planversion_no_update BEFORE UPDATE ON plans_planversion
    FOR EACH ROW EXECUTE FUNCTION plans_planversion_guard();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS plans_planversion_no_update ON plans_planversion;
DROP FUNCTION IF EXISTS plans_planversion_guard();
"""
SQLITE_UP = """CREATE TRIGGER plans_planversion_no_update BEFORE UPDATE ON plans_planversion
   BEGIN SELECT RAISE(ABORT, 'plans_planversion is immutable: UPDATE refused'); END"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS plans_planversion_no_update"


def create_guard(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_UP)


def drop_guard(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_DOWN)


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(create_guard, drop_guard)]
