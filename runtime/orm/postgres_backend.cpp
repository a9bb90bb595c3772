// The PostgreSQL backend of the ORM over libpqxx 6.4: statements are prepared once per
// connection on the server (PREPARE) and run with exec_prepared; parameters travel as text
// and the server converts them to the columns' types.
#include <charconv>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/pqxx>
#include <pqxx/tablewriter>

#include "db/connection.hpp"
#include "orm/backends.hpp"
#include "sqlmodel/dialect.hpp"
#include "sqlmodel/errors.hpp"

namespace sqlmodel::orm {
namespace {

// The text between the quotes after `marker` in a server message: constraint "uq_users_email".
std::string quoted_after(const std::string& message, std::string_view marker) {
  auto at = message.find(marker);
  if (at == std::string::npos) return {};
  auto open = message.find('"', at + marker.size());
  if (open == std::string::npos) return {};
  auto close = message.find('"', open + 1);
  if (close == std::string::npos) return {};
  return message.substr(open + 1, close - open - 1);
}

std::string first_line(const std::string& text) {
  auto end = text.find('\n');
  return end == std::string::npos ? text : text.substr(0, end);
}

[[noreturn]] void translate(const std::string& sql, const std::string& table) {
  using Kind = IntegrityError::Kind;
  try {
    throw;
  } catch (const pqxx::integrity_constraint_violation& error) {
    std::string message = error.what();
    Kind kind = Kind::other;
    if (dynamic_cast<const pqxx::unique_violation*>(&error)) kind = Kind::unique;
    else if (dynamic_cast<const pqxx::foreign_key_violation*>(&error)) kind = Kind::foreign_key;
    else if (dynamic_cast<const pqxx::not_null_violation*>(&error)) kind = Kind::not_null;
    else if (dynamic_cast<const pqxx::check_violation*>(&error)) kind = Kind::check;
    std::string constraint = quoted_after(message, "constraint");
    std::string failed_table = quoted_after(message, "on table");
    if (failed_table.empty()) failed_table = quoted_after(message, "of relation");
    if (failed_table.empty()) failed_table = table;
    if (kind == Kind::not_null) {
      // 'null value in column "email" of relation "users" violates not-null constraint'
      constraint = failed_table + "." + quoted_after(message, "in column") + " NOT NULL";
    }
    if (kind == Kind::unique && constraint.rfind("pk_", 0) == 0) kind = Kind::primary_key;
    throw IntegrityError("integrity error on table '" + failed_table + "' (" + constraint +
                             "): " + first_line(message) + "\n  statement: " + sql,
                         sql, kind, failed_table, constraint);
  } catch (const pqxx::broken_connection& error) {
    throw ConnectionError(std::string("PostgreSQL connection lost: ") + error.what() +
                              "\n  statement: " + sql,
                          sql);
  } catch (const pqxx::sql_error& error) {
    throw DatabaseError(std::string("PostgreSQL error: ") + first_line(error.what()) +
                                "\n  statement: " + sql,
                            sql, error.sqlstate());
  } catch (const pqxx::failure& error) {
    throw DatabaseError(std::string("PostgreSQL error: ") + error.what() +
                                "\n  statement: " + sql,
                            sql);
  }
}

class PostgresOrmConnection;

class PostgresStatement final : public Statement {
 public:
  // An empty name: a transient statement, sent with its parameters each time (unnamed).
  PostgresStatement(PostgresOrmConnection& connection, std::string name, std::string sql,
                    std::string table)
      : Statement(std::move(sql), schema::Dialect::postgresql), connection_(connection), name_(std::move(name)), table_(std::move(table)) {}

