// What a foreign key does when the row it refers to is deleted or its key updated: the one
// enum both the annotations (.on_delete / .on_update) and the schema model use.
#pragma once

namespace sqlmodel {

// `unset` exists for the annotations only ("not given"); the plugin reads it as no_action,
// so a schema::ForeignKey never holds it.
enum class ReferentialAction { unset, no_action, restrict, cascade, set_null, set_default };
using OnDelete = ReferentialAction;
using OnUpdate = ReferentialAction;

}  // namespace sqlmodel
