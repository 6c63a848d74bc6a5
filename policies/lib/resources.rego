# Resources and grants as people read them. Built with `concat` only (compiled into the WASM module), never
# `sprintf` (a round trip to JavaScript per call), and only for the users a control reports: linear in their grants.
package uar.lib

# A resource as people read it: "name (id)" when the collector read its name, else the id alone.
# Takes a resource of a permission ({type, id, name?, labels}); `name` is absent or null when only the id is known.
resource_label(r) := concat("", [r.name, " (", r.id, ")"]) if {
	is_string(r.name)
	r.name != ""
	r.name != r.id
} else := r.id

# Every grant of user `u`, sorted and unique, as the campaign worksheet's `access` column words it:
# "Source Admin on source Web (src_1) (via group Data)", "Workspace Owner on the workspace (direct)"; the
# resource's labels follow the resource and the permission's labels follow those, each as " [key:value, …]".
grants(u) := sort({text |
	some p in u.permissions
	some text in grant_texts(p)
})

grant_texts(p) := [concat("", [p.role_name, " on ", resource_text(r), labels_text(p.labels), via_text(p.via)]) |
	some r in p.resources
] if count(p.resources) > 0

grant_texts(p) := [concat("", [p.role_name, " on no resource", labels_text(p.labels), via_text(p.via)])] if {
	count(p.resources) == 0
}

resource_text(r) := concat("", ["the workspace", labels_text(r.labels)]) if r.type == "WORKSPACE"

resource_text(r) := concat("", [lower(r.type), " ", resource_label(r), labels_text(r.labels)]) if {
	r.type != "WORKSPACE"
}

labels_text(labels) := "" if count(labels) == 0

labels_text(labels) := concat("", [" [", concat(", ", sort({concat(":", [l.key, l.value]) | some l in labels})), "]"]) if {
	count(labels) > 0
}

via_text(via) := " (direct)" if via.type == "direct"

via_text(via) := concat("", [" (via group ", via.group_name, ")"]) if via.type == "group"
