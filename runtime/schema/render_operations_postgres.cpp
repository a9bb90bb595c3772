// PostgreSQL: every operation is a native statement, run inside the migration's transaction,
// except the online forms: CREATE/DROP INDEX CONCURRENTLY (outside any transaction) and
// VALIDATE CONSTRAINT (in a transaction of its own).
#include <algorithm>

#include "schema/ddl.hpp"
#include "schema/lower.hpp"
#include "schema/naming.hpp"
#include "schema/render_ddl_fragments.hpp"
#include "schema/render_operations_internal.hpp"
#include "schema/sql_lexical.hpp"

namespace sqlmodel::schema::render_detail {
namespace {

constexpr Dialect pg = Dialect::postgresql;

// An enum or an array of enums.
bool is_enum_type(const ColumnType& type) {
  return type.kind == TypeKind::enumeration ||
         (type.kind == TypeKind::array && type.element_kind == TypeKind::enumeration);
}

bool uses_enum(const ColumnType& type, std::string_view enum_name) {
  return is_enum_type(type) && type.enum_name == enum_name;
}

// The temporary table that carries the dropped dependents' definitions from the block that
// drops them to the block that recreates them (ON COMMIT DROP: never outlives the migration).
constexpr std::string_view saved_dependents = "sqlmodel_enum_dependents";

// A PL/pgSQL block: finds every dependent of enum `enum_name` that a type swap would break,
// records how to recreate it, and drops it. Restore order: defaults, CHECKs, indexes, then views
// from the ones over tables up; drop order is the reverse for views.
std::string save_and_drop_enum_dependents(std::string_view enum_name) {
  const std::string type = quote_literal(quote_identifier(Dialect::postgresql, enum_name));
  const std::string saved(saved_dependents);
  return "DO $sqlmodel$\n"
         "DECLARE\n"
         "  enum_type oid := to_regtype(" + type + ");\n"
         "  dependent record;\n"
         "BEGIN\n"
         "  CREATE TEMP TABLE " + saved + " (position serial, stage int NOT NULL, restore text NOT NULL) ON COMMIT DROP;\n"
         "  CREATE TEMP TABLE " + saved + "_columns ON COMMIT DROP AS\n"
         "    SELECT a.attrelid AS rel, a.attnum AS num, a.attname AS name FROM pg_attribute a\n"
         "    JOIN pg_class c ON c.oid = a.attrelid AND c.relkind IN ('r', 'p')\n"
         "    JOIN pg_type t ON t.oid = a.atttypid\n"
         "    WHERE (t.oid = enum_type OR t.typelem = enum_type) AND a.attnum > 0 AND NOT a.attisdropped;\n"
         // Views over those columns or the type, and the views over those, deepest dropped first.
         "  FOR dependent IN\n"
         "    WITH RECURSIVE views(oid, depth) AS (\n"
         "      SELECT r.ev_class, 1 FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid\n"
         "      WHERE d.classid = 'pg_rewrite'::regclass AND r.ev_class <> d.refobjid AND (\n"
         "        (d.refclassid = 'pg_type'::regclass AND d.refobjid = enum_type) OR\n"
         "        (d.refclassid = 'pg_class'::regclass AND EXISTS (\n"
         "          SELECT 1 FROM " + saved + "_columns c WHERE c.rel = d.refobjid AND c.num = d.refobjsubid)))\n"
         "      UNION\n"
         "      SELECT r.ev_class, v.depth + 1 FROM views v\n"
         "      JOIN pg_depend d ON d.refclassid = 'pg_class'::regclass AND d.refobjid = v.oid\n"
         "        AND d.classid = 'pg_rewrite'::regclass\n"
         "      JOIN pg_rewrite r ON r.oid = d.objid AND r.ev_class <> v.oid)\n"
         "    SELECT v.oid, max(v.depth) AS depth, c.relkind FROM views v JOIN pg_class c ON c.oid = v.oid\n"
         "    GROUP BY v.oid, c.relkind ORDER BY max(v.depth) DESC\n"
         "  LOOP\n"
         "    INSERT INTO " + saved + " (stage, restore) VALUES (3 + dependent.depth, format('CREATE %s %s AS %s',\n"
         "      CASE dependent.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END, dependent.oid::regclass,\n"
         "      pg_get_viewdef(dependent.oid)));\n"
         "    EXECUTE format('DROP %s %s', CASE dependent.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'VIEW' END,\n"
         "      dependent.oid::regclass);\n"
         "  END LOOP;\n"
         // Partial and expression indexes that read such a column (plain ones convert as they are).
         "  FOR dependent IN\n"
         "    SELECT DISTINCT i.indexrelid AS oid FROM pg_index i JOIN " + saved + "_columns c ON c.rel = i.indrelid\n"
         "    WHERE (i.indpred IS NOT NULL OR i.indexprs IS NOT NULL)\n"
         "      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)\n"
         "      AND (c.num = ANY (i.indkey) OR EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass\n"
         "        AND d.objid = i.indexrelid AND d.refobjid = c.rel AND d.refobjsubid = c.num))\n"
         "  LOOP\n"
         "    INSERT INTO " + saved + " (stage, restore) VALUES (2, pg_get_indexdef(dependent.oid));\n"
         "    EXECUTE format('DROP INDEX %s', dependent.oid::regclass);\n"
         "  END LOOP;\n"
         // CHECK constraints over such a column.
         "  FOR dependent IN\n"
         "    SELECT DISTINCT k.oid, k.conrelid, k.conname FROM pg_constraint k\n"
         "    JOIN " + saved + "_columns c ON c.rel = k.conrelid AND c.num = ANY (k.conkey) WHERE k.contype = 'c'\n"
         "  LOOP\n"
         "    INSERT INTO " + saved + " (stage, restore) VALUES (1, format('ALTER TABLE %s ADD CONSTRAINT %I %s',\n"
         "      dependent.conrelid::regclass, dependent.conname, pg_get_constraintdef(dependent.oid)));\n"
         "    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', dependent.conrelid::regclass, dependent.conname);\n"
         "  END LOOP;\n"
         // Defaults of such columns: typed constants of the old type.
         "  FOR dependent IN\n"
         "    SELECT c.rel, c.name, pg_get_expr(d.adbin, d.adrelid) AS expression FROM " + saved + "_columns c\n"
         "    JOIN pg_attrdef d ON d.adrelid = c.rel AND d.adnum = c.num\n"
         "  LOOP\n"
         "    INSERT INTO " + saved + " (stage, restore) VALUES (0, format('ALTER TABLE %s ALTER COLUMN %I SET DEFAULT %s',\n"
         "      dependent.rel::regclass, dependent.name, dependent.expression));\n"
         "    EXECUTE format('ALTER TABLE %s ALTER COLUMN %I DROP DEFAULT', dependent.rel::regclass, dependent.name);\n"
         "  END LOOP;\n"
         "END\n"
         "$sqlmodel$";
}

// Recreates what save_and_drop_enum_dependents dropped, now over the new type.
std::string restore_enum_dependents() {
  const std::string saved(saved_dependents);
  return "DO $sqlmodel$\n"
         "DECLARE\n"
         "  dependent record;\n"
         "BEGIN\n"
         "  FOR dependent IN SELECT restore FROM " + saved + " ORDER BY stage, position LOOP\n"
         "    EXECUTE dependent.restore;\n"
         "  END LOOP;\n"
         "  DROP TABLE " + saved + ";\n"
         "  DROP TABLE " + saved + "_columns;\n"
         "END\n"
         "$sqlmodel$";
}

class PostgresRenderer {
 public:
  explicit PostgresRenderer(const OperationContext& context) : context_(context) {}

