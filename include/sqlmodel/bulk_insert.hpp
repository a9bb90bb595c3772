// Session::bulk_insert(objects): many rows at once, in the session's transaction.
//
//   std::vector<Reading> readings = ...;
//   session.bulk_insert(readings);   // PostgreSQL: one COPY readings (...) FROM STDIN
//   session.commit();
//
// PostgreSQL streams the rows through COPY in COPY text format, encoded by the same codecs as
// bound parameters (NULLs, enums, UUIDs, bytea, escaped tabs/newlines/backslashes). SQLite runs
// its one prepared INSERT per row, which is what COPY buys elsewhere. Keys the database
// assigns are not written back (as SQLAlchemy's bulk_insert_mappings): use add_all() when the
// objects need them. Either every object leaves its generated key unset (the database assigns
// them) or every object sets it.
//
// A single-table model's rows get its polymorphic_identity in the discriminator, as add() writes.
//
// As add() does, and before anything is written (staged writes are not flushed either):
// - every object is validated (validation.hpp); one ValidationError lists every failure of
//   every object, each with the object's index ("Account[3].handle: at most 20 characters").
// - columns with a default_factory (created_at, uuid4 ...) and updated_at get their value in the
//   rows written while the object leaves them unset: one `now` for the whole call (all rows are
//   written in one transaction), a fresh UUID per row. The objects are const and are not changed
//   (like generated keys); read the rows back when they are needed.
#pragma once

#include <chrono>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "sqlmodel/copy_text.hpp"
#include "sqlmodel/session.hpp"
#include "sqlmodel/single_table.hpp"
#include "sqlmodel/validation.hpp"
#include "sqlmodel/write_preparation.hpp"

namespace sqlmodel {

template <TableModel T>
void Session::bulk_insert(std::span<const T> objects) {
  if (objects.empty()) return;
  if constexpr (has_field_constraints<T>()) {
    std::vector<ValidationFailure> failures;
    for (std::size_t i = 0; i < objects.size(); ++i)
      for (ValidationFailure& failure : validation_failures(objects[i])) {
        failure.index = i;
        failures.push_back(std::move(failure));
      }
    if (!failures.empty()) throw ValidationError(std::string(model_traits<T>::model_name), std::move(failures));
  }
  flush();
  const Timestamp now = now_for_database();
  bool generated = false;
  if constexpr (detail::has_generated_key<T>()) {
    constexpr auto& key = primary_key_column<T>;
    generated = detail::key_is_unset(objects.front().*key.member);
    for (const T& object : objects)
      if (detail::key_is_unset(object.*key.member) != generated)
        throw std::invalid_argument(
            "bulk_insert of " + std::string(model_traits<T>::model_name) +
            ": some objects set their key and some leave it to the database; insert them "
            "in two calls");
  }
  const auto& info = detail::table_info<T>::get();
  const std::string_view table = model_traits<T>::table_name;
  // The same column list as add()'s INSERT (they share the prepared statement on SQLite): with
  // the discriminator of a single-table model when no member holds it.
  const std::span<const std::string_view> columns =
      generated ? detail::insert_columns<T, false>(info.non_key_columns) : detail::insert_columns<T, true>(info.columns);
  const int member_columns = static_cast<int>(generated ? info.non_key_columns.size() : info.columns.size());
  // Binds the object's columns in INSERT order (the generated key left out). A single-table
  // model's rows carry its identity, as add() writes it (the const objects are not assigned).
  auto bind_row = [&](Statement& statement, const T& object) {
    for_each_column<T>([&](auto index, const auto&) {
      if (generated && is_primary_key_index<T>(index())) return;
      const int position = generated ? detail::non_key_position<T>(index()) : static_cast<int>(index());
      if constexpr (SingleTableModel<T>) {
        if constexpr (index() == discriminator_index<T>()) {
          if (!model_traits<T>::polymorphic_identity.empty()) {
            statement.bind_text(position, model_traits<T>::polymorphic_identity);
            return;
          }
        }
      }
      detail::bind_insert_value<T, index()>(statement, position, object, now);
    });
    detail::bind_discriminator_column<T>(statement, member_columns);
  };

  if (dialect_ != schema::Dialect::postgresql) {
    Statement& statement = connection_->prepare_cached(
        generated ? &detail::statement_tag<T, detail::StatementRole::insert_generated_key>
                  : &detail::statement_tag<T, detail::StatementRole::insert_all>,
        [&] { return sql::insert(dialect_, table, columns, std::nullopt); }, table);
    for (const T& object : objects)
      run(statement, columns.size(), [&](Statement& s) { bind_row(s, object); }, [](Statement&) {});
    return;
  }

  ensure_transaction();
  std::string copy_sql = "COPY " + schema::quote_identifier(dialect_, table) + " (";
  for (std::size_t i = 0; i < columns.size(); ++i)
    copy_sql += (i ? ", " : "") + schema::quote_identifier(dialect_, columns[i]);
  copy_sql += ") FROM STDIN";
  detail::CopyText encoder(std::move(copy_sql));
  const bool observed = is_observed();
  const auto start = observed ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
  std::size_t next = 0;
  constexpr std::size_t chunk_bytes = 1 << 16;
  try {
    connection_->copy_from(table, columns, [&](std::string& chunk) {
      while (next < objects.size() && chunk.size() < chunk_bytes) {
        encoder.start_row(chunk);
        bind_row(encoder, objects[next++]);
        chunk += '\n';
      }
      return next < objects.size();
    });
  } catch (...) {
    if (observed) notify(encoder, columns.size(), start, 0, true);
    abort_transaction();
    throw;
  }
  if (observed) notify(encoder, columns.size(), start, static_cast<std::int64_t>(objects.size()), false);
}

}  // namespace sqlmodel