  void bind_null(int index) override { slot(index) = std::nullopt; }
  void bind_bool(int index, bool value) override { slot(index) = value ? "true" : "false"; }
  void bind_int64(int index, std::int64_t value) override { slot(index) = std::to_string(value); }
  void bind_double(int index, double value) override {
    char buffer[32];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    slot(index) = std::string(buffer, end);
  }
  void bind_text(int index, std::string_view value) override {
    // libpq sends parameters as C strings: a NUL would silently end the value.
    if (value.find('\0') != std::string_view::npos) throw NulInTextError(table_, "", index, sql());
    slot(index) = std::string(value);
  }
  void bind_blob(int index, std::span<const std::uint8_t> value) override {
    static constexpr char digits[] = "0123456789abcdef";
    std::string text = "\\x";
    text.reserve(2 + value.size() * 2);
    for (std::uint8_t byte : value) {
      text += digits[byte >> 4];
      text += digits[byte & 0x0f];
    }
    slot(index) = std::move(text);
  }
  void bind_uuid(int index, const UUID& value, std::optional<SqliteUuid>) override { slot(index) = value.to_string(); }

  bool step() override;
  bool read_bool(int index, bool& value) override {
    auto f = field(index);
    if (f.is_null()) return false;
    value = f.c_str()[0] == 't';
    return true;
  }
  bool read_int64(int index, std::int64_t& value) override {
    auto f = field(index);
    if (f.is_null()) return false;
    const char* begin = f.c_str();
    auto [end, error] = std::from_chars(begin, begin + f.size(), value);
    if (error != std::errc() || end != begin + f.size())
      throw DatabaseError("'" + std::string(begin) + "' in result column " +
                                  std::to_string(index) + " is not an integer\n  statement: " + sql(),
                              sql());
    return true;
  }
  bool read_double(int index, double& value) override {
    auto f = field(index);
    if (f.is_null()) return false;
    value = std::strtod(f.c_str(), nullptr);
    return true;
  }
  bool read_text(int index, std::string& value) override {
    auto f = field(index);
    if (f.is_null()) return false;
    value.assign(f.c_str(), f.size());
    return true;
  }
  bool read_blob(int index, std::vector<std::uint8_t>& value) override {
    auto f = field(index);
    if (f.is_null()) return false;
    pqxx::binarystring bytes(f);
    value.assign(bytes.data(), bytes.data() + bytes.size());
    return true;
  }
  bool read_uuid(int index, UUID& value) override {
    auto f = field(index);
    if (f.is_null()) return false;
    auto parsed = UUID::parse(std::string_view(f.c_str(), f.size()));
    if (!parsed)
      throw DatabaseError("result column " + std::to_string(index) + " is not a UUID\n  statement: " + sql(), sql());
    value = *parsed;
    return true;
  }

  void reset() override {
    result_.reset();
    row_ = 0;
    for (auto& value : values_) value.reset();
  }
  std::int64_t rows_affected() override { return affected_; }
  std::int64_t last_insert_id() override { return 0; }

 private:
  std::optional<std::string>& slot(int index) {
    if (static_cast<std::size_t>(index) >= values_.size()) values_.resize(index + 1);
    return values_[index];
  }
  pqxx::field field(int index) { return (*result_)[row_][index]; }

  PostgresOrmConnection& connection_;
  std::string name_;
  std::string table_;
  std::vector<std::optional<std::string>> values_;
  std::optional<pqxx::result> result_;
  std::size_t row_ = 0;
  std::int64_t affected_ = 0;
};

class PostgresOrmConnection final : public detail::Connection {
 public:
  explicit PostgresOrmConnection(const std::string& uri) : connection_(uri) {}
  ~PostgresOrmConnection() override {
    transaction_.reset();
    clear_cache();
  }