  RenderedStep operator()(const CreateTable& op) {
    const Table& table = table_named(context_.lowered_after, op.table.name, context_);
    emit(render_create_table(table, pg));
    for (auto& comment : render_comments(table, pg)) emit(std::move(comment));
    for (const auto& index : table.indexes) emit(render_create_index(table, index, pg));
    return std::move(step_);
  }

  RenderedStep operator()(const DropTable& op) {
    emit("DROP TABLE " + quoted(context_, op.table.name));
    return std::move(step_);
  }

  RenderedStep operator()(const RenameTable& op) {
    emit(alter_table(context_, op.from, "RENAME TO " + quoted(context_, op.to)));
    return std::move(step_);
  }

  // A NOT NULL column filled from the model default is added with that default, which PostgreSQL
  // 11+ stores once instead of writing every row when the value is not volatile, then the
  // default is dropped: the rows keep their value and the DDL has no DEFAULT.
  RenderedStep operator()(const AddColumn& op) {
    const Table& table = table_named(context_.lowered_after, op.table, context_);
    const Column& column = column_named(table, op.column.name, context_);
    if (op.fill_existing_rows && !column.server_default) {
      auto fill = render_model_default(op.column, pg);
      if (!fill) fail(context_, "the column has no model default to fill the rows with");
      Column with_default = column;
      with_default.server_default = *fill;
      emit(alter_table(context_, op.table, "ADD COLUMN " + render_column_definition(table, with_default, pg)));
      alter_column(op.table, column, "DROP DEFAULT");
    } else {
      emit(alter_table(context_, op.table, "ADD COLUMN " + render_column_definition(table, column, pg)));
    }
    if (column.comment) emit(render_column_comment(op.table, column.name, column.comment));
    return std::move(step_);
  }

