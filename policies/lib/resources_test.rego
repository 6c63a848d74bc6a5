package uar.tests.lib_resources_test

import data.uar.lib
import data.uar.tests.fixtures as f

test_resource_label_name_and_id if {
	lib.resource_label({"type": "SOURCE", "id": "src_1", "name": "Web", "labels": []}) == "Web (src_1)"
}

test_resource_label_id_alone_when_the_name_is_unknown if {
	lib.resource_label({"type": "SOURCE", "id": "src_1", "labels": []}) == "src_1"
	lib.resource_label({"type": "SOURCE", "id": "src_1", "name": null, "labels": []}) == "src_1"
	lib.resource_label({"type": "SOURCE", "id": "src_1", "name": "", "labels": []}) == "src_1"
	lib.resource_label({"type": "SOURCE", "id": "src_1", "name": "src_1", "labels": []}) == "src_1"
}

scoped_user := f.user("u-1", "one@acme.com", {"permissions": [
	{
		"role_id": "r-sa", "role_name": "Source Admin", "labels": [],
		"resources": [
			{"type": "SOURCE", "id": "src_2", "labels": []},
			{"type": "SOURCE", "id": "src_1", "name": "Web", "labels": []},
		],
		"via": {"type": "group", "group_id": "g-1", "group_name": "Data"},
	},
	{
		"role_id": "r-sr", "role_name": "Source Read-only", "labels": [{"key": "env", "value": "prod"}],
		"resources": [{"type": "WORKSPACE", "id": "ws-1", "labels": [{"key": "team", "value": "a"}]}],
		"via": {"type": "direct"},
	},
	{"role_id": "r-x", "role_name": "Odd", "labels": [], "resources": [], "via": {"type": "direct"}},
	# The same grant twice (directly and again) is listed once.
	{
		"role_id": "r-sa", "role_name": "Source Admin", "labels": [],
		"resources": [{"type": "SOURCE", "id": "src_2", "labels": []}],
		"via": {"type": "group", "group_id": "g-1", "group_name": "Data"},
	},
]})

test_grants_sorted_unique_with_names_labels_and_how_granted if {
	lib.grants(scoped_user) == [
		"Odd on no resource (direct)",
		"Source Admin on source Web (src_1) (via group Data)",
		"Source Admin on source src_2 (via group Data)",
		"Source Read-only on the workspace [team:a] [env:prod] (direct)",
	]
}

test_grants_of_a_user_without_permissions_is_empty if {
	lib.grants(f.user("u-2", "two@acme.com", {})) == []
}
