# Finding subjects and user indexes.
package uar.lib

user_subject(u) := {"type": "user", "id": u.id, "email": u.email}

workspace_subject := {"type": "workspace", "id": input.workspace.id}

invite_subject(email) := {"type": "invite", "email": email}

# [email key, index] of every user, sorted: users sharing a key are adjacent.
user_key_order := sort([[u.email_key, i] | some i, u in input.users])

# Each email key's user (the first in the list when two accounts share a key). Built by a sort and one pass:
# linear for WASM and OPA's evaluator alike, where a partial rule looked up by key is quadratic.
user_by_key := {entry[0]: input.users[entry[1]] |
	some i, entry in user_key_order
	not user_key_order[i - 1][0] == entry[0]
}

# Users holding Workspace Owner, directly or via a group.
owners := [u | some u in input.users; u.is_owner]

# Admin-level users: owners, or holders of any role whose name ends in " Admin".
admins := [u | some u in input.users; u.is_admin]