  RenderedStep operator()(const DropColumn& op) {
    emit(alter_table(context_, op.table, "DROP COLUMN " + quoted(context_, op.column.name)));
    return std::move(step_);
  }

  RenderedStep operator()(const RenameColumn& op) {
    emit(alter_table(context_, op.table,
                     "RENAME COLUMN " + quoted(context_, op.from) + " TO " + quoted(context_, op.to)));
    return std::move(step_);
  }

  RenderedStep operator()(const AlterColumn& op) {
    const Column& from = column_named(table_named(context_.lowered_before, op.table, context_),
                                      op.from.name, context_);
    const Column& to = column_named(table_named(context_.lowered_after, op.table, context_),
                                    op.to.name, context_);
    render_column_change(op.table, from, to);
    return std::move(step_);
  }

  RenderedStep operator()(const CreateIndex& op) {
    const Table& table = table_named(context_.lowered_after, op.table, context_);
    std::string statement = render_create_index(table, index_named(table, op.index.name, context_), pg);
    if (op.concurrently) {
      // CREATE [UNIQUE] INDEX "ix" ... -> CREATE [UNIQUE] INDEX CONCURRENTLY "ix" ...
      const auto at = statement.find("INDEX ");
      if (at == std::string::npos) fail(context_, "unexpected CREATE INDEX statement: " + statement);
      statement.insert(at + 6, "CONCURRENTLY ");
      step_.outside_transaction = true;
      step_.builds_index = op.index.name;
    }
    emit(std::move(statement));
    return std::move(step_);
  }

  RenderedStep operator()(const DropIndex& op) {
    if (op.concurrently) {
      // IF EXISTS: a run killed after the drop and before it was recorded runs it again.
      step_.outside_transaction = true;
      emit("DROP INDEX CONCURRENTLY IF EXISTS " + quoted(context_, op.index.name));
    } else {
      emit("DROP INDEX " + quoted(context_, op.index.name));
    }
    return std::move(step_);
  }

  // The index keeps its storage: no rebuild, and only a SHARE UPDATE EXCLUSIVE lock.
  RenderedStep operator()(const RenameIndex& op) {
    emit("ALTER INDEX " + quoted(context_, op.from) + " RENAME TO " + quoted(context_, op.to));
    return std::move(step_);
  }

  // A primary key's or unique constraint's index is renamed with it, and keeps its storage.
  RenderedStep operator()(const RenameConstraint& op) {
    emit(alter_table(context_, op.table,
                     "RENAME CONSTRAINT " + quoted(context_, op.from) + " TO " + quoted(context_, op.to)));
    return std::move(step_);
  }

