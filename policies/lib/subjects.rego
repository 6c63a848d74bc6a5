# Finding subjects and user indexes.
package uar.lib

user_subject(u) := {"type": "user", "id": u.id, "email": u.email}

workspace_subject := {"type": "workspace", "id": input.workspace.id}

invite_subject(email) := {"type": "invite", "email": email}

# Users by email key (a set per key: two accounts may share a key).
users_by_key[u.email_key] contains u if some u in input.users

# Users holding Workspace Owner, directly or via a group.
owners := [u | some u in input.users; u.is_owner]

# Admin-level users: owners, or holders of any role whose name ends in " Admin".
admins := [u | some u in input.users; u.is_admin]