  schema::Dialect dialect() const override { return schema::Dialect::postgresql; }
  void begin() override {
    if (transaction_) throw std::logic_error("a transaction is already open on this connection");
    transaction_ = std::make_unique<pqxx::work>(connection_);
  }
  void commit() override {
    if (!transaction_) return;
    auto transaction = std::move(transaction_);
    try {
      transaction->commit();
    } catch (...) {
      translate("COMMIT", "");
    }
  }
  void rollback() override {
    if (!transaction_) return;
    auto transaction = std::move(transaction_);
    transaction->abort();
  }
  bool in_transaction() const override { return transaction_ != nullptr; }
  void exec_script(std::string_view sql) override {
    try {
      if (transaction_) {
        transaction_->exec(std::string(sql));
      } else {
        pqxx::nontransaction autocommit(connection_);
        autocommit.exec(std::string(sql));
      }
    } catch (...) {
      translate(std::string(sql), "");
    }
  }

  void copy_from(std::string_view table, std::span<const std::string_view> columns,
                 const std::function<bool(std::string& chunk)>& next_chunk) override {
    const std::string quoted_table = schema::quote_identifier(schema::Dialect::postgresql, table);
    std::vector<std::string> quoted_columns;
    quoted_columns.reserve(columns.size());
    for (std::string_view column : columns)
      quoted_columns.push_back(schema::quote_identifier(schema::Dialect::postgresql, column));
    std::string sql = "COPY " + quoted_table + " (";
    for (std::size_t i = 0; i < quoted_columns.size(); ++i) sql += (i ? ", " : "") + quoted_columns[i];
    sql += ") FROM STDIN";
    try {
      // tablewriter (not stream_to) because it takes whole lines of COPY text: the rows are
      // encoded by the models' codecs, and a chunk of many rows goes out in one call.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
      pqxx::tablewriter writer(transaction(sql), quoted_table, quoted_columns.begin(),
                               quoted_columns.end());
#pragma GCC diagnostic pop
      std::string chunk;
      for (bool more = true; more;) {
        chunk.clear();
        more = next_chunk(chunk);
        if (chunk.empty()) continue;
        chunk.pop_back();  // write_raw_line ends the last row itself
        writer.write_raw_line(chunk);
      }
      writer.complete();
    } catch (...) {
      translate(sql, std::string(table));
    }
  }

  pqxx::work& transaction(const std::string& sql) {
    if (!transaction_)
      throw std::logic_error("statement run outside a transaction: " + sql);
    return *transaction_;
  }

 protected:
  std::unique_ptr<Statement> prepare_transient(const std::string& sql, std::string_view table) override {
    return std::make_unique<PostgresStatement>(*this, std::string(), sql, std::string(table));
  }
  std::unique_ptr<Statement> prepare_new(const std::string& sql, std::string_view table) override {
    std::string name = "sqlmodel_" + std::to_string(++statements_);
    connection_.prepare(name, sql);
    return std::make_unique<PostgresStatement>(*this, std::move(name), sql, std::string(table));
  }

 private:
  pqxx::connection connection_;
  std::unique_ptr<pqxx::work> transaction_;
  std::uint64_t statements_ = 0;
};

bool PostgresStatement::step() {
  if (!result_) {
    std::vector<const char*> parameters;
    parameters.reserve(values_.size());
    for (const auto& value : values_) parameters.push_back(value ? value->c_str() : nullptr);
    try {
      auto& transaction = connection_.transaction(sql());
      result_ = name_.empty()
                    ? transaction.exec_params(sql(), pqxx::prepare::make_dynamic_params(parameters))
                    : transaction.exec_prepared(name_, pqxx::prepare::make_dynamic_params(parameters));
    } catch (...) {
      translate(sql(), table_);
    }
    affected_ = static_cast<std::int64_t>(result_->affected_rows());
    row_ = 0;
  } else {
    ++row_;
  }
  return row_ < result_->size();
}

}  // namespace

std::unique_ptr<detail::Connection> open_postgres_connection(const std::string& uri) {
  try {
    return std::make_unique<PostgresOrmConnection>(uri);
  } catch (const std::exception& error) {
    // libpq may quote the URL, password included.
    throw ConnectionError(db::mask_url_secrets("cannot connect to PostgreSQL: " + first_line(error.what()), uri));
  }
}

}  // namespace sqlmodel::orm