  RenderedStep operator()(const AddPrimaryKey& op) {
    const Table& table = table_named(context_.lowered_after, op.table, context_);
    if (!table.primary_key) fail(context_, "table \"" + op.table + "\" has no primary key after it");
    if (op.using_index)
      return add_constraint(op.table, "CONSTRAINT " + quoted(context_, op.key.name) + " PRIMARY KEY USING INDEX " +
                                          quoted(context_, *op.using_index));
    return add_constraint(op.table, render_primary_key_constraint(*table.primary_key, pg));
  }
  RenderedStep operator()(const DropPrimaryKey& op) { return drop_constraint(op.table, op.key.name); }

  RenderedStep operator()(const AddUniqueConstraint& op) {
    if (op.using_index)
      return add_constraint(op.table, "CONSTRAINT " + quoted(context_, op.constraint.name) + " UNIQUE USING INDEX " +
                                          quoted(context_, *op.using_index));
    return add_constraint(op.table, render_unique_constraint(
        lowered_constraint(&Table::unique_constraints, op.table, op.constraint.name), pg));
  }
  RenderedStep operator()(const DropUniqueConstraint& op) {
    return drop_constraint(op.table, op.constraint.name);
  }

  RenderedStep operator()(const AddCheckConstraint& op) {
    return add_constraint(op.table, render_check_constraint(
        lowered_constraint(&Table::check_constraints, op.table, op.constraint.name), pg) +
        (op.not_valid ? " NOT VALID" : ""));
  }
  RenderedStep operator()(const DropCheckConstraint& op) {
    return drop_constraint(op.table, op.constraint.name);
  }

  RenderedStep operator()(const AddForeignKey& op) {
    return add_constraint(op.table, render_foreign_key_constraint(
        lowered_constraint(&Table::foreign_keys, op.table, op.key.name), pg) +
        (op.not_valid ? " NOT VALID" : ""));
  }

  // It takes SHARE UPDATE EXCLUSIVE (writes go on) for the scan, and commits on its own so the
  // stronger lock of the ADD ... NOT VALID before it is not held meanwhile.
  RenderedStep operator()(const ValidateConstraint& op) {
    step_.own_transaction = true;
    emit(alter_table(context_, op.table, "VALIDATE CONSTRAINT " + quoted(context_, op.name)));
    return std::move(step_);
  }

  // Rendered by render_online_steps.cpp before the dialect is chosen.
  RenderedStep operator()(const CreateSyncTrigger&) { return std::move(step_); }
  RenderedStep operator()(const DropSyncTrigger&) { return std::move(step_); }
  RenderedStep operator()(const Backfill&) { return std::move(step_); }
  RenderedStep operator()(const DropForeignKey& op) { return drop_constraint(op.table, op.key.name); }

  RenderedStep operator()(const CreateEnum& op) {
    emit(render_create_enum(enum_named(context_.lowered_after, op.enum_type.name, context_), pg));
    return std::move(step_);
  }

  RenderedStep operator()(const DropEnum& op) {
    emit("DROP TYPE " + quoted(context_, op.enum_type.name));
    return std::move(step_);
  }

  // PostgreSQL 12+ runs ADD VALUE inside a transaction, but the value cannot be used until that
  // transaction commits ("unsafe use of new value"), so a migration that adds a value and uses
  // it (a default, a CHECK, an UPDATE step) would fail. The step runs committed on its own
  // instead (as Alembic's autocommit_block), and IF NOT EXISTS makes a migration that failed
  // after it safe to run again. Autogenerate puts enum changes first, so nothing else of the
  // migration is committed early by it.
  RenderedStep operator()(const AddEnumValue& op) {
    const EnumType& existing = enum_named(context_.lowered_before, op.enum_name, context_);
    std::string statement = "ALTER TYPE " + quoted(context_, op.enum_name) + " ADD VALUE IF NOT EXISTS " +
                            quote_literal(op.value);
    step_.outside_transaction = true;
    if (op.position < existing.values.size())
      statement += " BEFORE " + quote_literal(existing.values[op.position]);
    else if (!existing.values.empty())
      statement += " AFTER " + quote_literal(existing.values.back());
    emit(statement);
    return std::move(step_);
  }

