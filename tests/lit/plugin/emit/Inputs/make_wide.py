"""Writes a model of N columns (PostgreSQL's maximum is 1,600) of every common kind, and a
program that instantiates the session's writes and reads of it, for emit/wide-table.test."""
import sys

count = int(sys.argv[1])
models, program = sys.argv[2], sys.argv[3]
with open(models.replace(".hpp", ".cpp"), "w") as out:
    out.write('#include "wide.hpp"\n')
kinds = [
    ("std::int32_t", "= 0"),
    ("std::optional<std::string>", ""),
    ("double", "= 0"),
    ("std::optional<std::int64_t>", ""),
    ("bool", "= false"),
]
with open(models, "w") as out:
    out.write("#pragma once\n#include <cstdint>\n#include <optional>\n#include <string>\n"
              "#include <sqlmodel/annotations.hpp>\n\nnamespace wide {\n"
              "struct SQLMODEL_TABLE(.name = \"wide\") Wide {\n"
              "  SQLMODEL_FIELD(.primary_key = true) std::optional<std::int64_t> id;\n")
    for i in range(count - 1):
        cpp, init = kinds[i % len(kinds)]
        options = "SQLMODEL_FIELD(.max_length = 20) " if cpp == "std::optional<std::string>" and i % 2 else ""
        out.write("  %s%s c%d %s;\n" % (options, cpp, i, init))
    out.write("};\n}  // namespace wide\n")
with open(program, "w") as out:
    out.write('#include "wide.sqlmodel.hpp"\n#include <sqlmodel/json.hpp>\n'
              '#include <sqlmodel/orm.hpp>\n#include <sqlmodel/validation.hpp>\n\n'
              "static_assert(std::tuple_size_v<decltype(sqlmodel::model_traits<wide::Wide>::columns)> == %d);\n"
              "static_assert(sqlmodel::get<%d>(sqlmodel::model_traits<wide::Wide>::columns).name == \"c%d\");\n\n"
              "int round_trip(sqlmodel::Database& db) {\n"
              "  sqlmodel::Session session(db);\n"
              "  wide::Wide row;\n"
              "  row.c%d = 7;\n"
              "  session.add(row);\n"
              "  session.commit();\n"
              "  std::vector<wide::Wide> rows{row};\n"
              "  session.bulk_insert(std::span<const wide::Wide>(rows));\n"
              "  session.update(row);\n"
              "  auto all = session.exec(sqlmodel::select<wide::Wide>().where(sqlmodel::col(&wide::Wide::c0) == 7));\n"
              "  auto again = session.get<wide::Wide>(*row.id);\n"
              "  nlohmann::json document = sqlmodel::to_json(row);\n"
              "  (void)sqlmodel::from_json<wide::Wide>(document);\n"
              "  session.delete_(row);\n"
              "  return static_cast<int>(all.size()) + (again ? 1 : 0) + static_cast<int>(sqlmodel::validation_failures(row).size());\n"
              "}\n" % (count, count - 1, count - 2, (count - 2) // 5 * 5))
