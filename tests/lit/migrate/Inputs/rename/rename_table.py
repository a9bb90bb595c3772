"""Writes the snapshot the models give after `.renamed_from` renames a table: the table takes
its new name, and every constraint and index name that follows the naming convention follows
it (pk_<table>, ix_<table>_..., fk_<table>_... and the foreign keys of other tables that refer
to it).

usage: rename_table.py IN.schema.json OUT.schema.json OLD NEW
"""
import json
import sys

source, target, old, new = sys.argv[1:5]
with open(source, encoding="utf-8") as f:
    snapshot = json.load(f)


def renamed(name):
    return name.replace("_" + old, "_" + new)


for table in snapshot["tables"]:
    if table["name"] == old:
        table["name"] = new
        table["renamed_from"] = old
        table["primary_key"]["name"] = renamed(table["primary_key"]["name"])
        for kind in ("unique_constraints", "check_constraints", "indexes", "foreign_keys"):
            for item in table.get(kind, []):
                item["name"] = renamed(item["name"])
    for key in table.get("foreign_keys", []):
        if key["referred_table"] == old:
            key["referred_table"] = new
            key["name"] = renamed(key["name"])
snapshot["tables"].sort(key=lambda table: table["name"])
with open(target, "w", encoding="utf-8") as f:
    json.dump(snapshot, f, indent=2)