  // PostgreSQL cannot drop an enum value: the type is rebuilt under its name and every column
  // that uses it is converted through text. A row still holding the removed value makes the
  // conversion fail, which rolls the migration back with the offending value in the error.
  RenderedStep operator()(const RemoveEnumValue& op) {
    const EnumType& replacement = enum_named(context_.lowered_after, op.enum_name, context_);
    const std::string old_name = naming::fit_identifier(op.enum_name + "__sqlmodel_old");
    // What depends on a column of the type (or on the type) keeps the old type's constants in
    // its stored definition, and the conversion would fail on it ("operator does not exist:
    // poststatus = poststatus__sqlmodel_old"): partial or expression indexes, CHECKs, defaults
    // and views (views also forbid the type change outright). They are read from the catalog,
    // which also knows those the models do not (a view, an index made by a sql step), dropped,
    // and recreated from their definitions once the type is swapped, in the same transaction.
    emit(save_and_drop_enum_dependents(op.enum_name));
    emit("ALTER TYPE " + quoted(context_, op.enum_name) + " RENAME TO " + quoted(context_, old_name));
    emit(render_create_enum(replacement, pg));
    for (const auto& table : context_.lowered_before.tables) {
      for (const auto& column : table.columns) {
        if (!uses_enum(column.type, op.enum_name)) continue;
        // A default is a typed constant of the old type: it must go before the conversion.
        if (column.server_default) alter_column(table.name, column, "DROP DEFAULT");
        alter_column(table.name, column, "TYPE " + converted(column, column));
        if (column.server_default)
          alter_column(table.name, column, "SET DEFAULT " + render_default_expression(*column.server_default));
      }
    }
    emit("DROP TYPE " + quoted(context_, old_name));
    emit(restore_enum_dependents());
    return std::move(step_);
  }

  RenderedStep operator()(const AlterTableMetadata& op) {
    const Table& from = table_named(context_.lowered_before, op.from.name, context_);
    const Table& to = table_named(context_.lowered_after, op.to.name, context_);
    if (from.comment != to.comment) emit(render_table_comment(to.name, to.comment));
    return std::move(step_);
  }

  RenderedStep operator()(const SqlStep&) { return std::move(step_); }

 private:
  void emit(std::string statement) { step_.statements.push_back(std::move(statement)); }

  template <typename Constraint>
  const Constraint& lowered_constraint(std::vector<Constraint> Table::*member, const std::string& table_name,
                            const std::string& name) {
    const Table& table = table_named(context_.lowered_after, table_name, context_);
    const auto& items = table.*member;
    auto found = std::find_if(items.begin(), items.end(),
                              [&](const Constraint& item) { return item.name == name; });
    if (found == items.end())
      fail(context_, "table \"" + table_name + "\" has no constraint \"" + name + "\" after it");
    return *found;
  }

  RenderedStep add_constraint(const std::string& table, const std::string& clause) {
    emit(alter_table(context_, table, "ADD " + clause));
    return std::move(step_);
  }

  RenderedStep drop_constraint(const std::string& table, const std::string& name) {
    emit(alter_table(context_, table, "DROP CONSTRAINT " + quoted(context_, name)));
    return std::move(step_);
  }

  void alter_column(const std::string& table, const Column& column, const std::string& action) {
    emit(alter_table(context_, table, "ALTER COLUMN " + quoted(context_, column.name) + " " + action));
  }

  // "T USING "c"::T". PostgreSQL has no cast between an enum and anything but text, so a
  // change from or to an enum goes through text (text[] for arrays).
  std::string converted(const Column& from, const Column& to) {
    const std::string type = render_column_type(to.type, pg);
    std::string via;
    if (is_enum_type(from.type) || is_enum_type(to.type))
      via = to.type.kind == TypeKind::array ? "::text[]" : "::text";
    return type + " USING " + quoted(context_, to.name) + via + "::" + type;
  }

