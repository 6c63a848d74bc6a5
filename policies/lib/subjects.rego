# Finding subjects and user indexes.
package uar.lib

user_subject(u) := {"type": "user", "id": u.id, "email": u.email}

workspace_subject := {"type": "workspace", "id": input.workspace.id}

invite_subject(email) := {"type": "invite", "email": email}

# Users by email key (a set per key: two accounts may share a key).
users_by_key[u.email_key] contains u if some u in input.users

# The same index as a complete object, built once. Looking users_by_key up by key re-evaluates its body over
# every user in OPA's own evaluator (self-reviews × users: 20,000 users, 8 s); this object is linear in both
# evaluators when email keys are unique (as Segment's are), else built from users_by_key (linear in WASM).
users_with_key := {u.email_key: {u} | some u in input.users} if count(input.users) == count(email_keys)

users_with_key := {k: users | some k, users in users_by_key} if count(input.users) != count(email_keys)

email_keys := {u.email_key | some u in input.users}

# Positions in input.users by email key (a set per key), for rules that need a few users by key: cheaper to
# build than users_with_key, whose sets hash every whole user (100,000 users: 1.6 s in WASM). Linear in both
# evaluators, like users_with_key.
user_indexes_by_key := {u.email_key: {i} | some i, u in input.users} if count(input.users) == count(email_keys)

user_indexes_by_key := {k: indexes | some k, indexes in indexes_by_key} if count(input.users) != count(email_keys)

indexes_by_key[u.email_key] contains i if some i, u in input.users

# Users holding Workspace Owner, directly or via a group.
owners := [u | some u in input.users; u.is_owner]

# Admin-level users: owners, or holders of any role whose name ends in " Admin".
admins := [u | some u in input.users; u.is_admin]