  // The order matters: an identity or a default of the old type blocks a type change, an
  // identity needs NOT NULL and no default, and NOT NULL needs the NULLs filled first.
  void render_column_change(const std::string& table, const Column& from, const Column& to) {
    if (to.generated && from.generated != to.generated) return recreate_generated_column(table, to);
    if (from.generated && !to.generated) alter_column(table, from, "DROP EXPRESSION");
    const bool type_changed = from.type != to.type;
    const bool default_changed = from.server_default != to.server_default;
    if (from.autoincrement && !to.autoincrement) alter_column(table, from, "DROP IDENTITY");
    if (from.server_default && (default_changed || type_changed))
      alter_column(table, from, "DROP DEFAULT");
    if (type_changed) alter_column(table, to, "TYPE " + converted(from, to));
    if (to.server_default && (default_changed || type_changed))
      alter_column(table, to, "SET DEFAULT " + render_default_expression(*to.server_default));
    if (from.nullable && !to.nullable) {
      // Existing NULLs would make SET NOT NULL fail; the new server default is the value the
      // model says a row without one gets. A validated CHECK (col IS NOT NULL), the online
      // form's, already proves there are none, and lets SET NOT NULL skip its scan too.
      if (to.server_default && !find_not_null_check(table_named(context_.lowered_before, table, context_), to.name))
        emit("UPDATE " + quoted(context_, table) + " SET " + quoted(context_, to.name) + " = " +
             render_default_expression(*to.server_default) + " WHERE " +
             quoted(context_, to.name) + " IS NULL");
      alter_column(table, to, "SET NOT NULL");
    } else if (!from.nullable && to.nullable) {
      alter_column(table, to, "DROP NOT NULL");
    }
    if (!from.autoincrement && to.autoincrement) {
      alter_column(table, to, "ADD GENERATED BY DEFAULT AS IDENTITY");
      // The new sequence starts at 1: move it past the values the rows already hold.
      emit("SELECT setval(pg_get_serial_sequence(" + quote_literal(quoted(context_, table)) + ", " +
           quote_literal(to.name) + "), COALESCE(MAX(" + quoted(context_, to.name) +
           "), 0) + 1, false) FROM " + quoted(context_, table));
    }
    if (from.comment != to.comment) emit(render_column_comment(table, to.name, to.comment));
  }

  // PostgreSQL cannot give an existing column a generation expression or change one (SET
  // EXPRESSION is PostgreSQL 17): the column is dropped and added again, which computes it for
  // every row, and the indexes and constraints that dropping it took along are made again.
  void recreate_generated_column(const std::string& table_name, const Column& to) {
    const Table& table = table_named(context_.lowered_after, table_name, context_);
    emit(alter_table(context_, table_name, "DROP COLUMN " + quoted(context_, to.name)));
    emit(alter_table(context_, table_name, "ADD COLUMN " + render_column_definition(table, to, pg)));
    if (to.comment) emit(render_column_comment(table_name, to.name, to.comment));
    auto uses = [&](const std::vector<std::string>& columns) {
      return std::find(columns.begin(), columns.end(), to.name) != columns.end();
    };
    if (table.primary_key && uses(table.primary_key->columns))
      emit(alter_table(context_, table_name, "ADD " + render_primary_key_constraint(*table.primary_key, pg)));
    for (const auto& unique : table.unique_constraints)
      if (uses(unique.columns)) emit(alter_table(context_, table_name, "ADD " + render_unique_constraint(unique, pg)));
    for (const auto& check : table.check_constraints)
      if (expression_mentions_column(check.expression, to.name))
        emit(alter_table(context_, table_name, "ADD " + render_check_constraint(check, pg)));
    for (const auto& key : table.foreign_keys)
      if (uses(key.columns)) emit(alter_table(context_, table_name, "ADD " + render_foreign_key_constraint(key, pg)));
    for (const auto& index : table.indexes)
      if (uses(index.columns) || (index.where && expression_mentions_column(*index.where, to.name)))
        emit(render_create_index(table, index, pg));
  }

  const OperationContext& context_;
  RenderedStep step_;
};

}  // namespace

RenderedStep render_postgres_operation(const OperationContext& context) {
  return std::visit(PostgresRenderer(context), context.operation);
}

}  // namespace sqlmodel::schema::render_detail
